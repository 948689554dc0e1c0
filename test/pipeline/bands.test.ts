/**
 * Pages drawn in bands of rows (pdf/bands.ts): how many rows a band gets from a page's images, and that a page drawn
 * in several bands has the pixels it has drawn in one call.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkPdf, openPdf } from '../../src/pipeline/load.ts';
import {
  BESIDE_TESSERACT_BAND_BYTES,
  bandBytesFor,
  imageCost,
  MAX_BAND_BYTES,
  rowsPerBand,
} from '../../src/pipeline/pdf/bands.ts';
import type { DrawnPage } from '../../src/pipeline/pdf/document.ts';
import { runInEngine } from '../../src/pipeline/pdf/engine.ts';
import { renderPageGray } from '../../src/pipeline/pdf/render.ts';
import { softMaskedSizes } from '../../src/pipeline/pdf/soft-masks.ts';
import {
  FULL_PAGE_IMAGE,
  makeFullPageImagePdf,
  makeSoftMaskPdf,
  SOFT_MASK_IMAGE,
} from '../support/make-pdf.ts';

const MB = 1024 * 1024;
/** A letter page's scan at 300 dpi, in user space: 2550 × 3300 pixels over 612 × 792 points. */
const letterScan = { pixelsWide: 2550, pixelsHigh: 3300, left: 0, bottom: 0, right: 612, top: 792 };
/** A cost rounded to whole bytes and rows (the scale 300 / 72 is not exact in binary). */
const rounded = (cost: { bytes: number; rows: number } | undefined) =>
  cost && { bytes: Math.round(cost.bytes), rows: Math.round(cost.rows) };

