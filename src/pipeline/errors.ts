/**
 * Why a PDF cannot become a course: one class, one factory per reason. Every one is permanent (the same bytes
 * fail the same way). Messages are `reason: detail`; the caller names the file.
 */
import { type ErrorCode, ProfaiError } from '../domain/errors.ts';

/** Codes of the errors a PDF can be rejected with; the corpus manifest's reject classes map onto these. */
export type PdfErrorCode = Extract<
  ErrorCode,
  | 'empty_file'
  | 'not_pdf'
  | 'corrupt'
  | 'encrypted'
  | 'wrong_password'
  | 'too_large'
  | 'too_many_pages'
  | 'no_text'
  | 'not_enough_text'
  | 'too_complex'
>;

/** The PDF itself cannot be turned into a course. */
export class PdfError extends ProfaiError {
  constructor(
    override readonly code: PdfErrorCode,
    message: string,
    opts: { cause?: unknown } = {},
  ) {
    super(code, message, { ...opts, permanent: true });
  }
}

export const emptyFile = () => new PdfError('empty_file', 'empty file: the file has 0 bytes');
export const notPdf = (what: string) => new PdfError('not_pdf', `not a PDF: ${what}`);
export const corrupt = (detail: string, cause?: unknown) =>
  new PdfError('corrupt', `corrupt PDF: ${detail}`, cause === undefined ? {} : { cause });
export const encrypted = () => new PdfError('encrypted', 'encrypted: a password is required');
export const wrongPassword = () => new PdfError('wrong_password', 'encrypted: the password is incorrect');
export const tooLarge = (mb: number, limitMb: number) =>
  new PdfError('too_large', `too large: ${mb.toFixed(1)} MB is over the ${limitMb} MB limit (MAX_FILE_MB)`);
export const tooManyPages = (pages: number, limit: number) =>
  new PdfError('too_many_pages', `too many pages: ${pages} is over the ${limit}-page limit (MAX_PAGES)`);
export const tooComplex = (detail: string) => new PdfError('too_complex', `too complex: ${detail}`);
export const noText = (pages: number) =>
  new PdfError(
    'no_text',
    `needs OCR: none of the ${pages} page(s) has a text layer (scanned document); OCR is not supported yet`,
  );
/** OCR read every page without a text layer and found nothing it could read on any of them. */
export const ocrNoText = (pages: number) =>
  new PdfError('no_text', `OCR found no readable text on ${pages} page(s)`);

/** An OCR language (OCR_LANGS) that is not installed or not a language code: a setting to fix, at start-up. */
export class OcrLanguageError extends ProfaiError {
  constructor(
    readonly lang: string,
    reason: string,
  ) {
    super('ocr_language', `OCR_LANGS: "${lang}": ${reason}`);
  }
}

/**
 * Too little running text; `ocrPages` pages without a text layer are named, since OCR could add more.
 * `matterWords`, when given, are the words of the whole document where it would have had enough but they are all
 * in front and back matter: "(30157 words)" alone read as a contradiction.
 */
export const notEnoughText = (words: number, ocrPages = 0, matterWords?: number) => {
  const count = (n: number) => `${n} ${n === 1 ? 'word' : 'words'}`;
  const amount =
    matterWords !== undefined && matterWords > words
      ? `${count(words)} outside the title page, licence, contents and index, of ${matterWords} in all`
      : count(words);
  const ocr = ocrPages > 0 ? `; ${ocrPages} page(s) have no text layer and would need OCR` : '';
  return new PdfError('not_enough_text', `not enough text for a course (${amount})${ocr}`);
};

/** No question could be made: `line` is the shortfall line of 0 questions (domain/shortfall.ts). */
export class NoQuizMaterialError extends ProfaiError {
  constructor(line: string) {
    super('no_quiz_material', line);
  }
}
