/**
 * Text runs (a page's characters grouped by PDFium's text objects) → lines in reading order (baselines grouped, two-column pages read left column first).
 */
import type { TextLine } from '../../domain/document.ts';
import { cleanText, collapseWhitespace, holdsControlBullet, isBlank } from './text.ts';

/** A text item of a page: its text at baseline (x, y), its advance width, font size and boldness. */
export interface RawItem {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  bold: boolean;
}

/**
 * A run of items on one baseline with no wide gap: a line, or a column's part of a line. A part's `lead` is its
 * text read as a line's start (a control code standing as a bullet is the bullet), `str` its text anywhere else;
 * which applies is known only once the baseline's segments are merged and sorted by x.
 */
interface Segment {
  x0: number;
  x1: number;
  y: number;
  parts: Part[];
  fonts: FontTally;
}

interface Part {
  x0: number;
  x1: number;
  str: string;
  lead: string;
}

/**
 * Characters drawn per font (size in tenths of a point, bold), in order of first use, to pick the dominant
 * one. A segment has one to three fonts: parallel arrays searched in order cost less than a Map of string keys.
 */
interface FontTally {
  tenths: number[];
  bold: boolean[];
  chars: number[];
}

const newTally = (): FontTally => ({ tenths: [], bold: [], chars: [] });

function tally(fonts: FontTally, tenths: number, bold: boolean, chars: number): void {
  for (let i = 0; i < fonts.tenths.length; i++) {
    if (fonts.tenths[i] === tenths && fonts.bold[i] === bold) {
      fonts.chars[i] = (fonts.chars[i] as number) + chars;
      return;
    }
  }
  fonts.tenths.push(tenths);
  fonts.bold.push(bold);
  fonts.chars.push(chars);
}

/** A gap wider than this many font sizes splits a baseline into two segments (e.g. a column gutter). */
const SPLIT_GAP_EM = 0.9;
/** Items whose baselines differ by less than this many font sizes share a line (sub/superscripts). */
const SAME_LINE_EM = 0.45;

/**
 * Builds the lines of one page.
 * @param items the page's text items in content-stream order.
 * @param box left and right x of the page's box, for finding a column gutter.
 */
export function buildLines(
  items: readonly RawItem[],
  page: number,
  box: { left: number; right: number },
): TextLine[] {
  let gutter = findGutter(items, box);
  let segments = groupSegments(items, gutter);
  if (gutter !== undefined && !proseOnBothSides(segments, gutter, box)) {
    gutter = undefined;
    segments = groupSegments(items, undefined);
  }
  const ordered = readingOrder(segments, gutter);
  const lines: TextLine[] = [];
  for (const seg of ordered) {
    const text = joinParts(seg.parts);
    if (isBlank(text)) continue;
    const [fontSize, bold] = dominantFont(seg.fonts);
    lines.push({ text, page, x: round(seg.x0), y: round(seg.y), fontSize, bold, right: round(seg.x1) });
  }
  return lines;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Items in stream order → segments; a segment never spans the gutter, when there is one. */
function groupSegments(items: readonly RawItem[], gutter: number | undefined): Segment[] {
  const segments: Segment[] = [];
  let cur: Segment | undefined;
  for (const item of items) {
    const { size, x: x0, y } = item;
    const x1 = x0 + item.width;
    const sameLine =
      cur !== undefined &&
      Math.abs(y - cur.y) < size * SAME_LINE_EM &&
      x0 > cur.x0 - size &&
      x0 - cur.x1 < size * SPLIT_GAP_EM &&
      !(gutter !== undefined && cur.x1 <= gutter + 1 && x0 >= gutter - 1);
    const str = cleanText(item.str);
    const lead = holdsControlBullet(item.str) ? cleanText(item.str, true) : str;
    if (isBlank(lead)) {
      // Whitespace only joins; it never starts a segment or moves its end.
      if (cur && Math.abs(y - cur.y) < size * SAME_LINE_EM)
        cur.parts.push({ x0, x1: x0, str: ' ', lead: ' ' });
      continue;
    }
    if (!sameLine || !cur) {
      cur = { x0, x1, y, parts: [], fonts: newTally() };
      segments.push(cur);
    }
    cur.parts.push({ x0, x1, str, lead });
    cur.x0 = Math.min(cur.x0, x0);
    cur.x1 = Math.max(cur.x1, x1);
    tally(cur.fonts, Math.round(size * 10), item.bold, str.length);
  }
  return segments;
}

/**
 * Parts in x order, with a space where they do not touch and none is there yet; the first part with text is read
 * as the line's start (its `lead`), the others as its continuation.
 */
function joinParts(parts: Part[]): string {
  const sorted = parts.length > 1 && !isSorted(parts) ? [...parts].sort((a, b) => a.x0 - b.x0) : parts;
  let out = '';
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const p of sorted) {
    const str = p.lead !== p.str && isBlank(out) ? p.lead : p.str;
    if (out !== '' && p.x0 - lastEnd > 1 && !out.endsWith(' ') && !str.startsWith(' ')) out += ' ';
    out += str;
    lastEnd = Math.max(lastEnd, p.x1);
  }
  return collapseWhitespace(out);
}

