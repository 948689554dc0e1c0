/**
 * Which images of a file have a soft mask (/SMask, or /SMaskInData in a JPEG 2000 image), for the band estimate
 * (pdf/bands.ts): PDFium draws such an image through buffers of its drawn size, far more than the image alone
 * (om-mixed-scan-text.pdf p. 6 at 300 dpi, a 1258 × 1253 image with a mask drawn 2560 × 2550: PDFium +44 MB in one
 * call, +7 MB with the /SMask entry blanked out; 2026-12-06).
 *
 * PDFium's API does not tell an image's mask (FPDFPageObj_HasTransparency looks at the graphics state only: 0 for that
 * image), so the file is read instead: an image is a stream, and a stream is never inside an object stream, so its
 * dictionary is plain text in the file (encryption leaves dictionaries as they are). An image object of a page is taken
 * to have a mask when an image of the same pixel size in the file has one.
 */

const SOFT_MASK = Buffer.from('/SMask');
const OBJ = Buffer.from('obj');
const STREAM = Buffer.from('stream');
const END_OBJ = Buffer.from('endobj');
/** How far from `/SMask` its dictionary's start and end are looked for (image dictionaries are short). */
const DICT_WINDOW = 4096;

/** An image's mask: `/SMask 12 0 R`, or `/SMaskInData 1` or `2` (0 says the JPEG 2000 data holds none). */
const NAMES_A_MASK = /^\/(?:SMask\s+\d+\s+\d+\s+R|SMaskInData\s+[12])\b/;
const IMAGE = /\/Subtype\s*\/Image\b/;
/** A direct number (not the object number of an indirect reference `5 0 R`). */
const WIDTH = /\/Width\s+(\d+)(?![\d.]|\s+\d+\s+R)/;
const HEIGHT = /\/Height\s+(\d+)(?![\d.]|\s+\d+\s+R)/;

/** The key of an image's pixel size in {@link softMaskedSizes}. */
export const sizeKey = (pixelsWide: number, pixelsHigh: number) => `${pixelsWide}x${pixelsHigh}`;

/**
 * The pixel sizes ({@link sizeKey}) of the file's image streams whose dictionary names a soft mask. A `/SMask` outside
 * a stream's dictionary (a graphics state's soft mask, in an object that ends before any `stream`) is not one.
 */
export function softMaskedSizes(file: Uint8Array): Set<string> {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const sizes = new Set<string>();
  for (let at = buf.indexOf(SOFT_MASK); at >= 0; at = buf.indexOf(SOFT_MASK, at + SOFT_MASK.length)) {
    if (!NAMES_A_MASK.test(buf.toString('latin1', at, at + 40))) continue;
    const start = Math.max(buf.lastIndexOf(OBJ, at), at - DICT_WINDOW, 0);
    const stream = buf.indexOf(STREAM, at);
    const endObj = buf.indexOf(END_OBJ, at);
    if (stream < 0 || stream - at > DICT_WINDOW || (endObj >= 0 && endObj < stream)) continue;
    const dict = buf.toString('latin1', start, stream);
    const [wide, high] = [WIDTH.exec(dict)?.[1], HEIGHT.exec(dict)?.[1]];
    if (IMAGE.test(dict) && wide && high) sizes.add(sizeKey(Number(wide), Number(high)));
  }
  return sizes;
}
