/**
 * One error class per failure a user can meet, each with a stable `code`.
 *
 * `permanent` errors come from the input itself (a corrupt PDF stays corrupt): the fleet fails
 * such a job at once instead of retrying it. Everything else is treated as transient.
 */

/** Codes of the errors a PDF can be rejected with; the corpus manifest's reject classes map onto these. */
export type PdfErrorCode =
  | 'empty_file'
  | 'not_pdf'
  | 'corrupt'
  | 'encrypted'
  | 'wrong_password'
  | 'too_large'
  | 'too_many_pages'
  | 'no_text';

/** Base of every ProfAI error: a code, a one-line message, and whether retrying can help. */
export class ProfaiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The PDF itself cannot be turned into a course. Message: `reason: detail` (the file is named by the caller). */
export class PdfError extends ProfaiError {
  constructor(
    override readonly code: PdfErrorCode,
    message: string,
  ) {
    super(code, message, true);
  }
}

export const emptyFile = () => new PdfError('empty_file', 'empty file: the file has 0 bytes');
export const notPdf = (what: string) => new PdfError('not_pdf', `not a PDF: ${what}`);
export const corrupt = (detail: string) => new PdfError('corrupt', `corrupt PDF: ${detail}`);
export const encrypted = () => new PdfError('encrypted', 'encrypted: a password is required');
export const wrongPassword = () => new PdfError('wrong_password', 'encrypted: the password is incorrect');
export const tooLarge = (mb: number, limitMb: number) =>
  new PdfError('too_large', `too large: ${mb.toFixed(1)} MB is over the ${limitMb} MB limit (MAX_FILE_MB)`);
export const tooManyPages = (pages: number, limit: number) =>
  new PdfError('too_many_pages', `too many pages: ${pages} is over the ${limit}-page limit (MAX_PAGES)`);
export const noText = (pages: number) =>
  new PdfError(
    'no_text',
    `needs OCR: none of the ${pages} page(s) has a text layer (scanned document); OCR is not supported yet`,
  );

/** A record the user asked for does not exist. */
export class NotFoundError extends ProfaiError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} not found`, true);
  }
}

/** Another process holds the embedded database directory. */
export class DataDirLockedError extends ProfaiError {
  constructor(dir: string, pid: number) {
    super(
      'data_dir_locked',
      `${dir} is in use by another ProfAI process (pid ${pid}); wait for it to finish`,
      false,
    );
  }
}

/** One line for a user: the message of a known error, or `Error: message` of an unknown one, never a stack. */
export function describeError(err: unknown): string {
  if (err instanceof ProfaiError) return err.message;
  if (err instanceof Error)
    return `${err.name === 'Error' ? 'error' : err.name}: ${err.message.split('\n')[0]}`;
  return String(err);
}

/** True when retrying cannot help. */
export function isPermanent(err: unknown): boolean {
  return err instanceof ProfaiError && err.permanent;
}
