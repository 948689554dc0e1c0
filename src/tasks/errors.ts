/** Why a ProfAI task's job fails on its own account (codes in src/domain/errors.ts). */
import { ProfaiError } from '../domain/errors.ts';

/**
 * The upload of a job is not in the uploads store: removed, or this worker looks elsewhere than the API wrote
 * (a folder not shared between hosts, a STORAGE_URL set on one and not the other).
 */
export class UploadMissingError extends ProfaiError {
  constructor(key: string, where: string) {
    super(
      'upload_missing',
      `upload not found: ${key} in ${where} (do the API and this worker share UPLOAD_DIR, or the same STORAGE_URL?)`,
    );
  }
}

/** The staged document is gone (expired, or Redis was flushed) and no course was saved: upload again. */
export class StagedDocumentMissingError extends ProfaiError {
  constructor(documentId: string) {
    super('staged_missing', `document ${documentId} is no longer staged for its course; upload it again`);
  }
}

/** Only a failed job can be retried: this one is still to run, or it succeeded. */
export class JobNotFailedError extends ProfaiError {
  constructor(
    readonly jobId: string,
    readonly state: string,
  ) {
    super('job_not_failed', `job ${jobId} is ${state}: only a failed job can be retried`);
  }
}

/** A failed PDF job can no longer run: its upload (and any staged document) was removed. */
export class UploadGoneError extends ProfaiError {
  constructor(fileName: string, keepFailedUploadsH: number) {
    super(
      'upload_gone',
      `${fileName}: its upload is no longer kept (uploads of failed jobs are kept ${keepFailedUploadsH} h, KEEP_FAILED_UPLOADS_H): upload the file again`,
    );
  }
}

/** A password was given for the retry of a job that opens no PDF. */
export class PasswordNotApplicableError extends ProfaiError {
  constructor(jobId: string) {
    super('password_not_applicable', `job ${jobId} opens no PDF: a password does not apply to it`);
  }
}
