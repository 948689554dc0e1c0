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
      `${fileName}: its upload is no longer in UPLOAD_DIR (uploads of failed jobs are kept ${keepFailedUploadsH} h, KEEP_FAILED_UPLOADS_H): upload the file again`,
    );
  }
}

/** A password was given for the retry of a job that opens no PDF. */
export class PasswordNotApplicableError extends ProfaiError {
  constructor(jobId: string) {
    super('password_not_applicable', `job ${jobId} opens no PDF: a password does not apply to it`);
  }
}
