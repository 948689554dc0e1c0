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
 * once: digits, then a fixed word, then digits; nothing can take what the number before took.
 */
const RANGE = /\b(?:between|from)\s+(\d+(?:[.,]\d+)*)\s+(?:and|to)\s+(\d+(?:[.,]\d+)*)/giu;
const emptyRanges = (text: string) =>
  [...text.matchAll(RANGE)].filter(
    (m) => Number(m[1]!.replace(/,/gu, '')) >= Number(m[2]!.replace(/,/gu, '')),
  ).length;

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
      'Ports from 1024 to 49151 are registered ports. => Ports from 49151 to 49151 are registered ports.',
    ],
    keep: [
      'A normal resting heart rate is between 60 and 100 beats per minute. => A normal resting heart rate is between 70 and 100 beats per minute.',
      'Ports from 1024 to 49151 are registered ports. => Ports from 2048 to 49151 are registered ports.',
      'The table holds 1,000 rows. => The table holds 2,000 rows.',
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
