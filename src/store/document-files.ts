/**
 * The original PDFs, kept content-addressed in DOCUMENTS_DIR as `<sha256>.pdf`, so the web app can show the
 * page a citation points to. A folder rather than the database: PDFs run to 100 MB, a database row would copy
 * them through every backup, WAL and replica, and the API serves byte ranges of a file straight from disk
 * (pdf.js asks for the pages it shows); one name per content makes every write idempotent.
 *
 * In the fleet, an upload whose course exists is moved from UPLOAD_DIR (a rename on one file system, a copy
 * across two volumes); `profai process` writes the bytes it read. Writes go to a temporary name first and are
 * renamed into place, so a reader never sees half a file.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../config.ts';

const SHA256 = /^[0-9a-f]{64}$/;

/** DOCUMENTS_DIR, or `documents/` in PROFAI_DATA_DIR when it is unset. */
export function documentsDirOf(config: Pick<Config, 'documentsDir' | 'dataDir'>): string {
  return config.documentsDir ?? join(config.dataDir, 'documents');
}

/** Where the PDF with this SHA-256 is (or would be) kept. @throws Error when `sha256` is not 64 hex digits */
export function documentPdfPath(documentsDir: string, sha256: string): string {
  const hash = sha256.toLowerCase();
  if (!SHA256.test(hash)) throw new Error(`not a SHA-256: ${sha256}`);
  return join(documentsDir, `${hash}.pdf`);
}

const exists = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** A temporary name in `dir` that the final rename replaces (same folder: the rename is atomic). */
const temporary = (dir: string) => join(dir, `.incoming-${randomUUID()}.part`);

/**
 * Keeps an upload as its document's PDF: moves `uploadPath` to DOCUMENTS_DIR/<sha256>.pdf (copies it when
 * KEEP_UPLOADS keeps the upload too, or when the two folders are on different file systems). Idempotent: when
 * the document is already kept, the upload is only discarded; a missing upload is fine once the document is
 * kept (another job of the same content moved it).
 * @returns the kept PDF's path
 */
export async function keepUploadAsDocument(
  uploadPath: string,
  sha256: string,
  config: Pick<Config, 'documentsDir' | 'dataDir' | 'keepUploads'>,
): Promise<string> {
  const dir = documentsDirOf(config);
  const target = documentPdfPath(dir, sha256);
  await mkdir(dir, { recursive: true });
  if (!(await exists(target))) {
    if (config.keepUploads) await copyInto(uploadPath, target);
    else await moveInto(uploadPath, target);
  }
  if (!config.keepUploads) await rm(uploadPath, { force: true });
  return target;
}

/**
 * {@link keepUploadAsDocument} for a job whose course already exists: a PDF that cannot be kept (a full disk, a
 * folder this process may not write) must not fail that job, so the reason goes to `warn` (the operator's log)
 * and the upload stays where it is. The course then shows without its pages until the PDF is uploaded again.
 */
export async function keepUploadIfPossible(
  uploadPath: string,
  sha256: string,
  config: Pick<Config, 'documentsDir' | 'dataDir' | 'keepUploads'>,
  warn: (message: string) => void,
): Promise<void> {
  try {
    await keepUploadAsDocument(uploadPath, sha256, config);
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    warn(`the PDF ${uploadPath} was not kept in ${documentsDirOf(config)}: ${reason}`);
  }
}

async function moveInto(source: string, target: string): Promise<void> {
  try {
    await rename(source, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EXDEV') await copyInto(source, target);
    else if (!(code === 'ENOENT' && (await exists(target)))) throw err;
  }
}

async function copyInto(source: string, target: string): Promise<void> {
  const tmp = temporary(dirname(target));
  try {
    await copyFile(source, tmp);
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** Keeps `bytes` as the PDF with this SHA-256 (`profai process`); does nothing when it is kept already. */
export async function keepDocumentBytes(
  bytes: Uint8Array,
  sha256: string,
  documentsDir: string,
): Promise<string> {
  const target = documentPdfPath(documentsDir, sha256);
  if (await exists(target)) return target;
  await mkdir(documentsDir, { recursive: true });
  const tmp = temporary(documentsDir);
  try {
    await writeFile(tmp, bytes, { flag: 'wx' });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
  return target;
}

/** The kept PDF with this SHA-256 and its size, or null when it is not kept (documents older than DOCUMENTS_DIR). */
export async function findDocumentPdf(
  documentsDir: string,
  sha256: string,
): Promise<{ path: string; sizeBytes: number } | null> {
  const path = documentPdfPath(documentsDir, sha256);
  try {
    const s = await stat(path);
    return s.isFile() ? { path, sizeBytes: s.size } : null;
  } catch {
    return null;
  }
}
