/**
 * A job put back after a stall starts again at the same attempt (BullMQ counts stalls apart from attempts): its
 * views must still say that it ran before. Its worker is SIGKILLed mid-run (nobody fails the attempt; the lock
 * expires and the job is put back), and a second worker runs it to completion. Real Redis, real worker processes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { enqueueTask, getJobView } from '../../src/fleet/queues.ts';
import { readRunInfo } from '../../src/fleet/runinfo.ts';
import { activeTaskLines } from '../../src/ops/render.ts';
import { toWorkerStatus } from '../../src/ops/snapshot.ts';
import {
  heartbeatOf,
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
} from '../support/workers.ts';

const settings = { JOB_ATTEMPTS: '2', JOB_LOCK_MS: '1000' };

describe('a job put back after a stall', () => {
  test('shows its stall in the job view and in its worker’s active tasks', { timeout: 120_000 }, async () => {
    const prefix = randomPrefix();
    const { client, cleanup } = openTestClient(prefix, settings);
    const workers: WorkerProcess[] = [];
    const dir = await mkdtemp(join(tmpdir(), 'profai-stall-views-'));
    const release = join(dir, 'release');
    try {
      const first = spawnWorker(testEnv(prefix, { ...settings, WORKER_NUM: '1' }));
      workers.push(first);
      await first.waitForLine(/ ready\.$/, 60_000);
      // Runs until released, so the second run is seen while it runs however long the test takes to look.
      const { id } = await enqueueTask(client, 'test.until_released', { release });
      const firstRun = await waitFor('the first run', () => readRunInfo(client.redis, prefix, id), 30_000);
      assert.equal((await getJobView(client, id))?.stalls, 0, 'no stall yet');
      first.proc.kill('SIGKILL');
      await first.exited;

      const second = spawnWorker(testEnv(prefix, { ...settings, WORKER_NUM: '2' }));
      workers.push(second);
      const running = await waitFor(
        'the job running again',
        async () => {
          const info = await readRunInfo(client.redis, prefix, id);
          const view = await getJobView(client, id);
          return info && info.childPid !== firstRun.childPid && view?.state === 'active' ? view : null;
        },
        60_000,
      );
      assert.equal(running.attempts, 0, 'a stall uses no attempt');
      assert.equal(running.stalls, 1);

      const task = await waitFor('the second worker’s heartbeat showing the job', async () => {
        const hb = await heartbeatOf(client, /^worker2@/);
        return hb?.active?.find((t) => t.id === id) ? hb : null;
      });
      assert.deepEqual(
        task.active?.map((t) => [t.attempt, t.stalls]),
        [[1, 1]],
      );
      const [line] = activeTaskLines(toWorkerStatus(task), Date.now());
      assert.match(line ?? '', / {3}run 2 \(attempt 1, 1 stall\)$/);

      await writeFile(release, '');
      const done = await waitForFinished(client, id, 30_000);
      assert.equal(done.state, 'completed');
      assert.equal(done.stalls, 1, 'the stall stays on the finished job');
    } finally {
      await killAll(workers);
      await cleanup();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
