/**
 * One range of a scanned document's pages read by OCR, as a page-range job reads it: the PDF opened with the
 * pipeline's limits, the pages drawn and recognised, nothing across pages yet (the assembly does that, with
 * every page: `PipelineOptions.ocrPages`).
 */
import type { PipelineInput, PipelineSettings } from '../pipeline/index.ts';
import { checkPdf, openPdf } from '../pipeline/load.ts';
import { type RecognisedPage, readOcrPages } from '../pipeline/ocr.ts';

export type RangeSettings = Pick<
  PipelineSettings,
  'maxFileMb' | 'maxPages' | 'pdfPageTimeoutS' | 'pdfTimeoutS' | 'pdfMaxMemoryMb' | 'ocrLangs' | 'ocrDpi'
>;

/** `pages` of the PDF in `input`, as OCR reads them; `onProgress(done, total)` after each. */
export async function readPageRange(
  input: PipelineInput,
  pages: readonly number[],
  config: RangeSettings,
  onProgress?: (done: number, total: number) => void,
): Promise<RecognisedPage[]> {
  const pdf = await openPdf(checkPdf(input, { maxFileMb: config.maxFileMb }), {
    maxPages: config.maxPages,
    pageTimeoutMs: config.pdfPageTimeoutS * 1000,
    timeoutMs: config.pdfTimeoutS * 1000,
    maxMemoryMb: config.pdfMaxMemoryMb,
  });
  try {
    return await readOcrPages(pdf, pages, {
      langs: config.ocrLangs,
      dpi: config.ocrDpi,
      ...(onProgress ? { onProgress } : {}),
    });
  } finally {
    // Only the range's pages were read: a long scan's range tasks keep the engine (a new one costs 40-100 ms).
    await pdf.close({ read: pages.length });
  }
}
