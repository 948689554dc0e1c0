/**
 * How many rows of a page PDFium may draw at once. To draw an image larger or smaller than it is, PDFium stretches
 * it across its drawn width first, keeping that width × every image row the drawn rows cover (3-4 bytes a pixel)
 * until the rows are done: a whole page in one call holds it for the whole image. Drawn in bands of rows, the
 * engine holds one band's share. Measured (2026-12-06, PDFium's memory after drawing, one call -> bands):
 * om-mixed-scan-text.pdf p. 2 (a 9000 × 9000 scan) at 72 dpi 77 -> 41 MB, at 235 dpi (its OCR resolution under
 * MAX_RENDER_PIXELS) 279 MB (past PDF_MAX_MEMORY_MB: it could not be drawn) -> 44 MB; om-scan-wikipedia-de.pdf at
 * 300 dpi 120 -> 81 MB; the same pixels on every corpus scan. An image with a soft mask costs more (pdf/soft-masks.ts):
 * om-mixed-scan-text.pdf p. 6 at 300 dpi 62 -> 37 MB once its mask is counted.
 * Under a smaller cap a band gets a quarter of it ({@link bandBytesFor}); with PDF_MAX_MEMORY_MB=64 (16 MB a band,
 * 2026-12-06): the 9000 × 9000 scan at 235 dpi grows PDFium to 21 MB in 16 bands (44 MB in 7 at 40 MB), and a
 * 200 × 200 in page with one image in a 20 MB file, refused before (one call: its 50 MB bitmap and the file's copy),
 * is drawn in 2 bands in 54 MB.
 */
import type { Engine } from './engine.ts';
import { sizeKey } from './soft-masks.ts';

/**
 * Most bytes of stretched image rows one band may need (see {@link imageCost}). A page whose images need less is
 * drawn in one call, as before bands: a page without images, a letter page scanned at 300 dpi drawn at 300 dpi.
 */
export const MAX_BAND_BYTES = 40 * 1024 * 1024;
/**
 * The share of the engine's memory cap one band may need. Beside the band the engine holds its own start (17.75 MB),
 * the file's copy, the band's bitmap (the page's, up to 50 MB under MAX_RENDER_PIXELS, split in bands) and what the
 * estimate does not count (decoder buffers, soft masks: om-scan-wikipedia-de.pdf at 300 dpi needs 74 MB with 16 MB
 * bands): a quarter leaves three for them, at the smallest cap (64 MB) the start and a ~30 MB file. At the default
 * cap (256 MB) {@link MAX_BAND_BYTES} is the smaller, so nothing changes there.
 */
const CAP_SHARE = 1 / 4;
/**
 * What an image with a soft mask costs beyond its stretched rows, per pixel it covers on the bitmap: PDFium draws it
 * through buffers of its drawn size. Measured on om-mixed-scan-text.pdf p. 6 at 300 dpi (1258 × 1253 pixels with a
 * mask, drawn 2560 × 2550): +44 MB in one call, +7 MB with its /SMask entry blanked out, so ~5.7 bytes a drawn pixel;
 * counted, the page is drawn in 2 bands and PDFium grows by 19.5 MB (2026-12-06).
 */
const SOFT_MASK_BYTES = 6;
/** Fewest rows a band has: each band decodes the page's images again, so thin bands cost CPU. */
const MIN_BAND_ROWS = 64;
/** FPDF_PAGEOBJ_IMAGE */
const IMAGE_OBJECT = 3;

