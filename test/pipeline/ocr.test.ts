/**
 * OCR of pages without a text layer: PDFium draws them, Tesseract (offline, traineddata from npm) reads them,
 * and the pipeline treats the lines like a born-digital page's. The scans are made here from generated PDFs
 * (scripts/make-scanned-pdf.ts), so the right text is known.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { makeScannedPdf } from '../../scripts/make-scanned-pdf.ts';
import { loadConfig } from '../../src/config.ts';
import { exportMarkdown } from '../../src/export/markdown.ts';
import { PdfError } from '../../src/pipeline/errors.ts';
import { extractDocument } from '../../src/pipeline/extract.ts';
import { runPipeline } from '../../src/pipeline/index.ts';
import { checkPdf, openPdf } from '../../src/pipeline/load.ts';
import { MIN_WORD_CONFIDENCE, type OcrLine, ocrTextLines } from '../../src/pipeline/ocr/lines.ts';
import {
  checkOcrLanguages,
  hasOcrWorker,
  ocrWorker,
  terminateOcr,
} from '../../src/pipeline/ocr/tesseract.ts';
import { LOW_CONFIDENCE, ocrBandBytes, ocrDocument, ocrSummary } from '../../src/pipeline/ocr.ts';
import { BESIDE_TESSERACT_BAND_BYTES, MAX_BAND_BYTES } from '../../src/pipeline/pdf/bands.ts';
import {
  COURSE,
  makeCoursePdf,
  makePosterPagePdf,
  makeScanSourcePdf,
  PHOTOSYNTHESIS_PROSE,
  renderPdf,
  withUnusedStream,
} from '../support/make-pdf.ts';

const config = (env: Record<string, string> = {}) => loadConfig({ OCR_DPI: '200', ...env });
const box = (x0: number, y0: number, x1: number, y1: number) => ({ x0, y0, x1, y1 });

describe('ocrTextLines', () => {
  const line = (words: [string, number][], y: number): OcrLine => ({
    words: words.map(([text, confidence], i) => ({
      text,
      confidence,
      bbox: box(100 + i * 60, y, 150 + i * 60, y + 40),
    })),
    bbox: box(100, y, 100 + words.length * 60, y + 40),
    baseline: { x0: 100, y0: y + 32, x1: 400, y1: y + 32 },
    rowAttributes: { rowHeight: 36, descenders: 8, ascenders: 10 },
  });

  test('pixels become points with y upwards, the size comes from the row height, noise words go', () => {
    const { lines, confidence } = ocrTextLines(
      [
        line(
          [
            ['Hello', 96],
            ['world', 90],
            ['~', MIN_WORD_CONFIDENCE - 1],
          ],
          300,
        ),
        line([['%', 5]], 500),
      ],
      3,
      { dpi: 300, widthPt: 612, heightPt: 792 },
    );
    assert.deepEqual(lines, [
      {
        text: 'Hello world',
        page: 3,
        x: 24,
        y: 712.3, // 792 pt − the baseline at 332 px × 72/300, to a tenth
        fontSize: 10.5,
        bold: false,
        right: 50.4,
      },
    ]);
    assert.equal(confidence, 93);
  });

  test('a page with no word above the floor has no confidence', () => {
    assert.equal(
      ocrTextLines([line([['~~', 10]], 10)], 1, { dpi: 300, widthPt: 612, heightPt: 792 }).confidence,
      null,
    );
  });
});

describe('low confidence marking', () => {
  test('pages below the mark are listed in the course, and course.md says to check them', () => {
    const summary = ocrSummary([
      { page: 2, confidence: 94 },
      { page: 3, confidence: LOW_CONFIDENCE - 8 },
    ]);
    assert.deepEqual(summary, {
      pages: [2, 3],
      meanConfidence: 73,
      lowConfidence: [{ page: 3, confidence: 52 }],
    });
    const md = exportMarkdown({
      courseId: 'c1',
      fileName: 'scan.pdf',
      quiz: null,
      course: {
        title: 'T',
        description: 'D',
        keyTerms: [],
        modules: [],
        readingMinutes: 1,
        generator: { name: 'x', version: '1' },
        ocr: summary,
      },
    });
    assert.match(md, /Read by OCR: 2 pages \(mean confidence 73%\)/);
    assert.match(md, /Low OCR confidence on p\. 3 \(52%\): check these pages against the PDF/);
  });
});

describe('a scanned PDF through the pipeline', () => {
  let scanned: Uint8Array;
  before(async () => {
    scanned = await makeScannedPdf(await makeScanSourcePdf(), { dpi: 200 });
  });
  after(() => terminateOcr());

  test('its pages are read by OCR into lines, sections and a course citing them', async () => {
    const progress: string[] = [];
    const result = await runPipeline(
      { bytes: scanned, fileName: 'scan.pdf' },
      { config: config(), onProgress: (stage, done, total) => progress.push(`${stage} ${done}/${total}`) },
    );
    const doc = result.document;
    assert.ok(progress.includes('ocr 1/2') && progress.includes('ocr 2/2'), progress.join(', '));
    assert.equal(doc.ocrPages?.length, 2);
    assert.ok(
      doc.ocrPages!.every((p) => p.confidence > 80),
      JSON.stringify(doc.ocrPages),
    );
    const text = doc.chunks.map((c) => c.text).join(' ');
    assert.match(text, /Plants capture energy from sunlight in the chloroplast/);
    assert.ok(
      doc.structure.sections.some((s) => s.title === COURSE.chapters[0]),
      'the large heading is a section',
    );
    assert.deepEqual(doc.course.ocr?.pages, [1, 2]);
    assert.ok(
      result.warnings.some((w) => /^read by OCR: 2 page\(s\): 1-2 \(mean confidence \d+%\)$/.test(w)),
    );
    assert.equal(hasOcrWorker(), true, 'the worker stays for the next document');
  });

  test('a scanned two-column page is read left column first, as a born-digital one', async () => {
    const twoColumns = await makeScannedPdf(await makeCoursePdf(), { dpi: 200, pages: [3] });
    const pdf = await openPdf(checkPdf({ bytes: twoColumns, fileName: 'cols.pdf' }, { maxFileMb: 10 }), {
      maxPages: 5,
    });
    try {
      const doc = await extractDocument(pdf);
      await ocrDocument(pdf, doc, { mode: 'auto', langs: ['eng'], dpi: 200 });
      const lines = doc.pages[0]?.lines.map((l) => l.text) ?? [];
      const left = lines.findIndex((l) => l.startsWith('Left column line 12'));
      const right = lines.findIndex((l) => l.startsWith('Right column line 1 '));
      assert.ok(left > 0 && right > left, lines.join('\n'));
    } finally {
      await pdf.close();
    }
  });

  test("Tesseract's worker keeps neither the model files nor the last page's image in its file system", async () => {
    // tesseract.js writes both into its worker's in-memory file system and leaves them there (5.2 MB for `eng`, 8.4
    // MB for a letter page at 300 dpi): Tesseract has read them into its own memory by then.
    const pdf = await openPdf(checkPdf({ bytes: scanned, fileName: 'scan.pdf' }, { maxFileMb: 10 }), {
      maxPages: 5,
    });
    try {
      const doc = await extractDocument(pdf);
      const outcome = await ocrDocument(pdf, doc, { mode: 'auto', langs: ['eng'], dpi: 200 });
      assert.deepEqual(
        outcome.read.map((p) => p.page),
        [1, 2],
      );
      const files = (await (await ocrWorker(['eng'])).FS('readdir', ['/'])) as unknown as { data: string[] };
      assert.ok(files.data.includes('tmp'), `the listing is of the root: ${files.data.join(' ')}`);
      assert.deepEqual(
        files.data.filter((f) => f === 'input' || f.endsWith('.traineddata')),
        [],
      );
    } finally {
      await pdf.close();
    }
  });

  test("pages are drawn in thinner bands while Tesseract's memory is held, as before once it is ended", async () => {
    await terminateOcr();
    assert.equal(ocrBandBytes(256), MAX_BAND_BYTES);
    await ocrWorker(['eng']);
    assert.equal(ocrBandBytes(256), BESIDE_TESSERACT_BAND_BYTES);
    assert.equal(ocrBandBytes(32), 8 * 1024 * 1024, 'a quarter of a small cap, still');
    await terminateOcr();
    assert.equal(ocrBandBytes(256), MAX_BAND_BYTES);
  });

  test('a page too large to draw within the engine memory is skipped with its reason; the rest goes on', async () => {
    // The largest page PDF allows (200 × 200 in), drawn even small (MAX_RENDER_PIXELS: a 50 MB grey bitmap), in a
    // 36 MB file (PDFium holds a copy of it): more than 64 MB (73 MB, 2026-12-06). In a 20 MB file it now fits in
    // 54 MB: under a 64 MB cap a band may need 16 MB (pdf/bands.ts), so the page is drawn in two bands. (A large
    // image on a letter page fits too: PDFium draws it in grey without a full-size grey copy of the image.)
    const page = await makePosterPagePdf(
      `A page with a text layer about chloroplasts and light. ${PHOTOSYNTHESIS_PROSE.join(' ')}`,
    );
    const bytes = withUnusedStream(page, 36 * 1048576);
    const result = await runPipeline(
      { bytes, fileName: 'huge.pdf' },
      { config: config({ PDF_MAX_MEMORY_MB: '64' }) },
    );
    assert.ok(
      result.warnings.includes(
        'page 2 could not be drawn for OCR: it needs more than 64 MB of memory (PDF_MAX_MEMORY_MB)',
      ),
      result.warnings.join('; '),
    );
    assert.match(result.document.chunks.map((c) => c.text).join(' '), /chloroplasts/);
  });

  test('OCR=off keeps the message a scan always had', async () => {
    await assert.rejects(
      () => runPipeline({ bytes: scanned, fileName: 'scan.pdf' }, { config: config({ OCR: 'off' }) }),
      (err) =>
        err instanceof PdfError &&
        err.code === 'no_text' &&
        err.message ===
          'needs OCR: none of the 2 page(s) has a text layer (scanned document); OCR is not supported yet',
    );
  });

  test('pages where OCR finds nothing make the document fail, saying so', async () => {
    const blank = await renderPdf((pdf) => {
      pdf.addPage();
      pdf.rect(100, 100, 200, 2).fill('#000');
      pdf.addPage();
    });
    await assert.rejects(
      () => runPipeline({ bytes: blank, fileName: 'blank.pdf' }, { config: config() }),
      (err) =>
        err instanceof PdfError &&
        err.code === 'no_text' &&
        err.message === 'OCR found no readable text on 2 page(s)',
    );
  });
});

test('a language that is not installed is refused before any work, in one line', () => {
  checkOcrLanguages(['eng']);
  assert.throws(
    () => checkOcrLanguages(['eng', 'xyz']),
    (err: Error) =>
      (err as { code?: string }).code === 'ocr_language' &&
      err.message === 'OCR_LANGS: "xyz": no traineddata installed (npm install @tesseract.js-data/xyz)',
  );
  assert.throws(() => checkOcrLanguages(['../eng']), /not a Tesseract language code/);
});
