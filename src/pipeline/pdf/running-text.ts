/**
 * Running headers, footers and page numbers: text at the top or bottom of a page that repeats across pages.
 */
import type { TextLine } from '../types.ts';

/** How many lines at each edge of a page are candidates. */
const EDGE_LINES = 3;
/** Candidates must also lie in this fraction of the page height, at the top or the bottom. */
const EDGE_ZONE = 0.22;
/** Repeated lines within this many points of each other count as "the same place". */
const Y_TOLERANCE = 6;

const PAGE_NUMBER = /^(?:page\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** Text with digits and roman page numbers normalised, so "Chapter 2 · 17" matches "Chapter 2 · 18". */
const signature = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** The lines of a page that sit at its top or bottom edge. */
function edgeLines(lines: readonly TextLine[], height: { bottom: number; top: number }): TextLine[] {
  if (lines.length === 0) return [];
  const span = height.top - height.bottom;
  const byY = [...lines].sort((a, b) => b.y - a.y);
  const top = byY.slice(0, EDGE_LINES).filter((l) => l.y >= height.top - span * EDGE_ZONE);
  const bottom = byY.slice(-EDGE_LINES).filter((l) => l.y <= height.bottom + span * EDGE_ZONE);
  return [...new Set([...top, ...bottom])];
}

/**
 * Removes, in place, page numbers at a page's edge and edge lines whose digit-normalised text recurs at about
 * the same height on at least 3 pages (or on every page of a 2-page document).
 * @param boxes each page's vertical extent, by page index.
 * @returns how many lines were removed.
 */
export function removeRunningText(
  pages: { lines: TextLine[] }[],
  boxes: readonly { bottom: number; top: number }[],
): number {
  const edges = pages.map((p, i) => edgeLines(p.lines, boxes[i] ?? { bottom: 0, top: 792 }));
  const counts = new Map<string, number>();
  const keyOf = (l: TextLine, shift = 0) => `${signature(l.text)}@${Math.round(l.y / Y_TOLERANCE) + shift}`;
  for (const lines of edges) {
    const seen = new Set<string>();
    for (const l of lines) {
      // Each line also counts in the next bucket up, so lines either side of a bucket boundary meet there.
      for (const key of [keyOf(l), keyOf(l, 1)]) {
        if (seen.has(key)) continue;
        seen.add(key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
  }
  const minRepeats = pages.length <= 2 ? 2 : 3;
  const repeats = (l: TextLine) => Math.max(counts.get(keyOf(l)) ?? 0, counts.get(keyOf(l, 1)) ?? 0);
  let removed = 0;
  pages.forEach((page, i) => {
    const drop = new Set(
      (edges[i] ?? []).filter((l) => PAGE_NUMBER.test(l.text.trim()) || repeats(l) >= minRepeats),
    );
    if (drop.size === 0) return;
    page.lines = page.lines.filter((l) => !drop.has(l));
    removed += drop.size;
  });
  return removed;
}
