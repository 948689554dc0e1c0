/**
 * Whether an English sentence can stand on its own in a summary or a question, run in the order of
 * {@link STANDALONE_RULES}: it is a whole sentence (not a fragment, a heading run into text or an entry of a
 * table of contents), it does not lean on what came before ("It", "This is", "See below"), it is one sentence
 * (not two glued together, see glued.ts), and no word in it was split apart by the PDF's text extraction.
 */

import {
  CONDITIONAL_AUXILIARIES,
  CONTENTS_ENTRY,
  CROSS_REFERENCE,
  DEMONSTRATIVE,
  DOCUMENT_PARTS,
  EXPLETIVE_IT,
  FINITE_AUXILIARIES,
  POINTER,
} from '../../language/en/vocabulary.ts';
import { type AnalysedLanguage, isNominal, type Token } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import { hasVerb, isGlued } from './glued.ts';

export { hasVerb, isGlued, repeatsItself } from './glued.ts';

/** Why a sentence cannot stand alone (the kinds `npm run eval:quality` counts). */
export type StandaloneProblem = 'pointer' | 'glued' | 'split-word' | 'fragment';

export interface StandaloneRule extends Rule {
  readonly problem: StandaloneProblem;
  /** True when the sentence (trimmed, with its tags) fails the rule. */
  fails(text: string, tokens: readonly Token[], lang: AnalysedLanguage): boolean;
}

/**
 * True when at least 60% of the words (tokens with letters; at least `minWords` of them) start with a
 * capital: a title-case heading or a row of labels, not a sentence.
 */
export function mostlyCapitalised(tokens: readonly Token[], minWords = 0): boolean {
  let words = 0;
  let capitalised = 0;
  for (const t of tokens) {
    if (!HAS_LETTER.test(t.text)) continue;
    words++;
    if (STARTS_CAPITAL.test(t.text)) capitalised++;
  }
  return words >= minWords && capitalised * 10 >= words * 6;
}

const HAS_LETTER = /\p{L}/u;
const STARTS_CAPITAL = /^\p{Lu}/u;

/** An entry of a table of contents by section number: "Sec. 401. Accelerated information gathering …". */
export const isContentsEntry = (text: string): boolean => CONTENTS_ENTRY.test(text.trim());

/** True when the sentence opens with a word that points back at an earlier one. */
export function opensWithPointer(sentence: string): boolean {
  const text = sentence.trim().replace(/^["'“‘(]+/u, '');
  if (POINTER.test(text)) return !EXPLETIVE_IT.test(text);
  const m = DEMONSTRATIVE.exec(text);
  return m !== null && !DOCUMENT_PARTS.test(m[1]!);
}

/**
 * "COMMIT ends it successfully": a pronoun that is the object of the first verb points at something named
 * before the sentence (it cannot be the subject of its own clause).
 */
const SUBJECT_TAGS: ReadonlySet<string> = new Set(['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM']);

export function objectPointer(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && i < 5 && SUBJECT_TAGS.has(tokens[i]!.pos)) i++;
  if (i === 0 || tokens[i]?.pos !== 'VERB') return false;
  const next = tokens[i + 1]?.lower;
  return next === 'it' || next === 'them' || next === 'its' || next === 'their';
}

/**
 * Pairs of neighbouring tokens that are one word split by extraction ("op erations", "p erformed", "imp
 * ortant"): together a word of the lexicon, apart at least one of them not.
 */
export function splitWords(tokens: readonly Token[], lang: AnalysedLanguage): [Token, Token][] {
  const out: [Token, Token][] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i]!, tokens[i + 1]!];
    // The cheap checks first: this runs on every pair of words of the document's running text.
    if (b.start !== a.end + 1 || (a.known && b.known) || a.text.length + b.text.length < 4) continue;
    if (!LETTERS.test(a.text) || !LOWER_LETTERS.test(b.text)) continue;
    if (lang.analyser.isWord(a.text + b.text)) out.push([a, b]);
  }
  return out;
}

const LETTERS = /^\p{L}+$/u;
const LOWER_LETTERS = /^\p{Ll}+$/u;

