/**
 * The OCR page test (src/pipeline/ocr/page-test.ts): which textless pages of a document with a text layer are
 * read. One table of pages drawn here at the test's resolution, each with the rule it must meet; then the test
 * in the pipeline: a blank page and a drawing beside born-digital text do not start Tesseract, a scanned page does.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { grayPng } from '../../scripts/make-scanned-pdf.ts';
import { loadConfig } from '../../src/config.ts';
import { runPipeline } from '../../src/pipeline/index.ts';
import { checkPdf, openPdf } from '../../src/pipeline/load.ts';
import { judgePage, PAGE_TEST } from '../../src/pipeline/ocr/page-test.ts';
import { hasOcrWorker, terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import { type GrayImage, renderPageGray } from '../../src/pipeline/pdf/render.ts';
import { makeScanSourcePdf, PHOTOSYNTHESIS_PROSE, renderPdf } from '../support/make-pdf.ts';

/** A US letter page at the test's resolution, white, then drawn on by `draw(set)`. */
function page(draw: (fill: (x0: number, y0: number, x1: number, y1: number, grey?: number) => void) => void) {
  const width = Math.round(8.5 * PAGE_TEST.dpi);
  const height = Math.round(11 * PAGE_TEST.dpi);
  const pixels = new Uint8Array(width * height).fill(255);
  draw((x0, y0, x1, y1, grey = 0) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y1); y++)
      for (let x = Math.max(0, x0); x < Math.min(width, x1); x++) pixels[y * width + x] = grey;
  });
  return { width, height, dpi: PAGE_TEST.dpi, pixels } satisfies GrayImage;
}

/** `n` lines of "words" (ink with gaps) from `top`, 14 px apart, in columns `[x0, x1]`, each `skew` px lower per 100 px. */
function lines(
  fill: Parameters<Parameters<typeof page>[0]>[0],
  n: number,
  { top = 72, columns = [[72, 540]], skew = 0 }: { top?: number; columns?: number[][]; skew?: number } = {},
) {
  for (const [x0, x1] of columns)
    for (let i = 0; i < n; i++)
      for (let x = x0!; x < x1!; x += 9) {
        const y = top + i * 14 + Math.round(((x - x0!) * skew) / 100);
        fill(x, y, x + 6, y + 7);
      }
}

/** Speckles: one dark pixel in `every` (scanner noise). */
const specks = (every: number) => (fill: Parameters<Parameters<typeof page>[0]>[0]) => {
  for (let i = 0; i < 612 * 792; i += every)
    fill(i % 612, Math.floor(i / 612), (i % 612) + 1, Math.floor(i / 612) + 1);
};

const TABLE: { name: string; image: GrayImage; rule: 'blank' | 'text rows' | 'too few rows' }[] = [
  { name: 'a white page (a verso left blank)', image: page(() => {}), rule: 'blank' },
  { name: 'a page number alone', image: page((f) => f(300, 740, 312, 748)), rule: 'blank' },
  { name: 'a page of text', image: page((f) => lines(f, 45)), rule: 'text rows' },
  { name: 'eight lines of text', image: page((f) => lines(f, 8)), rule: 'text rows' },
  {
    name: 'seven lines of text (a short note: not read)',
    image: page((f) => lines(f, 7)),
    rule: 'too few rows',
  },
  {
    name: 'two columns whose lines do not line up',
    image: page((f) => {
      lines(f, 40, { columns: [[72, 290]] });
      lines(f, 40, { top: 79, columns: [[320, 540]] });
    }),
    rule: 'text rows',
  },
  {
    name: 'a skewed scan (2 px per 100 px)',
    image: page((f) => lines(f, 40, { skew: 2 })),
    rule: 'text rows',
  },
  {
    name: 'text with scanner noise and a dark edge down the left',
    image: page((f) => {
      specks(97)(f);
      f(0, 0, 14, 792);
      lines(f, 30);
    }),
    rule: 'text rows',
  },
  {
    name: 'a logo with its name (a cover)',
    image: page((f) => {
      f(200, 150, 400, 350, 60);
      f(180, 500, 430, 560);
    }),
    rule: 'too few rows',
  },
  {
    name: 'a figure with a two-line caption',
    image: page((f) => {
      f(100, 100, 500, 500, 90);
      lines(f, 2, { top: 520 });
    }),
    rule: 'too few rows',
  },
  { name: 'a photograph filling the page', image: page((f) => f(0, 0, 612, 792, 70)), rule: 'too few rows' },
];

describe('the OCR page test: which textless pages are read', () => {
  for (const { name, image, rule } of TABLE)
    test(`${name}: ${rule}`, () => {
      const verdict = judgePage(image);
      assert.equal(verdict.rule, rule, JSON.stringify(verdict));
      assert.equal(verdict.read, rule === 'text rows');
    });
});

describe('the page test in the pipeline', () => {
  after(() => terminateOcr());
  const config = loadConfig({ OCR_DPI: '150' });
  const prose = (doc: PDFKit.PDFDocument) =>
    doc.addPage().fontSize(12).text(PHOTOSYNTHESIS_PROSE.join(' ').repeat(3), 72, 72, { width: 468 });

  test('a blank page and a drawing beside text: not read, Tesseract not started, the warning says so', async () => {
    await terminateOcr();
    const bytes = await renderPdf((doc) => {
      prose(doc);
      doc.addPage();
      doc.addPage().circle(300, 300, 120).lineWidth(12).stroke().rect(150, 500, 300, 80).fill();
      prose(doc);
    });
    const result = await runPipeline({ bytes, fileName: 'mixed.pdf' }, { config });
    assert.equal(hasOcrWorker(), false, 'no Tesseract for pages with nothing to read');
    assert.ok(
      result.warnings.includes(
        `not read by OCR: 2 page(s) blank or drawings (${PAGE_TEST.dpi} dpi test): 2-3`,
      ),
      result.warnings.join('; '),
    );
    assert.ok(!result.warnings.some((w) => /needs OCR/.test(w)), result.warnings.join('; '));
    assert.equal(result.document.stats.ocrSkippedPages, 2);
  });

  test('a scanned page beside text is still read', async () => {
    const source = await makeScanSourcePdf();
    const pdf = await openPdf(checkPdf({ bytes: source, fileName: 'src.pdf' }, { maxFileMb: 10 }), {
      maxPages: 5,
    });
    const scan = grayPng(await renderPageGray(pdf, 1, 150));
    await pdf.close();
    const bytes = await renderPdf((doc) => {
      prose(doc);
      doc.addPage().image(scan, 0, 0, { width: 612, height: 792 });
    });
    const result = await runPipeline({ bytes, fileName: 'mixed-scan.pdf' }, { config });
    assert.deepEqual(
      result.document.ocrPages?.map((p) => p.page),
      [2],
    );
    assert.match(result.document.chunks.map((c) => c.text).join(' '), /chloroplast/);
    assert.equal(result.document.stats.ocrSkippedPages, undefined);
  });
});
