/**
 * Facts about a document's layout that heading detection and paragraph joining measure against: the body
 * font size, the usual line spacing, lines repeated on many pages, and printed table-of-contents pages.
 */
import type { ExtractedDocument, TextLine } from '../../domain/document.ts';

export interface Layout {
  /** All lines of the document in reading order. */
  lines: TextLine[];
  /** Index in `lines` of the first line of each page (`pageStart[p]` for 1-based page p; length pageCount + 2). */
  pageStart: number[];
  /** The most common font size, weighted by characters. */
  bodySize: number;
  /** The most common distance between consecutive body lines, in points. */
  lineSpacing: number;
  /** Keys (see {@link repeatKey}) of lines found on many pages: running headers and footers the extractor kept. */
  repeated: Set<string>;
  /** Pages that look like a printed table of contents. */
  tocPages: Set<number>;
}

/** Rounds a font size to half points, so sizes from different fonts compare. */
export function sizeKey(size: number): number {
  return Math.round(size * 2) / 2;
}

/** A line's text with digits and spaces removed, lower-cased: "Page 3 of 9" and "Page 4 of 9" share it. */
export function repeatKey(text: string): string {
  return text.toLowerCase().replace(/[\s\p{N}]+/gu, '');
}

/** Measures the layout of `doc` in one pass over its lines. */
export function measureLayout(doc: ExtractedDocument): Layout {
  const pages = [...doc.pages].sort((a, b) => a.page - b.page);
  const lines: TextLine[] = [];
  const pageStart = new Array<number>(doc.pageCount + 2).fill(0);
  let p = 1;
  for (const page of pages) {
    while (p <= page.page && p <= doc.pageCount + 1) pageStart[p++] = lines.length;
    for (const line of page.lines) if (line.text.trim()) lines.push(line);
  }
  while (p <= doc.pageCount + 1) pageStart[p++] = lines.length;
  const bodySize = mostCommonSize(lines);
  return {
    lines,
    pageStart,
    bodySize,
    lineSpacing: mostCommonSpacing(lines, bodySize),
    repeated: repeatedLines(lines, pageStart, doc.pageCount),
    tocPages: tableOfContentsPages(lines),
  };
}

function mostCommonSize(lines: TextLine[]): number {
  const weight = new Map<number, number>();
  for (const line of lines) {
    const key = sizeKey(line.fontSize);
    weight.set(key, (weight.get(key) ?? 0) + line.text.length);
  }
  let best = 10;
  let bestWeight = -1;
  for (const [size, w] of weight) {
    if (w > bestWeight) [best, bestWeight] = [size, w];
  }
  return best;
}

/** The mode of vertical steps between consecutive body-size lines of a page (PDF y grows upwards). */
function mostCommonSpacing(lines: TextLine[], bodySize: number): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1]!, lines[i]!];
    if (a.page !== b.page || sizeKey(a.fontSize) !== bodySize || sizeKey(b.fontSize) !== bodySize) continue;
    const step = Math.round((a.y - b.y) * 2) / 2;
    if (step > bodySize * 0.8 && step < bodySize * 3) counts.set(step, (counts.get(step) ?? 0) + 1);
  }
  let best = bodySize * 1.2;
  let bestCount = 0;
  for (const [step, count] of counts) {
    if (count > bestCount) [best, bestCount] = [step, count];
  }
  return best;
}

/** Lines at a page's top or bottom this close to the edge count as possible running headers or footers. */
const EDGE_LINES = 2;

/** True when `layout.lines[index]` is a running header or footer: repeated on many pages, at a page edge. */
export function isRunningLine(layout: Layout, index: number): boolean {
  const line = layout.lines[index]!;
  const [from, to] = [layout.pageStart[line.page]!, layout.pageStart[line.page + 1]!];
  const atEdge = index - from < EDGE_LINES || to - index <= EDGE_LINES;
  return atEdge && layout.repeated.has(repeatKey(line.text));
}

/**
 * Keys of lines found at the top or bottom of at least 4 pages and of over a fifth of them: running
 * headers and footers the extractor kept. Only page edges count, so numbered headings that share their
 * words ("1 Foo", "4 Foo") are not taken for running headers.
 */
