/**
 * Checks of a false true/false statement made from a true sentence by swapping a phrase: the statement must
 * have changed, the swap must not fall inside an identifier, quoted text or code, and what came in must be of
 * the same kind as what went out (a noun for a noun, plural for plural, a number for a number), or the result
 * is nonsense rather than a false statement a student has to think about.
 */
import type { AnalysedLanguage, Token } from '../language/index.ts';
import { kindAt } from './kinds.ts';

export type SwapProblem = 'unchanged' | 'identifier' | 'quoted' | 'name' | 'kind' | 'number' | 'not-content';

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
  const diff = changes(original, statement).filter((c) => c.from.text || c.to.text);
  if (diff.length === 0) return 'unchanged';
  const [tagsA, tagsB] = [tag(original), tag(statement)];
  for (const c of diff) {
    const where =
      insideCode(original, c.from.start, c.from.end) ?? insideCode(statement, c.to.start, c.to.end);
    if (where) return where;
    if (!c.from.text || !c.to.text) return 'kind';
    if (insideName(original, c.from.start, c.from.end)) return 'name';
    const a = kindAt(c.from.text, tagsA, c.from.start, c.from.end);
    const b = kindAt(c.to.text, tagsB, c.to.start, c.to.end);
    if (b.wordClass !== 'noun' && b.wordClass !== 'number') return 'not-content';
    if (a.wordClass !== b.wordClass) return 'kind';
    if (a.plural !== b.plural) return 'number';
    if (a.code !== b.code) return 'kind';
  }
  return null;
}
