/**
 * A page drawn from a large image grows PDFium's memory (om-scan-wikipedia-de.pdf, a 2464 × 3456 colour scan with a
 * mask, to 81 MB at 300 dpi, drawn in two bands), and WebAssembly memory never shrinks: OCR hands it back
 * (PdfHandle.shedGrownEngine) between drawing the page and reading it, so that it is not resident beside
 * Tesseract's. The corpus file, PDFium and Tesseract run for real.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { extractDocument } from '../../src/pipeline/extract.ts';
import { checkPdf, openPdf, type PdfHandle } from '../../src/pipeline/load.ts';
import { terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import { ocrDocument } from '../../src/pipeline/ocr.ts';
import { hasEngine, hasGrown } from '../../src/pipeline/pdf/engine.ts';
import { renderPageGray } from '../../src/pipeline/pdf/render.ts';
import { corpusDir, loadCorpus } from '../support/corpus.ts';
import { withUnusedStream } from '../support/make-pdf.ts';

const config = loadConfig({});
const corpus = loadCorpus();
/** Every test here draws corpus scans: without the corpus (no ../shared) they say so and skip. */
const skip = 'missing' in corpus ? corpus.missing : false;
const corpusBytes = (name: string) => new Uint8Array(readFileSync(join(corpusDir(), name)));
const open = () =>
  openPdf(checkPdf({ bytes: corpusBytes('om-scan-wikipedia-de.pdf'), fileName: 'scan.pdf' }, config), {
    maxPages: 10,
  });
const engineMb = (pdf: PdfHandle) => pdf.document.engine.heapU8().length / 1048576;

describe("PDFium's memory grown by a page drawn for OCR", { timeout: 120_000, skip }, () => {
  after(() => terminateOcr());

  test('is handed back before the page is read, and the page still reads', async () => {
    const pdf = await open();
    try {
      const doc = await extractDocument(pdf);
      const outcome = await ocrDocument(pdf, doc, {
        mode: 'auto',
        langs: config.ocrLangs,
        dpi: config.ocrDpi,
      });
      assert.deepEqual(
        outcome.read.map((p) => p.page),
        [1],
        'the page was read',
      );
      assert.ok(doc.pages[0]!.lines.length > 10, `lines read: ${doc.pages[0]!.lines.length}`);
      assert.equal(hasGrown(pdf.document.engine), false, `the document's engine holds ${engineMb(pdf)} MB`);
    } finally {
      await pdf.close();
    }
  });

  test('a fresh instance draws the page as the grown one did (same pixels)', async () => {
    const pdf = await open();
    try {
      const before = await renderPageGray(pdf, 1, config.ocrDpi);
      assert.equal(hasGrown(pdf.document.engine), true, `drawing grew the engine to ${engineMb(pdf)} MB`);
      const grown = pdf.document.engine;
      await pdf.shedGrownEngine();
      assert.notEqual(pdf.document.engine, grown, 'the document was opened again in a new instance');
      assert.equal(hasGrown(pdf.document.engine), false);
      const after = await renderPageGray(pdf, 1, config.ocrDpi);
      assert.deepEqual([after.width, after.height], [before.width, before.height]);
      assert.ok(Buffer.from(after.pixels).equals(Buffer.from(before.pixels)), 'the same pixels');
    } finally {
      await pdf.close();
    }
  });

  test('a document whose drawing grew the engine by tens of MB leaves it for a fresh one when closed', async () => {
    // Page 6 of om-mixed-scan-text.pdf (a colour image with a soft mask) grows PDFium to 37 MB at 300 dpi (in two
    // bands, since its mask is counted; 67.5 MB in one call), past renewAboveMb (32): kept, it stayed resident in
    // the child for every later job.
    const mixed = corpusBytes('om-mixed-scan-text.pdf');
    const pdf = await openPdf(checkPdf({ bytes: mixed, fileName: 'mixed.pdf' }, config), { maxPages: 10 });
    await renderPageGray(pdf, 6, config.ocrDpi);
    const mb = engineMb(pdf);
    assert.ok(mb > 32 && mb < 96, `drawing grew the engine to ${mb} MB`);
    await pdf.close({ read: 1 });
    assert.equal(hasEngine(), false, 'the grown instance was let go');
  });
});

describe("a large file's own bytes in PDFium's memory", { timeout: 120_000, skip }, () => {
  // Opening copies the file into the engine: a 47 MB file holds it at ~47 MB, past renewAboveMb (32 MB) before
  // anything is drawn. Counted as grown, every OCR page made a fresh instance that reopened the file and was
  // "grown" again.
  const UNUSED_MB = 45;
  /** EngineLimits.renewAboveMb's default. */
  const RENEW_ABOVE_MB = 32;
  const openLarge = async (name: string) => {
    const scan = corpusBytes(name);
    const large = withUnusedStream(scan, UNUSED_MB * 1048576);
    assert.ok(large.length > 15 * 1048576, `the file is ${large.length} bytes`);
    return openPdf(checkPdf({ bytes: large, fileName: 'large-scan.pdf' }, config), { maxPages: 10 });
  };

  test('does not count as grown: drawing a page that grows the engine little renews nothing', async () => {
    const pdf = await openLarge('om-scan-book-page.pdf');
    try {
      const opened = pdf.document.engine;
      const openedMb = engineMb(pdf);
      assert.ok(openedMb > RENEW_ABOVE_MB, `the open file holds the engine at ${openedMb} MB`);
      const drawn = await renderPageGray(pdf, 1, 150);
      assert.ok(engineMb(pdf) - openedMb < RENEW_ABOVE_MB, `drawing grew the engine to ${engineMb(pdf)} MB`);
      await pdf.shedGrownEngine();
      await pdf.shedGrownEngine();
      assert.equal(pdf.document.engine, opened, 'the instance that opened the file is kept');
      const again = await renderPageGray(pdf, 1, 150);
      assert.ok(Buffer.from(again.pixels).equals(Buffer.from(drawn.pixels)), 'the same pixels');
    } finally {
      await pdf.close();
    }
  });

  test('a page whose drawing grows the engine well past it still renews it, once', async () => {
    const pdf = await openLarge('om-scan-wikipedia-de.pdf');
    try {
      const openedMb = engineMb(pdf);
      const before = await renderPageGray(pdf, 1, config.ocrDpi);
      const grownMb = engineMb(pdf);
      // ~95 MB since pages are drawn in bands (pdf/bands.ts), 131 before; renewAboveMb is 32.
      assert.ok(grownMb - openedMb > 64, `drawing grew the engine from ${openedMb} to ${grownMb} MB`);
      const grown = pdf.document.engine;
      await pdf.shedGrownEngine();
      const fresh = pdf.document.engine;
      assert.notEqual(fresh, grown, 'the document was opened again in a new instance');
      assert.ok(engineMb(pdf) < grownMb - 64, `the new instance holds ${engineMb(pdf)} MB`);
      await pdf.shedGrownEngine();
      assert.equal(pdf.document.engine, fresh, 'the new instance, holding the file, is not renewed again');
      const after = await renderPageGray(pdf, 1, config.ocrDpi);
      assert.ok(Buffer.from(after.pixels).equals(Buffer.from(before.pixels)), 'the same pixels');
    } finally {
      await pdf.close();
    }
  });
});
