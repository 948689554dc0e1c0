/**
 * How many times a job runs when each run is cut short, against JOB_ATTEMPTS (2 here). Its child killed: the
 * supervisor sees the crash and fails the attempt, so the job runs twice and fails as a crash. Its whole worker
 * killed: nobody fails the attempt, the lock expires and BullMQ's stalled check puts the job back (attempts made
 * stays 0) up to JOB_ATTEMPTS times (stalls are infrastructure events), so the job runs three times and fails at its
 * third stall, not its second or fourth; its view says `0` attempts and `3` stalls. Real Redis, real worker
 * processes, a random prefix.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enqueueTask, getJobView, queueOfJobId } from '../../src/fleet/queues.ts';
import { readRunInfo } from '../../src/fleet/runinfo.ts';
import { retryJob } from '../../src/tasks/retry.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
} from '../support/workers.ts';

const settings = { JOB_ATTEMPTS: '2', JOB_LOCK_MS: '1000', JOB_BACKOFF_MS: '100' };

describe('a job whose runs are all cut short (JOB_ATTEMPTS=2)', () => {
  test('its child killed each time: two runs, then failed as a crash', { timeout: 120_000 }, async () => {
    const prefix = randomPrefix();
    const { client, cleanup } = openTestClient(prefix, settings);
    const worker = spawnWorker(testEnv(prefix, settings));
    try {
      await worker.waitForLine(/ ready\.$/, 60_000);
      const { id } = await enqueueTask(client, 'test.sleep', { ms: 60_000 });
      const children = new Set<number>();
      for (;;) {
        const run = await waitFor('a new run', async () => {
          const view = await getJobView(client, id);
          if (view?.state === 'failed') return { done: true as const };
          const info = await readRunInfo(client.redis, prefix, id);
          return info && !children.has(info.childPid) ? { done: false as const, pid: info.childPid } : null;
        });
        if (run.done) break;
        children.add(run.pid);
        process.kill(run.pid, 'SIGKILL');
      }
      const view = await waitForFinished(client, id);
      assert.equal(children.size, 2, 'ran JOB_ATTEMPTS times');
      assert.equal(view.attempts, 2);
      assert.match(view.error ?? '', /worker child crashed \(signal SIGKILL\)/);
    } finally {
      await killAll([worker]);
      await cleanup();
    }
  });

  test('its worker killed each time: put back twice, three runs, then failed as stalled', {
    timeout: 180_000,
  }, async () => {
    const prefix = randomPrefix();
    const { client, cleanup } = openTestClient(prefix, settings);
    const workers: WorkerProcess[] = [];
    try {
      const { id } = await enqueueTask(client, 'test.sleep', { ms: 60_000 });
      const children = new Set<number>();
      for (let n = 1; ; n++) {
        const worker = spawnWorker(testEnv(prefix, { ...settings, WORKER_NUM: String(n) }));
        workers.push(worker);
        const run = await waitFor(
          'a new run, or the job failed',
          async () => {
            const view = await getJobView(client, id);
            if (view?.state === 'failed') return { done: true as const };
            const info = await readRunInfo(client.redis, prefix, id);
            return info && !children.has(info.childPid) ? { done: false as const, pid: info.childPid } : null;
          },
          60_000,
        );
        if (run.done) break;
        children.add(run.pid);
        // The whole worker dies (supervisor and child): nobody fails the attempt; its lock expires.
        worker.proc.kill('SIGKILL');
        await worker.exited;
        assert.ok(children.size <= 4, 'the job kept running after its stalls');
      }
      const view = await waitForFinished(client, id);
      assert.equal(children.size, 3, 'put back JOB_ATTEMPTS times, so ran JOB_ATTEMPTS + 1 times');
      assert.equal(view.state, 'failed');
      assert.match(view.error ?? '', /^its worker stopped while running it .* more than JOB_ATTEMPTS times/);
      // BullMQ 6.7 only marks the job at its third stall; the next worker fails it unrun, adding an attempt
      // made (`attemptsMade` 1): the view shows the runs, three stalled ones and no attempt.
      assert.deepEqual([view.attempts, view.stalls], [0, 3], 'attempts + stalls = the runs');
      assert.equal(
        (await client.queue(queueOfJobId(client, id)).getJob(id))?.attemptsMade,
        1,
        'BullMQ’s count',
      );
      // Sent back by `profai jobs retry`: its stalls are forgotten with its attempts.
      const key = client.queue(queueOfJobId(client, id)).toKey(id);
      assert.equal(await client.redis.hget(key, 'stc'), '3');
      await retryJob(client, id, { keepFailedUploadsH: 1 });
      assert.equal(await client.redis.hget(key, 'stc'), null);
      assert.notEqual((await getJobView(client, id))?.state, 'failed');
    } finally {
      await killAll(workers);
      await cleanup();
    }
  });
});
