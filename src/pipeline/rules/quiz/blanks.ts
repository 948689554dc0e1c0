/**
 * Where a blank may go in an English sentence ({@link HEAD_RULES}: a key term standing as a whole noun phrase)
 * and what makes a fill-in-the-blank item unsafe ({@link BLANK_RULES}). The cloze maker tries the sentence's
 * terms in turn and keeps the first item no rule catches; the options' kinds are checked by the item rules
 * `item/options-fit-the-blank` and `item/answer-alone-differs` (items.ts).
 *
 * Examples of head rules mark the term in brackets: "a [primary key] identifies…". Examples of blank rules are
 * the stem with its blank, and its answer after " => ".
 */
import type { Token } from '../../language/index.ts';
import { tokensIn } from '../../text/kinds.ts';
import type { Rule } from '../rule.ts';

/** A term where it stands in a tagged sentence: [start, end), and the tokens around it. */
export interface TermPlace {
  text: string;
  tags: readonly Token[];
  start: number;
  end: number;
  inside: Token[];
  before: Token | undefined;
  next: Token | undefined;
}

export interface HeadRule extends Rule {
  /** True when the term at this place is not a whole noun phrase this way. */
  fails(p: TermPlace): boolean;
}

const capital = (t: Token | undefined) => t !== undefined && /^\p{Lu}/u.test(t.text) && /\p{L}/u.test(t.text);

export const HEAD_RULES: readonly HeadRule[] = [
  {
    id: 'head/not-read',
    why: 'A term whose tokens the analyser does not find where it stands cannot be blanked safely.',
    reject: ['The [   ] table is read.'],
    keep: ['A [primary key] identifies every row.'],
    fails: (p) => p.inside.length === 0,
  },
  {
    id: 'head/hyphenated',
    why: 'A term followed by a hyphen is the first part of a compound ("primary-key constraint"): blanking it splits the compound.',
    reject: ['Every [primary]-key constraint is checked.'],
    keep: ['A [primary key] identifies every row.'],
    fails: (p) => p.next !== undefined && p.next.start === p.end && p.next.text === '-',
  },
  {
    id: 'head/after-modifier',
    why: 'A term right after a noun, an adjective or a number is the end of a longer phrase ("a dirty [read]"): the blank would ask for half of it.',
    reject: ['A dirty [read] sees uncommitted data.'],
    keep: ['The [read] returns uncommitted data.'],
    fails: (p) =>
      p.before !== undefined &&
      ['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(p.before.pos) &&
      p.before.end + 1 >= p.start,
  },
  {
    id: 'head/inside-name',
    why: 'A term inside a name in capitals ("Structured Query [Language]") is part of the name.',
    reject: ['The Structured Query [Language] is the standard.'],
    keep: ['[Language] matters to every reader of the manual.'],
    fails: (p) =>
      (capital(p.before) && p.before!.start > 0) ||
      (capital(p.next) && /^\s*$/u.test(p.text.slice(p.end, p.next!.start))),
  },
  {
    id: 'head/before-noun',
    why: 'A term right before a noun is a modifier ("the [table] scan"): the phrase goes on.',
    reject: ['The [table] scan reads every row.'],
    keep: ['The [table] is scanned row by row.'],
    fails: (p) => p.next !== undefined && (p.next.pos === 'NOUN' || p.next.pos === 'PROPN'),
  },
];

/** The term at [start, end) of a tagged sentence, with its neighbours. */
export function placeOf(text: string, tags: readonly Token[], start: number, end: number): TermPlace {
  return {
    text,
    tags,
    start,
    end,
    inside: tokensIn(tags, start, end),
    next: tags.find((t) => t.start >= end),
    before: [...tags].reverse().find((t) => t.end <= start),
  };
}

/** True when [start, end) is a whole noun phrase (after its article): no rule of {@link HEAD_RULES} catches it. */
export const isHeadAt = (tags: readonly Token[], text: string, [start, end]: [number, number]): boolean => {
  const place = placeOf(text, tags, start, end);
  return !HEAD_RULES.some((rule) => rule.fails(place));
};

/** A fill-in-the-blank stem and its answer. */
export interface BlankDraft {
  /** The sentence with the blank ("_____") in place of the answer. */
  stem: string;
  answer: string;
  /** Text after the blank. */
  after: string;
}

export interface BlankRule extends Rule {
  fails(b: BlankDraft): boolean;
}

/** "(b)", "(iv)", "(A)", "(12a)" or a number; not an acronym in brackets ("adenosine triphosphate (ATP)"). */
const LABEL = /^\s*(?:\((?:[a-z]|[ivx]{1,4}|[A-Z]|[0-9]{1,3}[a-z]?)\)|[0-9])/u;

/**
 * True when `rest`, the text after a word, opens with a label: "paragraph (i)", "section 106", "Definition 81".
 * That word names a part of the text, not what it says: no blank for it.
 */
export const opensWithLabel = (rest: string): boolean => LABEL.test(rest);

export const BLANK_RULES: readonly BlankRule[] = [
  {
    id: 'blank/before-label',
    why: 'The word before a label ("described in _____ (i)", "under _____ 106", "_____ 81 Sei D…") names a part of the text, not what it says (the CFR, H.R. 1904 and the topology notes had such blanks).',
    reject: [
      'The duties are described in _____ (i) of this part. => paragraph',
      'Funds are granted under _____ 106 of the Act. => section',
    ],
    keep: ['The enzyme makes _____ (ATP) in the cell. => adenosine triphosphate'],
    fails: (b) => opensWithLabel(b.after),
  },
  {
    id: 'blank/answer-in-stem',
    why: 'The answer (or its plural) elsewhere in the stem gives it away.',
    reject: ['A _____ identifies every row, and every table has one primary key. => primary key'],
    keep: ['A _____ identifies every row of a table. => primary key'],
    fails: (b) => b.stem.toLowerCase().includes(b.answer.toLowerCase()),
  },
];

/** The first rule of {@link BLANK_RULES} the stem fails, or null. */
export const blankRule = (b: BlankDraft): BlankRule | null =>
  BLANK_RULES.find((rule) => rule.fails(b)) ?? null;
