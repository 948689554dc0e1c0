/**
 * Stage 1: check the bytes are a PDF within the limits, then open it with PDFium (see pdf/engine.ts).
 */
import { createHash } from 'node:crypto';
import type { CheckedPdf } from '../domain/document.ts';
import {
  corrupt,
  emptyFile,
  encrypted,
  notPdf,
  tooComplex,
  tooLarge,
  tooManyPages,
  wrongPassword,
} from './errors.ts';
import { PdfiumDocument, PdfiumOpenError } from './pdf/document.ts';
import {
  collectGarbage,
  dropEngine,
  EngineMemoryExceeded,
  EngineTimeout,
  engine,
  hasGrown,
  isLive,
  renewIfGrown,
  runInEngine,
  setEngineLimits,
  warmEngine,
} from './pdf/engine.ts';
import { sniffFormat } from './pdf/sniff.ts';
import { softMaskedSizes } from './pdf/soft-masks.ts';
import { findBrokenStream } from './pdf/streams.ts';

/** How far into the file readers look for `%PDF-`. */
const HEADER_WINDOW = 1024;

/**
 * Checks bytes without parsing them: not empty, a PDF header, not too large. Computes the document's identity.
 * @throws PdfError `empty_file`, `not_pdf` (saying what the bytes look like) or `too_large`.
 */
export function checkPdf(
  input: { bytes: Uint8Array; fileName: string; password?: string },
  limits: { maxFileMb: number },
): CheckedPdf {
  const { bytes, fileName, password } = input;
  if (bytes.length === 0) throw emptyFile();
  if (!hasPdfHeader(bytes)) throw notPdf(sniffFormat(bytes));
  const mb = bytes.length / (1024 * 1024);
  if (mb > limits.maxFileMb) throw tooLarge(mb, limits.maxFileMb);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    fileName,
    bytes,
    sha256,
    documentId: sha256.slice(0, 16),
    sizeBytes: bytes.length,
    ...(password !== undefined ? { password } : {}),
  };
}

/** True when `%PDF-` occurs within the first {@link HEADER_WINDOW} bytes (junk before it is tolerated). */
export function hasPdfHeader(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, HEADER_WINDOW) - 5;
  for (let i = 0; i <= end; i++) {
    // %PDF-
    if (bytes[i] === 0x25 && bytes[i + 1] === 0x50 && bytes[i + 2] === 0x44 && bytes[i + 3] === 0x46) {
      if (bytes[i + 4] === 0x2d) return true;
    }
  }
  return false;
}

/** Limits and time budget of {@link openPdf}; the settings named are where the pipeline takes them from. */
export interface OpenLimits {
  /** MAX_PAGES */
  maxPages: number;
  /** Longest time opening may take before the file counts as corrupt. @defaultValue 20000 */
  openTimeoutMs?: number;
  /** Longest time one page may take (PDF_PAGE_TIMEOUT_S); a page over it is skipped with a warning. @defaultValue 15000 */
  pageTimeoutMs?: number;
  /** Longest time reading every page may take (PDF_TIMEOUT_S); past it the file is too complex. @defaultValue 120000 */
  timeoutMs?: number;
  /** Most memory the PDF engine may grow to, in MB (PDF_MAX_MEMORY_MB). @defaultValue 256 */
  maxMemoryMb?: number;
}

/** An open PDF: what {@link extractDocument} reads. Call `close()` when done (it never throws). */
export interface PdfHandle {
  readonly fileName: string;
  /** The file's bytes (what the engine does not read, e.g. XMP metadata, is read from them). */
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  /** The document in the engine's current instance. */
  readonly document: PdfiumDocument;
  readonly pageTimeoutMs: number;
  readonly timeoutMs: number;
  readonly maxMemoryMb: number;
  /**
   * Pixel sizes of the file's images that have a soft mask (pdf/soft-masks.ts), read from `bytes` when a page is first
   * drawn and kept for the handle's life: the engine renewed mid-document (reopen, shedGrownEngine) does not read
   * the file again.
   */
  readonly softMasked: ReadonlySet<string>;
  /**
   * Opens the file again in a fresh engine instance, after the one holding `document` was dropped (a page
   * that did not finish, or crashed the engine), and makes it `document`.
   * @throws PdfError when the file cannot be opened again.
   */
  reopen(): Promise<PdfiumDocument>;
  /**
   * Hands back the engine's memory when it grew past its renewal size (EngineLimits.renewAboveMb), not counting
   * what opening this document grew it by (a large file's own bytes), while the document is still open: lets the
   * instance go, collects it, then opens the document again in a fresh one. Between drawing a
   * page and reading it by OCR, so that the 100-250 MB a page drawn from a large image grew PDFium to is not
   * resident beside Tesseract's. Does nothing otherwise.
   */
  shedGrownEngine(): Promise<void>;
  /**
   * Closes the document. `read` is how many of its pages were read (each leaves memory in the engine, which a
   * long document's close hands back by renewing the instance). @defaultValue every page (`pageCount`)
   */
  close(options?: { read?: number }): Promise<void>;
}

/** A one-page PDF with a line of text in a standard font (PDFium rebuilds its missing cross-reference table). */
const TINY_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 50]/Contents 4 0 R' +
    '/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n' +
    '4 0 obj<</Length 36>>stream\nBT /F1 12 Tf 10 20 Td (warm) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Makes the PDF engine ahead of the first document (e.g. while a database opens) and has it read a page of
 * text, which pays for what PDFium sets up on its first page (its fonts) before a real document. Never throws.
 */
