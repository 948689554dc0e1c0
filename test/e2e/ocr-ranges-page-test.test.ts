/**
 * OCR page ranges follow the page test, with real `profai worker` processes on Redis and PostgreSQL: a
 * born-digital document with scanned pages, blank pages and drawings is split into ranges of its scanned pages
 * only (the blank pages and drawings, which the page test drops, are neither read nor counted towards
 * OCR_SPLIT_MIN_PAGES), and is stored exactly as one worker stores it without splitting.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { makeMixedPdf } from '../support/mixed-pdf.ts';
import { type FleetOutcome, runOcrFleet } from '../support/ocr-fleet.ts';

/** Six textless pages, four of them scans (4, 5, 7, 8): split at four, ranges of two. */
const LAYOUT = ['text', 'blank', 'drawing', 'scan', 'scan', 'drawing', 'scan', 'scan', 'text'] as const;
const SPLIT = { OCR_SPLIT_MIN_PAGES: '4', OCR_RANGE_PAGES: '2', OCR_DPI: '150' };

describe('OCR page ranges after the page test', { timeout: 900_000 }, () => {
  let pdf: Uint8Array;
  let reference: FleetOutcome;

  before(async () => {
    pdf = await makeMixedPdf(LAYOUT, { marker: 'ranges after the page test' });
    reference = await runOcrFleet({ pdf, workers: 1, env: { ...SPLIT, OCR_SPLIT_MIN_PAGES: '0' } });
    assert.equal(reference.view.state, 'completed', `reference run: ${reference.view.error}`);
    assert.deepEqual(reference.ranges, [], 'the reference is not split');
  });

  test('ranges hold only the scanned pages; the document is the one a single unsplit worker stores', async () => {
    const run = await runOcrFleet({ pdf, workers: 2, env: SPLIT });
    assert.equal(run.view.state, 'completed', `${run.view.error}\n${run.lines.join('\n')}`);
    assert.deepEqual(run.ranges, [
      [4, 5],
      [7, 8],
    ]);
    assert.equal(run.courses, 1, 'one course');
    assert.deepEqual(run.chunks, reference.chunks, 'the same chunks, with the same text and pages');
    assert.deepEqual(run.course, reference.course, 'the same course.json');
    assert.deepEqual(run.quiz, reference.quiz, 'the same quiz');
    assert.ok(
      run.chunks.some((c) => /Plate tectonics/.test(c)),
      'the scanned pages were read into the document',
    );
    assert.equal(run.ocrPagesLeft, false, 'the pages read by the ranges are dropped after assembly');
  });

  test('fewer scanned pages than OCR_SPLIT_MIN_PAGES: no split, however many blank pages and drawings', async () => {
    const run = await runOcrFleet({ pdf, workers: 1, env: { ...SPLIT, OCR_SPLIT_MIN_PAGES: '5' } });
    assert.equal(run.view.state, 'completed', `${run.view.error}\n${run.lines.join('\n')}`);
    assert.deepEqual(run.ranges, [], 'six textless pages, four to read: read in the job itself');
    assert.deepEqual(run.course, reference.course);
  });
});
