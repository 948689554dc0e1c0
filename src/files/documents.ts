/**
 * The original PDFs, kept once per content as `<sha256>.pdf` in the documents store, so the web app can show the
 * page a citation points to. Files rather than database rows: PDFs run to 100 MB, a row would copy them through
 * every backup, WAL segment and replica, while a file (or object) serves the byte ranges pdf.js asks for; one
 * name per content makes every write idempotent.
 *
 * In the fleet an upload whose course exists is adopted from the uploads store (a link or rename in folders, a
 * server-side copy in a bucket); `profai process` writes the bytes it read.
 */
import type { Config } from '../config.ts';
import type { FileInfo, Storage } from './interfaces.ts';
import { pdfKey } from './keys.ts';

/**
 * Keeps the upload of this content as its document's PDF, and removes the upload (unless KEEP_UPLOADS).
 * Idempotent: when the PDF is kept already the upload is only removed; a missing upload is fine once the PDF is
 * kept (another job of the same content moved it).
 */
export async function keepUpload(
  storage: Storage,
  sha256: string,
  config: Pick<Config, 'keepUploads'>,
): Promise<void> {
  const key = pdfKey(sha256);
  await storage.documents.adopt(storage.uploads, key, key, { keepSource: config.keepUploads });
}

/**
 * {@link keepUpload} for a job whose course already exists: a PDF that cannot be kept (a full volume, a folder this
 * process may not write) must not fail that job, so the reason goes to `warn` (the operator's log) and the upload
 * stays where it is. The course then shows without its pages until the PDF is uploaded again.
 */
export async function keepUploadIfPossible(
  storage: Storage,
  sha256: string,
  config: Pick<Config, 'keepUploads'>,
  warn: (message: string) => void,
): Promise<void> {
  try {
    await keepUpload(storage, sha256, config);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    warn(`the PDF ${pdfKey(sha256)} was not kept in ${storage.documents.where}: ${reason}`);
  }
}

/** Keeps `bytes` as the PDF with this SHA-256 (`profai process`); does nothing when it is kept already. */
export async function keepDocumentBytes(storage: Storage, bytes: Uint8Array, sha256: string): Promise<void> {
  const key = pdfKey(sha256);
  if (!(await storage.documents.stat(key))) await storage.documents.write(key, bytes);
}

/** The kept PDF with this SHA-256, or null when it is not kept (documents older than kept PDFs). */
export function findDocumentPdf(storage: Storage, sha256: string): Promise<FileInfo | null> {
  return storage.documents.stat(pdfKey(sha256));
}
