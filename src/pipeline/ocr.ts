/**
 * Stage 2b: pages without a text layer (or every page, with OCR=force) drawn by PDFium and read by Tesseract,
 * so that a scan gets lines like a born-digital page: sizes, headings, paragraphs and page citations work the
 * same. It runs where extraction runs, on the open PDF, in `profai process` and in a worker child alike.
 * In a document that has a text layer, a textless page is first drawn small and tested (ocr/page-test.ts):
 * blank pages and drawings are not read, and Tesseract is not started for a document that has only those.
 */
import type { ExtractedDocument, OcrPage, TextLine } from '../domain/document.ts';
import { pageRanges } from './extract.ts';
import type { PdfHandle } from './load.ts';
import { type OcrLine, ocrTextLines } from './ocr/lines.ts';
import { judgePage, PAGE_TEST, type PageVerdict } from './ocr/page-test.ts';
import { forgetPageImage, hasOcrWorker, ocrWorker } from './ocr/tesseract.ts';
import { bandBytesFor } from './pdf/bands.ts';
import { hasHeaderRoom } from './pdf/document.ts';
import { type GrayImage, RenderError, renderPageGray } from './pdf/render.ts';
import { removeRunningText } from './pdf/running-text.ts';
import { dehyphenate } from './pdf/text.ts';

/** OCR setting: `auto` reads pages without a text layer, `force` every page, `off` none. */
export type OcrMode = 'auto' | 'off' | 'force';

/** Options of {@link ocrDocument}; the settings named are where the pipeline takes them from. */
export interface OcrOptions {
  /** OCR */
  mode: OcrMode;
  /** OCR_LANGS: Tesseract language codes, each with its `@tesseract.js-data/<lang>` package installed. */
  langs: readonly string[];
  /** OCR_DPI: resolution pages are drawn at for recognition. */
  dpi: number;
  /** Called after each page read, with pages done and pages to read. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Pages already recognised elsewhere ({@link readOcrPages} in page-range jobs), used instead of reading them
   * again; the pages missing from it are read here. @defaultValue none
   */
  recognised?: ReadonlyMap<number, RecognisedPage>;
}

/**
 * One page as Tesseract read it, before the steps that look across pages (running headers, hyphenation): plain
 * data, so that it can be read in one process and assembled in another.
 */
export interface RecognisedPage {
  page: number;
  lines: TextLine[];
  /** Mean confidence of the words kept; null when none was. */
  confidence: number | null;
  /** Height of the page in points (the box running headers are found in). */
  heightPt: number;
  /** Why PDFium could not draw the page, when it could not. */
  reason?: string;
}

/** What OCR did: the pages it read (with confidence), those where it found nothing, those it could not draw. */
export interface OcrOutcome {
  /** Pages OCR was asked to read. */
  attempted: number[];
  read: OcrPage[];
  /** Pages drawn and read with no word found, or not drawn at all (see `undrawn`). */
  unreadable: number[];
  /** Pages PDFium could not draw, with the reason. */
  undrawn: { page: number; reason: string }[];
  /**
   * Pages not read because the page test (ocr/page-test.ts) found nothing to read on them: blank or a drawing.
   * Only in a document that has a text layer (mode `auto`); a scan's every page is read.
   */
  skipped: { page: number; rule: PageVerdict['rule'] }[];
}

/** A page read with a mean confidence below this (0–100) is kept but marked for the reader to check. */
export const LOW_CONFIDENCE = 60;

/** The pages OCR reads in `mode`: without a text layer (and not failed), or all. */
export function pagesToOcr(doc: ExtractedDocument, mode: OcrMode): number[] {
  if (mode === 'off') return [];
  if (mode === 'force') return doc.pages.map((p) => p.page);
  const failed = new Set(
    doc.warnings.flatMap((w) => /^page (\d+) could not be read/.exec(w)?.slice(1).map(Number) ?? []),
  );
  return doc.pages.filter((p) => p.needsOcr && !failed.has(p.page)).map((p) => p.page);
}

