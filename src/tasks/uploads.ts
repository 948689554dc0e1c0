/**
 * Uploads stay in the uploads store only while a job needs them: adopted as the document's kept PDF once the course
 * exists (or the CPU stage is handed to the LLM stage) or when the API finds the content already has a course (see
 * src/files/documents.ts), removed once the job fails for good. A retried attempt still finds its file: nothing is
 * removed while a retry may need it, and a job that ran out of attempts on transient errors keeps its file for the
 * operator to look at (KEEP_FAILED_UPLOADS_H). KEEP_UPLOADS keeps them all.
 */
import type { Config } from '../config.ts';
import type { Storage } from '../files/index.ts';
import { pdfKey } from '../files/keys.ts';

/** Removes an upload the fleet is done with (a missing one is fine: another job may have removed it). */
export async function discardUpload(
  storage: Storage,
  sha256: string,
  config: Pick<Config, 'keepUploads'>,
): Promise<void> {
  if (!config.keepUploads) await storage.uploads.remove(pdfKey(sha256));
}
