/**
 * How many rows of a page PDFium may draw at once. To draw an image larger or smaller than it is, PDFium stretches
 * it across its drawn width first, keeping that width × every image row the drawn rows cover (3-4 bytes a pixel)
 * until the rows are done: a whole page in one call holds it for the whole image. Drawn in bands of rows, the
 * engine holds one band's share. Measured (2026-12-06, PDFium's memory after drawing, one call -> bands):
 * om-mixed-scan-text.pdf p. 2 (a 9000 × 9000 scan) at 72 dpi 77 -> 41 MB, at 235 dpi (its OCR resolution under
 * MAX_RENDER_PIXELS) 279 MB (past PDF_MAX_MEMORY_MB: it could not be drawn) -> 44 MB; om-scan-wikipedia-de.pdf at
 * 300 dpi 120 -> 81 MB; the same pixels on every corpus scan.
 */
import type { Engine } from './engine.ts';

/**
 * Bytes of stretched image rows one band may need (see {@link imageCosts}). A page whose images need less is drawn
 * in one call, as before bands: a page without images, a letter page scanned at 300 dpi drawn at 300 dpi.
 */
export const BAND_BYTES = 40 * 1024 * 1024;
/** Fewest rows a band has: each band decodes the page's images again, so thin bands cost CPU. */
const MIN_BAND_ROWS = 64;
/** FPDF_PAGEOBJ_IMAGE */
const IMAGE_OBJECT = 3;

/** What an image costs PDFium to draw: `bytes` when all of its `rows` (bitmap rows it covers) are drawn at once. */
interface ImageCost {
  bytes: number;
  rows: number;
}

/**
 * Rows per band for drawing `page` (a loaded page) into a `width` × `height` bitmap at `dpi`: all of them when its
 * images fit {@link BAND_BYTES}, else as many as do, the bands made even. Images inside form XObjects are not
 * looked at (a scan is an image of the page itself).
 * @param scratch 32 bytes of engine memory for out-parameters.
 */
export function bandRows(
  engine: Engine,
  page: number,
  size: { width: number; height: number; dpi: number },
  scratch: number,
): number {
  const costs = imageCosts(engine, page, size, scratch);
  // A band of `rows` rows covers at most that many of each image's rows.
  const cost = (rows: number) =>
    costs.reduce((sum, c) => sum + (c.bytes * Math.min(rows, c.rows)) / c.rows, 0);
  if (cost(size.height) <= BAND_BYTES) return size.height;
  let [fits, fitsNot] = [MIN_BAND_ROWS, size.height];
  while (fitsNot - fits > 1) {
    const mid = Math.floor((fits + fitsNot) / 2);
    if (cost(mid) <= BAND_BYTES) fits = mid;
    else fitsNot = mid;
  }
  const bands = Math.ceil(size.height / fits);
  return Math.ceil(size.height / bands);
}

/**
 * Each image of the page: its drawn area (clipped to the bitmap's width) × its pixels per drawn pixel (the larger
 * of across and down, so that rotated pages count too; a 9000-pixel image drawn 2160 pixels high has 4.2) × 4
 * bytes. A mask or stencil drawn tiny costs next to nothing.
 */
function imageCosts(
  engine: Engine,
  page: number,
  size: { width: number; dpi: number },
  scratch: number,
): ImageCost[] {
  const E = engine.exports;
  const scale = size.dpi / 72;
  const costs: ImageCost[] = [];
  const count = E.FPDFPage_CountObjects!(page);
  for (let i = 0; i < count; i++) {
    const object = E.FPDFPage_GetObject!(page, i);
    if (!object || E.FPDFPageObj_GetType!(object) !== IMAGE_OBJECT) continue;
    if (!E.FPDFImageObj_GetImagePixelSize!(object, scratch, scratch + 4)) continue;
    if (!E.FPDFPageObj_GetBounds!(object, scratch + 8, scratch + 12, scratch + 16, scratch + 20)) continue;
    const u32 = new Uint32Array(engine.heapU8().buffer, scratch, 2);
    const [pixelsWide, pixelsHigh] = [u32[0]!, u32[1]!];
    const f = engine.heapF32();
    const [left, bottom, right, top] = [0, 1, 2, 3].map((k) => f[(scratch + 8) / 4 + k]!) as [
      number,
      number,
      number,
      number,
    ];
    const across = Math.max(1, (right - left) * scale);
    const down = Math.max(1, (top - bottom) * scale);
    const perPixel = Math.max(pixelsWide / across, pixelsHigh / down);
    costs.push({ bytes: Math.min(across, size.width) * down * perPixel * 4, rows: down });
  }
  return costs;
}