/**
 * The pages OCR reads and those it leaves, decided before Tesseract starts: the pages {@link pagesToOcr} names,
 * less, in a document that has a text layer (mode `auto`), those the page test (ocr/page-test.ts) finds blank or
 * drawings and those PDFium cannot draw. A split over page-range jobs is decided on `read` and made of it, so
 * ranges read only the pages one worker would read.
 */
export interface OcrSelection {
  /** Pages OCR was asked to read ({@link pagesToOcr}). */
  attempted: number[];
  /** Pages to draw and recognise, in order. */
  read: number[];
  /** Pages the page test found nothing to read on. */
  skipped: OcrOutcome['skipped'];
  /** Pages PDFium could not draw even small, with the reason. */
  undrawn: OcrOutcome['undrawn'];
}

/** Applies the page test (when it applies: see {@link OcrSelection}) to the pages {@link pagesToOcr} names. */
export async function selectOcrPages(
  pdf: PdfHandle,
  doc: ExtractedDocument,
  mode: OcrMode,
): Promise<OcrSelection> {
  const attempted = pagesToOcr(doc, mode);
  const selection: OcrSelection = { attempted, read: [], skipped: [], undrawn: [] };
  // Textless pages among pages with text are mostly blank or drawings: tested before Tesseract is started.
  const testFirst = mode === 'auto' && doc.pages.some((p) => !p.needsOcr);
  for (const n of attempted) {
    if (!doc.pages[n - 1]) continue;
    const verdict = testFirst ? await testPage(pdf, n) : undefined;
    if (verdict && 'reason' in verdict) selection.undrawn.push({ page: n, reason: verdict.reason });
    else if (verdict && !verdict.read) selection.skipped.push({ page: n, rule: verdict.rule });
    else selection.read.push(n);
  }
  return selection;
}

/**
 * Reads the pages {@link selectOcrPages} keeps (or `selection`, when the caller made it already) and puts their
 * lines into `doc` (in place): running headers of the OCR'd pages removed and hyphenated words joined,
 * `needsOcr` cleared, `ocrConfidence` set. Pages where OCR finds nothing stay as they were. The warnings say
 * which pages were read and which were not. Progress counts the pages read.
 */
export async function ocrDocument(
  pdf: PdfHandle,
  doc: ExtractedDocument,
  opts: OcrOptions,
  selection?: OcrSelection,
): Promise<OcrOutcome> {
  const chosen = selection ?? (await selectOcrPages(pdf, doc, opts.mode));
  const outcome: OcrOutcome = {
    attempted: chosen.attempted,
    read: [],
    unreadable: chosen.undrawn.map((u) => u.page),
    undrawn: [...chosen.undrawn],
    skipped: [...chosen.skipped],
  };
  if (chosen.attempted.length === 0) return outcome;
  const worker = ocrReader(opts);
  const read: ExtractedDocument['pages'] = [];
  const boxes: { bottom: number; top: number }[] = [];
  let done = 0;
  for (const n of chosen.read) {
    const page = doc.pages[n - 1]!;
    const recognised = opts.recognised?.get(n) ?? (await readPage(pdf, n, opts.dpi, worker));
    if (recognised.reason !== undefined) outcome.undrawn.push({ page: n, reason: recognised.reason });
    if (recognised.confidence === null) outcome.unreadable.push(n);
    else {
      page.lines = recognised.lines;
      page.needsOcr = false;
      page.ocrConfidence = Math.round(recognised.confidence * 10) / 10;
      outcome.read.push({ page: n, confidence: page.ocrConfidence });
      read.push(page);
      boxes.push({ bottom: 0, top: recognised.heightPt });
    }
    opts.onProgress?.(++done, chosen.read.length);
  }
  // Reported in page order, as when each page was tested and read in turn.
  outcome.unreadable.sort((a, b) => a - b);
  outcome.undrawn.sort((a, b) => a.page - b.page);
  removeRunningText(read, boxes);
  for (const page of read) page.lines = dehyphenate(page.lines);
  doc.warnings = [
    ...doc.warnings.filter((w) => !w.startsWith('no text layer (needs OCR)')),
    ...ocrWarnings(doc, outcome),
  ];
  return outcome;
}