describe('band sizing', () => {
  test('a scan on a page turned a quarter runs across the bitmap as the page is shown', () => {
    // Shown landscape at 300 dpi: 3300 × 2550 pixels, the image's 612 points running down.
    const upright = rounded(imageCost(letterScan, { width: 2550, dpi: 300, rotation: 0 }));
    const turned = rounded(imageCost(letterScan, { width: 3300, dpi: 300, rotation: 1 }));
    assert.deepEqual(upright, { bytes: 2550 * 3300 * 4, rows: 3300 });
    assert.deepEqual(turned, { bytes: 3300 * 2550 * 4, rows: 2550 });
    assert.deepEqual(rounded(imageCost(letterScan, { width: 3300, dpi: 300, rotation: 3 })), turned);
    assert.deepEqual(rounded(imageCost(letterScan, { width: 2550, dpi: 300, rotation: 2 })), upright);
    // The whole image in one band of the turned page's 2550 rows: 32 MB, under 40; a band of 1275 rows half of it.
    assert.equal(rowsPerBand([turned!], 2550, 33 * MB), 2550);
    assert.equal(rowsPerBand([turned!], 2550, 20 * MB), 1275);
  });

  test('a wide strip on a page turned a quarter counts the rows it covers, not its width', () => {
    const strip = { pixelsWide: 6000, pixelsHigh: 500, left: 0, bottom: 0, right: 612, top: 50 };
    // Drawn 50 points across and 612 down at 72 dpi: a band of 306 rows covers half of it.
    const cost = imageCost(strip, { width: 792, dpi: 72, rotation: 1 })!;
    assert.equal(cost.rows, 612);
    assert.equal(rowsPerBand([cost], 612, cost.bytes / 2), 306);
  });

  test('bounds that give no finite, positive cost are left out, not drawn in the thinnest bands', () => {
    const page = { width: 2550, dpi: 300, rotation: 0 };
    const [inf, nan] = [Number.POSITIVE_INFINITY, Number.NaN];
    const bad = [
      { ...letterScan, right: inf, top: inf },
      { ...letterScan, bottom: -inf, top: inf },
      { ...letterScan, left: nan },
      { ...letterScan, pixelsWide: 0, pixelsHigh: 0 },
    ];
    for (const image of bad) assert.equal(imageCost(image, page), undefined, JSON.stringify(image));
    // A 300 dpi letter scan (33.7 MB) beside them is drawn in two bands of 20 MB, as alone; a NaN among the costs
    // made every band 64 rows (52 bands).
    const costs = [letterScan, ...bad].flatMap((image) => imageCost(image, page) ?? []);
    assert.equal(rowsPerBand(costs, 3300, 20 * MB), 1650);
    assert.equal(rowsPerBand(costs, 3300, MAX_BAND_BYTES), 3300);
  });

  test('an image with a soft mask costs 6 bytes more per pixel it covers on the bitmap', () => {
    // A 1258 × 1253 image drawn over 614 × 612 points at 300 dpi (om-mixed-scan-text.pdf p. 6): stretched, 0.49
    // pixels a drawn pixel; 2558 × 2550 drawn pixels.
    const image = { pixelsWide: 1258, pixelsHigh: 1253, left: 0, bottom: 0, right: 614, top: 612 };
    const page = { width: 3300, dpi: 300, rotation: 0 };
    const opaque = imageCost(image, page)!;
    const masked = imageCost({ ...image, softMask: true }, page)!;
    assert.equal(masked.rows, opaque.rows);
    assert.equal(Math.round(masked.bytes - opaque.bytes), Math.round(((614 * 300) / 72) * 2550 * 6));
    // Under 40 MB without its mask (one call), over with it (two bands).
    assert.equal(rowsPerBand([opaque], 2550, MAX_BAND_BYTES), 2550);
    assert.equal(rowsPerBand([masked], 2550, MAX_BAND_BYTES), 1275);
  });

  test("a band's budget is a quarter of the engine's memory cap, at most 40 MB", () => {
    assert.equal(bandBytesFor(64), 16 * MB);
    assert.equal(bandBytesFor(256), MAX_BAND_BYTES);
    assert.equal(bandBytesFor(4000), MAX_BAND_BYTES);
  });

  test('beside Tesseract a band gets at most 12 MB, and never more than without it', () => {
    const cases: [maxMemoryMb: number, besideTesseract: boolean, mb: number][] = [
      [256, false, 40],
      [256, true, 12],
      [4000, true, 12],
      [64, false, 16],
      [64, true, 12],
      [32, true, 8],
    ];
    for (const [cap, beside, mb] of cases)
      assert.equal(bandBytesFor(cap, beside), mb * MB, `${cap} ${beside}`);
    assert.equal(BESIDE_TESSERACT_BAND_BYTES, 12 * MB);
  });
});

describe('images with a soft mask', () => {
  const image = (entries: string) =>
    `9 0 obj\n<< /Type /XObject /Subtype /Image ${entries} /Length 3 >>\nstream\nabc\nendstream\nendobj\n`;
  const sizes = (...objects: string[]) => [...softMaskedSizes(Buffer.from(objects.join(''), 'latin1'))];

  test("are found by their dictionary's /SMask (or /SMaskInData) and pixel size", () => {
    assert.deepEqual(sizes(image('/Width 1258 /Height 1253 /SMask 47 0 R')), ['1258x1253']);
    assert.deepEqual(sizes(image('/Width 64 /Height 32 /Filter /JPXDecode /SMaskInData 1')), ['64x32']);
    assert.deepEqual(sizes(image('/SMask 5 0 R\n/Height 20/Width 10')), ['10x20']);
  });

  test("are not images without one, a graphics state's soft mask, or sizes given by reference", () => {
    assert.deepEqual(sizes(image('/Width 1258 /Height 1253 /Mask 5 0 R')), []);
    const gstate = '7 0 obj\n<< /Type /ExtGState /SMask << /S /Luminosity /G 8 0 R >> >>\nendobj\n';
    assert.deepEqual(sizes(gstate, image('/Width 100 /Height 100')), []);
    assert.deepEqual(sizes(image('/Width 12 0 R /Height 100 /SMask 5 0 R')), []);
    // JPEG 2000 data said to hold no mask.
    assert.deepEqual(sizes(image('/Width 64 /Height 32 /Filter /JPXDecode /SMaskInData 0')), []);
  });

  test('are drawn in bands where the same page without the mask is drawn in one call', async () => {
    const bytes = await makeSoftMaskPdf();
    assert.deepEqual([...softMaskedSizes(bytes)], [`${SOFT_MASK_IMAGE.width}x${SOFT_MASK_IMAGE.height}`]);
    const pdf = await openPdf(checkPdf({ bytes, fileName: 'masks.pdf' }, { maxFileMb: 10 }), { maxPages: 2 });
    try {
      // At 150 dpi each image covers 1275 × 1650 pixels: 2.6 MB of stretched rows, 15.2 MB with the mask counted.
      const draw = (index: number) =>
        runInEngine(
          pdf.document.engine,
          () => pdf.document.renderGray(index, 150, { bandBytes: 8 * MB }),
          60_000,
        );
      assert.equal(draw(0).bands, 2);
      assert.equal(draw(1).bands, 1);
    } finally {
      await pdf.close();
    }
  });
});

