/**
 * Stage 3: the section tree of a document, from its outline (bookmarks) when it has one, else from
 * headings detected in the text, else one section per ten pages so a course can still be built.
 */

import type { DocumentStructure, ExtractedDocument } from '../domain/document.ts';
import { detectHeadings, type Heading } from './structure/headings.ts';
import { isTocTitle, type Layout, measureLayout, sizeKey } from './structure/layout.ts';
import { parseNumbering } from './structure/normalize.ts';
import { locateOutline, sectionsFromHeadings } from './structure/outline-tree.ts';

export { type HeadingRecall, headingRecall } from './structure/recall.ts';

/** Options of {@link buildStructure}. */
export interface StructureOptions {
  /** Name of the file, the title of last resort. */
  fileName: string;
  /** Build the tree from the PDF outline when there is one; false forces heading detection.
   * @defaultValue true */
  useOutline?: boolean;
}

/** Pages per section when a document has no outline and no detectable headings. */
const PAGES_PER_SECTION = 10;

/** Stage 3: sections (with paragraphs), the document's title, and where the tree came from. */
export function buildStructure(doc: ExtractedDocument, opts: StructureOptions): DocumentStructure {
  const layout = measureLayout(doc);
  const { headings, source } = chooseHeadings(doc, layout, opts.useOutline ?? true);
  const title = chooseTitle(doc, layout, headings, opts.fileName);
  return { title, sections: sectionsFromHeadings(headings, layout, title), source };
}

function chooseHeadings(
  doc: ExtractedDocument,
  layout: Layout,
  useOutline: boolean,
): { headings: Heading[]; source: DocumentStructure['source'] } {
  const pageCount = Math.max(1, doc.pageCount);
  if (useOutline && doc.outline.some((e) => e.page !== null && e.title.trim())) {
    return { headings: locateOutline(doc.outline, layout, pageCount), source: 'outline' };
  }
  const detected = detectHeadings(layout);
  if (detected.length > 0) return { headings: detected, source: 'headings' };
  return { headings: pageRangeHeadings(layout, pageCount), source: 'pages' };
}

/** One level-1 heading per {@link PAGES_PER_SECTION} pages, titled "Pages a–b". */
function pageRangeHeadings(layout: Layout, pageCount: number): Heading[] {
  const headings: Heading[] = [];
  for (let first = 1; first <= pageCount; first += PAGES_PER_SECTION) {
    const last = Math.min(pageCount, first + PAGES_PER_SECTION - 1);
    const start = layout.pageStart[first]!;
    const title = first === last ? `Page ${first}` : `Pages ${first}–${last}`;
    headings.push({ start, end: start, title, level: 1, page: first });
  }
  return headings;
}

/**
 * The metadata title when it looks real, else the first level-1 heading on page 1–2, else the largest line
 * on page 1 when it stands out from the body text, else the file name without its extension.
 */
function chooseTitle(doc: ExtractedDocument, layout: Layout, headings: Heading[], fileName: string): string {
  const baseName = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'Untitled';
  const meta = doc.title?.trim().replace(/\s+/g, ' ') ?? '';
  if (looksLikeRealTitle(meta, baseName)) return meta;
  const heading = headings.find(
    (h) => h.level === 1 && h.page <= 2 && h.end > h.start && isDocumentTitle(h.title),
  );
  if (heading && heading.title.length <= 200) return heading.title;
  return largestLineOfPageOne(layout) ?? baseName;
}

const PRODUCER_PREFIX = /^(?:microsoft\s+(?:word|powerpoint|excel)|untitled|document\d*|slide\s*\d+)\b/iu;
const FILE_NAME = /\.(?:docx?|pdf|pptx?|xlsx?|rtf|odt|tex|dvi|ps|indd|qxd|txt|html?)$/iu;

/** Not empty, not "Microsoft Word - foo.doc" or "untitled", not a file name or path. */
function looksLikeRealTitle(title: string, baseName: string): boolean {
  if (title.length < 3 || !/\p{L}{2}/u.test(title)) return false;
  if (PRODUCER_PREFIX.test(title) || FILE_NAME.test(title) || /[\\/]/.test(title)) return false;
  return title.toLowerCase() !== baseName.toLowerCase();
}

/** Not too long, not numbered like a section, not "Contents". */
function isDocumentTitle(text: string): boolean {
  return text.length <= 200 && !parseNumbering(text.trim()) && !isTocTitle(text);
}

function largestLineOfPageOne(layout: Layout): string | null {
  let best: { text: string; size: number } | null = null;
  for (let i = layout.pageStart[1]!; i < layout.pageStart[2]!; i++) {
    const line = layout.lines[i]!;
    const text = line.text.trim();
    if (!/\p{L}{2}|\p{Script=Han}/u.test(text) || !isDocumentTitle(text)) continue;
    if (!best || line.fontSize > best.size) best = { text, size: line.fontSize };
  }
  return best && sizeKey(best.size) > layout.bodySize ? best.text : null;
}
