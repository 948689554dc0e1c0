/**
 * TextRank (Mihalcea & Tarau 2004) over a sentence similarity graph: sentences that share words with many
 * other central sentences rank high. Similarity is the cosine of word term-frequency vectors.
 */
import { ANY_STOPWORD } from '../language/xx/index.ts';
import { foldPlural, hasLetter, tokens } from './words.ts';

/** Cosine above which a sentence repeats one already chosen. */
const NEAR_DUPLICATE = 0.9;

/** A sentence as term → count, with its Euclidean norm. */
export interface Bag {
  terms: Map<string, number>;
  norm: number;
}

/** Options of {@link textRank}. */
export interface TextRankOptions {
  /** Probability of following an edge rather than jumping anywhere. @defaultValue 0.85 */
  damping?: number;
  /** Power-iteration rounds; TextRank converges in a few dozen. @defaultValue 20 */
  iterations?: number;
}

/**
 * The content words of a sentence or its scan (function words of any language and numbers dropped, plurals
 * folded) as a bag: what sentences share, whatever language they quote.
 */
export function bagOf(sentence: string | readonly string[]): Bag {
  const terms = new Map<string, number>();
  for (const t of tokens(sentence)) {
    if (t.length < 2 || ANY_STOPWORD.has(t) || !hasLetter(t)) continue;
    const key = foldPlural(t);
    terms.set(key, (terms.get(key) ?? 0) + 1);
  }
  let sum = 0;
  for (const n of terms.values()) sum += n * n;
  return { terms, norm: Math.sqrt(sum) };
}

/** Cosine similarity of two bags (0 when either is empty). */
export function cosine(a: Bag, b: Bag): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.terms.size <= b.terms.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, n] of small.terms) {
    const m = large.terms.get(t);
    if (m !== undefined) dot += n * m;
  }
  return dot / (a.norm * b.norm);
}

/** TextRank score of each bag. Quadratic in the number of bags: callers sample first (see {@link spread}). */
export function textRank(bags: readonly Bag[], options: TextRankOptions = {}): Float64Array {
  const { damping = 0.85, iterations = 20 } = options;
  const n = bags.length;
  const outSum = new Float64Array(n);
  const vectors = sparseVectors(bags);
  // Each sentence's edges as a list of neighbours in ascending order (row i gets its neighbours below i from
  // the earlier rows, then those above): most pairs share no word, and the rounds below add the same products
  // in the same order as a walk over a whole row of the matrix would.
  const edges = Array.from({ length: n }, () => ({ to: [] as number[], w: [] as number[] }));
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const w = sparseCosine(vectors[i]!, vectors[j]!);
      if (w === 0) continue;
      edges[i]!.to.push(j);
      edges[i]!.w.push(w);
      edges[j]!.to.push(i);
      edges[j]!.w.push(w);
      outSum[i]! += w;
      outSum[j]! += w;
    }
  let score = new Float64Array(n).fill(1 / Math.max(n, 1));
  for (let round = 0; round < iterations; round++) {
    const next = new Float64Array(n).fill((1 - damping) / Math.max(n, 1));
    for (let j = 0; j < n; j++) {
      if (outSum[j] === 0) continue;
      const share = (damping * score[j]!) / outSum[j]!;
      const { to, w } = edges[j]!;
      for (let e = 0; e < to.length; e++) next[to[e]!]! += w[e]! * share;
    }
    score = next;
  }
  return score;
}

/** A bag as its terms' ids in ascending order, their counts, and its norm. */
interface SparseVector {
  ids: Int32Array;
  counts: Float64Array;
  norm: number;
}

/**
 * The bags with their terms numbered, for the quadratic loop of {@link textRank}: a merge of two sorted id
 * lists instead of a map lookup per term. The dot product sums whole numbers, so it is exactly
 * {@link cosine}'s whatever the order of the terms.
 */
function sparseVectors(bags: readonly Bag[]): SparseVector[] {
  const idOf = new Map<string, number>();
  return bags.map((bag) => {
    const pairs: [number, number][] = [];
    for (const [term, count] of bag.terms) {
      let id = idOf.get(term);
      if (id === undefined) {
        id = idOf.size;
        idOf.set(term, id);
      }
      pairs.push([id, count]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    return {
      ids: Int32Array.from(pairs, (p) => p[0]),
      counts: Float64Array.from(pairs, (p) => p[1]),
      norm: bag.norm,
    };
  });
}

function sparseCosine(a: SparseVector, b: SparseVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.counts[i++]! * b.counts[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot / (a.norm * b.norm);
}

/** Up to `max` indices of `0..n-1`, evenly spread, in order: a linear-time stand-in for all of them. */
export function spread(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
}

/**
 * Indices of the `k` best sentences in document order, skipping near-duplicates of ones already chosen.
 * Ties go to the earlier sentence, so the choice is deterministic.
 */
export function keySentences(bags: readonly Bag[], k: number, options: TextRankOptions = {}): number[] {
  const score = textRank(bags, options);
  const order = Array.from(bags.keys()).sort((a, b) => score[b]! - score[a]! || a - b);
  const chosen: number[] = [];
  for (const i of order) {
    if (chosen.length >= k) break;
    if (chosen.some((c) => cosine(bags[c]!, bags[i]!) > NEAR_DUPLICATE)) continue;
    chosen.push(i);
  }
  return chosen.sort((a, b) => a - b);
}
