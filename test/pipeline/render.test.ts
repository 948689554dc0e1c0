import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkPdf, openPdf, type PdfHandle } from '../../src/pipeline/load.ts';
import { pgm } from '../../src/pipeline/ocr.ts';
import { fittingDpi, renderPageGray } from '../../src/pipeline/pdf/render.ts';
import { makeCoursePdf, makeRotatedSlidePdf } from '../support/make-pdf.ts';

/** Share of pixels darker than mid-grey in rows [y0, y1). */
function darkShare(img: { width: number; pixels: Uint8Array }, y0: number, y1: number): number {
  let dark = 0;
  for (let i = y0 * img.width; i < y1 * img.width; i++) if ((img.pixels[i] as number) < 128) dark++;
  return dark / ((y1 - y0) * img.width);
}

describe('renderPageGray', () => {
  let pdf: PdfHandle;
  before(async () => {
    pdf = await openPdf(
      checkPdf({ bytes: await makeCoursePdf(), fileName: 'course.pdf' }, { maxFileMb: 10 }),
      {
        maxPages: 10,
      },
    );
  });
  after(() => pdf.close());

  test('draws a page in grey at the asked resolution: white margins, dark text', async () => {
    const img = await renderPageGray(pdf, 1, 144);
    assert.equal(img.width, 1224);
    assert.equal(img.height, 1584);
    assert.equal(img.pixels.length, img.width * img.height);
    assert.equal(darkShare(img, 0, 40), 0, 'the top margin is white');
    // The chapter heading sits about an inch from the top: rows 144-220 at 144 dpi hold dark pixels.
    assert.ok(darkShare(img, 100, 260) > 0.005, `heading band ${darkShare(img, 100, 260)}`);
  });

  test('a page without text is white', async () => {
    const img = await renderPageGray(pdf, 4, 72);
    assert.ok(darkShare(img, 0, img.height) < 0.001);
  });

  test('frees what it draws: rendering a page many times does not grow the engine', async () => {
    await renderPageGray(pdf, 2, 150);
    const heap = pdf.document.engine.heapU8().length;
    for (let i = 0; i < 20; i++) await renderPageGray(pdf, 2, 150);
    assert.equal(pdf.document.engine.heapU8().length, heap);
  });

  test('a drawn page becomes a PGM file for Tesseract without a copy of its pixels: the whole of its buffer', async () => {
    const img = await renderPageGray(pdf, 1, 72);
    const file = pgm(img);
    assert.equal(file.buffer, img.pixels.buffer, "the file shares the page's memory");
    assert.deepEqual([file.byteOffset, file.byteLength], [0, file.buffer.byteLength]);
    // The header fills the room before the pixels: spaces after the magic number, which PGM allows.
    const header = file.subarray(0, file.length - img.pixels.length).toString('latin1');
    assert.match(header, new RegExp(`^P5 *\\n${img.width} ${img.height}\\n255\\n$`));
    assert.deepEqual(file.subarray(file.length - img.pixels.length), Buffer.from(img.pixels));
  });

  test('an image made elsewhere is copied into its PGM file: the bytes before its pixels are not written over', () => {
    const pooled = Buffer.from(
      'neighbouring bytes of a pooled buffer, then pixels: \x00\xff\x00\xff',
      'latin1',
    );
    const before = Buffer.from(pooled);
    const pixels = pooled.subarray(pooled.length - 4);
    const file = pgm({ width: 2, height: 2, dpi: 72, pixels });
    assert.deepEqual(pooled, before);
    assert.equal(file.toString('latin1'), 'P5\n2 2\n255\n\x00\xff\x00\xff');
  });

  test('a rotated page is drawn as shown (landscape)', async () => {
    const slide = await openPdf(
      checkPdf({ bytes: await makeRotatedSlidePdf(), fileName: 'slide.pdf' }, { maxFileMb: 10 }),
      { maxPages: 5 },
    );
    try {
      const img = await renderPageGray(slide, 1, 72);
      assert.ok(img.width > img.height, `${img.width}×${img.height}`);
    } finally {
      await slide.close();
    }
  });

  test('a page too large for the pixel budget is drawn at a lower resolution', () => {
    assert.equal(fittingDpi({ width: 612, height: 792 }, 300), 300);
    const poster = { width: 33.1 * 72, height: 46.8 * 72 }; // A0
    const dpi = fittingDpi(poster, 300);
    assert.ok(dpi < 300 && dpi > 100, String(dpi));
    assert.ok(((poster.width * dpi) / 72) * ((poster.height * dpi) / 72) <= 50_000_000);
  });
});
