/**
 * A sentence that is really two, or a line of another column or a heading spliced into one: extraction glues
 * text that a reader sees apart. Any rule of {@link GLUED_RULES} that catches a sentence keeps it from standing
 * alone (and keeps two sentences from being joined into one).
 */
import type { Token } from '../../language/analyser.ts';
import { SENTENCE_OPENERS } from '../../language/en/vocabulary.ts';
import { ENUMERATOR } from '../../language/xx/index.ts';
import { isAbbreviation } from '../../text/sentences.ts';
import type { Rule } from '../rule.ts';

export interface GluedRule extends Rule {
  /** True when the sentence (with its English tags) is glued this way. */
  glued(sentence: string, tokens: readonly Token[]): boolean;
}

/** True when some token is a verb or an auxiliary: a clause, not a label or a list of names. */
export const hasVerb = (tokens: readonly Token[]): boolean =>
  tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');

/**
 * True when a run of words comes twice: right after itself ("Delete cases w/ Delete cases w/", text drawn twice
 * for a shadow) or, five words long, anywhere in a line without a verb (a table row whose cells repeat; prose
 * may name "the Secretary of Veterans Affairs" twice).
 */
export function repeatsItself(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => WORD_CHARACTER.test(t.text)).map((t) => t.lower);
  for (let k = 2; k <= 6; k++)
    for (let i = 0; i + 2 * k <= words.length; i++) {
      let j = 0;
      while (j < k && words[i + j] === words[i + k + j]) j++;
      if (j === k) return true;
    }
  if (hasVerb(tokens)) return false;
  const seen = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i++) {
    const gram = words.slice(i, i + 5).join(' ');
    if (seen.has(gram)) return true;
    seen.add(gram);
  }
  return false;
}

const BRACKETED_ENUMERATOR = new RegExp(`\\(${ENUMERATOR}\\)`, 'gu');
const ENUMERATOR_BEFORE_CAPITAL = new RegExp(`\\p{Ll}\\s+\\(${ENUMERATOR}\\)\\s+\\p{Lu}`, 'u');
const LOWER_WORD = /^\p{Ll}+$/u;
const CAPITALS = /^\p{Lu}{2,}$/u;
// The rules' patterns, made once (a literal in a rule's body is a new RegExp at every sentence). Some rules
// first look for a character their pattern cannot match without, which most sentences lack.
const FULL_STOP_WITHOUT_SPACE = /\p{Ll}{2}[.!?]\p{Lu}\p{Ll}/u;
const BULLET_INSIDE = /\s[•▪●◦]\s/u;
const DOT_SPACE = /\.\s/u;
const RUN_IN = /(\p{Ll}{4,})\.\s+\p{Ll}{4,}/gu;
const SECTION_NUMBER_INSIDE = /\p{L}[,;]?\s[0-9]{3,4}\.[0-9]{1,3}\s\p{Lu}/u;
const RUN_IN_HEADING = /\p{Lu}{2,}(?:\s+\p{Lu}{2,})+\s*\.?—/u;
const CAPTION_INSIDE = /\p{Ll}[.,;:]?\s+(?:Figure|Fig\.|Table|Listing)\s+[0-9]+(?:[.-][0-9]+)*[.:]\s/u;
const LIST_ITEM_INSIDE = /\p{Ll}[,;:]?\s+(?:[0-9]{1,2}|[a-z])\)\s+\p{Lu}\p{Ll}/u;
const CAPITALISED = /^\p{Lu}\p{Ll}*$/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