export async function warmPdfParser(): Promise<void> {
  await warmEngine();
  try {
    const e = await engine();
    runInEngine(
      e,
      () => {
        const doc = PdfiumDocument.open(e, TINY_PDF, undefined);
        try {
          doc.readPage(0);
        } finally {
          doc.close();
        }
      },
      5000,
    );
  } catch {
    // The first document pays instead.
  }
}

/**
 * Opens a checked PDF with PDFium. Whether its pages can be read is for {@link extractDocument} to find out.
 * An encrypted file opens when its user password is empty or given.
 * @throws PdfError `encrypted`, `wrong_password`, `corrupt` (also when opening times out), `too_complex` or
 * `too_many_pages`.
 */
export async function openPdf(checked: CheckedPdf, limits: OpenLimits): Promise<PdfHandle> {
  const maxMemoryMb = limits.maxMemoryMb ?? 256;
  setEngineLimits({ maxMemoryMb });
  const broken = findBrokenStream(checked.bytes);
  if (broken !== undefined)
    throw corrupt(`a stream is not closed (no endstream after the stream at byte ${broken})`);
  const openTimeoutMs = limits.openTimeoutMs ?? 20_000;
  /**
   * Bytes the engine's memory grew by when the document was last opened (its copy of the file, and what PDFium
   * parsed): memory a fresh instance needs again to hold the document, so it does not count as grown.
   */
  let openedBytes = 0;
  const open = async () => {
    const e = await engine();
    const before = e.heapU8().length;
    try {
      const doc = runInEngine(
        e,
        () => PdfiumDocument.open(e, checked.bytes, checked.password),
        openTimeoutMs,
      );
      openedBytes = Math.max(0, e.heapU8().length - before);
      return doc;
    } catch (err) {
      throw openError(err, checked.password !== undefined, maxMemoryMb);
    }
  };
  let document: PdfiumDocument | undefined = await open();
  const opened = (): PdfiumDocument => {
    if (!document) throw corrupt('the file could not be opened again');
    return document;
  };
  /**
   * Opens the document in a fresh instance once the old one is let go: the handle no longer holds it (it did through
   * `document` while the new one was made) and a full collection runs before the new instance is made, so that two
   * instances (2 × 118 MB for a 100 MB scan) need not be resident together. V8 hands a WebAssembly memory back
   * asynchronously, so a second collection once the document is open again lets go of whatever the first could not.
   */
  const openAfresh = async () => {
    if (document && isLive(document.engine)) dropEngine();
    document = undefined;
    collectGarbage();
    document = await open();
    collectGarbage();
    return document;
  };
  let softMasked: ReadonlySet<string> | undefined;
  const handle: PdfHandle = {
    fileName: checked.fileName,
    bytes: checked.bytes,
    pageCount: document.pageCount,
    get document() {
      return opened();
    },
    pageTimeoutMs: limits.pageTimeoutMs ?? 15_000,
    timeoutMs: limits.timeoutMs ?? 120_000,
    maxMemoryMb,
    get softMasked() {
      softMasked ??= softMaskedSizes(checked.bytes);
      return softMasked;
    },
    // The dropped instance may have grown to PDF_MAX_MEMORY_MB before it was refused more: let it go now, not at a
    // collection that a child with a small heap makes jobs later (its next jobs sat ~100 MB higher).
    reopen: openAfresh,
    async shedGrownEngine() {
      // No local holds the document across the reopening: it would keep the old instance alive through it.
      if (isLive(opened().engine) && hasGrown(opened().engine, openedBytes)) await openAfresh();
    },
    async close(options) {
      if (document) closeDocument(document, options?.read ?? document.pageCount);
    },
  };
  try {
    if (handle.pageCount <= 0) throw corrupt('the document has no pages');
    if (handle.pageCount > limits.maxPages) throw tooManyPages(handle.pageCount, limits.maxPages);
    return handle;
  } catch (err) {
    await handle.close({ read: 0 });
    throw err;
  }
}

/** Closes a document in its engine (if that instance is still alive), then lets a grown instance go. */
function closeDocument(doc: PdfiumDocument, pagesRead: number): void {
  // A dropped instance is not called again: its memory, the document's with it, goes as a whole.
  if (!isLive(doc.engine)) return;
  try {
    runInEngine(doc.engine, () => doc.close(), 5000);
    renewIfGrown(doc.engine, pagesRead);
  } catch {
    // runInEngine dropped the instance.
  }
}

/** The engine's failure to open a file, as a one-line PdfError. */
function openError(err: unknown, passwordGiven: boolean, maxMemoryMb: number): Error {
  if (err instanceof PdfiumOpenError) {
    if (err.reason === 'password') return passwordGiven ? wrongPassword() : encrypted();
    if (err.reason === 'security') return encrypted();
    return corrupt('no readable PDF structure (damaged or truncated file)');
  }
  if (err instanceof EngineTimeout) return corrupt(`opening did not finish (${err.message})`);
  if (err instanceof EngineMemoryExceeded) return tooComplex(`opening it ${memoryDetail(maxMemoryMb)}`);
  return corrupt((err instanceof Error ? err.message : String(err)).split('\n')[0] ?? 'unknown error');
}

/** "needs more than 256 MB of memory (PDF_MAX_MEMORY_MB)" */
export const memoryDetail = (maxMemoryMb: number) =>
  `needs more than ${maxMemoryMb} MB of memory (PDF_MAX_MEMORY_MB)`;
