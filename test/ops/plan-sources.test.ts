/** Where `profai plan` reads its figures: run records in a real Redis, and a real calibration run. */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { recordRunEnd, recordRunStart } from '../../src/fleet/runinfo.ts';
import { calibrate } from '../../src/ops/plan/calibrate.ts';
import { gatherInputs } from '../../src/ops/plan/gather.ts';
import { readRecentJobs } from '../../src/ops/plan/sources.ts';
import { RECORDED_JOBS } from '../support/job-figures.ts';
import { openTestClient, randomPrefix } from '../support/workers.ts';

describe('job records', () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  after(cleanup);

  test('reads the most recent finished PDF jobs with peak RSS and CPU seconds', async () => {
    const redis = client.redis;
    for (const [i, job] of RECORDED_JOBS.entries()) {
      const id = `pdf-${String(i).padStart(16, '0')}`;
      await recordRunStart(redis, prefix, id, {
        worker: 'worker1@test',
        childPid: 1,
        startedAt: 1000 + i,
        attempt: 1,
      });
      await recordRunEnd(redis, prefix, id, {
        finishedAt: 2000 + i,
        peakRssMb: job.peakRssMb,
        cpuSeconds: job.cpuSeconds,
      });
    }
    // Not counted: a quiz job, a PDF job still running, a PDF job recorded without CPU time.
    await recordRunStart(redis, prefix, 'quiz-1', { worker: 'w', childPid: 1, startedAt: 1, attempt: 1 });
    await recordRunEnd(redis, prefix, 'quiz-1', { finishedAt: 9999, peakRssMb: 90, cpuSeconds: 0.1 });
    await recordRunStart(redis, prefix, 'pdf-running', {
      worker: 'w',
      childPid: 1,
      startedAt: 1,
      attempt: 1,
    });
    await recordRunStart(redis, prefix, 'pdf-nocpu', { worker: 'w', childPid: 1, startedAt: 1, attempt: 1 });
    await recordRunEnd(redis, prefix, 'pdf-nocpu', { finishedAt: 9999, peakRssMb: 500 });

    const all = await readRecentJobs(redis, prefix);
    assert.equal(all.length, RECORDED_JOBS.length);
    assert.deepEqual(
      all.map((j) => ({ peakRssMb: j.peakRssMb, cpuSeconds: j.cpuSeconds })),
      [...RECORDED_JOBS].reverse(),
      'newest first, figures as recorded',
    );
    const recent = await readRecentJobs(redis, prefix, 5);
    assert.deepEqual(
      recent.map((j) => j.finishedAt),
      [2019, 2018, 2017, 2016, 2015],
    );

    const inputs = await gatherInputs(loadConfig({ QUEUE_PREFIX: prefix }), {
      host: { cpus: 2, memoryMb: 8192 },
    });
    assert.equal(inputs.jobs.length, RECORDED_JOBS.length);
    assert.match(inputs.jobsSource, /job records/);
  });
});

describe('calibration', () => {
  test('one run of the example PDF in a child reports its peak RSS and CPU seconds', {
    timeout: 60_000,
  }, async () => {
    const [sample, ...rest] = await calibrate({ runs: 1 });
    assert.equal(rest.length, 0);
    // A Node process that parsed a PDF: well above a bare process (~40 MB), far below a gigabyte.
    assert.ok(sample!.peakRssMb > 60 && sample!.peakRssMb < 1000, String(sample!.peakRssMb));
    assert.ok(sample!.cpuSeconds > 0.1 && sample!.cpuSeconds < 60, String(sample!.cpuSeconds));
  });

  test("the child has the worker children's heap cap: one too small for the pipeline fails the run", {
    timeout: 60_000,
  }, async () => {
    await assert.rejects(calibrate({ runs: 1, heapMb: 16 }), /calibration failed: .*heap out of memory/i);
  });

  test('a PDF the pipeline rejects fails the calibration with its reason', { timeout: 60_000 }, async () => {
    const notPdf = new URL('../../package.json', import.meta.url).pathname;
    await assert.rejects(calibrate({ runs: 1, file: notPdf }), /calibration failed: .+/);
  });
});