/** The page test's verdict on page `n` (drawn at {@link PAGE_TEST}.dpi), or why it could not be drawn. */
async function testPage(pdf: PdfHandle, n: number): Promise<PageVerdict | { reason: string }> {
  try {
    return judgePage(await renderPageGray(pdf, n, PAGE_TEST.dpi));
  } catch (err) {
    if (!(err instanceof RenderError)) throw err;
    return { reason: err.message };
  }
}

/**
 * Reads `pages` of `pdf` as they are, for {@link ocrDocument} to assemble elsewhere (`recognised`): the work of
 * a page-range job. `onProgress` is called after each page.
 */
export async function readOcrPages(
  pdf: PdfHandle,
  pages: readonly number[],
  opts: Pick<OcrOptions, 'langs' | 'dpi' | 'onProgress'>,
): Promise<RecognisedPage[]> {
  const worker = ocrReader(opts);
  const out: RecognisedPage[] = [];
  for (const n of pages) {
    out.push(await readPage(pdf, n, opts.dpi, worker));
    opts.onProgress?.(out.length, pages.length);
  }
  return out;
}

type OcrWorker = Awaited<ReturnType<typeof ocrWorker>>;

/** The process's Tesseract worker set for `dpi`, made when a page is first read (not for pages read elsewhere). */
function ocrReader(opts: Pick<OcrOptions, 'langs' | 'dpi'>): () => Promise<OcrWorker> {
  let ready: Promise<OcrWorker> | null = null;
  return () =>
    (ready ??= ocrWorker(opts.langs).then(async (worker) => {
      await worker.setParameters({ user_defined_dpi: String(opts.dpi) });
      return worker;
    }));
}

/**
 * Page `n` drawn and recognised; a page that cannot be drawn reads as nothing, with the reason. Drawn first, and
 * PDFium's memory handed back if the drawing grew it, before Tesseract is made or reads: the two engines' peaks
 * (PDFium's for a page drawn from a large image, Tesseract's for a page read at 300 dpi) come one after the other,
 * not on top of each other (om-scan-wikipedia-de.pdf: PDFium 149 MB, Tesseract ~110 MB). A page drawn while
 * Tesseract is alive (its memory never shrinks) is drawn in thinner bands (pdf/bands.ts BESIDE_TESSERACT_BAND_BYTES).
 */
async function readPage(
  pdf: PdfHandle,
  n: number,
  dpi: number,
  worker: () => Promise<OcrWorker>,
): Promise<RecognisedPage> {
  let image: GrayImage;
  try {
    image = await renderPageGray(pdf, n, dpi, { bandBytes: ocrBandBytes(pdf.maxMemoryMb) });
  } catch (err) {
    if (!(err instanceof RenderError)) throw err;
    return { page: n, lines: [], confidence: null, heightPt: 792, reason: err.message };
  }
  await pdf.shedGrownEngine();
  const reader = await worker();
  const result = await reader
    .recognize(toTesseract(pgm(image)), {}, { blocks: true, text: false })
    .finally(() => forgetPageImage(reader));
  const lines = (result.data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines)) as OcrLine[];
  const heightPt = (image.height * 72) / image.dpi;
  const widthPt = (image.width * 72) / image.dpi;
  return { page: n, ...ocrTextLines(lines, n, { dpi: image.dpi, widthPt, heightPt }), heightPt };
}

/**
 * Bytes of stretched image rows a band of a page drawn for OCR may need under PDF_MAX_MEMORY_MB `maxMemoryMb`: fewer
 * while the process holds a Tesseract worker, whose memory never shrinks, so that PDFium's growth for the page does
 * not come on top of it (pdf/bands.ts BESIDE_TESSERACT_BAND_BYTES).
 */
