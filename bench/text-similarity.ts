/**
 * How close an extraction's text is to pdftotext's (poppler), page by page, over text normalised so that
 * layout does not count (NFKC, no whitespace, no soft hyphens, words hyphenated at line ends joined):
 * - in reading order: the character similarity 1 − D / (|a| + |b|), where D is the number of characters
 *   inserted or deleted to turn one into the other (Myers' O(ND) difference algorithm). Tables and columns
 *   read in another order than pdftotext's count against it;
 * - in content: the Dice coefficient of the pages' character bigrams (order-free).
 * Running headers and page numbers, which the pipeline removes and pdftotext keeps, count against both.
 */
import { execFileSync } from 'node:child_process';

/** Text with the differences that are layout, not content, taken out. */
export function comparable(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\u00AD/g, '')
    .replace(/(\p{Ll})-\s*\n\s*(?=\p{Ll})/gu, '$1')
    .replace(/\s+/g, '');
}

/**
 * Characters inserted or deleted between `a` and `b` (twice the characters outside their longest common
 * subsequence), or `limit + 1` when it is more than `limit`.
 */
export function editDistance(a: string, b: string, limit = a.length + b.length): number {
  const n = a.length;
  const m = b.length;
  const max = Math.min(limit, n + m);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a.charCodeAt(x) === b.charCodeAt(y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return d;
    }
  }
  return max + 1;
}

/** pdftotext's text of `file`, one string per page; null when pdftotext is missing or fails. */
export function pdftotextPages(file: string): string[] | null {
  try {
    const out = execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 120_000,
    });
    return out.split('\f').slice(0, -1);
  } catch {
    return null;
  }
}

/** Bigrams `a` and `b` share (counted with multiplicity), and the bigrams of both. */
function sharedBigrams(a: string, b: string): { shared: number; total: number } {
  const counts = new Map<string, number>();
  for (let i = 0; i + 1 < a.length; i++) {
    const g = a.slice(i, i + 2);
    counts.set(g, (counts.get(g) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const g = b.slice(i, i + 2);
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      shared++;
      counts.set(g, n - 1);
    }
  }
  return { shared, total: Math.max(0, a.length - 1) + Math.max(0, b.length - 1) };
}

/** Similarities of our pages to pdftotext's over a whole document (sums over pages, then the ratio). */
export interface Similarity {
  /** In reading order: 1 − characters inserted or deleted / characters of both. */
  ordered: number;
  /** In content: 2 × shared bigrams / bigrams of both. */
  bigrams: number;
}

/** Our pages against pdftotext's; null when pdftotext reads no text or another page count. */
export function documentSimilarity(ours: readonly string[], theirs: readonly string[]): Similarity | null {
  if (ours.length !== theirs.length) return null;
  let distance = 0;
  let size = 0;
  let theirChars = 0;
  let shared = 0;
  let bigrams = 0;
  for (let i = 0; i < ours.length; i++) {
    const a = comparable(ours[i] ?? '');
    const b = comparable(theirs[i] ?? '');
    theirChars += b.length;
    size += a.length + b.length;
    distance += Math.min(editDistance(a, b), a.length + b.length);
    const g = sharedBigrams(a, b);
    shared += g.shared;
    bigrams += g.total;
  }
  if (theirChars === 0) return null;
  return { ordered: 1 - distance / size, bigrams: bigrams === 0 ? 1 : (2 * shared) / bigrams };
}
