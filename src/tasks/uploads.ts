/**
 * Uploaded PDFs live in UPLOAD_DIR only while a job needs them: moved to DOCUMENTS_DIR once the course exists (or
 * the CPU stage is handed to the LLM stage) or when the API finds the content already has a course (see
 * src/store/document-files.ts), removed once the job fails for good. A retried attempt still finds its file: nothing is removed while a retry may need it, and a job that
 * ran out of attempts on transient errors keeps its file for the operator to look at. KEEP_UPLOADS keeps them all.
 */
import { rm } from 'node:fs/promises';
import type { Config } from '../config.ts';

/** Removes an upload the fleet is done with (a missing one is fine: another job may have removed it). */
export async function discardUpload(path: string, config: Pick<Config, 'keepUploads'>): Promise<void> {
  if (!config.keepUploads) await rm(path, { force: true });
}