function repeatedLines(lines: TextLine[], pageStart: number[], pageCount: number): Set<string> {
  const pagesOf = new Map<string, number>();
  for (let p = 1; p <= pageCount; p++) {
    const [from, to] = [pageStart[p]!, pageStart[p + 1]!];
    const keys = new Set<string>();
    for (let i = from; i < to; i++) {
      if (i - from >= EDGE_LINES && to - i > EDGE_LINES) continue;
      const key = repeatKey(lines[i]!.text);
      if (key) keys.add(key);
    }
    for (const key of keys) pagesOf.set(key, (pagesOf.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(4, pageCount / 5);
  const out = new Set<string>();
  for (const [key, count] of pagesOf) if (count >= threshold) out.add(key);
  return out;
}

const DOT_LEADER_ENTRY = /(?:\.\s?){3,}\s*(?:\d+|[ivxlcdm]+)\s*$/iu;
const TRAILING_PAGE = /\s+(?:\d{1,4}|[ivxlcdm]{1,7})\s*$/iu;
const LEADING_NUMBER = /^(?:[\dA-Z]{1,2}(?:\.\d{1,3})*\.?|[IVX]{1,5}\.)\s+/u;
const TOC_TITLE =
  /^(?:table\s+of\s+)?contents$|^目\s*次$|^inhalt(?:sverzeichnis)?$|^sommaire$|^índice$|^sumário$/iu;

/** True for "Contents", "Table of Contents", "目次" and the like. */
export function isTocTitle(text: string): boolean {
  return TOC_TITLE.test(text.trim());
}

/** True when the line ends with dot leaders and a page number ("Foo ....... 14"). */
export function isDotLeaderEntry(text: string): boolean {
  return DOT_LEADER_ENTRY.test(text.trim());
}

/**
 * True when the line looks like a table-of-contents entry: dot leaders before a page number, or a title
 * (optionally numbered, with no other numbers, so table rows do not count) ending in a page number.
 */
export function isTocEntry(text: string): boolean {
  const trimmed = text.trim();
  if (DOT_LEADER_ENTRY.test(trimmed)) return true;
  const page = TRAILING_PAGE.exec(trimmed);
  if (!page) return false;
  const title = trimmed.slice(0, page.index).replace(LEADING_NUMBER, '');
  return /\p{L}/u.test(title) && !/\p{N}/u.test(title);
}

/**
 * The title a table-of-contents entry lists, as a key to compare with headings: without its number, dot
 * leaders, page number and closing punctuation, lower-cased ("1. Greetings! . . . 4" → "greetings").
 */
export function tocEntryKey(text: string): string | null {
  if (!isTocEntry(text)) return null;
  const trimmed = text.trim();
  const leader = DOT_LEADER_ENTRY.exec(trimmed) ?? TRAILING_PAGE.exec(trimmed);
  return titleKey(trimmed.slice(0, leader?.index ?? trimmed.length));
}

/** A title without its number and closing punctuation, lower-cased, spaces collapsed. */
export function titleKey(text: string): string {
  return text
    .trim()
    .replace(LEADING_NUMBER, '')
    .replace(/[\s.!?:;,]+$/u, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Pages with a "Contents" title and TOC entries, or where most lines are TOC entries. */
function tableOfContentsPages(lines: TextLine[]): Set<number> {
  const out = new Set<number>();
  let i = 0;
  while (i < lines.length) {
    const page = lines[i]!.page;
    let total = 0;
    let entries = 0;
    let dotted = 0;
    let titled = false;
    for (; i < lines.length && lines[i]!.page === page; i++) {
      const text = lines[i]!.text.trim();
      total++;
      if (TOC_TITLE.test(text)) titled = true;
      if (isTocEntry(text)) entries++;
      if (DOT_LEADER_ENTRY.test(text)) dotted++;
    }
    const mostlyEntries = entries >= 4 && entries >= total * 0.4;
    if (mostlyEntries || (dotted >= 3 && dotted >= total * 0.2) || (titled && entries >= 2)) out.add(page);
  }
  return out;
}
