/**
 * Checks of a false true/false statement made from a true sentence by swapping a phrase: the statement must
 * have changed, the swap must not fall inside an identifier, quoted text or code, and what came in must be of
 * the same kind as what went out (a noun for a noun, plural for plural, a number for a number), or the result
 * is nonsense rather than a false statement a student has to think about. Each change is judged by
 * {@link SWAP_RULES} in order. `npm run eval:quality` counts nonsense false statements with them.
 *
 * An example is `true sentence => false statement`.
 */
import type { AnalysedLanguage, Token } from '../../language/index.ts';
import { kindAt, type PhraseKind } from '../../text/kinds.ts';
import type { Rule } from '../rule.ts';

export type SwapProblem =
  | 'unchanged'
  | 'identifier'
  | 'quoted'
  | 'name'
  | 'kind'
  | 'number'
  | 'not-content'
  | 'empty-range';

/** The spans that differ between two texts, by words: [start, end) in each. */
export interface Change {
  from: { start: number; end: number; text: string };
  to: { start: number; end: number; text: string };
}

const WORD = /\p{N}+(?:[.,]\p{N}+)*(?![\p{L}])|[\p{L}\p{N}]+(?:['’][\p{L}]+)?|[^\s\p{L}\p{N}]/gu;

function wordsWithOffsets(text: string): { w: string; start: number; end: number }[] {
  return [...text.matchAll(WORD)].map((m) => ({
    w: m[0].toLowerCase(),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

/** The changed spans from `a` to `b` (a word-level longest-common-subsequence diff). */
export function changes(a: string, b: string): Change[] {
  const x = wordsWithOffsets(a);
  const y = wordsWithOffsets(b);
  const n = x.length;
  const m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = x[i]!.w === y[j]!.w ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Change[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i]!.w === y[j]!.w) {
      i++;
      j++;
      continue;
    }
    const [i0, j0] = [i, j];
    while ((i < n || j < m) && !(i < n && j < m && x[i]!.w === y[j]!.w)) {
      if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) i++;
      else j++;
    }
    const span = (ws: typeof x, s: number, e: number, text: string) => {
      const start = s < e ? ws[s]!.start : s < ws.length ? ws[s]!.start : text.length;
      const end = s < e ? ws[e - 1]!.end : start;
      return { start, end, text: text.slice(start, end) };
    };
    out.push({ from: span(x, i0, i, a), to: span(y, j0, j, b) });
  }
  return out;
}

/** Characters that glue words into one identifier or path ("student_id", "os.path", "a/b", "x-y"). */
const GLUE = /[_./\\:#@$<>=-]/u;
const ALNUM = /[\p{L}\p{N}]/u;

/** Whether [start, end) of `text` sits inside an identifier, quotes or back-ticks. */
export function insideCode(text: string, start: number, end: number): 'identifier' | 'quoted' | null {
  const [b1, b2] = [text[start - 1] ?? ' ', text[start - 2] ?? ' '];
  const [a1, a2] = [text[end] ?? ' ', text[end + 1] ?? ' '];
  if (ALNUM.test(b1) || ALNUM.test(a1)) return 'identifier';
  if ((GLUE.test(b1) && ALNUM.test(b2)) || (GLUE.test(a1) && ALNUM.test(a2)) || a1 === '(')
    return 'identifier';
  const head = text.slice(0, start);
  for (const q of ['"', '`']) if ((head.split(q).length - 1) % 2 === 1) return 'quoted';
  const opens = (head.match(/[“‘]/gu) ?? []).length;
  const closes = (head.match(/[”’](?!\p{L})/gu) ?? []).length;
  return opens > closes ? 'quoted' : null;
}

/** True when [start, end) is a word of a capitalised name ("Structured Query Language"), not its whole. */
function insideName(text: string, start: number, end: number): boolean {
  const before = /(\p{Lu}\p{Ll}[\p{L}\p{N}]*)\s+$/u.exec(text.slice(0, start));
  const after = /^\s+(\p{Lu}\p{Ll}[\p{L}\p{N}]*)/u.exec(text.slice(end));
  const beforeIsName = before !== null && text.slice(0, start).trim().length > before[1]!.length;
  return /^\p{Lu}\p{Ll}/u.test(text.slice(start, end)) && (beforeIsName || after !== null);
}

/** A change from the true sentence to the statement, and the kinds of what went out and came in. */
export interface SwapReading {
  original: string;
  statement: string;
  change: Change;
  /** Kinds of the words that went out and came in, judged once, when a rule first asks. */
  kinds(): { out: PhraseKind; in: PhraseKind };
}

export interface SwapRule extends Rule {
  /** The problem a change has under this rule, or null. */
  problem(r: SwapReading): SwapProblem | null;
}

/**
 * Ranges "between 60 and 100", "from 60 to 100" whose low end is at or above their high end. Each number is read
 * once: digits, groups of exactly three after a comma (a thousands separator; "0,5" is a decimal), a decimal part,
 * then a fixed word, then the same; nothing can take what the number before took.
 */
const NUMBER = String.raw`\d+(?:,\d{3})*(?:\.\d+)?(?![,.]?\d)`;
const RANGE = new RegExp(
  String.raw`\b(between|from)\s+(${NUMBER})\s+(?:and|to)\s+(${NUMBER})(\s+(?:thousand|million|billion|trillion)\b)?`,
  'giu',
);
/** "The difference between 12 and 10": two values compared, not a range. */
const COMPARED = /\b(?:differences?|distances?|ratios?|angles?|gaps?|intervals?)(?:\s+\S+){0,2}\s+$/iu;
/** "rose from 20 to 15", "ranges from 1 to 10": a change upward or an extent; "moved from 1.30 to 1.20" may fall. */
const RISES_OR_SPANS =
  /\b(?:rose|rise[sn]?|rising|increas(?:e[sd]?|ing)|grew|grows?|grown|growing|(?:went|goes|go|gone|going) up|expand(?:s|ed|ing)?|rang(?:e[sd]?|ing)|climb(?:s|ed|ing)?)(?:\s+\S+)?\s+$/iu;
/** A year ("from 1920 to 1918"): time runs one way. */
const YEAR = /^[12]\d{3}$/u;
/** "3.10": a version, where 3.10 follows 3.8. */
const VERSION = /\.\d{2,}$/u;

const emptyRange = (text: string, m: RegExpMatchArray): boolean => {
  const [, word, low, high, scale] = m;
  if (scale || VERSION.test(low!) || VERSION.test(high!)) return false;
  const a = Number(low!.replace(/,/gu, ''));
  const b = Number(high!.replace(/,/gu, ''));
  if (a < b) return false;
  // A bounded look back: a sentence is read once however many ranges it has.
  const before = text.slice(Math.max(0, m.index! - 40), m.index);
  if (word!.toLowerCase() === 'between') return !COMPARED.test(before);
  if (YEAR.test(low!) && YEAR.test(high!)) return true;
  // Clock hours ("open from 8 to 6") wrap round.
  if (a <= 12 && b <= 12) return false;
  return RISES_OR_SPANS.test(before);
};
const emptyRanges = (text: string) => [...text.matchAll(RANGE)].filter((m) => emptyRange(text, m)).length;

export const SWAP_RULES: readonly SwapRule[] = [
  {
    id: 'swap/inside-code',
    why: 'A swap inside an identifier, a path or quoted text ("student_id" → "student_name", a quoted message) makes a statement nobody can judge from the text.',
    reject: [
      'The column student_id holds the key. => The column student_name holds the key.',
      'The tool prints "no leaks are possible" at the end. => The tool prints "no errors are possible" at the end.',
    ],
    keep: ['The primary key identifies every row. => The foreign key identifies every row.'],
    problem: ({ original, statement, change: c }) =>
      insideCode(original, c.from.start, c.from.end) ?? insideCode(statement, c.to.start, c.to.end),
  },
  {
    id: 'swap/one-sided',
    why: 'A word dropped or added is no swap of one thing for another of its kind.',
    reject: ['The primary key identifies every row. => The key identifies every row.'],
    keep: ['The primary key identifies every row. => The foreign key identifies every row.'],
    problem: ({ change: c }) => (!c.from.text || !c.to.text ? 'kind' : null),
  },
  {
    id: 'swap/inside-name',
    why: 'Swapping one word of a capitalised name ("Structured Query Language" → "Structured Query Table") makes a name that does not exist.',
    reject: ['Structured Query Language is the standard. => Structured Query Table is the standard.'],
    keep: ['SQL is the standard language of databases. => SQL is the standard table of databases.'],
    problem: ({ original, change: c }) => (insideName(original, c.from.start, c.from.end) ? 'name' : null),
  },
  {
    id: 'swap/content-comes-in',
    why: 'What comes in is a noun or a number: a verb or an adjective in its place is nonsense, not a false statement.',
    reject: ['The primary key identifies every row. => The primary quickly identifies every row.'],
    keep: ['The table holds 1,000 rows. => The table holds 2,000 rows.'],
    problem: (r) => {
      const b = r.kinds().in;
      return b.wordClass !== 'noun' && b.wordClass !== 'number' ? 'not-content' : null;
    },
  },
  {
    id: 'swap/same-class',
    why: 'A number for a noun or a noun for a number reads as nonsense.',
    reject: ['The table holds 1,000 rows. => The table holds many rows.'],
    keep: ['The table holds 1,000 rows. => The table holds 2,000 rows.'],
    problem: (r) => (r.kinds().out.wordClass !== r.kinds().in.wordClass ? 'kind' : null),
  },
  {
    id: 'swap/same-number',
    why: 'A plural for a singular ("a key" → "a keys") breaks the grammar and gives the swap away.',
    reject: ['Every table has a primary key. => Every table has a primary keys.'],
    keep: ['Every table has a primary key. => Every table has a foreign key.'],
    problem: (r) => (r.kinds().out.plural !== r.kinds().in.plural ? 'number' : null),
  },
  {
    id: 'swap/code-for-code',
    why: 'Code for a word or a word for code ("malloc()" for "memory") gives the swap away.',
    reject: ['Valgrind checks every memory access. => Valgrind checks every malloc() access.'],
    keep: ['Valgrind checks every memory access. => Valgrind checks every disk access.'],
    problem: (r) => (r.kinds().out.code !== r.kinds().in.code ? 'kind' : null),
  },
  {
    id: 'swap/empty-range',
    why: 'A range whose low end is changed to at or above its high end ("between 60 and 100" → "between 120 and 100") is false by its form alone: a student rejects it without knowing the fact (reviewer of true/false, stop 38).',
    reject: [
      'A normal resting heart rate is between 60 and 100 beats per minute. => A normal resting heart rate is between 120 and 100 beats per minute.',
      'Registered ports range from 1024 to 49151. => Registered ports range from 49151 to 49151.',
      'The Weimar Republic lasted from 1918 to 1933. => The Weimar Republic lasted from 1920 to 1918.',
      'A healthy resting pulse is between 50 and 60 beats a minute. => A healthy resting pulse is between 60 and 50 beats a minute.',
      'The price rose from 10 to 15 dollars. => The price rose from 20 to 15 dollars.',
      'The town grew from 2,000 to 2,500 people. => The town grew from 3,000 to 2,500 people.',
      'A fair score is between 50 and 100. => A fair score is between 100 and 100.',
    ],
    keep: [
      'A normal resting heart rate is between 60 and 100 beats per minute. => A normal resting heart rate is between 70 and 100 beats per minute.',
      'Ports from 1024 to 49151 are registered ports. => Ports from 2048 to 49151 are registered ports.',
      'The table holds 1,000 rows. => The table holds 2,000 rows.',
      // A reviewer's probes: comparisons, falls, clock hours, scales, versions and decimal commas are no ranges.
      'Ports from 1024 to 49151 are registered ports. => Ports from 49151 to 49151 are registered ports.',
      'The difference between 12 and 9 is 3. => The difference between 12 and 10 is 3.',
      'The exchange rate moved from 1.30 to 1.25. => The exchange rate moved from 1.30 to 1.20.',
      'The speed limit changed from 50 to 30 mph. => The speed limit changed from 50 to 40 mph.',
      'The bank is open from 9 to 6. => The bank is open from 8 to 6.',
      'Grasses spread between 50 and 20 million years ago. => Grasses spread between 50 and 10 million years ago.',
      'The walrus operator came in Python 3.8. => The walrus operator came with Python from 3.8 to 3.10.',
      'The usual dose is between 0,5 and 2 mg. => The usual dose is between 0,5 and 4 mg.',
    ],
    problem: ({ original, statement }) =>
      emptyRanges(statement) > emptyRanges(original) ? 'empty-range' : null,
  },
];

/**
 * The first problem of `statement` as a false version of `original`, or null when it is a fair one. `tag`
 * gives the tags of each text (cached by the caller when it judges many).
 */
export function swapProblem(
  original: string,
  statement: string,
  lang: AnalysedLanguage,
  tag: (text: string) => readonly Token[] = (t) => lang.analyser.tag(t),
): SwapProblem | null {
  const readings = swapReadings(original, statement, tag);
  if (readings.length === 0) return 'unchanged';
  for (const reading of readings) {
    for (const rule of SWAP_RULES) {
      const problem = rule.problem(reading);
      if (problem) return problem;
    }
  }
  return null;
}

/** A reading of each change from `original` to `statement` (none when nothing changed). */
export function swapReadings(
  original: string,
  statement: string,
  tag: (text: string) => readonly Token[],
): SwapReading[] {
  return changes(original, statement)
    .filter((c) => c.from.text || c.to.text)
    .map((change) => {
      let kinds: { out: PhraseKind; in: PhraseKind } | undefined;
      return {
        original,
        statement,
        change,
        kinds: () =>
          (kinds ??= {
            out: kindAt(change.from.text, tag(original), change.from.start, change.from.end),
            in: kindAt(change.to.text, tag(statement), change.to.start, change.to.end),
          }),
      };
    });
}