function isSorted(parts: Part[]): boolean {
  for (let i = 1; i < parts.length; i++)
    if ((parts[i]?.x0 ?? 0) < (parts[i - 1]?.x0 ?? 0) - 0.5) return false;
  return true;
}

/** The font with the most characters (the first of equals): its size in points, and whether it is bold. */
function dominantFont(fonts: FontTally): [number, boolean] {
  let best = -1;
  let most = -1;
  for (let i = 0; i < fonts.chars.length; i++) {
    if ((fonts.chars[i] as number) > most) {
      most = fonts.chars[i] as number;
      best = i;
    }
  }
  if (best < 0) return [0, false];
  return [(fonts.tenths[best] as number) / 10 || 0, fonts.bold[best] as boolean];
}

/**
 * Top to bottom; where the page has a gutter (a vertical band most segments stay clear of, with text on both
 * sides), each run of column text is read left column first, then right. Full-width segments (titles,
 * headers) between such runs keep their place.
 */
function readingOrder(segments: Segment[], gutter: number | undefined): Segment[] {
  const byY = [...segments].sort((a, b) => b.y - a.y || a.x0 - b.x0);
  if (gutter === undefined) return mergeBaselines(byY);
  const out: Segment[] = [];
  let left: Segment[] = [];
  let right: Segment[] = [];
  const flush = () => {
    out.push(...mergeBaselines(left), ...mergeBaselines(right));
    left = [];
    right = [];
  };
  for (const seg of byY) {
    if (seg.x1 <= gutter + 1) left.push(seg);
    else if (seg.x0 >= gutter - 1) right.push(seg);
    else {
      flush();
      out.push(seg);
    }
  }
  flush();
  return out;
}

/** Segments of one column on the same baseline become one line. `sorted` is top to bottom. */
function mergeBaselines(sorted: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of sorted) {
    const prev = out[out.length - 1];
    const size = dominantFont(seg.fonts)[0] || 1;
    if (prev && Math.abs(prev.y - seg.y) < size * SAME_LINE_EM) {
      prev.parts.push(...seg.parts);
      prev.x0 = Math.min(prev.x0, seg.x0);
      prev.x1 = Math.max(prev.x1, seg.x1);
      const { tenths, bold, chars } = seg.fonts;
      for (let i = 0; i < tenths.length; i++)
        tally(prev.fonts, tenths[i] as number, bold[i] as boolean, chars[i] as number);
    } else out.push(seg);
  }
  return out;
}

/**
 * The x of a column gutter, or undefined for a one-column page: the x in the middle 40% of the page crossed by
 * the fewest text items, provided at most 8% of them cross it and at least 20% of the rest lie on each side.
 */
