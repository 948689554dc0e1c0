/**
 * The shape of a sentence fit for a summary or a quiz, in any language: 6–60 words (10–150 characters in CJK),
 * mostly letters, starting like a sentence and ending with terminal punctuation; not a table row, a dotted
 * table-of-contents line, a rule of repeated symbols, text in capitals or a bare URL. Run in the order of
 * {@link SHAPE_RULES}; the first that fails the sentence says why.
 */
import { countCjk, hasLetter, isBreak, scan } from '../../text/words.ts';
import type { Rule } from '../rule.ts';

/** Limits of a summary sentence. */
export const SENTENCE_WORDS = { min: 6, max: 60 } as const;
const CJK_CHARS = { min: 10, max: 150 } as const;

/** Words of a URL (they are not prose). */
const URL_PART = /^(?:https?|www|com|org|net|html?)$/i;

/** A sentence as the shape rules read it; its words are counted once, when a rule first asks. */
export class Shape {
  readonly text: string;
  private counted?: { words: string[]; cjk: number };

  constructor(
    sentence: string,
    private readonly scanned: readonly string[],
    /** A list item: its terminal punctuation may be missing, as in the items of a slide's list. */
    readonly listItem: boolean,
  ) {
    this.text = sentence.trim();
  }

  /** Words of the scan, without punctuation and URL parts. */
  get words(): string[] {
    return this.count().words;
  }

  /** CJK characters of the text. */
  get cjk(): number {
    return this.count().cjk;
  }

  private count() {
    this.counted ??= {
      words: this.scanned.filter((t) => !isBreak(t) && !URL_PART.test(t)),
      cjk: countCjk(this.text),
    };
    return this.counted;
  }
}

/** An example of a shape rule: a sentence, or a list item (`{ item }`: it may lack its full stop). */
export type ShapeExample = string | { item: string };

export interface ShapeRule extends Rule<ShapeExample> {
  /** True when the sentence fails the rule. */
  fails(s: Shape): boolean;
}

/** Terminal punctuation, with closing quotes and brackets, at the end of a trimmed text. */
const TERMINAL = /[.!?。．｡！？]["'”’)」』]*$/u;

/**
 * True when a text ends like a sentence. A list item fit to show (see {@link shapeProblem}) is fit as a sentence
 * when this is also true: the item's missing full stop is all the two checks tell apart.
 */
export const endsLikeSentence = (text: string): boolean => TERMINAL.test(text.trim());

// The rules' patterns, made once: a literal in a rule's body is a new RegExp at every sentence.
const LEADER_OR_TABLE_LINE = /\.{4,}|(?:\. ){3,}|\||([^\p{L}\p{N}\s])\1{3,}/u;
const STARTS_LOWER = /^\p{Ll}/u;
const LEADS_ON = /[:;,]$/u;
const THREE_CAPITALS = /\p{Lu}{3}/u;
const CAPITAL = /\p{Lu}/gu;
const SMALL = /\p{Ll}/gu;

function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) n++;
  return n;
}

