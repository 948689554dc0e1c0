/**
 * Running headers, footers and page numbers: text at the top or bottom of a page that repeats across pages.
 *
 * Headings repeat too ("7.1. Overview", "8.1. Overview"… open chapter after chapter at the same height) and
 * differ only in numbers, as running headers do. What tells them apart is style and rhythm: a line larger
 * than the body text, or bold and not smaller, looks like a heading, and counts as running text only when it
 * recurs page after page (a heading opens a chapter every so many pages; a running header is on every page, or
 * every other). Place alone does not tell: a 6×9 in page printed on Letter paper has its header far inside the
 * page box, and a chapter title may sit as high as a header.
 */
import type { TextLine } from '../../domain/document.ts';

/** How many lines at each edge of a page are candidates. */
const EDGE_LINES = 3;
/** Candidates must also lie in this fraction of the page height, at the top or the bottom. */
const EDGE_ZONE = 0.22;
/** Repeated lines within this many points of each other count as "the same place". */
const Y_TOLERANCE = 6;
/** A line this much larger than the body text looks like a heading. */
const LARGER_THAN_BODY = 1.15;
/** Text at least this fraction of the body size counts as body-size, not smaller. */
const NOT_SMALLER = 0.95;
/** Pages of a run of running text are at most this far apart (2: headers on every other page). */
const RUN_GAP = 2;

const PAGE_NUMBER = /^(?:page\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})(?:\s*(?:of|\/)\s*\d{1,4})?$/i;

/** Text with digits and roman page numbers normalised, so "Chapter 2 · 17" matches "Chapter 2 · 18". */
const signature = (text: string) => text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();

/** The most common font size, weighted by characters, rounded to half points. */
export function bodyFontSize(pages: readonly { lines: readonly TextLine[] }[]): number {
  const weight = new Map<number, number>();
  for (const page of pages) {
    for (const line of page.lines) {
      const size = Math.round(line.fontSize * 2) / 2;
      weight.set(size, (weight.get(size) ?? 0) + line.text.length);
    }
  }
  let best = 0;
  let bestWeight = -1;
  for (const [size, w] of weight) if (w > bestWeight) [best, bestWeight] = [size, w];
  return best;
}

/**
 * Larger than the body text, or bold and not smaller: may be a heading, so it needs stronger evidence to be
 * running text. (Small bold text is a header's style, never a heading's.)
 */
function looksLikeHeading(line: TextLine, bodySize: number): boolean {
  if (bodySize <= 0) return false;
  return (
    line.fontSize >= bodySize * LARGER_THAN_BODY || (line.bold && line.fontSize >= bodySize * NOT_SMALLER)
  );
}

/** The lines of a page that sit at its top or bottom edge. */
function edgeLines(
  lines: readonly TextLine[],
  height: { bottom: number; top: number },
): { top: TextLine[]; bottom: TextLine[] } {
  const span = height.top - height.bottom;
  const { highest, lowest } = extremes(lines, EDGE_LINES);
  const top = highest.filter((l) => l.y >= height.top - span * EDGE_ZONE);
  const bottom = lowest.filter((l) => l.y <= height.bottom + span * EDGE_ZONE && !top.includes(l));
  return { top, bottom };
}

/**
 * The first and the last `k` lines of `lines` stably sorted top to bottom (y descending, lines at one height
 * in their order), without sorting the whole page: this runs for every page. Exported for its test.
 */
export function extremes(lines: readonly TextLine[], k: number): { highest: TextLine[]; lowest: TextLine[] } {
  const highest: TextLine[] = [];
  const lowest: TextLine[] = [];
  for (const line of lines) {
    // A later line sorts after every earlier one at its height: its place is before the first lower line.
    const high = placeAmong(highest, line);
    if (high < k) {
      highest.splice(high, 0, line);
      if (highest.length > k) highest.pop();
    }
    const low = placeAmong(lowest, line);
    if (lowest.length < k) lowest.splice(low, 0, line);
    else if (low > 0) {
      lowest.splice(low, 0, line);
      lowest.shift();
    }
  }
  return { highest, lowest };
}

