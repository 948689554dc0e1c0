/**
 * Statements a multiple-answer item lists (and a numerical item blanks) that only the text around them resolves:
 * a code noun with no name ("the variable", a macro entry's "of argument"), a count standing for a unit the
 * sentence before named ("Six places is 0.11 m"), a signpost ("is described next"), a change-log line, and the
 * figures of a worked example (an unnamed data set, its statistics, a fitted model's estimates, a figure's
 * curves). Set 11's fault classes (reading.md, "The eleventh reading"); part of {@link LISTED_RULES}
 * (rules/quiz/listed.ts), declared here as subjects.ts's are.
 */
import { isAnalysed, type LanguageProfile, type Token } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import { compoundNoun } from './steps.ts';

interface UnresolvedRule extends Rule {
  fails(statement: string, lang: LanguageProfile): boolean;
}

/**
 * What ends a bare code noun's phrase ("the variable are used", "of argument."): a verb or a closing mark; a quote or a
 * bracket after it opens the name ("The command 'star true', the default, represents…": RasMol, fresh set 2).
 */
const ENDS_PHRASE = (t: Token) => t.pos === 'AUX' || (t.pos === 'PUNCT' && /^[.,;:!?)\]]$/u.test(t.text));

/** Number words a sentence may open on as a count. */
const COUNT =
  '(?:[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Ee]leven|[Tt]welve|\\d+)';

/** Verbs a change log opens its lines with, in the imperative or the past ("Support …", "Fixed …"). */
const CHANGE_LOG_OPENING =
  /^(?:Support|Fix|Add|Remove|Improve|Update|Rename|Deprecate|Implement|Optimi[sz]e|Revert|Correct)(?:e?d)?\s+(?!(?:is|are|was|were|of|for|to|can|may|will|must|should|and|or|has|have)\b)/u;

/** A verb of a clause of its own: not a participle ("Fixed bugs reported by users" is a change). */
const finiteVerb = (t: Token | undefined) =>
  t !== undefined && (t.pos === 'AUX' || (t.pos === 'VERB' && !/(?:ed|en|ing)$/u.test(t.lower)));

/**
 * Whether a change log's opening verb is a participle before a subject ("Supported formats include PNG",
 * "Improved caching makes builds faster"): the opening and nouns only ({@link compoundNoun}) before a verb of their
 * own, or one gerund the tagger reads as a verb then a verb in -s. The verb is found first: compoundNoun reads a verb
 * before a noun as a noun of the compound ("formats include PNG" as "Output file names"), and nouns up to the end
 * as a label ("Support arrays." is a change).
 */
function subjectAfterOpening(tags: readonly Token[]): boolean {
  const verb = tags.findIndex((t, i) => i > 1 && (t.pos === 'VERB' || t.pos === 'AUX'));
  if (verb > 1 && finiteVerb(tags[verb]) && compoundNoun(tags.slice(0, verb))) return true;
  const [, second, third] = tags;
  return (
    second?.pos === 'VERB' &&
    second.lower.endsWith('ing') &&
    third?.pos === 'VERB' &&
    third.lemma !== third.lower &&
    /[^s]s$/u.test(third.lower)
  );
}

/**
 * A subject that is an example's data: "The data consists of…", "the sample contains…" (which data?). "Data" and
 * "sample" are also a program's bytes ("The data is sent in network byte order", "The sample has 16 bits"): with
 * them only a verb of what an example holds or where it came from; a study's people are an example's whatever they do.
 */
const EXAMPLE_DATA =
  /(?:^|,\s+)[Tt]he\s+(?:(?:data(?:\s?set)?|dataset|sample)\s+(?:consists?\s+of|contains?|comes?\s+from|came\s+from|includes?|(?:is|are|was|were)\s+(?:collected|gathered|recorded|drawn|obtained|available\s+(?:from|within)))\b|(?:cohort|study|patients|subjects|participants|respondents)\s+(?:is|are|was|were|consists?|contains?|comes?|came|includes?|has|have|had|shows?|showed|suggests?|gives?|gave)\b)/u;

/**
 * A statistic of data the sentence does not name, given a figure or compared ("The mean age at diagnosis is 63
 * years", "The median number of visits is slightly higher for patients with…"). Else it is a quantity of the subject
 * ("The average complexity of quicksort is O(n log n)").
 */
const UNNAMED_STATISTIC =
  /(?:^|,\s+)[Tt]he\s+(?:mean|median|average|estimated|observed|fitted|predicted)\s+(?!(?:of|value|filter|square|free)\b)\p{Ll}+(?:\s+(?:at|of|in|for)\s+\p{Ll}+)?\s+(?:is|was|are|were)\s+(?:(?:about|approximately|around|only|just|over|under|nearly|almost|also|much|even|\p{Ll}+ly)\s+){0,3}(?:\d|(?:higher|lower|greater|smaller|larger|longer|shorter|more|less|better|worse)\b)/u;

