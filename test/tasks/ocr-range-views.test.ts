/**
 * The job view of a document whose OCR was split into page ranges (tasks/views.ts), as the API and the web app
 * show it: followed from the PDF job to its assembly job, the pages read summed over the ranges while they run,
 * the percent never going back once they are done, a failed range's reason as the document's error. The views
 * are the fleet's own `JobView`s, read by id as the fleet client reads them; usage comes from a real Redis.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import type { ViewContext } from '../../src/fleet/queues.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { PDF_TASK, type PdfSplitResult } from '../../src/tasks/names.ts';
import { completeJobView } from '../../src/tasks/views.ts';

const redis = new Redis();
after(() => redis.disconnect());

const base = (id: string, extra: Partial<JobView>): JobView => ({
  id,
  task: PDF_TASK,
  state: 'waiting',
  stage: null,
  progress: 0,
  worker: null,
  attempts: 0,
  stalls: 0,
  timings: { queuedAt: new Date(0).toISOString() },
  error: null,
  result: null,
  ...extra,
});

const split: PdfSplitResult = {
  next: 'pdf-abc-ocr',
  documentId: 'abc',
  ocr: {
    pages: 20,
    ranges: [
      { id: 'pdf-abc-ocr-1-8', pages: 8 },
      { id: 'pdf-abc-ocr-9-16', pages: 8 },
      { id: 'pdf-abc-ocr-17-20', pages: 4 },
    ],
  },
};
const pdf = base('pdf-abc', {
  state: 'completed',
  progress: 100,
  stage: 'extract',
  result: split,
  attempts: 1,
});

/** A context that reads the given views by id, as the fleet client reads jobs. */
function fleetOf(views: JobView[]): ViewContext {
  const byId = new Map(views.map((v) => [v.id, v]));
  return {
    read: async (id) => byId.get(id) ?? null,
    redis,
    prefix: `test-views-${randomBytes(4).toString('hex')}`,
  };
}

test('while its ranges run, the PDF job is active at the OCR stage with the pages read across them', async () => {
  const view = await completeJobView(
    pdf,
    fleetOf([
      pdf,
      base('pdf-abc-ocr', { state: 'waiting' }),
      // The first range was done and removed by retention; the second is 3 pages in; the third waits.
      base('pdf-abc-ocr-9-16', {
        state: 'active',
        stage: 'ocr 3/8',
        progress: 34,
        worker: 'worker2@h',
        stageProgress: { done: 3, total: 8 },
      }),
      base('pdf-abc-ocr-17-20', { state: 'waiting' }),
    ]),
  );
  assert.equal(view.id, 'pdf-abc');
  assert.equal(view.state, 'active');
  assert.equal(view.stage, 'ocr 11/20');
  assert.deepEqual(view.stageProgress, { done: 11, total: 20 });
  assert.equal(view.progress, 25 + 25 * (11 / 20));
  assert.equal(view.worker, 'worker2@h');
  assert.equal(view.result, null);
});

test('once the ranges are read, the assembly re-extracting does not take the percent back', async () => {
  const view = await completeJobView(
    pdf,
    fleetOf([pdf, base('pdf-abc-ocr', { state: 'active', stage: 'extract', progress: 12 })]),
  );
  assert.equal(view.state, 'active');
  assert.equal(view.stage, 'extract');
  assert.equal(view.progress, 50);
});

test('completed: the assembly result is the job result', async () => {
  const result = { documentId: 'abc', courseId: 'c1', quizId: 'q1', created: true, pages: 20 };
  const view = await completeJobView(
    pdf,
    fleetOf([pdf, base('pdf-abc-ocr', { state: 'completed', progress: 100, result })]),
  );
  assert.equal(view.state, 'completed');
  assert.equal(view.progress, 100);
  assert.deepEqual(view.result, result);
});

test("a range that failed for good: the document failed, with the range's pages and reason", async () => {
  const view = await completeJobView(
    pdf,
    fleetOf([
      pdf,
      base('pdf-abc-ocr', {
        state: 'failed',
        error: 'child test:pdf_processing:pdf-abc-ocr-9-16 failed',
      }),
      base('pdf-abc-ocr-1-8', { state: 'completed' }),
      base('pdf-abc-ocr-9-16', { state: 'failed', error: 'scan.pdf is corrupt' }),
    ]),
  );
  assert.equal(view.state, 'failed');
  assert.equal(view.error, 'OCR of pages 9-16: scan.pdf is corrupt');
});

test('a PDF job without a split is shown as before (an LLM stage starts at 80 %)', async () => {
  const staged = base('pdf-x', { state: 'completed', result: { next: 'llm_generation-x', documentId: 'x' } });
  const view = await completeJobView(
    staged,
    fleetOf([staged, base('llm_generation-x', { state: 'active', stage: 'course', progress: 10 })]),
  );
  assert.equal(view.state, 'active');
  assert.equal(view.progress, 80);
});