/** Where `line` goes in `sorted` (top to bottom), after the lines at its height already there. */
function placeAmong(sorted: readonly TextLine[], line: TextLine): number {
  let i = 0;
  while (i < sorted.length && (sorted[i] as TextLine).y >= line.y) i++;
  return i;
}

/** Pages (indexes, ascending) that have another page of `pages` at most {@link RUN_GAP} pages away. */
function pagesInRuns(pages: readonly number[]): Set<number> {
  const out = new Set<number>();
  for (let i = 1; i < pages.length; i++) {
    const [a, b] = [pages[i - 1] as number, pages[i] as number];
    if (b - a <= RUN_GAP) out.add(a).add(b);
  }
  return out;
}

/**
 * Removes, in place, edge lines that are running text: lines whose digit-normalised text recurs at about the
 * same height on at least 3 pages (2 in a 2-page document), and page numbers. A line that looks like a heading
 * (larger than the body text, or bold) counts only on pages where the same text recurs within
 * {@link RUN_GAP} pages, in runs of at least 3 pages; a bare number at the head of a page only when it does not
 * look like a heading either.
 * @param boxes each page's vertical extent, by page index.
 * @returns how many lines were removed.
 */
export function removeRunningText(
  pages: { lines: TextLine[] }[],
  boxes: readonly { bottom: number; top: number }[],
): number {
  const bodySize = bodyFontSize(pages);
  const edges = pages.map((p, i) => edgeLines(p.lines, boxes[i] ?? { bottom: 0, top: 792 }));
  const pagesOf = new Map<string, number[]>();
  /** Each line's place and digit-normalised text: its own height bucket, and the next one up. */
  const keysOf = new Map<TextLine, [string, string]>();
  const keys = (l: TextLine): [string, string] => {
    let pair = keysOf.get(l);
    if (!pair) {
      const text = signature(l.text);
      const bucket = Math.round(l.y / Y_TOLERANCE);
      pair = [`${text}@${bucket}`, `${text}@${bucket + 1}`];
      keysOf.set(l, pair);
    }
    return pair;
  };
  edges.forEach(({ top, bottom }, page) => {
    for (const l of [...top, ...bottom]) {
      // Each line also counts in the next bucket up, so lines either side of a bucket boundary meet there.
      for (const key of keys(l)) {
        const list = pagesOf.get(key) ?? [];
        if (list[list.length - 1] !== page) list.push(page);
        pagesOf.set(key, list);
      }
    }
  });
  const minRepeats = pages.length <= 2 ? 2 : 3;
  const runs = new Map<string, Set<number>>();
  const inRun = (key: string, page: number) => {
    let set = runs.get(key);
    if (!set) {
      const all = pagesInRuns(pagesOf.get(key) ?? []);
      set = all.size >= minRepeats ? all : new Set();
      runs.set(key, set);
    }
    return set.has(page);
  };
  const isRunning = (l: TextLine, page: number, atBottom: boolean) => {
    // A number at the foot of a page is its page number; at the head, a large one may open a chapter.
    if (PAGE_NUMBER.test(l.text.trim()) && (atBottom || !looksLikeHeading(l, bodySize))) return true;
    if (looksLikeHeading(l, bodySize)) return keys(l).some((key) => inRun(key, page));
    return keys(l).some((key) => (pagesOf.get(key)?.length ?? 0) >= minRepeats);
  };
  let removed = 0;
  pages.forEach((page, i) => {
    const { top = [], bottom = [] } = edges[i] ?? {};
    const drop = new Set([
      ...top.filter((l) => isRunning(l, i, false)),
      ...bottom.filter((l) => isRunning(l, i, true)),
    ]);
    if (drop.size === 0) return;
    page.lines = page.lines.filter((l) => !drop.has(l));
    removed += drop.size;
  });
  return removed;
}
