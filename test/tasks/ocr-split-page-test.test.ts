/**
 * A PDF job's OCR split follows the page test (tasks/ocr-split.ts, pipeline/ocr.ts): in a document with a text
 * layer, the textless pages the test finds blank or drawings are neither counted towards OCR_SPLIT_MIN_PAGES nor
 * put in page ranges. The pipeline runs for real (PDFium draws the pages for the test); the split is stopped
 * where the PDF job's child stops it, before Tesseract reads any page.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { runPipeline } from '../../src/pipeline/index.ts';
import { hasOcrWorker, terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import type { PdfTaskData } from '../../src/tasks/names.ts';
import { OcrSplitSignal, splitBeforeOcr, splitOf } from '../../src/tasks/ocr-split.ts';
import { makeMixedPdf } from '../support/mixed-pdf.ts';

/** Thrown by the test's `beforeOcr` when the job would not split, to stop the run there all the same. */
class NoSplit extends Error {
  constructor(readonly pages: readonly number[]) {
    super('no split');
  }
}

const data: PdfTaskData = { fileName: 'manual.pdf', sha256: 'a'.repeat(64) };

/** What a PDF job with `min` = OCR_SPLIT_MIN_PAGES decides for `bytes`: a split of these pages, or none. */
async function decide(bytes: Uint8Array, min: number): Promise<OcrSplitSignal | NoSplit | 'no OCR'> {
  const check = splitBeforeOcr({ ocrSplitMinPages: min }, data)!;
  try {
    await runPipeline(
      { bytes, fileName: 'manual.pdf' },
      {
        config: loadConfig({ OCR_DPI: '150' }),
        beforeOcr: (pages) => {
          check(pages);
          throw new NoSplit(pages);
        },
      },
    );
    return 'no OCR';
  } catch (err) {
    if (err instanceof OcrSplitSignal || err instanceof NoSplit) return err;
    throw err;
  }
}

describe('the OCR split follows the page test', { timeout: 120_000 }, () => {
  after(() => terminateOcr());

  // Pages 2, 3, 5 and 8 are blank or drawings; 4, 6, 7 and 9 are scans: 8 textless pages, 4 worth reading.
  const layout = [
    'text',
    'blank',
    'drawing',
    'scan',
    'drawing',
    'scan',
    'scan',
    'blank',
    'scan',
    'text',
  ] as const;

  test('only the pages that pass are counted: 8 textless pages, 4 to read, OCR_SPLIT_MIN_PAGES=5 does not split', async () => {
    await terminateOcr();
    const outcome = await decide(await makeMixedPdf(layout, { marker: 'count' }), 5);
    assert.ok(outcome instanceof NoSplit, `no split: ${String(outcome)}`);
    assert.deepEqual(outcome.pages, [4, 6, 7, 9], 'the pages the job reads itself');
    assert.equal(hasOcrWorker(), false, 'the page test starts no Tesseract');
  });

  test('a split is made of the pages that pass only: ranges hold no blank page or drawing', async () => {
    const outcome = await decide(await makeMixedPdf(layout, { marker: 'ranges' }), 4);
    assert.ok(outcome instanceof OcrSplitSignal, `a split: ${String(outcome)}`);
    assert.deepEqual(outcome.pages, [4, 6, 7, 9]);
    const split = splitOf(data, 'job-1', outcome.pages, { ocrRangePages: 2 });
    assert.deepEqual(
      split.split.ranges.map((r) => r.pages),
      [
        [4, 6],
        [7, 9],
      ],
    );
    assert.equal(split.ocr.pages, 4, 'progress counts the pages the ranges read');
    assert.equal(hasOcrWorker(), false);
  });

  test('a document whose textless pages are all blank or drawings asks for no OCR at all', async () => {
    const outcome = await decide(await makeMixedPdf(['text', 'blank', 'drawing', 'text']), 1);
    assert.equal(outcome, 'no OCR');
    assert.equal(hasOcrWorker(), false);
  });

  test('a scan (no text layer anywhere) is not page-tested: every page counts', async () => {
    const outcome = await decide(await makeMixedPdf(['scan', 'scan', 'scan'], { marker: 'scan' }), 3);
    assert.ok(outcome instanceof OcrSplitSignal, `a split: ${String(outcome)}`);
    assert.deepEqual(outcome.pages, [1, 2, 3]);
  });
});
