/**
 * Stage 2: an open PDF → lines per page in reading order, outline and metadata.
 *
 * Pages are spread over the handle's parser threads, a few in flight per thread, so parsing (in the threads)
 * overlaps with line building (here). Per page: group text items into lines, spell out ligatures; then over the
 * whole document: drop running headers/footers and page numbers, join hyphenated words, flag pages without text.
 */

import type { ExtractedDocument, PageText, TextLine } from '../domain/document.ts';
import { corrupt } from './errors.ts';
import type { PdfHandle } from './load.ts';
import { buildLines, type RawItem } from './pdf/lines.ts';
import {
  type PackedPage,
  PdfThreadStopped,
  PdfTimeout,
  type RemoteDocument,
  readMetadata,
  readOutline,
  readPage,
} from './pdf/pdfjs.ts';
import { removeRunningText } from './pdf/running-text.ts';
import { dehyphenate } from './pdf/text.ts';

/** Options of {@link extractDocument}. */
export interface ExtractOptions {
  /** Called after each page with pages done and the page count. */
  onProgress?: (done: number, total: number) => void;
  /** Pages parsed at once per parser thread. @defaultValue 3 */
  pagesInFlight?: number;
  /**
   * After this many pages time out, the pages not yet read are skipped too (each time-out costs the page time
   * limit and a thread restart). @defaultValue 3
   */
  maxPageTimeouts?: number;
}

interface PageResult {
  lines: TextLine[];
  box: { left: number; right: number; bottom: number; top: number };
  /** Non-whitespace characters in the text layer, before any clean-up. */
  chars: number;
  error?: string;
}

const BOLD_NAME = /bold|black|heavy|semibold|demi|[-,_]bd$|\bbd\b|bx(?:ti|sl)?\d+$/i;
const LETTER_BOX = { left: 0, right: 612, bottom: 0, top: 792 };

/**
 * Extracts every page of `pdf`. A page that fails or does not finish in time is kept empty with a warning.
 * @throws PdfError `corrupt` when no page can be read.
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

  const main = pdf.documents[0];
  const [outline, meta] = main
    ? await Promise.all([
        readOutline(main, pdf.pageTimeoutMs).catch(() => []),
        readMetadata(main, 5000).catch(() => ({})),
      ])
    : [[], {}];
  const warnings = failed.map(({ page, error }) => `page ${page} could not be read: ${error}`);
  const ocr = pages.filter((p) => p.needsOcr && results[p.page - 1]?.error === undefined).map((p) => p.page);
  if (ocr.length > 0) warnings.push(`no text layer (needs OCR) on ${ocr.length} page(s): ${pageRanges(ocr)}`);
  return { pageCount: total, pages, outline, ...meta, warnings };
}

/** A parser thread's document; replaced by a fresh one when a page gets stuck in it. */
interface Slot {
  current: RemoteDocument | undefined;
  ready: Promise<RemoteDocument | undefined>;
}

/**
 * All pages, spread over the handle's threads with a few in flight each; results by page index.
 *
 * A page that times out is skipped: its thread is stopped (the parser is presumably looping) and the file
 * opened again in a fresh one; pages that were in flight beside it are read again there. After
 * `maxPageTimeouts` such pages, or when the file cannot be opened again, the remaining pages are skipped.
 */
async function extractPages(pdf: PdfHandle, opts: ExtractOptions): Promise<PageResult[]> {
  const total = pdf.pageCount;
  const results: PageResult[] = new Array(total);
  const inFlight = Math.max(1, opts.pagesInFlight ?? 3);
  const maxTimeouts = opts.maxPageTimeouts ?? 3;
  const retry: number[] = [];
  let next = 1;
  let done = 0;
  let timeouts = 0;
  let givenUp: string | undefined;
  const isBold = boldTest();
  const finish = (n: number, result: PageResult) => {
    results[n - 1] = result;
    opts.onProgress?.(++done, total);
  };

  const restart = async (slot: Slot, stuck: RemoteDocument): Promise<RemoteDocument | undefined> => {
    slot.current = undefined;
    if (++timeouts >= maxTimeouts) givenUp = `skipped after ${timeouts} pages did not finish`;
    try {
      if (givenUp === undefined) {
        slot.current = await pdf.reopen(stuck);
        return slot.current;
      }
      await stuck.thread.terminate();
    } catch (err) {
      givenUp = `skipped: the file could not be opened again (${(err as Error).message})`;
    }
    return undefined;
  };

  const lane = async (slot: Slot) => {
    for (let n = retry.pop() ?? next++; n <= total; n = retry.pop() ?? next++) {
      const doc = givenUp === undefined ? await slot.ready : undefined;
      if (doc === undefined) {
        finish(n, failedPage(givenUp ?? 'skipped'));
        continue;
      }
      try {
        finish(n, await extractPage(doc, n, pdf.pageTimeoutMs, isBold));
      } catch (err) {
        if (err instanceof PdfTimeout) {
          if (slot.current === doc) slot.ready = restart(slot, doc);
          finish(n, failedPage(`did not finish within ${Math.round(err.ms / 1000)} s`));
        } else if (err instanceof PdfThreadStopped && slot.current !== doc) {
          retry.push(n); // stopped because of a page stuck beside it: read it again in the new thread
        } else throw err;
      }
    }
  };
  const slots = pdf.documents.map((doc): Slot => ({ current: doc, ready: Promise.resolve(doc) }));
  await Promise.all(slots.flatMap((slot) => Array.from({ length: inFlight }, () => lane(slot))));
  // A restart begun by the last page must end before the handle is read from or closed.
  await Promise.all(slots.map((slot) => slot.ready));
  return results;
}

const failedPage = (error: string): PageResult => ({ lines: [], box: LETTER_BOX, chars: 0, error });

async function extractPage(
  doc: RemoteDocument,
  n: number,
  timeoutMs: number,
  isBold: (fontName: string) => boolean,
): Promise<PageResult> {
  let packed: PackedPage;
  try {
    packed = await readPage(doc, n, timeoutMs);
  } catch (err) {
    if (err instanceof PdfThreadStopped || err instanceof PdfTimeout) throw err;
    const message = err instanceof Error ? err.message : String(err);
    return failedPage(message.split('\n')[0]?.replace(/\.$/, '') || 'error');
  }
  const [x0 = 0, y0 = 0, x1 = 612, y1 = 792] = packed.view;
  const box = {
    left: Math.min(x0, x1),
    right: Math.max(x0, x1),
    bottom: Math.min(y0, y1),
    top: Math.max(y0, y1),
  };
  return { lines: buildLines(unpack(packed, isBold), n, box), box, chars: packed.chars };
}

/** The thread's parallel arrays as items, for one page at a time. */
function unpack(packed: PackedPage, isBold: (fontName: string) => boolean): RawItem[] {
  const { strs, nums, fontIx, fonts } = packed;
  const bold = fonts.map(isBold);
  return strs.map((str, i) => ({
    str,
    x: nums[i * 4] as number,
    y: nums[i * 4 + 1] as number,
    width: nums[i * 4 + 2] as number,
    size: nums[i * 4 + 3] as number,
    bold: bold[fontIx[i] as number] ?? false,
  }));
}

/** Whether a font (by its PDF name, subset prefix and all) is bold, decided once per name. */
function boldTest(): (fontName: string) => boolean {
  const cache = new Map<string, boolean>();
  return (fontName) => {
    let bold = cache.get(fontName);
    if (bold === undefined) {
      bold = BOLD_NAME.test(fontName.replace(/^[A-Z]{6}\+/, ''));
      cache.set(fontName, bold);
    }
    return bold;
  };
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
