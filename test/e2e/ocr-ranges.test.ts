/**
 * OCR spread over the fleet (tasks/ocr-split.ts), with real `profai worker` processes on Redis, PostgreSQL and
 * Chroma: a scanned document split into page-range jobs over two workers is stored exactly as one worker stores
 * it without splitting (course, quiz, chunk text and pages); a worker SIGKILLed in the middle of a range has
 * that range redone by the other worker, with nothing lost or stored twice; the job's view counts the pages
 * read across the ranges; with the upload in object storage (no shared disk), storage down while ranges run
 * makes them wait, and none fails.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { makeScannedPdf } from '../../scripts/make-scanned-pdf.ts';
import { loadConfig } from '../../src/config.ts';
import { openStorage } from '../../src/files/index.ts';
import { readRunInfo } from '../../src/fleet/runinfo.ts';
import { ocrRangeJobIdOf } from '../../src/tasks/names.ts';
import { type ChromaServer, startChroma } from '../support/chroma.ts';
import { makeLecturePdf, waitFor } from '../support/cli-processes.ts';
import { type FleetOutcome, type RunningFleet, runOcrFleet } from '../support/ocr-fleet.ts';
import { startS3 } from '../support/s3.ts';
import { sleep } from '../support/wait.ts';

const PAGES = 6;
const OUTAGE_MS = 20_000;
/** Small ranges, so that six pages make three of them. */
const SPLIT = { OCR_SPLIT_MIN_PAGES: '4', OCR_RANGE_PAGES: '2', OCR_DPI: '150' };
const UNSPLIT = { OCR_SPLIT_MIN_PAGES: '0', OCR_DPI: '150' };