describe("a file's soft masks", () => {
  test('are read from its bytes once per handle, and still count after the engine is renewed', async () => {
    const bytes = await makeSoftMaskPdf();
    const pdf = await openPdf(checkPdf({ bytes, fileName: 'masks.pdf' }, { maxFileMb: 10 }), { maxPages: 2 });
    try {
      const found = pdf.softMasked;
      assert.deepEqual([...found], [`${SOFT_MASK_IMAGE.width}x${SOFT_MASK_IMAGE.height}`]);
      // At 300 dpi the masked image costs ~56 MB of a band's budget: 2 bands at 40 MB, 5 at 12 MB.
      const bands = async (bandBytes?: number) =>
        (await renderPageGray(pdf, 1, 300, { bandBytes })) as DrawnPage;
      assert.equal((await bands()).bands, 2);
      // The drawing reads the handle's set, not one the document finds for itself: a handle that knows of no mask
      // draws the same page in one band.
      const unmasked: typeof pdf = Object.create(pdf, { softMasked: { value: new Set<string>() } });
      assert.equal(((await renderPageGray(unmasked, 1, 300)) as DrawnPage).bands, 1);
      await pdf.reopen();
      assert.equal(pdf.softMasked, found, 'the same set: the file is not read again');
      assert.equal((await bands(BESIDE_TESSERACT_BAND_BYTES)).bands, 5);
      assert.equal(
        ((await renderPageGray(pdf, 2, 300, { bandBytes: BESIDE_TESSERACT_BAND_BYTES })) as DrawnPage).bands,
        1,
      );
    } finally {
      await pdf.close();
    }
  });
});

describe('a page drawn in bands', () => {
  for (const rotate of [0, 90] as const)
    test(`has the pixels it has drawn in one call (/Rotate ${rotate})`, async () => {
      const bytes = await makeFullPageImagePdf(rotate);
      const pdf = await openPdf(checkPdf({ bytes, fileName: 'image.pdf' }, { maxFileMb: 10 }), {
        maxPages: 1,
      });
      try {
        const draw = (bandBytes: number) =>
          runInEngine(pdf.document.engine, () => pdf.document.renderGray(0, 150, { bandBytes }), 60_000);
        const whole = draw(Number.POSITIVE_INFINITY);
        const banded = draw(2 * MB);
        const { width, height } = FULL_PAGE_IMAGE;
        assert.deepEqual([whole.width, whole.height], rotate ? [height, width] : [width, height]);
        assert.equal(whole.bands, 1);
        assert.ok(banded.bands > 1, `${banded.bands} bands`);
        assert.ok(Buffer.from(banded.pixels).equals(Buffer.from(whole.pixels)), 'the same pixels');
        // The image's rows differ: the page is not one colour a band could repeat unseen.
        const row = (y: number) => Buffer.from(whole.pixels.subarray(y * whole.width, (y + 1) * whole.width));
        assert.ok(!row(0).equals(row(1)) && !row(0).equals(row(whole.height - 1)));
      } finally {
        await pdf.close();
      }
    });
});
