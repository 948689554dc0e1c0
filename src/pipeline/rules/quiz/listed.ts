/**
 * Which checked true/false statements may be options of a multiple-answer item ("select all that apply"): in a
 * list of four, a statement must stand on its own even more than alone. The multiple-answer maker
 * (quiz/kinds/multiple-answer.ts) lists a statement no rule of {@link LISTED_RULES} catches.
 */
import { isAnalysed, type LanguageProfile } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import { standaloneProblem } from '../sentences/standalone.ts';

export interface ListedRule extends Rule {
  fails(statement: string, lang: LanguageProfile): boolean;
}

export const LISTED_RULES: readonly ListedRule[] = [
  {
    id: 'listed/leans',
    why: 'A note, a caption, a section pointer, "such", "Finally" or "Thus" lean on what came before: in a list of four, nothing came before.',
    reject: [
      'Note that the cache is flushed when the program exits.',
      'Finally, the results are written to the output file.',
      'The options are described in section 4 of the manual.',
      'The library package can help you to cope with this kind of situation.',
      'For the latter, you usually want to have unpatched upstream source.',
      'Other options are geographic coordinates or times.',
      'The ICC profile is defined by the structure given below.',
      'When the parameter is empty, it is the applied value.',
      'If set to 1, only the chapter level appears in the table of contents.',
      'Of course, one must not modify this value after the test sheets have been printed.',
      'In this example iteration is used both to generate a file name and a title.',
    ],
    keep: ['The cache is flushed when the program exits.'],
    fails: (s, lang) => lang.quizWords?.leaningStatement.test(s) ?? false,
  },
  {
    id: 'listed/not-standalone',
    why: 'A statement the summary rules would not show alone (a pointer to what came before, a fragment) cannot stand among others either: "The package installs its files…" asks which package.',
    reject: ['The package installs its files in the usual places.', 'They install the files of the package.'],
    keep: ['Debhelper installs the files of the package.'],
    fails: (s, lang) => isAnalysed(lang) && standaloneProblem(s, lang) !== null,
  },
  {
    id: 'listed/pronoun-first',
    why: 'A pronoun before any noun ("If you need them in your applications…") points at something only the text around it names (mpich manual).',
    reject: ['If you need them in your applications, you will have to ensure that they are available.'],
    keep: ['If your program rewrites its configuration files, do not make them conffiles.'],
    fails(s, lang) {
      if (!isAnalysed(lang) || !lang.quizWords) return false;
      const pronouns = lang.quizWords.pointerPronouns;
      for (const t of lang.analyser.tag(s)) {
        if (t.pos === 'NOUN' || t.pos === 'PROPN') return false;
        if (pronouns.has(t.lower)) return true;
      }
      return false;
    },
  },
  {
    id: 'listed/code',
    why: 'A statement with code in it (a declaration, a condition "v_set < 0", an array "v[i]") is read as code, not weighed as a claim; an API reference gave several (glpk graphs).',
    reject: [
      'The struct glp_arc has the following fields. glp_vertex *tail; Pointer to a vertex.',
      'If v_set < 0, a node having no incoming arcs is in set R.',
      'Element v[i] is a pointer to the i-th vertex of the graph.',
      '492 \\ifx\\ASYviewportwidth\\@empty 247 % write nothing!',
    ],
    keep: [
      'The routine glp_asnprob_lp builds the LP problem of the assignment problem.',
      'The command \\smash typesets a subformula with a height and depth of zero.',
    ],
    fails: (s) => /[;{}[\]≤≥<>=]|(?:^|\s)\*\w|\\@|\\ifx|\\\w+.*\\\w+.*\\\w+/u.test(s),
  },
  {
    id: 'listed/no-subject',
    why: 'A statement that opens with a verb in the third person ("Deletes vertices along with…", "Sets tics at the border…") lost its subject to a heading or a table (the tagger misses some, "Sets" read as a noun).',
    reject: ['Deletes vertices along with all incident arcs from the graph.'],
    keep: [
      'Use set xtics format to specify the appearance of the tick labels.',
      'The command sets tics at the border.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      const first = lang.analyser.tag(s)[0];
      return (
        first !== undefined && first.pos === 'VERB' && first.lemma !== first.lower && /s$/u.test(first.lower)
      );
    },
  },
  {
    id: 'listed/no-verb',
    why: 'A statement without a verb ("Ability to make use of device link profiles…", "Parameter taken from…") is a bullet or a caption: nothing is claimed to weigh (gs color management, dblatex).',
    reject: [
      'Ability to make use of device link ICC profiles for direct mapping of source colors.',
      'Parameter taken from the DocBook Project stylesheets.',
    ],
    keep: ['The parameter is taken from the DocBook Project stylesheets.'],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      const tags = lang.analyser.tag(s);
      const finite = tags.findIndex(
        (t, i) =>
          t.pos === 'AUX' ||
          (t.pos === 'VERB' && i > 0 && !/(?:ed|en|ing)$/u.test(t.lower) && tags[i - 1]!.pos !== 'PART'),
      );
      return finite < 0;
    },
  },
  {
    id: 'listed/two-sentences',
    why: 'Two sentences in one option ("…from standard output. This allows… from standard input.") are two claims to weigh at once, and the second may give away or contradict the first (gnuplot).',
    reject: [
      'The special filename "-" may be used to load commands from a file. This allows a command file to accept commands.',
    ],
    keep: ['The special filename "-" may be used to load commands from standard input.'],
    fails: (s) => /\p{Ll}\s?[.!?]\s+\p{Lu}/u.test(s.trim().replace(/[.!?]["'”’)]*$/u, '')),
  },
  {
    id: 'listed/extraction-marks',
    why: 'A footnote mark glued to the first word ("2This replaces…"), a running header inside ("…Fortran ones, and 3 QUICK START 2.") or a code of a list ("5 — some node has…") shows the extraction, not a statement (maint-guide, mpich, glpk).',
    reject: [
      '5 — some node has both incoming and outgoing arcs.',
      'The first line of a multline will be at 1Basic LaTeX does not provide it.',
      'Explanation: the operator name was misspelled.',
      'Question 4: A B C D Commands from the package print two questions.',
      '1.The stylesheet uses the XSLT document() function to open the file.',
      'CautionThere is a potential for incorrect links if the same id is used twice.',
      'Package amsmath Warning: Improper argument for math accent.',
      'For HRESULT_int, the low 32 bits of the result code are returned as a Caml int.)',
      '2This replaces the deprecated dh_movefiles command.',
      'MPICH1 required access to command line arguments in all programs, and 3 QUICK START 2.',
    ],
    keep: [
      'This replaces the deprecated dh_movefiles command.',
      'MPICH 3 starts 2 processes on each QUICK host.',
    ],
    fails: (s) =>
      /\d\.?\p{Lu}\p{Ll}|^\d+\s*[—–-]\s|^\p{Lu}\p{Ll}+:\s|\b(?:\p{Lu} ){3,}|^(?:Note|Caution|Warning|Tip|Important)\p{Lu}|\bWarning:/u.test(
        s,
      ) ||
      (/^\(|\)[.!?]?$/u.test(s.trim()) && !/\(.*\)/u.test(s)) ||
      /\b\d+\s+\p{Lu}{3,}(?:\s+\p{Lu}{3,})+\s+\d+\b/u.test(s),
  },
];
