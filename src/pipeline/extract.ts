/**
 * Stage 2: an open PDF → lines per page in reading order, outline and metadata.
 *
 * Pages are spread over the handle's parser threads, a few in flight per thread, so parsing (in the threads)
 * overlaps with line building (here). Per page: group text items into lines, spell out ligatures; then over the
 * whole document: drop running headers/footers and page numbers, join hyphenated words, flag pages without text.
 */
import { corrupt } from '../errors.ts';
import type { PdfHandle } from './load.ts';
import { buildLines, type RawItem } from './pdf/lines.ts';
import { readOutline } from './pdf/outline.ts';
import { guarded, PdfThreadStopped, PdfTimeout, type ThreadedDocument } from './pdf/pdfjs.ts';
import { removeRunningText } from './pdf/running-text.ts';
import { dehyphenate } from './pdf/text.ts';
import type { ExtractedDocument, PageText, TextLine } from './types.ts';

/** Options of {@link extractDocument}. */
export interface ExtractOptions {
  /** Called after each page with pages done and the page count. */
  onProgress?: (done: number, total: number) => void;
  /** Pages parsed at once per parser thread. @defaultValue 3 */
  pagesInFlight?: number;
}

interface PageResult {
  lines: TextLine[];
  box: { left: number; right: number; bottom: number; top: number };
  /** Non-whitespace characters in the text layer, before any clean-up. */
  chars: number;
  error?: string;
}

const BOLD_NAME = /bold|black|heavy|semibold|demi|[-,_]bd$|\bbd\b|bx(?:ti|sl)?\d+$/i;

/**
 * Extracts every page of `pdf`. A page that fails is kept empty with a warning.
 * @throws PdfError `corrupt` when no page can be read or a page does not finish within the handle's time limit.
 */
export async function extractDocument(pdf: PdfHandle, opts: ExtractOptions = {}): Promise<ExtractedDocument> {
  const total = pdf.pageCount;
  const results = await extractPages(pdf, opts);
  const failed = results.flatMap((r, i) => (r.error !== undefined ? [{ page: i + 1, error: r.error }] : []));
  if (failed.length === total) throw corrupt(`no page can be read (${failed[0]?.error ?? 'unknown error'})`);

  const pages: PageText[] = results.map((r, i) => ({ page: i + 1, lines: r.lines, needsOcr: r.chars === 0 }));
  removeRunningText(
    pages,
    results.map((r) => r.box),
  );
  for (const page of pages) page.lines = dehyphenate(page.lines);

  const main = pdf.documents[0] as ThreadedDocument;
  const [outline, meta] = await Promise.all([
    guarded(readOutline(main.doc), main.thread, pdf.pageTimeoutMs).catch(() => []),
    readMetadata(main),
  ]);
  const warnings = failed.map(({ page, error }) => `page ${page} could not be read: ${error}`);
  const ocr = pages.filter((p) => p.needsOcr && results[p.page - 1]?.error === undefined).map((p) => p.page);
  if (ocr.length > 0) warnings.push(`no text layer (needs OCR) on ${ocr.length} page(s): ${pageRanges(ocr)}`);
  return { pageCount: total, pages, outline, ...meta, warnings };
}

/** All pages, spread over the handle's threads with a few in flight each; results by page index. */
async function extractPages(pdf: PdfHandle, opts: ExtractOptions): Promise<PageResult[]> {
  const total = pdf.pageCount;
  const results: PageResult[] = new Array(total);
  const inFlight = Math.max(1, opts.pagesInFlight ?? 3);
  let next = 1;
  let done = 0;
  const lane = async (td: ThreadedDocument) => {
    const isBold = boldTest(td);
    while (next <= total) {
      const n = next++;
      results[n - 1] = await extractPage(td, n, pdf.pageTimeoutMs, isBold);
      opts.onProgress?.(++done, total);
    }
  };
  await Promise.all(pdf.documents.flatMap((td) => Array.from({ length: inFlight }, () => lane(td))));
  return results;
}

async function extractPage(
  td: ThreadedDocument,
  n: number,
  timeoutMs: number,
  isBold: (fontName: string) => boolean,
): Promise<PageResult> {
  const box = { left: 0, right: 612, bottom: 0, top: 792 };
  try {
    const page = await guarded(td.doc.getPage(n), td.thread, timeoutMs);
    const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = page.view;
    Object.assign(box, {
      left: Math.min(x0, x1),
      right: Math.max(x0, x1),
      bottom: Math.min(y0, y1),
      top: Math.max(y0, y1),
    });
    const content = await guarded(page.getTextContent({ disableNormalization: true }), td.thread, timeoutMs);
    page.cleanup();
    const items = content.items as RawItem[];
    let chars = 0;
    for (const item of items) if (item.str) chars += item.str.replace(/\s+/g, '').length;
    return { lines: buildLines(items, n, box, isBold), box, chars };
  } catch (err) {
    if (err instanceof PdfThreadStopped) throw err;
    if (err instanceof PdfTimeout) {
      // The parser is presumably looping: stop it rather than let it burn a core.
      await td.thread.terminate();
      throw corrupt(`page ${n} did not finish (${err.message})`);
    }
    const message = err instanceof Error ? err.message : String(err);
    return { lines: [], box, chars: 0, error: message.split('\n')[0]?.replace(/\.$/, '') ?? 'error' };
  }
}

/** Whether a pdf.js font (by its `loadedName`) is bold, decided once per font from its PDF name. */
function boldTest(td: ThreadedDocument): (fontName: string) => boolean {
  const cache = new Map<string, boolean>();
  return (fontName) => {
    let bold = cache.get(fontName);
    if (bold === undefined) {
      const name = td.thread.fontNames.get(fontName);
      if (name === undefined) return false;
      bold = BOLD_NAME.test(name.replace(/^[A-Z]{6}\+/, ''));
      cache.set(fontName, bold);
    }
    return bold;
  };
}

/** Title and author from the info dictionary, else XMP; only non-empty values. */
async function readMetadata(td: ThreadedDocument): Promise<{ title?: string; author?: string }> {
  try {
    const { info, metadata } = await guarded(td.doc.getMetadata(), td.thread, 5000);
    const dict = (info ?? {}) as Record<string, unknown>;
    const pick = (key: string, xmp: string) => {
      const value = typeof dict[key] === 'string' ? (dict[key] as string) : metadata?.get(xmp);
      const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
      return text === '' ? undefined : text;
    };
    const title = pick('Title', 'dc:title');
    const author = pick('Author', 'dc:creator');
    return { ...(title ? { title } : {}), ...(author ? { author } : {}) };
  } catch {
    return {};
  }
}

/** [1,2,3,5] → "1-3, 5". */
export function pageRanges(pages: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < pages.length; i++) {
    const start = pages[i] as number;
    let end = start;
    while (pages[i + 1] === end + 1) end = pages[++i] as number;
    parts.push(end > start ? `${start}-${end}` : `${start}`);
  }
  return parts.join(', ');
}