export function findGutter(
  items: readonly RawItem[],
  box: { left: number; right: number },
): number | undefined {
  const width = box.right - box.left;
  if (items.length < 8 || width <= 0) return undefined;
  const spans = textSpans(items);
  const n = spans.starts.length;
  if (n < 8) return undefined;
  // Counted with sorted ends: the items left of x end by x + 0.5; those right of it start at x − 0.5 or later
  // and are not left of it (a narrow item within x ± 0.5 counts as left).
  const ends = spans.ends.slice().sort();
  const starts = spans.starts.slice().sort();
  const narrow = narrowSpans(spans);
  // The best candidates form a run across the empty band; its middle is the gutter.
  let first: number | undefined;
  let last: number | undefined;
  let bestCrossing = Number.POSITIVE_INFINITY;
  const step = width / 200;
  for (let x = box.left + width * 0.3; x <= box.left + width * 0.7; x += step) {
    const left = countAtMost(ends, x + 0.5);
    const from = countBelow(starts, x - 0.5);
    let right = n - from;
    for (let i = countBelow(narrow.starts, x - 0.5); i < narrow.starts.length; i++) {
      if ((narrow.starts[i] as number) > x + 0.5) break;
      if ((narrow.ends[i] as number) <= x + 0.5) right--;
    }
    const crossing = n - left - right;
    const placed = left + right;
    if (crossing <= n * 0.08 && left >= placed * 0.2 && right >= placed * 0.2) {
      if (crossing < bestCrossing) {
        bestCrossing = crossing;
        first = x;
        last = x;
      } else if (crossing === bestCrossing && last !== undefined && x - last < step * 1.5) last = x;
    }
  }
  return first === undefined || last === undefined ? undefined : (first + last) / 2;
}

/** Left and right x of each item with text (whitespace-only items are left out), in item order. */
interface Spans {
  starts: Float64Array;
  ends: Float64Array;
}

function textSpans(items: readonly RawItem[]): Spans {
  const starts = new Float64Array(items.length);
  const ends = new Float64Array(items.length);
  let n = 0;
  for (const item of items) {
    if (isBlank(item.str)) continue;
    starts[n] = item.x;
    ends[n++] = item.x + item.width;
  }
  return { starts: starts.subarray(0, n), ends: ends.subarray(0, n) };
}

/**
 * The spans at most about 1 pt wide, sorted by start: only they can lie within x ± 0.5 and need telling apart
 * from the items right of x. (The slack keeps every span that rounding lets through that test.) Sorting these
 * few rather than every span by its start saves most of the gutter search's time.
 */
function narrowSpans({ starts, ends }: Spans): Spans {
  const picked: number[] = [];
  for (let i = 0; i < starts.length; i++)
    if ((ends[i] as number) - (starts[i] as number) <= 1.001) picked.push(i);
  picked.sort((a, b) => (starts[a] as number) - (starts[b] as number));
  return {
    starts: Float64Array.from(picked, (i) => starts[i] as number),
    ends: Float64Array.from(picked, (i) => ends[i] as number),
  };
}

/** How many of the sorted `values` are ≤ `x`. */
function countAtMost(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted `values` are < `x`. */
function countBelow(values: Float64Array, x: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((values[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Columns of prose have many lines that fill their column; the cells of a table do not. On each side of the
 * gutter, at least a quarter of the segments must span half of that side's text extent, which must itself be
 * at least a fifth of the page wide.
 */
function proseOnBothSides(
  segments: Segment[],
  gutter: number,
  box: { left: number; right: number },
): boolean {
  const left = segments.filter((s) => s.x1 <= gutter + 1);
  const right = segments.filter((s) => s.x0 >= gutter - 1);
  return fillsColumn(left, box.right - box.left) && fillsColumn(right, box.right - box.left);
}

function fillsColumn(segments: Segment[], pageWidth: number): boolean {
  if (segments.length === 0) return false;
  let x0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  for (const s of segments) {
    x0 = Math.min(x0, s.x0);
    x1 = Math.max(x1, s.x1);
  }
  const extent = x1 - x0;
  if (extent < pageWidth * 0.2) return false;
  const full = segments.filter((s) => s.x1 - s.x0 >= extent * 0.5).length;
  return full >= segments.length * 0.25;
}
