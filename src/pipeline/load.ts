/**
 * Stage 1: check the bytes are a PDF within the limits, then open it with pdf.js.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import {
  corrupt,
  emptyFile,
  encrypted,
  notPdf,
  PdfError,
  tooLarge,
  tooManyPages,
  wrongPassword,
} from '../errors.ts';
import {
  closeThreaded,
  guarded,
  openInThread,
  PdfThreadStopped,
  PdfTimeout,
  type ThreadedDocument,
} from './pdf/pdfjs.ts';
import { sniffFormat } from './pdf/sniff.ts';
import type { CheckedPdf } from './types.ts';

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

/** Limits and time budget of {@link openPdf}. */
export interface OpenLimits {
  maxPages: number;
  /**
   * Parser threads a document is spread over (documents under 16 pages use one). More than one only pays on
   * idle cores and costs ~40–70 MB each; a fleet already runs one document per core.
   * @defaultValue 1
   */
  threads?: number;
  /** Longest time opening may take before the file counts as corrupt. @defaultValue 20000 */
  openTimeoutMs?: number;
  /** Longest time one page may take. @defaultValue 15000 */
  pageTimeoutMs?: number;
  /** Heap cap of each parser thread, in MB. @defaultValue 512 */
  maxThreadHeapMb?: number;
}

/** An open PDF: what {@link extractDocument} reads. Call `close()` when done (it never throws). */
export interface PdfHandle {
  readonly fileName: string;
  readonly pageCount: number;
  /** The same file opened in one or more parser threads; pages are spread over them. */
  readonly documents: readonly ThreadedDocument[];
  readonly pageTimeoutMs: number;
  close(): Promise<void>;
}

/** Documents with fewer pages are parsed in one thread: starting a second costs more than it saves. */
const MIN_PAGES_FOR_THREADS = 16;

/**
 * Opens a checked PDF with pdf.js in parser threads.
 * An encrypted file opens when its user password is empty or given.
 * @throws PdfError `encrypted`, `wrong_password`, `corrupt` (also when no page can be read, or opening times
 *   out) or `too_many_pages`.
 */
export async function openPdf(checked: CheckedPdf, limits: OpenLimits): Promise<PdfHandle> {
  const threads = Math.max(1, Math.min(limits.threads ?? 1, availableParallelism()));
  const openTimeoutMs = limits.openTimeoutMs ?? 20_000;
  const pageTimeoutMs = limits.pageTimeoutMs ?? 15_000;
  const open = () =>
    openInThread(checked.bytes, {
      password: checked.password,
      timeoutMs: openTimeoutMs,
      maxThreads: threads,
      maxHeapMb: limits.maxThreadHeapMb ?? 512,
    }).catch((err: unknown) => {
      throw openError(err, checked.password !== undefined);
    });

  const first = await open();
  const documents = [first];
  const close = async () => {
    await Promise.all(documents.map((d) => closeThreaded(d)));
  };
  try {
    const pageCount = first.doc.numPages;
    if (pageCount === 0) throw corrupt('the document has no pages');
    if (pageCount > limits.maxPages) throw tooManyPages(pageCount, limits.maxPages);
    await ensureSomePageLoads(first, pageCount, pageTimeoutMs);
    if (threads > 1 && pageCount >= MIN_PAGES_FOR_THREADS) {
      for (let i = 1; i < threads; i++) documents.push(await open());
    }
    return { fileName: checked.fileName, pageCount, documents, pageTimeoutMs, close };
  } catch (err) {
    await close();
    throw err instanceof PdfTimeout ? corrupt(`a page could not be read (${err.message})`) : err;
  }
}

/**
 * A broken page tree can "open" with pages that all fail (pdf.js finds N pages, none loads): that is corrupt.
 * Page 1 is tried first; only when it fails are the others tried.
 */
async function ensureSomePageLoads(
  td: ThreadedDocument,
  pageCount: number,
  timeoutMs: number,
): Promise<void> {
  const load = (n: number) => guarded(td.doc.getPage(n), td.thread, timeoutMs).then(() => true);
  const firstOk = await load(1).catch(rethrowStopped);
  if (firstOk) return;
  for (let n = 2; n <= pageCount; n++) {
    if (await load(n).catch(rethrowStopped)) return;
  }
  throw corrupt(`none of the ${pageCount} page(s) can be read`);
}

/** Page failures count as "unreadable"; a stopped thread or a time-out is not a page failure. */
function rethrowStopped(err: unknown): false {
  if (err instanceof PdfThreadStopped || err instanceof PdfTimeout) throw err;
  return false;
}

/** pdf.js's exception for a failed open, as a one-line PdfError. */
function openError(err: unknown, passwordGiven: boolean): Error {
  if (err instanceof PdfError || err instanceof PdfThreadStopped) return err;
  if (err instanceof PdfTimeout) return corrupt(`opening did not finish (${err.message})`);
  const { name, message, code } = err as { name?: string; message?: string; code?: number };
  if (name === 'PasswordException') return passwordGiven && code === 2 ? wrongPassword() : encrypted();
  return corrupt(describeOpenFailure(String(message ?? err)));
}

/** pdf.js's message, in words a user understands. */
function describeOpenFailure(message: string): string {
  if (/Invalid PDF structure/i.test(message)) return 'no readable PDF structure (damaged or truncated file)';
  if (/Invalid Root reference|Root/i.test(message)) return 'the document catalog is missing or broken';
  if (/XRef|xref/.test(message)) return 'the cross-reference table is broken and could not be rebuilt';
  return (message.split('\n')[0] ?? message).replace(/\.$/, '').slice(0, 160);
}