/** `text` with its split words joined again (the offsets of `tokens` are in `text`). */
export function joinSplitWords(text: string, tokens: readonly Token[], lang: AnalysedLanguage): string {
  const pairs = splitWords(tokens, lang);
  if (pairs.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const [a] of pairs) {
    out += text.slice(cursor, a.end);
    cursor = a.end + 1;
  }
  return out + text.slice(cursor);
}

/** The rule that a sentence opening with a pointer fails: it leans on the one before (it may be joined to it). */
export const pointerOpening: StandaloneRule = {
  id: 'standalone/pointer-opening',
  problem: 'pointer',
  why: 'A sentence that opens with a pronoun or a connective ("It specifies…", "This is occasionally useful…", "However, …") means nothing without the one before it.',
  reject: [
    'It specifies the isolation level of the session.',
    'This is occasionally useful when debugging leaks.',
    'See below for the list of options that apply.',
    'However, the table is read only once by the tool.',
  ],
  keep: [
    'This manual describes how to use Valgrind on Linux.',
    'It is possible to attach a debugger to the running program.',
    'Items of the list are read in order by the tool.',
  ],
  fails: (text) => opensWithPointer(text),
};

/** The rule that "VERB it" fails: its pronoun points at something named before. */
export const pointingObject: StandaloneRule = {
  id: 'standalone/object-pointer',
  problem: 'pointer',
  why: 'A pronoun that is the object of the first verb ("COMMIT ends it successfully") points at something named before the sentence.',
  reject: ['COMMIT ends it successfully and makes its changes permanent.'],
  keep: ['COMMIT ends the transaction successfully and makes its changes permanent.'],
  fails: (_, tokens) => objectPointer(tokens),
};