export const SHAPE_RULES: readonly ShapeRule[] = [
  {
    id: 'shape/leader-or-table-line',
    why: 'A line of a table of contents ("Introduction ...... 12"), a table row read as text ("a | b | c") or a rule of repeated symbols is no sentence.',
    reject: [
      'Introduction ................................................ 12',
      'Debugging Valgrind with GDB ~~~~~~~~~~~~~~~~~~~ To debug it, run it.',
      'The option | the default | the meaning of each of them.',
    ],
    keep: ['The Calvin cycle fixes carbon dioxide into sugar... slowly at night.'],
    fails: (s) => LEADER_OR_TABLE_LINE.test(s.text),
  },
  {
    id: 'shape/starts-lower-case',
    why: 'A sentence that starts in lower case is the rest of one cut by a column or a page ("continued from the previous page…").',
    reject: ['continued from the previous page of the chapter here.'],
    keep: [
      'The Calvin cycle fixes carbon dioxide into sugar.',
      '"Quoted" words open this sentence well enough.',
    ],
    fails: (s) => STARTS_LOWER.test(s.text),
  },
  {
    id: 'shape/no-terminal-punctuation',
    why: 'Text that does not end like a sentence is a heading, a label or a line cut off; a list item may lack its full stop.',
    reject: ['Tables, SQL, transactions and indexes in a short course'],
    keep: [
      'The Calvin cycle fixes carbon dioxide into sugar.',
      'Is the program running as root on this machine?',
      '光合作用は葉緑体の中で行われる反応です。',
      { item: 'Examine factors that explain healthcare system choice and costs' },
    ],
    fails: (s) => !(s.listItem || TERMINAL.test(s.text)),
  },
  {
    id: 'shape/item-leads-on',
    why: 'A list item ending in a colon, a semicolon or a comma introduces or continues another: it says nothing alone.',
    reject: [{ item: 'The following options are read by every tool of the suite:' }],
    keep: [{ item: 'Examine factors that explain healthcare system choice and costs' }],
    fails: (s) => s.listItem && LEADS_ON.test(s.text),
  },
  {
    id: 'shape/length',
    why: 'Under six words says too little to learn from; over sixty is several sentences or a list run together. CJK text is counted in characters (10–150).',
    reject: ['Too short to matter.', `${'word '.repeat(70)}end.`, '光合作用です。'],
    keep: ['The Calvin cycle fixes carbon dioxide into sugar.', '光合作用は葉緑体の中で行われる反応です。'],
    fails(s) {
      if (s.cjk > s.text.length / 3) return s.cjk < CJK_CHARS.min || s.cjk > CJK_CHARS.max;
      return s.words.length < SENTENCE_WORDS.min || s.words.length > SENTENCE_WORDS.max;
    },
  },
  {
    id: 'shape/mostly-numbers',
    why: 'A row of a table read as a line is mostly numbers ("Table 3: 12 45 67 89 …").',
    reject: ['Table 3: 12 45 67 89 10 11 12 13 14.'],
    keep: ['In 2004 the program served many veterans in twelve states.'],
    fails(s) {
      const numbers = s.words.filter((w) => !hasLetter(w)).length;
      return numbers > s.words.length * 0.3;
    },
  },
  {
    id: 'shape/shouted',
    why: 'Text mostly in capitals is a form\'s instruction or a heading run into its text, which a summary or a question would shout (the malaria survey\'s "VERIFIQUE SE MULHER TEM…").',
    reject: ['VERIFIQUE SE MULHER TEM UMA CRIANÇA DE MENOS DE 5 ANOS E SE SIM CONTINUE.'],
    keep: ['The VA and CMS share ICD-9 codes with the NCI registry every year.'],
    fails(s) {
      // Most sentences have no three capitals in a row: they are not shouted, and need no count.
      if (!THREE_CAPITALS.test(s.text)) return false;
      const upper = s.text.match(CAPITAL)?.length ?? 0;
      const letters = upper + (s.text.match(SMALL)?.length ?? 0);
      return letters >= 20 && upper > letters * 0.6;
    },
  },
  {
    id: 'shape/few-letters',
    why: 'A sentence is mostly letters; one that is mostly symbols, digits or a URL is code or a reference.',
    reject: ['See https://example.com/a/b/c/d for more.', 'Run x = f(a, b) + g(c) * 2 ~ h(d) / 4 now.'],
    keep: ['The Calvin cycle fixes carbon dioxide into sugar.'],
    fails(s) {
      let letters = 0;
      for (const w of s.words) if (hasLetter(w)) letters += w.length;
      return letters < nonSpaceLength(s.text) * 0.65;
    },
  },
];

/** The first shape rule `sentence` fails, or null. `scanned` is its {@link scan}, when known. */
export function shapeProblem(
  sentence: string,
  scanned: readonly string[] = scan(sentence),
  listItem = false,
): ShapeRule | null {
  const shape = new Shape(sentence, scanned, listItem);
  for (const rule of SHAPE_RULES) if (rule.fails(shape)) return rule;
  return null;
}

/**
 * True for a sentence fit for a summary or a quiz (see {@link SHAPE_RULES}). `listItem`: the terminal
 * punctuation may be missing, as in the items of a slide's list.
 */
export const isGoodSentence = (sentence: string, scanned?: readonly string[], listItem = false): boolean =>
  shapeProblem(sentence, scanned, listItem) === null;