/**
 * Most bytes of stretched image rows one band may need while Tesseract holds its memory in the process (a page drawn
 * for OCR after the document's first: tesseract.js's WebAssembly heap, 100-140 MB after a few 300 dpi pages, never
 * shrinks), so that PDFium's growth does not come on top of it. Measured (2026-12-07, PDFium's memory after drawing at
 * 300 dpi in a fresh instance, 17.8 MB before; CPU ms of the drawing, 3 runs, load 15): om-mixed-scan-text.pdf p. 6
 * (the worker's peak with OCR: drawn beside Tesseract after pages 1-5) with 40 / 16 / 12 / 8 MB bands: 2 / 4 / 5 / 7
 * bands, 37.3 / 25.6 / 21.3 / 17.8 MB, 244-389 / 263-268 / 282-289 / 312-327 ms; om-scan-wikipedia-de.pdf (a
 * letter page scanned at 300 dpi, whose decoded image dominates): 80.8 / 73.3 / 72.3 / 79.0 MB, 918-1244 /
 * 1193-1266 / 1269-1485 / 1559-1747 ms. 12 MB takes p. 6's growth from 19.5 to 3.5 MB for ~35 ms; thinner bands
 * cost such a scan more CPU for no memory. The corpus's other scans are one page (drawn before Tesseract is made).
 * What it does to the OCR stage's peak (om-mixed-scan-text.pdf, `MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=1048576
 * npx tsx bench/ocr-rss.ts`, as a child's malloc is set, with the sampler's label set per phase; 2026-12-07
 * 03:11-03:13, load 5-8, this constant 40 then 12 MB, alternated): peak while p. 6 is drawn 290, 269 -> 250, 251 MB;
 * the stage's peak 292, 280 -> 280, 270 MB, now while Tesseract reads p. 5 or 6 (267-280 MB). Against /work/start
 * (8f6ec4a, plain labels, 03:09-03:11, load 5-9, alternated): 288, 275, 296 there, 290, 297, 286 here: the peak is
 * Tesseract's reading, and this leaves it where it was; same pages and confidences. The fleet (`FLEET_CLI_ENTRY=
 * CHECKOUT/dist/cli/main.js npx tsx bench/fleet-corpus.ts --workers 1`, the corpus with OCR, 5 pairs alternated with
 * /work/start's 8f6ec4a, 2026-12-07 02:51-03:21, load 7-13): peak per worker 328, 336, 329, 322, 325 MB against 335,
 * 330, 347, 350, 342 (child on om-mixed-scan-text.pdf 270, 278, 270, 264, 264 against 277, 269, 288, 292, 283); OCR
 * stage 30.4-34.6 against 30.5-36.0 CPU ms per page. Without OCR (OCR=off, one pair, load 14): 233 against 235 MB.
 */
export const BESIDE_TESSERACT_BAND_BYTES = 12 * 1024 * 1024;

/**
 * Bytes of stretched image rows one band may need under an engine capped at `maxMemoryMb` (PDF_MAX_MEMORY_MB): a
 * quarter of the cap, at most {@link MAX_BAND_BYTES} (a cap of 64 MB gives 16 MB), and at most
 * {@link BESIDE_TESSERACT_BAND_BYTES} when `besideTesseract` (Tesseract holds its memory in the process).
 */
export const bandBytesFor = (maxMemoryMb: number, besideTesseract = false): number =>
  Math.min(
    besideTesseract ? BESIDE_TESSERACT_BAND_BYTES : MAX_BAND_BYTES,
    maxMemoryMb * 1024 * 1024 * CAP_SHARE,
  );

/** What an image costs PDFium to draw: `bytes` when all of its `rows` (bitmap rows it covers) are drawn at once. */
export interface ImageCost {
  bytes: number;
  rows: number;
}

/** An image object as PDFium reports it: its size in pixels and its bounds in user space (unrotated, points). */
export interface PlacedImage {
  /** The image has a soft mask (pdf/soft-masks.ts). @defaultValue false */
  softMask?: boolean;
  pixelsWide: number;
  pixelsHigh: number;
  left: number;
  bottom: number;
  right: number;
  top: number;
}

/** How a page is drawn: bitmap width in pixels, dots per inch, and the page's /Rotate in quarter turns (0-3). */
export interface DrawnAs {
  width: number;
  dpi: number;
  rotation: number;
}

/**
 * Rows per band for a bitmap `height` rows high whose images cost `costs`: all of them when they fit `bandBytes`,
 * else as many as do (at least {@link MIN_BAND_ROWS}), the bands made even.
 */