export const ocrBandBytes = (maxMemoryMb: number): number => bandBytesFor(maxMemoryMb, hasOcrWorker());

/** One line each: what OCR read (and how surely), what it could not, what still has no text. */
function ocrWarnings(doc: ExtractedDocument, outcome: OcrOutcome): string[] {
  const out: string[] = [];
  if (outcome.read.length > 0) {
    const mean = outcome.read.reduce((s, p) => s + p.confidence, 0) / outcome.read.length;
    out.push(
      `read by OCR: ${outcome.read.length} page(s): ${pageRanges(outcome.read.map((p) => p.page))} (mean confidence ${Math.round(mean)}%)`,
    );
    const low = outcome.read.filter((p) => p.confidence < LOW_CONFIDENCE);
    if (low.length > 0)
      out.push(
        `low OCR confidence (below ${LOW_CONFIDENCE}%) on ${low.length} page(s): ${pageRanges(low.map((p) => p.page))}; check them against the PDF`,
      );
  }
  if (outcome.skipped.length > 0)
    out.push(
      `not read by OCR: ${outcome.skipped.length} page(s) blank or drawings (${PAGE_TEST.dpi} dpi test): ${pageRanges(outcome.skipped.map((p) => p.page))}`,
    );
  for (const { page, reason } of outcome.undrawn)
    out.push(`page ${page} could not be drawn for OCR: it ${reason}`);
  if (outcome.unreadable.length > 0)
    out.push(
      `OCR found no readable text on ${outcome.unreadable.length} page(s): ${pageRanges(outcome.unreadable)}`,
    );
  const skipped = new Set(outcome.skipped.map((p) => p.page));
  const still = doc.pages
    .filter((p) => p.needsOcr && !outcome.unreadable.includes(p.page) && !skipped.has(p.page))
    .map((p) => p.page);
  if (still.length > 0)
    out.push(`no text layer (needs OCR) on ${still.length} page(s): ${pageRanges(still)}`);
  return out;
}

/**
 * A grey image as a binary PGM file, which Tesseract's image library reads: the header written in the room before
 * the pixels when the page was drawn with room for it (hasHeaderRoom: the file then shares the image's memory, and
 * those free bytes of the image's buffer are written to), or, for any other image, a copy.
 */
export function pgm(image: GrayImage): Buffer {
  const size = `\n${image.width} ${image.height}\n255\n`;
  const { buffer, byteOffset, byteLength } = image.pixels;
  if (!hasHeaderRoom(image.pixels))
    return Buffer.concat([Buffer.from(`P5${size}`), Buffer.from(buffer, byteOffset, byteLength)]);
  // Spaces after the magic number (PGM allows any whitespace there) make the header fill the room: the file is the
  // whole buffer, which tesseract.js then takes without a copy (see toTesseract).
  const header = Buffer.from(`P5${' '.repeat(Math.max(0, byteOffset - 2 - size.length))}${size}`);
  const file = Buffer.from(buffer, byteOffset - header.length, header.length + byteLength);
  header.copy(file);
  return file;
}

/**
 * What `recognize` is given for `file`: its ArrayBuffer when the file is the whole of it, since tesseract.js copies
 * a Buffer (`new Uint8Array(buffer)`) and holds the copy until the page is read (8.4 MB a letter page at 300 dpi)
 * but takes a view of an ArrayBuffer (its typings omit it; its Node image loader accepts it).
 */
function toTesseract(file: Buffer): Buffer {
  const whole = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength;
  return whole ? (file.buffer as unknown as Buffer) : file;
}

/** The course's `ocr` summary of a document's OCR'd pages. */
export function ocrSummary(pages: readonly OcrPage[]) {
  const mean = pages.reduce((s, p) => s + p.confidence, 0) / Math.max(1, pages.length);
  return {
    pages: pages.map((p) => p.page),
    meanConfidence: Math.round(mean * 10) / 10,
    lowConfidence: pages.filter((p) => p.confidence < LOW_CONFIDENCE),
  };
}
