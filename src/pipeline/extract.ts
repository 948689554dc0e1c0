/**
 * Stage 2: an open PDF → lines per page in reading order, outline and metadata.
 *
 * Pages are read by PDFium in this thread, a slice of pages per call into the engine, each slice under the
 * page time limit (see pdf/engine.ts); between slices the event loop runs (progress, IPC). Per page: group the
 * characters into runs and the runs into lines, spell out ligatures; then over the whole document: drop running
 * headers/footers and page numbers, join hyphenated words, flag pages without text.
 */
import { performance } from 'node:perf_hooks';
import type { ExtractedDocument, PageText, TextLine } from '../domain/document.ts';
import { corrupt, tooComplex } from './errors.ts';
import { memoryDetail, type PdfHandle } from './load.ts';
import type { PageBox, PdfiumDocument } from './pdf/document.ts';
import { EngineCrashed, EngineMemoryExceeded, EngineTimeout, runInEngine } from './pdf/engine.ts';
import { buildLines } from './pdf/lines.ts';
import { removeRunningText } from './pdf/running-text.ts';
import { dehyphenate } from './pdf/text.ts';
import { xmpTitleAuthor } from './pdf/xmp.ts';

/** Options of {@link extractDocument}. */
export interface ExtractOptions {
  /**
   * Called with pages done and the page count after each slice of pages (about every {@link SLICE_MS} ms) and
   * at the end: not after each page, which cost a worker child an IPC message (and its supervisor one to handle)
   * per page.
   */
  onProgress?: (done: number, total: number) => void;
  /**
   * After this many pages time out, the pages not yet read are skipped too (each time-out costs the page time
   * limit and a fresh engine). @defaultValue 3
   */
  maxPageTimeouts?: number;
}

interface PageResult {
  lines: TextLine[];
  box: PageBox;
  /** Non-whitespace characters in the text layer, before any clean-up. */
  chars: number;
  error?: string;
}

const LETTER_BOX: PageBox = { left: 0, right: 612, bottom: 0, top: 792 };
/**
 * Pages are read in slices of about this long per call into the engine: a call under a time limit costs a
 * watchdog thread's start, too much per page, and between slices the event loop gets its turn.
 */
const SLICE_MS = 50;

/**
 * Extracts every page of `pdf`. A page that fails or does not finish in time is kept empty with a warning.
 * @throws PdfError `corrupt` when no page can be read, `too_complex` when a page needs more memory than the
 * engine may have or all pages together take longer than the document's time limit.
 */
export async function extractDocument(pdf: PdfHandle, opts: ExtractOptions = {}): Promise<ExtractedDocument> {
  const total = pdf.pageCount;
  const results = await readPages(pdf, opts);
  const failed = results.flatMap((r, i) => (r.error !== undefined ? [{ page: i + 1, error: r.error }] : []));
  if (failed.length === total) throw corrupt(`no page can be read (${failed[0]?.error ?? 'unknown error'})`);

  const pages: PageText[] = results.map((r, i) => ({ page: i + 1, lines: r.lines, needsOcr: r.chars === 0 }));
  removeRunningText(
    pages,
    results.map((r) => r.box),
  );
  for (const page of pages) page.lines = dehyphenate(page.lines);

  const { outline, meta } = readOutlineAndMetadata(pdf);
  const warnings = failed.map(({ page, error }) => `page ${page} could not be read: ${error}`);
  const ocr = pages.filter((p) => p.needsOcr && results[p.page - 1]?.error === undefined).map((p) => p.page);
  if (ocr.length > 0) warnings.push(`no text layer (needs OCR) on ${ocr.length} page(s): ${pageRanges(ocr)}`);
  return { pageCount: total, pages, outline, ...meta, warnings };
}

/**
 * All pages in order. A page that times out or crashes the engine is skipped: the engine instance is dropped
 * and the file opened again in a fresh one. After `maxPageTimeouts` time-outs, or when the file cannot be
 * opened again, the remaining pages are skipped.
 */
async function readPages(pdf: PdfHandle, opts: ExtractOptions): Promise<PageResult[]> {
  const total = pdf.pageCount;
  const results: PageResult[] = new Array(total);
  const maxTimeouts = opts.maxPageTimeouts ?? 3;
  const deadline = performance.now() + pdf.timeoutMs;
  let next = 0;
  let timeouts = 0;
  let givenUp: string | undefined;
  let reported = 0;
  const finish = (result: PageResult) => {
    results[next++] = result;
  };
  const report = () => {
    if (next === reported) return;
    reported = next;
    opts.onProgress?.(next, total);
  };
  const reopen = async () => {
    try {
      await pdf.reopen();
    } catch (err) {
      givenUp = `skipped: the file could not be opened again (${(err as Error).message})`;
    }
  };

  // Apart from the loop so that no variable of the loop holds the document (and its engine) while reopen() makes a
  // fresh one.
  const readSlice = () => {
    const doc = pdf.document;
    runInEngine(
      doc.engine,
      () => {
        const until = performance.now() + SLICE_MS;
        do finish(readPage(doc, next));
        while (next < total && performance.now() < until);
      },
      pdf.pageTimeoutMs + SLICE_MS,
    );
  };

  while (next < total) {
    if (givenUp !== undefined) {
      finish(failedPage(givenUp));
      continue;
    }
    if (performance.now() > deadline)
      throw tooComplex(
        `reading its pages took longer than ${Math.round(pdf.timeoutMs / 1000)} s (PDF_TIMEOUT_S)`,
      );
    try {
      readSlice();
    } catch (err) {
      if (err instanceof EngineMemoryExceeded)
        throw tooComplex(`page ${next + 1} ${memoryDetail(pdf.maxMemoryMb)}`);
      if (err instanceof EngineTimeout) {
        finish(failedPage(`did not finish within ${Math.round(pdf.pageTimeoutMs / 1000)} s`));
        if (++timeouts >= maxTimeouts) givenUp = `skipped after ${timeouts} pages did not finish`;
      } else if (err instanceof EngineCrashed) finish(failedPage(err.message));
      else throw err;
      if (givenUp === undefined && next < total) await reopen();
    }
    // Progress and IPC messages go out between slices.
    report();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  report();
  return results;
}

const failedPage = (error: string): PageResult => ({ lines: [], box: LETTER_BOX, chars: 0, error });

/** One page's lines; a page PDFium cannot load is kept empty with its reason. */
function readPage(doc: PdfiumDocument, index: number): PageResult {
  let page: ReturnType<PdfiumDocument['readPage']>;
  try {
    page = doc.readPage(index);
  } catch (err) {
    if (err instanceof WebAssembly.RuntimeError) throw err;
    return failedPage(err instanceof Error ? err.message : String(err));
  }
  return { lines: buildLines(page.items, index + 1, page.box), box: page.box, chars: page.chars };
}

/** The outline and metadata; a failure to read either leaves it empty (the pages are what matters). */
function readOutlineAndMetadata(pdf: PdfHandle): {
  outline: ExtractedDocument['outline'];
  meta: { title?: string; author?: string };
} {
  const doc = pdf.document;
  let read: ReturnType<typeof readOutlineAndMetadata> = { outline: [], meta: {} };
  try {
    read = runInEngine(
      doc.engine,
      () => ({ outline: doc.outline(), meta: doc.metadata() }),
      pdf.pageTimeoutMs,
    );
  } catch {
    // The pages are what matters; the outline and the metadata stay empty.
  }
  if (read.meta.title && read.meta.author) return read;
  return { outline: read.outline, meta: { ...xmpTitleAuthor(pdf.bytes), ...read.meta } };
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