/**
 * A fitted model's estimates: "rise 678.6 fold", "1.5 times as great as that for females", "a significant result",
 * a ratio given a number ("The hazard ratio for treatment is 0.7"; not a ratio's definition: "The odds ratio compares
 * the odds of an event in two groups").
 */
const MODEL_ESTIMATE =
  /\d\s?[-\s]fold\b|\btimes as (?:great|large|high|low|likely|much|many|big)\s+as\s+(?:that|those)\b|\b(?:hazard|odds|risk|rate) ratios?(?:\s+(?!(?:is|was|are|were|of)\b)[^\s.;:]+){0,5}\s*(?:\b(?:is|was|are|were|of|equals?)\s+(?:about\s+|approximately\s+|around\s+)?|=\s*)\d|\b(?:highly|statistically) significant\b|\bsignificant (?:results?|effects?|differences?)\b|\b(?:is|was|are|were) estimated (?:at|to be|as)\b/u;

/**
 * A figure's marks for a subject: "the curves estimate…", "The bars show…", "The panels show the residuals…" (which
 * figure?). Panels that display are a program's window's ("The panels display the current state of each channel").
 */
const FIGURE_SUBJECT =
  /(?:^|,\s+|\b(?:time|here|above|below|now)\s+)[Tt]he\s+(?:(?:curves?|plots?|graphs?|bars|dots)\s+(?:\p{Ll}+ly\s+)?(?:display|displays)|(?:curves?|plots?|graphs?|bars|panels?|dots)\s+(?:\p{Ll}+ly\s+)?(?:show|shows|estimate|estimates|represent|represents|indicate|indicates|depict|depicts|illustrate|illustrates|suggest|suggests|correspond|corresponds))\b/u;

/**
 * Where the text points ahead of the sentence: "is described next", "in the next section", "The next chapter
 * explains…". A command's or a document's next section ("The n command moves to the next section of the Info file")
 * is no signpost.
 */
const SIGNPOST =
  /\b(?:is|are|will be)\s+(?:\p{Ll}+ly\s+)?(?:described|explained|discussed|covered|shown|given|presented|treated|introduced|detailed|outlined|illustrated|listed|defined)\s+(?:next|later|afterwards|in what follows|in the (?:next|following|rest|remainder)\b)|\b(?:in|see|at)\s+(?:the|a) (?:next|following) (?:section|chapter|subsection|part|appendix)\b(?!\s+of\b)|^(?:The|A) (?:next|following) (?:section|chapter|subsection|part|appendix)\s+(?:describes|explains|discusses|covers|shows|presents|introduces|gives|lists|treats|details)\b/u;

/** A keyword, an option or code: "WITH", "-o", "BLANK(n)", "x0", "'fix'". */
const KEYWORD_LIKE = String.raw`(?:\p{Lu}[\p{Lu}\p{N}_]+\b|--?[\p{L}\p{N}][\p{L}\p{N}_-]*|\S*[\p{L}\p{N}][_.=/(]\S*|['"‘“${'`'}]\S+['"’”${'`'}])`;
const KEYWORD_NOUN = '(?:keyword|subcommand|option|argument|parameter|setting)';

/**
 * An opening condition on a keyword, an option or an argument of a command or function ("If the WITH keyword is
 * omitted, …", "If AUTOMATIC (the default) is specified, …", "If the -o option is omitted, …", an entry's "If n is
 * omitted, …"): a keyword-like token, a bare name in lower case, "the" and a word before "keyword", "option"…, or
 * such a noun alone (zsh's "If the style is set, its value is used…"); not "the" and a common noun ("If the
 * timeout is omitted, the call blocks…" speaks of a kind of call). The group 1 is the rest of the sentence.
 */
const KEYWORD_CONDITION = new RegExp(
  String.raw`^(?:If|When|Unless)\s+(?:${KEYWORD_LIKE}|\p{Ll}[\p{L}\p{N}_]*|the\s+(?:${KEYWORD_LIKE}|[\p{L}\p{N}_-]+(?=\s+${KEYWORD_NOUN}\b)|(?:${KEYWORD_NOUN}|style|flag|switch)(?=\s)))(?:\s+${KEYWORD_NOUN})?\s+(?:\([^)]*\)\s+)?(?:is|are)\s+(?:not\s+)?(?:omitted|specified|given|present|absent|used|set)\b,?\s*(?:then\s+)?(.*)$`,
  'u',
);

