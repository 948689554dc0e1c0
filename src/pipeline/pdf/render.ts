/**
 * Pages drawn as images, for OCR: PDFium renders a page of an open PDF in 8-bit grey at a given resolution,
 * under the page time limit and the engine's memory cap, like every other call into the engine.
 */
import { tooComplex } from '../errors.ts';
import { memoryDetail, type PdfHandle } from '../load.ts';
import type { GrayImage } from './document.ts';
import { EngineMemoryExceeded, EngineTimeout, runInEngine } from './engine.ts';

export type { GrayImage } from './document.ts';

/**
 * Most pixels one rendering may have; a larger page (a poster at 300 dpi) is drawn at a lower resolution so
 * that it fits, and the image says which (`dpi`).
 */
export const MAX_RENDER_PIXELS = 50_000_000;

/**
 * Page `page` (1-based) of `pdf` in grey at `dpi` (lowered for pages over {@link MAX_RENDER_PIXELS}).
 * @throws PdfError `too_complex` when drawing it needs more memory than the engine may have; Error (with the
 * reason) when the page cannot be drawn or does not finish within the page time limit (the engine is then
 * renewed and the document opened again, so the next page can be drawn).
 */
export async function renderPageGray(pdf: PdfHandle, page: number, dpi: number): Promise<GrayImage> {
  const doc = pdf.document;
  const index = page - 1;
  try {
    return runInEngine(
      doc.engine,
      () => doc.renderGray(index, fittingDpi(doc.pageSize(index), dpi)),
      pdf.pageTimeoutMs,
    );
  } catch (err) {
    if (err instanceof EngineMemoryExceeded)
      throw tooComplex(`drawing page ${page} ${memoryDetail(pdf.maxMemoryMb)}`);
    if (err instanceof EngineTimeout) {
      await pdf.reopen();
      throw new Error(`drawing page ${page} did not finish within ${Math.round(pdf.pageTimeoutMs / 1000)} s`);
    }
    throw err;
  }
}

/** `dpi`, or less for a page (in points) that would exceed {@link MAX_RENDER_PIXELS} at it. */
export function fittingDpi(size: { width: number; height: number }, dpi: number): number {
  const pixels = ((size.width * dpi) / 72) * ((size.height * dpi) / 72);
  return pixels <= MAX_RENDER_PIXELS ? dpi : Math.floor(dpi * Math.sqrt(MAX_RENDER_PIXELS / pixels));
}