describe('OCR page ranges over a fleet of workers', { timeout: 900_000 }, () => {
  let chroma: ChromaServer;
  let pdf: Uint8Array;
  let reference: FleetOutcome;

  before(async () => {
    chroma = await startChroma();
    pdf = await makeScannedPdf(await makeLecturePdf('ocr ranges', PAGES), { dpi: 150 });
    reference = await runOcrFleet({ pdf, workers: 1, chromaUrl: chroma.url, env: UNSPLIT });
    assert.equal(reference.view.state, 'completed', `reference run: ${reference.view.error}`);
    assert.ok(reference.chunks.length > 0);
  });

  after(async () => {
    await chroma?.stop();
  });

  /** The document split into ranges over two workers, `during` called while it runs. */
  const splitOverTwo = (during: (fleet: RunningFleet) => Promise<void>) =>
    runOcrFleet({ pdf, workers: 2, chromaUrl: chroma.url, env: SPLIT, during });

  /** The same course, quiz and chunks (text and pages) as one worker stores without splitting. */
  function assertSameAsOneWorker(run: FleetOutcome) {
    assert.equal(run.view.state, 'completed', `${run.view.error}\n${run.lines.join('\n')}`);
    assert.equal(run.courses, 1, 'one course');
    assert.deepEqual(run.chunks, reference.chunks, 'the same chunks, with the same text and pages');
    assert.deepEqual(run.course, reference.course, 'the same course.json');
    assert.deepEqual(run.quiz, reference.quiz, 'the same quiz');
    assert.equal(run.ocrPagesLeft, false, 'the pages read by the ranges are dropped after assembly');
  }

  test('split over two workers: the same document as one worker, both workers read ranges, progress in pages', async () => {
    const rangeWorkers = new Set<string>();
    const run = await splitOverTwo(async (fleet) => {
      const sha = shaOf(pdf);
      // Each range's worker, as its run record says (read until the document is done).
      await waitFor(
        'every range to have run',
        async () => {
          for (const pages of [
            [1, 2],
            [3, 4],
            [5, 6],
          ]) {
            const info = await readRunInfoOf(fleet.prefix, ocrRangeJobIdOf(sha, pages));
            if (info) rangeWorkers.add(info.worker);
          }
          const v = fleet.seen.at(-1);
          return v?.state === 'completed' || v?.state === 'failed' ? true : null;
        },
        600_000,
      );
    });
    assertSameAsOneWorker(run);
    assert.equal(rangeWorkers.size, 2, `ranges ran on ${[...rangeWorkers].join(', ')}`);
    const stages = run.seen.map((v) => v.stage).filter((s): s is string => Boolean(s));
    assert.ok(
      stages.some((s) => new RegExp(`^ocr [1-5]/${PAGES}$`).test(s)),
      `pages counted across ranges: ${[...new Set(stages)].join(', ')}`,
    );
    const progress = run.seen.map((v) => v.progress);
    for (let i = 1; i < progress.length; i++)
      assert.ok(progress[i]! >= progress[i - 1]!, `progress never goes back: ${progress.join(' ')}`);
  });

  test('a worker SIGKILLed mid-range: the range is redone by the other worker, nothing lost or doubled', async () => {
    let killed = '';
    let killedAt = 0;
    const run = await splitOverTwo(async (fleet) => {
      const sha = shaOf(pdf);
      const id = ocrRangeJobIdOf(sha, [1, 2]);
      const info = await waitFor(
        'the first range to be read',
        async () => {
          const r = await readRunInfoOf(fleet.prefix, id);
          return r && !r.finishedAt ? r : null;
        },
        120_000,
      );
      killed = info.worker;
      const doomed = fleet.workers.find((w) => w.lines.some((l) => l === `${info.worker} ready.`))!;
      killedAt = Date.now();
      doomed.proc.kill('SIGKILL');
      process.kill(info.childPid, 'SIGKILL'); // a lost host: its child does not finish the range either
      await doomed.exited;
      const redone = await waitFor(
        'the range to be redone',
        async () => {
          const r = await readRunInfoOf(fleet.prefix, id);
          return r?.finishedAt && r.worker !== killed ? r : null;
        },
        300_000,
      );
      // BullMQ counts a stalled job's recovery apart from its attempts: the redone range is attempt 1 again.
      assert.ok(redone.startedAt > killedAt, 'the range was read again after the kill');
    });
    assertSameAsOneWorker(run);
    assert.ok(killed, 'a worker was killed mid-range');
    assert.notEqual(run.view.worker, killed, 'the surviving worker assembled the document');
  });

  test('uploads in object storage, down for 20 s while ranges run: the ranges wait, none fails', async () => {
    const s3 = await startS3();
    const saved = { ...process.env };
    Object.assign(process.env, s3.awsEnv);
    const prefix = `ocr-outage-${randomBytes(3).toString('hex')}`;
    const storage = await openStorage(loadConfig(s3.env(prefix)));
    let waited = false;
    try {
      const run = await runOcrFleet({
        pdf,
        workers: 2,
        chromaUrl: chroma.url,
        env: { ...SPLIT, ...s3.env(prefix), DEPENDENCY_RETRY_MAX_S: '2', JOB_ATTEMPTS: '2' },
        upload: async (key, bytes) => {
          await storage.uploads.write(key, bytes);
        },
        during: async (fleet) => {
          await waitFor(
            'a range to run',
            async () => ((await fleet.view())?.stage?.startsWith('ocr ') ? true : null),
            120_000,
          );
          await s3.stop();
          await sleep(OUTAGE_MS);
          await s3.start();
          waited = fleet.workers.some((w) => w.lines.some((l) => l.includes('waiting for storage')));
        },
      });
      assertSameAsOneWorker(run);
      assert.equal(run.failedJobs, 0, 'no range, assembly or PDF job failed');
      assert.ok(waited, `a range waited for the storage rather than failing:\n${run.lines.join('\n')}`);
    } finally {
      await storage.close();
      process.env = saved;
      await s3.remove();
    }
  });
});

const shaOf = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function readRunInfoOf(prefix: string, jobId: string) {
  const redis = new Redis();
  try {
    return await readRunInfo(redis, prefix, jobId);
  } finally {
    redis.disconnect();
  }
}
