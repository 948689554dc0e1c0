/** Why a ProfAI task's job fails on its own account (codes in src/domain/errors.ts). */
import { ProfaiError } from '../domain/errors.ts';

/** The upload named in the job is not in UPLOAD_DIR (removed, or a volume not shared with this worker). */
export class UploadMissingError extends ProfaiError {
  constructor(path: string, cause?: unknown) {
    super('upload_missing', `upload not found: ${path} (is UPLOAD_DIR shared with the workers?)`, { cause });
  }
}

/** The staged document is gone (expired, or Redis was flushed) and no course was saved: upload again. */
export class StagedDocumentMissingError extends ProfaiError {
  constructor(documentId: string) {
    super('staged_missing', `document ${documentId} is no longer staged for its course; upload it again`);
  }
}