export const GLUED_RULES: readonly GluedRule[] = [
  {
    id: 'glued/full-stop-without-space',
    why: 'Two sentences whose space extraction lost: "…stored in pages.The index…".',
    reject: ['The rows are stored in pages.The index points to them.'],
    keep: ['The rows are stored in pages. The index points to them.', 'Use os.path to join the file names.'],
    glued: (sentence) => FULL_STOP_WITHOUT_SPACE.test(sentence),
  },
  {
    id: 'glued/bullet-inside',
    why: 'A bullet inside a sentence is the next list item run into it.',
    reject: ['Valgrind checks memory • Callgrind profiles the calls of the program.'],
    keep: ['Valgrind checks memory and Callgrind profiles the calls of the program.'],
    glued: (sentence) => BULLET_INSIDE.test(sentence),
  },
  {
    id: 'glued/column-run-in',
    why: 'A line of the other column run in: a full stop after a word (not an abbreviation) before a lower-case one (the CFR: "If the mines appropriate. applicant desires…").',
    reject: [
      'If the mines appropriate. applicant desires, he may amend the application to meet the requirements.',
    ],
    keep: ['The values are approx. twice as large as the ones of the first table.'],
    glued(sentence) {
      // Most sentences have no full stop before a space: one quick test says so without an iterator.
      if (!DOT_SPACE.test(sentence)) return false;
      for (const m of sentence.matchAll(RUN_IN)) if (!isAbbreviation(m[1]!)) return true;
      return false;
    },
  },
  {
    id: 'glued/lone-enumerator',
    why: 'A lone enumerator before a capital after a lower-case word is the next item of another column ("… who handles an (j) The following…"); two enumerators make a list ("(a) French and (b) German").',
    reject: [
      'Any other person who handles an (j) The following substances are designated as exempt preparations.',
    ],
    keep: [
      'The rule applies to each registrant described in paragraph (d) of this section.',
      'Students choose (a) French and (b) German as their languages.',
    ],
    glued(sentence) {
      if (!sentence.includes('(')) return false;
      const enumerators = sentence.match(BRACKETED_ENUMERATOR) ?? [];
      return enumerators.length === 1 && ENUMERATOR_BEFORE_CAPITAL.test(sentence);
    },
  },
  {
    id: 'glued/repeated-run',
    why: 'Text drawn twice (a shadow: "Delete cases w/ Delete cases w/") or a table row whose cells repeat.',
    reject: ['Delete cases w/ Delete cases w/ missing values from the file.'],
    keep: [
      'The Secretary of Veterans Affairs decides, and the Secretary of Veterans Affairs will sign the order.',
    ],
    glued: (_, tokens) => repeatsItself(tokens),
  },
  {
    id: 'glued/section-number-inside',
    why: 'A heading of the other column spliced in: a section number mid-sentence (the CFR\'s "… 1309.44 Suspension pending…").',
    reject: ['Suspension of registration 1309.44 Suspension pending final order of the Administrator.'],
    keep: ['The rate rose from 1309.44 dollars to a new high in March.'],
    glued: (sentence) => SECTION_NUMBER_INSIDE.test(sentence),
  },
  {
    id: 'glued/run-in-heading',
    why: 'A heading in capitals run into its text with a dash ("NEWER MANAGEMENT DIRECTION.— If …").',
    reject: ['NEWER MANAGEMENT DIRECTION.— If the Secretary finds a need, the plan is revised.'],
    keep: ['The NEWER MANAGEMENT DIRECTION program is revised every year by the Secretary.'],
    glued: (sentence) => sentence.includes('—') && RUN_IN_HEADING.test(sentence),
  },
  {
    id: 'glued/capitals-between-words',
    why: 'A heading in capitals between lower-case words ("may not be APPLICATION FOR REGISTRATION effective").',
    reject: [
      'An order issued under this section may not be APPLICATION FOR REGISTRATION effective before the expiration of thirty days.',
    ],
    keep: [
      'The SELECT FROM WHERE statement reads the rows of a table.',
      'Run the LEFT OUTER JOIN on both tables.',
    ],
    glued(_, tokens) {
      for (let i = 1; i + 3 < tokens.length; i++) {
        const run: Token[] = [];
        for (let j = i; j < tokens.length && CAPITALS.test(tokens[j]!.text); j++) run.push(tokens[j]!);
        if (run.length < 3) continue;
        const [before, after] = [tokens[i - 1]!, tokens[i + run.length]];
        if (
          LOWER_WORD.test(before.text) &&
          !['DET', 'ADP'].includes(before.pos) &&
          after &&
          LOWER_WORD.test(after.text)
        )
          return true;
        i += run.length;
      }
      return false;
    },
  },
  {
    id: 'glued/caption-inside',
    why: 'A figure or table caption run into a sentence ("… is shown below. Figure 3: Plot of…", "…values Table 2. Options of…") is two texts glued by extraction.',
    reject: ['The output of the command is shown below Figure 3: Plot of the sine function over one period.'],
    keep: ['The output of the command is shown in Figure 3 of the manual.'],
    glued: (sentence) =>
      (sentence.includes('Fig') || sentence.includes('Table') || sentence.includes('Listing')) &&
      CAPTION_INSIDE.test(sentence),
  },
  {
    id: 'glued/list-item-inside',
    why: 'The next item of a list run into a sentence after an enumerator ("… as follows: a) Install the package…").',
    reject: ['The steps are as follows: a) Install the package and run the configuration script.'],
    keep: ['The steps (installing the package and running the script) take a minute.'],
    glued: (sentence) => sentence.includes(')') && LIST_ITEM_INSIDE.test(sentence),
  },
  {
    id: 'glued/opener-after-word',
    why: 'A capitalised opener ("The", "It", "If") right after a lower-case word where the model sees a sentence start: a heading or list item run into the next line.',
    reject: ['Patients are seen in the clinic The VA pays for the care of every veteran.'],
    keep: ['The VA pays for the care of every veteran in the program.'],
    glued(_, tokens) {
      for (let i = 2; i < tokens.length - 2; i++) {
        const t = tokens[i]!;
        const before = tokens[i - 1]!;
        if (!SENTENCE_OPENERS.has(t.lower) || !CAPITALISED.test(t.text)) continue;
        if (!LOWER_WORD.test(before.text) || before.pos === 'DET' || before.pos === 'ADP') continue;
        const next = tokens[i + 1]!;
        if (['a', 'the', 'this', 'these', 'an'].includes(t.lower)) {
          if (next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'PROPN') return true;
        } else if (next.pos === 'VERB' || next.pos === 'AUX' || next.pos === 'PRON' || next.pos === 'DET')
          return true;
      }
      return false;
    },
  },
];

/** True when the sentence is glued in one of the ways of {@link GLUED_RULES}. */
export const isGlued = (sentence: string, tokens: readonly Token[]): boolean =>
  GLUED_RULES.some((rule) => rule.glued(sentence, tokens));
