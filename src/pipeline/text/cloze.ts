/**
 * Term matching for quizzes: finding a term as a whole word, blanking or swapping it, and choosing
 * distractors of the same kind (same number of words, same capitalisation, similar length, no shared word).
 */
import { type Rng, shuffled } from './rng.ts';
import { foldPlural, words } from './tokens.ts';

/** The blank of a fill-in-the-blank question. */
export const BLANK = '_____';

const patterns = new Map<string, RegExp>();

/** A case-insensitive whole-word pattern for `term` (global). */
function patternOf(term: string): RegExp {
  let re = patterns.get(term);
  if (!re) {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
    re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
    patterns.set(term, re);
  }
  re.lastIndex = 0;
  return re;
}

/** True when `term` occurs in `text` as whole words, in any case. */
export function containsTerm(text: string, term: string): boolean {
  return patternOf(term).test(text);
}

/** Finds which terms of a fixed list occur in a text, by words rather than one pattern per term. */
export class TermFinder {
  private readonly byFirstWord = new Map<string, { term: string; words: string[] }[]>();

  constructor(terms: readonly string[]) {
    for (const term of terms) {
      const ws = words(term.toLowerCase());
      if (ws.length === 0) continue;
      const list = this.byFirstWord.get(ws[0]!) ?? [];
      list.push({ term, words: ws });
      this.byFirstWord.set(ws[0]!, list);
    }
  }

  /** Terms occurring in `text` as whole words (any case), each once, in order of first occurrence. */
  find(text: string): string[] {
    const ws = words(text.toLowerCase());
    const found = new Set<string>();
    ws.forEach((w, i) => {
      for (const { term, words: tw } of this.byFirstWord.get(w) ?? [])
        if (tw.every((t, j) => ws[i + j] === t)) found.add(term);
    });
    return [...found];
  }
}

/** `text` with the first occurrence of `term` blanked out. */
export function blankOut(text: string, term: string): string {
  return text.replace(new RegExp(patternOf(term).source, 'iu'), BLANK);
}

/** `text` with every occurrence of `term` replaced by `other`, capitalised where the original was. */
export function swapTerm(text: string, term: string, other: string): string {
  return text.replace(patternOf(term), (found) =>
    /^\p{Lu}/u.test(found) && /^\p{Ll}/u.test(other) ? other[0]!.toUpperCase() + other.slice(1) : other,
  );
}

const wordsOf = (term: string) => term.toLowerCase().split(/\s+/).map(foldPlural);
const capitalised = (term: string) => /^\p{Lu}/u.test(term);

/** True when `b` could pass for `a`: same number of words and capitalisation, no shared word, no substring. */
export function sameKind(a: string, b: string): boolean {
  const [wa, wb] = [wordsOf(a), wordsOf(b)];
  if (wa.length !== wb.length || capitalised(a) !== capitalised(b)) return false;
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  if (la.includes(lb) || lb.includes(la)) return false;
  return !wa.some((w) => wb.includes(w));
}

/**
 * `n` distractors for `answer` from `pool`: same kind, absent from `stem`, distinct from each other. Those of
 * similar length (within a factor of 2) come first; among the closest, the choice is shuffled by `rng`.
 * Returns fewer than `n` when the pool has too few.
 */
export function distractors(
  answer: string,
  stem: string,
  pool: readonly string[],
  n: number,
  rng: Rng,
): string[] {
  const lowerStem = stem.toLowerCase();
  const candidates = pool.filter((c) => sameKind(answer, c) && !lowerStem.includes(c.toLowerCase()));
  const ratio = (c: string) => Math.max(c.length, answer.length) / Math.min(c.length, answer.length);
  const close = candidates.filter((c) => ratio(c) <= 2).sort((x, y) => ratio(x) - ratio(y));
  const far = candidates.filter((c) => ratio(c) > 2);
  const picked: string[] = [];
  for (const c of [...shuffled(close.slice(0, n * 2), rng), ...close.slice(n * 2), ...far]) {
    if (picked.length >= n) break;
    if (picked.every((p) => sameKind(p, c))) picked.push(c);
  }
  return picked;
}
