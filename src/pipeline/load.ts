/**
 * Stage 1: check the bytes are a PDF within the limits, then open it with pdf.js.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { CheckedPdf } from '../domain/document.ts';
import {
  corrupt,
  emptyFile,
  encrypted,
  notPdf,
  PdfError,
  tooLarge,
  tooManyPages,
  wrongPassword,
} from './errors.ts';
import {
  closeRemote,
  openInThread,
  PdfJsError,
  PdfThreadStopped,
  PdfTimeout,
  type RemoteDocument,
  warmPdfThread,
} from './pdf/pdfjs.ts';
import { sniffFormat } from './pdf/sniff.ts';

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
  /** Longest time one page may take; a page over it is skipped with a warning. @defaultValue 15000 */
  pageTimeoutMs?: number;
  /** Heap cap of each parser thread, in MB. @defaultValue 512 */
  maxThreadHeapMb?: number;
}

/** An open PDF: what {@link extractDocument} reads. Call `close()` when done (it never throws). */
export interface PdfHandle {
  readonly fileName: string;
  readonly pageCount: number;
  /** The same file opened in one or more parser threads; pages are spread over them. */
  readonly documents: readonly RemoteDocument[];
  readonly pageTimeoutMs: number;
  /**
   * Stops `doc`'s thread (presumed stuck on a page) and opens the file again in a fresh thread, which takes
   * its place in `documents`.
   * @throws PdfError `corrupt` (or PdfThreadStopped) when the file cannot be opened again.
   */
  reopen(doc: RemoteDocument): Promise<RemoteDocument>;
  close(): Promise<void>;
}

function threadOptions(limits: Omit<OpenLimits, 'maxPages'>) {
  return {
    timeoutMs: limits.openTimeoutMs ?? 20_000,
    maxThreads: Math.max(1, Math.min(limits.threads ?? 1, availableParallelism())),
    maxHeapMb: limits.maxThreadHeapMb ?? 512,
  };
}

/** Starts the parser thread {@link openPdf} will use, with pdf.js loaded and compiled (see warmPdfThread). */
export function warmPdfParser(limits: Omit<OpenLimits, 'maxPages'> = {}): Promise<void> {
  return warmPdfThread(threadOptions(limits));
}

/** Documents with fewer pages are parsed in one thread: starting a second costs more than it saves. */
const MIN_PAGES_FOR_THREADS = 16;

/**
 * Opens a checked PDF with pdf.js in parser threads. Whether its pages can be read is for
 * {@link extractDocument} to find out (a broken page tree is `corrupt` there).
 * An encrypted file opens when its user password is empty or given.
 * @throws PdfError `encrypted`, `wrong_password`, `corrupt` (also when opening times out) or `too_many_pages`.
 */
export async function openPdf(checked: CheckedPdf, limits: OpenLimits): Promise<PdfHandle> {
  const pageTimeoutMs = limits.pageTimeoutMs ?? 15_000;
  const openOptions = { password: checked.password, ...threadOptions(limits) };
  const open = () =>
    openInThread(checked.bytes, openOptions).catch((err: unknown) => {
      throw openError(err, checked.password !== undefined);
    });

  const first = await open();
  const documents = [first];
  const handle: PdfHandle = {
    fileName: checked.fileName,
    pageCount: first.numPages,
    documents,
    pageTimeoutMs,
    async reopen(doc) {
      const at = documents.indexOf(doc);
      if (at >= 0) documents.splice(at, 1);
      await closeRemote(doc, true);
      const fresh = await open();
      documents.splice(Math.max(0, at), 0, fresh);
      return fresh;
    },
    async close() {
      await Promise.all(documents.splice(0).map((d) => closeRemote(d)));
    },
  };
  try {
    if (handle.pageCount === 0) throw corrupt('the document has no pages');
    if (handle.pageCount > limits.maxPages) throw tooManyPages(handle.pageCount, limits.maxPages);
    const { maxThreads } = openOptions;
    if (maxThreads > 1 && handle.pageCount >= MIN_PAGES_FOR_THREADS) {
      for (let i = 1; i < maxThreads; i++) documents.push(await open());
    }
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

/** pdf.js's exception for a failed open, as a one-line PdfError. */
function openError(err: unknown, passwordGiven: boolean): Error {
  if (err instanceof PdfError || err instanceof PdfThreadStopped) return err;
  if (err instanceof PdfTimeout) return corrupt(`opening did not finish (${err.message})`);
  if (err instanceof PdfJsError && err.name === 'PasswordException') {
    return passwordGiven && err.code === 2 ? wrongPassword() : encrypted();
  }
  return corrupt(describeOpenFailure(err instanceof Error ? err.message : String(err)), err);
}

/** pdf.js's message, in words a user understands. */
function describeOpenFailure(message: string): string {
  if (/Invalid PDF structure/i.test(message)) return 'no readable PDF structure (damaged or truncated file)';
  if (/Invalid Root reference|Root/i.test(message)) return 'the document catalog is missing or broken';
  if (/XRef|xref/.test(message)) return 'the cross-reference table is broken and could not be rebuilt';
  return (message.split('\n')[0] ?? message).replace(/\.$/, '').slice(0, 160);
}
