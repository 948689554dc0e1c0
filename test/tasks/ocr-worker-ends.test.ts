/**
 * A job that read pages by OCR ends the tesseract worker it started (tasks/ocr-split.ts `endOcr`): its thread and
 * WebAssembly memory (~100 MB after a page at 300 dpi, which never shrinks) do not stay in the worker child for the
 * jobs after it. The PDF task and the OCR page-range task run for real (PDFium, Tesseract, PostgreSQL, the
 * uploads folder), as a child runs them.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { TaskContext } from '../../src/fleet/interfaces.ts';
import { createLogger } from '../../src/fleet/log.ts';
import { hasOcrWorker, terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import { createOcrRangeTask } from '../../src/tasks/ocr-range.ts';
import { createPdfTask } from '../../src/tasks/pdf.ts';
import { taskSettingsOf } from '../../src/tasks/settings.ts';
import { storageFor } from '../../src/tasks/storage.ts';
import { createTestDatabase } from '../support/api.ts';
import { makeMixedPdf } from '../support/mixed-pdf.ts';

const dir = mkdtempSync(join(tmpdir(), 'profai-ocr-ends-'));
const pgdb = await createTestDatabase();
const settings = taskSettingsOf(
  loadConfig({ DATABASE_URL: pgdb.url, UPLOAD_DIR: dir, LOG_LEVEL: 'silent', OCR_DPI: '150' }),
);
const storage = storageFor(settings);
after(async () => {
  await terminateOcr();
  await storage.close();
  await pgdb.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** A task context that records the stages the task reported. */
function contextOf(jobId: string): { ctx: TaskContext; stages: string[] } {
  const stages: string[] = [];
  const ctx: TaskContext = {
    jobId,
    attempt: 1,
    log: createLogger('silent'),
    signal: new AbortController().signal,
    progress: (stage) => stages.push(stage),
  };
  return { ctx, stages };
}

/** `bytes` put in the uploads folder, as the API does; its sha256. */
function upload(bytes: Uint8Array): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  writeFileSync(join(dir, `${sha256}.pdf`), bytes);
  return sha256;
}

describe('the tesseract worker ends with the job that started it', { timeout: 180_000 }, () => {
  test('a PDF job with scanned pages: OCR read them, and no tesseract worker is left after it', async () => {
    const bytes = await makeMixedPdf(['text', 'scan', 'scan', 'text'], { marker: 'ends-pdf' });
    const sha256 = upload(bytes);
    const task = createPdfTask(settings, storage);
    const { ctx, stages } = contextOf('pdf-ocr-ends');
    const result = (await task.handler(task.parse!({ fileName: 'mixed.pdf', sha256 }), ctx)) as {
      created: boolean;
    };
    assert.equal(result.created, true);
    assert.ok(
      stages.some((s) => s.startsWith('ocr ')),
      `the job read pages by OCR: ${stages.join(', ')}`,
    );
    assert.equal(hasOcrWorker(), false, 'the job ended its tesseract worker');
  });

  test('an OCR page-range job: its pages read, and no tesseract worker is left after it', async () => {
    const bytes = await makeMixedPdf(['scan', 'scan'], { marker: 'ends-range' });
    const sha256 = upload(bytes);
    const task = createOcrRangeTask(settings);
    const { ctx } = contextOf('range-ocr-ends');
    const data = task.parse!({ fileName: 'scan.pdf', sha256, pages: [1, 2], parentJobId: 'parent' });
    const read = (await task.handler(data, ctx)) as { recognised: { confidence: number | null }[] };
    assert.equal(read.recognised.length, 2);
    assert.ok(
      read.recognised.every((p) => p.confidence !== null),
      'both pages were read',
    );
    assert.equal(hasOcrWorker(), false, 'the range ended its tesseract worker');
  });
});