// The rules' patterns, made once: a literal in a rule's body is a new RegExp at every sentence.
const WHOLE_START = /^["'“‘(]?[\p{Lu}\p{N}]/u;
const WHOLE_END = /[.!?]["'”’)\]]*$/u;
const FOOTNOTE_NUMBER = /^[0-9]{1,2}\s+\p{Lu}|^[0-9]+[),]/u;
const NUMBERED_HEADING = /^[0-9]+(?:\.[0-9]+)+\s+\p{Lu}/u;
const QUESTION_END = /\?["'”’)\]]*$/u;

export const STANDALONE_RULES: readonly StandaloneRule[] = [
  {
    id: 'standalone/not-a-whole-sentence',
    problem: 'fragment',
    why: 'A sentence starts with a capital or a digit and ends with terminal punctuation; anything else is a heading, a label or a piece of one.',
    reject: ['Tables, SQL, transactions and indexes: a short course', 'and then the program stops.'],
    keep: ['"Quoted" words open this sentence well enough.', '3 tables are read by the query.'],
    fails: (text) => !WHOLE_START.test(text) || !WHOLE_END.test(text),
  },
  {
    id: 'standalone/footnote-number',
    problem: 'fragment',
    why: 'A footnote or list number run into its text ("2 Data provided by…") or a reference cut off ("3842), to…").',
    reject: ['2 Data provided by Ward’s Automotive Reports.', '3842), to be used in the annual report.'],
    keep: ['2004 was the year the program began to serve veterans.'],
    fails: (text) => FOOTNOTE_NUMBER.test(text),
  },
  {
    id: 'standalone/numbered-heading',
    problem: 'fragment',
    why: 'A numbered heading run into its text ("1308.03 Administration Controlled Substances Code Number.").',
    reject: ['1308.03 Administration Controlled Substances Code Number.'],
    keep: ['3.5 percent of the patients were treated at home.'],
    fails: (text) => NUMBERED_HEADING.test(text),
  },
  {
    id: 'standalone/contents-entry',
    problem: 'fragment',
    why: 'An entry of a table of contents by section number ("Sec. 401. Accelerated information gathering …"): H.R. 1904 had them as summaries.',
    reject: ['Sec. 401. Accelerated information gathering for hazardous fuels reduction projects.'],
    keep: ['Section 3 describes the review process for every project.'],
    fails: (text) => isContentsEntry(text),
  },
  pointerOpening,
  pointingObject,
  {
    id: 'standalone/cross-reference',
    problem: 'pointer',
    why: 'A sentence that sends the reader elsewhere ("See footnotes at end of table.") says nothing itself.',
    reject: ['See footnotes at end of table.', 'For methodology, see Appendix III of the report.'],
    keep: ['Seeing the whole table at once helps the reader.'],
    fails: (text) => CROSS_REFERENCE.test(text),
  },
  {
    id: 'standalone/glued',
    problem: 'glued',
    why: 'Two sentences glued together, or text of another column spliced in (the rules of glued.ts).',
    reject: ['The rows are stored in pages.The index points to them.'],
    keep: ['The rows are stored in pages, and the index points to them.'],
    fails: (text, tokens) => isGlued(text, tokens),
  },
  {
    id: 'standalone/lacks-subject',
    problem: 'fragment',
    why: 'A statement in a question\'s word order without its subject ("Were eligible due to…", "Is pretty much the same as…") is the rest of a line whose subject was a heading or the bullet above. Instructions ("Do not…") and conditions ("Should a condition recur, …") stay.',
    reject: [
      'Were eligible due to special disability benefits.',
      'Can be used with any tool that reads memory.',
    ],
    keep: [
      'Do not run the program as root.',
      'Should a condition recur at the next visit, the diagnosis code is used.',
      'Is the program running as root?',
      'May 2020 was the month the program began.',
    ],
    fails(text, tokens) {
      const [first, next] = tokens;
      if (first?.pos !== 'AUX' || !FINITE_AUXILIARIES.has(first.lower) || QUESTION_END.test(text))
        return false;
      // "May 2020 was…": a month read as an auxiliary.
      if (next?.pos === 'NUM') return false;
      const subject = next && (next.pos === 'DET' || next.pos === 'PRON' || isNominal(next.pos));
      return !(CONDITIONAL_AUXILIARIES.has(first.lower) && subject && text.includes(','));
    },
  },
  {
    id: 'standalone/no-verb',
    problem: 'fragment',
    why: 'A sentence has a verb; a run of labels or table headings ending in a full stop does not.',
    reject: ['Orders Sales Average purchase amount (mil.) (bil. dol.).'],
    keep: ['The average purchase amount rose in every year.'],
    fails: (_, tokens) => !hasVerb(tokens),
  },
  {
    id: 'standalone/table-row',
    problem: 'fragment',
    why: 'A table row read as a line: mostly capitalised labels ("Prolonged Services Key Type of Patient Code…").',
    reject: ['Prolonged Services Key Type of Patient Code Number Is Used For Each Visit.'],
    keep: ['The VA and CMS share ICD-9 codes with the NCI registry every year.'],
    fails: (_, tokens) => mostlyCapitalised(tokens, 8),
  },
  {
    id: 'standalone/split-word',
    problem: 'split-word',
    why: 'A word split apart by the PDF\'s text extraction ("op erations") reads as two nonsense words.',
    reject: ['The op erations were p erformed in an imp ortant order.'],
    keep: ['The data base of the work flow is kept on the disk.'],
    fails: (_, tokens, lang) => splitWords(tokens, lang).length > 0,
  },
];

/** The first rule of {@link STANDALONE_RULES} that `sentence` fails, or null. `tokens` are its tags, when known. */
export function standaloneRule(
  sentence: string,
  lang: AnalysedLanguage,
  tokens: readonly Token[] = lang.analyser.tag(sentence),
): StandaloneRule | null {
  const text = sentence.trim();
  for (const rule of STANDALONE_RULES) if (rule.fails(text, tokens, lang)) return rule;
  return null;
}

/** Why `sentence` cannot stand alone, or null when it can. `tokens` are its tags, when known. */
export function standaloneProblem(
  sentence: string,
  lang: AnalysedLanguage,
  tokens?: readonly Token[],
): StandaloneProblem | null {
  return standaloneRule(sentence, lang, tokens)?.problem ?? null;
}