export function rowsPerBand(costs: readonly ImageCost[], height: number, bandBytes: number): number {
  // A band of `rows` rows covers at most that many of each image's rows.
  const cost = (rows: number) =>
    costs.reduce((sum, c) => sum + (c.bytes * Math.min(rows, c.rows)) / c.rows, 0);
  if (cost(height) <= bandBytes) return height;
  let [fits, fitsNot] = [MIN_BAND_ROWS, height];
  while (fitsNot - fits > 1) {
    const mid = Math.floor((fits + fitsNot) / 2);
    if (cost(mid) <= bandBytes) fits = mid;
    else fitsNot = mid;
  }
  const bands = Math.ceil(height / fits);
  return Math.ceil(height / bands);
}

/**
 * What drawing `image` costs: its drawn area (clipped to the bitmap's width) × its pixels per drawn pixel (the
 * larger of across and down, so that images turned by their own matrix count too; a 9000-pixel image drawn 2160
 * pixels high has 4.2) × 4 bytes. Its bounds are in the page's unrotated space, as its pixels are: on a page turned a
 * quarter (/Rotate 90 or 270) their width runs down the bitmap. Undefined for bounds that give no finite, positive cost (infinite
 * or NaN, as a degenerate matrix makes): PDFium draws nothing sensible from them, and a NaN would make every
 * band as thin as allowed. A mask or stencil drawn tiny costs next to nothing. An image with a soft mask costs
 * {@link SOFT_MASK_BYTES} more per pixel it covers.
 */
export function imageCost(image: PlacedImage, page: DrawnAs): ImageCost | undefined {
  const scale = page.dpi / 72;
  const wide = Math.max(1, (image.right - image.left) * scale);
  const high = Math.max(1, (image.top - image.bottom) * scale);
  const perPixel = Math.max(image.pixelsWide / wide, image.pixelsHigh / high);
  const [across, down] = page.rotation % 2 === 1 ? [high, wide] : [wide, high];
  const covered = Math.min(across, page.width) * down;
  const bytes = covered * (perPixel * 4 + (image.softMask ? SOFT_MASK_BYTES : 0));
  if (!(Number.isFinite(bytes) && bytes > 0)) return undefined;
  return { bytes, rows: down };
}

/**
 * Rows per band for drawing `page` (a loaded page) into a `width` × `height` bitmap at `dpi` with at most
 * `bandBytes` of stretched image rows a band (see {@link rowsPerBand}). Images inside form XObjects are not looked
 * at (a scan is an image of the page itself).
 * @param softMasked pixel sizes of the file's images that have a soft mask (pdf/soft-masks.ts `softMaskedSizes`).
 * @param scratch 32 bytes of engine memory for out-parameters.
 */
export function bandRows(
  engine: Engine,
  page: number,
  size: { width: number; height: number; dpi: number },
  bandBytes: number,
  softMasked: ReadonlySet<string>,
  scratch: number,
): number {
  const drawn = { ...size, rotation: engine.exports.FPDFPage_GetRotation!(page) & 3 };
  const costs = placedImages(engine, page, scratch).flatMap((image) => {
    const softMask = softMasked.has(sizeKey(image.pixelsWide, image.pixelsHigh));
    return imageCost({ ...image, softMask }, drawn) ?? [];
  });
  return rowsPerBand(costs, size.height, bandBytes);
}

/** The page's image objects, with their pixel size and bounds. */
function placedImages(engine: Engine, page: number, scratch: number): PlacedImage[] {
  const E = engine.exports;
  const images: PlacedImage[] = [];
  const count = E.FPDFPage_CountObjects!(page);
  for (let i = 0; i < count; i++) {
    const object = E.FPDFPage_GetObject!(page, i);
    if (!object || E.FPDFPageObj_GetType!(object) !== IMAGE_OBJECT) continue;
    if (!E.FPDFImageObj_GetImagePixelSize!(object, scratch, scratch + 4)) continue;
    if (!E.FPDFPageObj_GetBounds!(object, scratch + 8, scratch + 12, scratch + 16, scratch + 20)) continue;
    const u32 = new Uint32Array(engine.heapU8().buffer, scratch, 2);
    const f = engine.heapF32();
    const at = (scratch + 8) / 4;
    images.push({
      pixelsWide: u32[0]!,
      pixelsHigh: u32[1]!,
      left: f[at]!,
      bottom: f[at + 1]!,
      right: f[at + 2]!,
      top: f[at + 3]!,
    });
  }
  return images;
}
