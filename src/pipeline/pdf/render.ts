/**
 * Pages drawn as images, for OCR: PDFium renders a page of an open PDF in 8-bit grey at a given resolution,
 * under the page time limit and the engine's memory cap, like every other call into the engine. A page that
 * cannot be drawn within them is the caller's to skip: the document stays open for the next one.
 */
import { memoryDetail, type PdfHandle } from '../load.ts';
import type { DrawOptions, GrayImage } from './document.ts';
import { EngineCrashed, EngineMemoryExceeded, EngineTimeout, runInEngine } from './engine.ts';

export type { GrayImage } from './document.ts';

/**
 * Most pixels one rendering may have; a larger page (a poster at 300 dpi) is drawn at a lower resolution so
 * that it fits, and the image says which (`dpi`).
 */
export const MAX_RENDER_PIXELS = 50_000_000;

/** A page could not be drawn; the reason is one line (`needs more than 256 MB of memory …`). */
export class RenderError extends Error {}

/**
 * Page `page` (1-based) of `pdf` in grey at `dpi` (lowered for pages over {@link MAX_RENDER_PIXELS}), in bands of
 * at most `options.bandBytes` (pdf/bands.ts; @defaultValue `bandBytesFor(PDF_MAX_MEMORY_MB)`).
 * @throws RenderError when the page cannot be drawn: PDFium fails on it, it needs more memory than the engine
 * may have (a huge image) or it does not finish within the page time limit. In the last two cases the engine is
 * renewed and the document opened again, so the next page can be drawn.
 */
export async function renderPageGray(
  pdf: PdfHandle,
  page: number,
  dpi: number,
  options: Pick<DrawOptions, 'bandBytes'> = {},
): Promise<GrayImage> {
  try {
    return drawPage(pdf, page - 1, dpi, options);
  } catch (err) {
    if (err instanceof EngineMemoryExceeded || err instanceof EngineTimeout || err instanceof EngineCrashed)
      await pdf.reopen();
    if (err instanceof EngineMemoryExceeded) throw new RenderError(memoryDetail(pdf.maxMemoryMb));
    if (err instanceof EngineTimeout)
      throw new RenderError(`did not finish within ${Math.round(pdf.pageTimeoutMs / 1000)} s`);
    throw new RenderError(err instanceof Error ? (err.message.split('\n')[0] ?? 'error') : String(err));
  }
}

/**
 * Draws page `index` in the engine. Apart from renderPageGray so that no variable of its holds the document (and
 * the engine it is in) while `pdf.reopen()` makes a fresh one.
 */
function drawPage(
  pdf: PdfHandle,
  index: number,
  dpi: number,
  options: Pick<DrawOptions, 'bandBytes'>,
): GrayImage {
  const doc = pdf.document;
  // Outside runInEngine, so the file's one scan for soft masks (an indexOf pass over its bytes, on the first page
  // drawn) is not under the page's timeout: it is the file's, not the page's, and cheap.
  const drawOptions = { ...options, softMasked: pdf.softMasked };
  return runInEngine(
    doc.engine,
    () => doc.renderGray(index, fittingDpi(doc.pageSize(index), dpi), drawOptions),
    pdf.pageTimeoutMs,
  );
}

/** `dpi`, or less for a page (in points) that would exceed {@link MAX_RENDER_PIXELS} at it. */
export function fittingDpi(size: { width: number; height: number }, dpi: number): number {
  const pixels = ((size.width * dpi) / 72) * ((size.height * dpi) / 72);
  return pixels <= MAX_RENDER_PIXELS ? dpi : Math.floor(dpi * Math.sqrt(MAX_RENDER_PIXELS / pixels));
}