export const UNRESOLVED_RULES: readonly UnresolvedRule[] = [
  {
    id: 'listed/keyword-condition',
    why: 'A condition on a keyword or option ("If the WITH keyword is omitted, then tests for all combinations of the listed variables are performed", "If AUTOMATIC (the default) is specified, then the epoch begins 69 years before the current date") is one line of a command\'s entry: the rest of the sentence names no command or program, so a learner cannot tell whose keyword it is (PSPP manual\'s T-TEST and SET EPOCH, fresh set 11).',
    reject: [
      'If the WITH keyword is omitted, then tests for all combinations of the listed variables are performed.',
      'If AUTOMATIC (the default) is specified, then the epoch begins 69 years before the current date.',
      'If the -q option is given, the banner is not printed.',
      'If n is omitted, a value of 1 is used.',
      'If the style is set, its value is used as the command to execute.',
    ],
    keep: [
      'If the -o option is omitted, GCC writes the output to a.out.',
      'If the WITH keyword is omitted, CORRELATIONS computes all pairs of the variables.',
      'If the file is not found, an error is reported.',
      'If the -q option is given, Octave starts without the banner.',
      'If the timeout is omitted, the call blocks until data arrives.',
    ],
    fails(s) {
      const rest = KEYWORD_CONDITION.exec(s.trim())?.[1];
      // A name in the rest (a capitalised word or code) says whose keyword it is.
      return rest !== undefined && !/\p{Lu}|[\p{L}\p{N}][_.()-]+[\p{L}\p{N}]/u.test(rest);
    },
  },
  {
    id: 'listed/unnamed-code-noun',
    why: 'A code noun with no name ("Only the first 8 characters of the variable are used", a macro entry\'s "Only 16 bits of argument are evaluated") is the variable or argument of the command or macro the paragraph\'s head names: listed or blanked, a learner cannot tell which (PSPP manual\'s FLIP, avr-libc\'s _FFS(), fresh set 11). A noun with its name ("the variable PATH", "the DROP subcommand", "the strchr() function") says which.',
    reject: [
      'Only the first 8 characters of the variable are used.',
      'Only 16 bits of argument are evaluted.',
      'The function returns a pointer to the matched character.',
      'If the option is omitted, 4 bytes are read.',
    ],
    keep: [
      'The variable PATH lists the directories searched for commands.',
      'The DROP subcommand deletes a specified list of variables from the active dataset.',
      'The strchr() function returns a pointer to the matched character or NULL.',
      'The command line holds at most 4096 characters.',
      'A function returns at most one value.',
      "The command 'star true', the default, represents each atom as a star.",
    ],
    fails(s, lang) {
      if (!isAnalysed(lang) || !lang.quizWords) return false;
      const tags = lang.analyser.tag(s);
      return tags.some((t, i) => {
        if (!lang.quizWords!.codeNouns.test(t.lower) || t.text !== t.lower) return false;
        const before = tags[i - 1]?.lower;
        const bare = before === 'the' || (before !== undefined && /^(?:of|to|for|from)$/u.test(before));
        const next = tags[i + 1];
        const ends =
          next === undefined ||
          ENDS_PHRASE(next) ||
          (next.pos === 'VERB' && /[^s]s$/u.test(next.lower) && next.lemma !== next.lower);
        return bare && ends;
      });
    },
  },
  {
    id: 'listed/bare-count-subject',
    why: 'A count for a subject with a verb in the singular ("Six places is 0.11 m") stands for a measure the sentence before named ("five decimal places [of degrees] is about 1.1 m"): alone it does not say six places of what (GPSBabel manual, fresh set 11). A count of a unit ("Eight bits is a byte") says its measure.',
    reject: [
      'Six places is 0.11 m, achievable via surveyor grade and differential corrected GPS.',
      '3 places is enough for a rough position.',
    ],
    keep: [
      'Eight bits is one byte.',
      'Two hours is the default timeout of the session.',
      'Six places are reserved for the name of the file.',
    ],
    fails(s, lang) {
      const m = new RegExp(`^${COUNT}\\s+(\\p{Ll}+s)\\s+(?:is|was)\\b`, 'u').exec(s.trim());
      return m !== null && !(lang.quizWords?.units.test(m[1]!) ?? false);
    },
  },
  {
    id: 'listed/signpost',
    why: 'A signpost ("The procedure for installing Octave from source on a Unix-like system is described next.", "… in the next section") says where the text goes on, true of the page and not of the subject: nothing a learner selects as a fact (GNU Octave manual, fresh set 11). `listed/leans` reads "below" and "the following".',
    reject: [
      'The procedure for installing Octave from source on a Unix-like system is described next.',
      'The format of the file is explained later.',
      'The options are covered in the next chapter.',
      'The next section describes the options of the compiler.',
      'Each option has a default value (see the following section).',
      'For a complete reference to the command language, have a look at the next section.',
    ],
    keep: [
      'The procedure for installing Octave from source needs a C++ compiler.',
      'The next command in the history is recalled with the down arrow.',
      'The n command moves to the next section of the Info file.',
    ],
    fails: (s) => SIGNPOST.test(s),
  },
  {
    id: 'listed/change-log-line',
    why: 'A line of a revision history ("Support local variables in named begin blocks.", "Fixed the crash on empty files.") is a change, in the imperative or the past, with no subject and no verb of its own: not a statement of the subject (Verilator manual\'s revision history, fresh set 11).',
    reject: [
      'Support local variables in named begin blocks.',
      'Fixed the crash on empty input files.',
      'Add the --build-jobs option for parallel builds.',
      'Fixed bugs reported by users.',
      'Support arrays.',
    ],
    keep: [
      'Support for local variables was added in version 4.',
      'Verilator supports IEEE DPI Context Functions.',
      'Fixed-point arithmetic is done in 16 bits.',
      'Update intervals are set in the configuration file.',
      'Supported formats include PNG and JPEG.',
      'Improved caching makes repeated builds faster.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang) || !CHANGE_LOG_OPENING.test(s.trim())) return false;
      const tags = lang.analyser.tag(s);
      return !tags.some((t) => t.pos === 'AUX') && !subjectAfterOpening(tags);
    },
  },
  {
    id: 'listed/example-data',
    why: "An example data set for a subject (\"The data consists of four binary variables: … the survival status after 10 years\") is the vignette's example, which the statement does not name: its figures are the example's, not the subject's (vcd strucplot vignette, fresh set 11).",
    reject: [
      'The data consists of four binary variables: the gender, the age, the treatment and the survival status after 10 years.',
      'In this study, the patients were followed for 5 years.',
      'The data were collected from 120 households in 2004.',
      'The data are available from the data archive of the journal.',
    ],
    keep: [
      'The data segment holds 64 KB of initialised variables.',
      'The Titanic data set consists of four variables.',
      'The data is sent in network byte order.',
      'The data are stored in column-major order.',
      'The sample has 16 bits.',
    ],
    fails: (s) => EXAMPLE_DATA.test(s),
  },
  {
    id: 'listed/unnamed-statistic',
    why: 'A statistic of data the statement does not name ("The mean age at diagnosis is 63 years, so death from other causes will be an important competing risk") is a result of the vignette\'s example data set (MGUS), not a quantity of the subject (survival vignette, fresh set 11).',
    reject: [
      'The mean age at diagnosis is 63 years, so death from other causes will be an important competing risk.',
      'The median survival was 8 months.',
      'The median age at onset was about 41 years.',
      'The median number of visits is slightly higher for patients with a private insurance.',
    ],
    keep: [
      'The mean of a vector is computed by the mean function.',
      'The median filter replaces each pixel by the median of 9 pixels.',
      'The mean value theorem holds for 2 variables.',
      'The average complexity of quicksort is O(n log n).',
    ],
    fails: (s) => UNNAMED_STATISTIC.test(s),
  },
  {
    id: 'listed/model-estimate',
    why: 'A fitted model\'s estimates ("Death rates rise 678.6 fold per decade of age and the death rate for males is 1.5 times as great as that for females", "a significant result") are read off R output beside the text: results of an example, not quantities the text states (survival and lmtest vignettes, fresh set 11).',
    reject: [
      'Death rates rise 678.6 fold per decade of age and the death rate for males is 1.5 times as great as that for females.',
      'The test leads to a significant result at the 5% level.',
      'The hazard ratio for treatment is 0.7.',
      'Treatment reduced the risk of death, with an odds ratio of 0.45.',
    ],
    keep: [
      'A page is 4 times as large as a block.',
      'The default significance level of the test is 5%.',
      'The cache holds 2 folders of 64 KB.',
      'The hazard ratio is the ratio of the hazard rates of two groups.',
      'The odds ratio compares the odds of an event in two groups.',
    ],
    fails: (s) => MODEL_ESTIMATE.test(s),
  },
  {
    id: 'listed/figure-subject',
    why: 'A figure\'s marks for a subject ("At each point in time the curves estimate the fraction of subjects currently in that state") speak of one figure the statement does not show (survival vignette\'s Figure 2.6, fresh set 11).',
    reject: [
      'At each point in time the curves estimate the fraction of subjects currently in that state.',
      'The bars show the number of cases in each group.',
      'The panels show the residuals from a conditional independence model, stratified by department.',
    ],
    keep: [
      'The plot command draws curves of functions and data.',
      'Survival curves estimate the fraction of subjects alive at each time.',
      'The panels display the current state of each channel.',
    ],
    fails: (s) => FIGURE_SUBJECT.test(s),
  },
];
