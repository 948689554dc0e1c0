/**
 * Stopping and dying: SIGTERM lets a running task finish then exits 0; past the grace period the task is
 * handed back to the queue (not failed) and another worker completes it; a worker SIGKILLed mid-task has its
 * job recovered by another worker once the lock (JOB_LOCK_MS = 2 s here) runs out.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { enqueueTask } from '../../src/fleet/queues.ts';
import { readRunInfo } from '../../src/fleet/runinfo.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  startWorkers,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
  waitForState,
} from '../support/workers.ts';

const all: WorkerProcess[] = [];
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  await killAll(all);
  for (const c of cleanups) await c();
});

function setup() {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  cleanups.push(cleanup);
  return { prefix, client };
}

test('SIGTERM during a task: the task completes, then the worker exits 0', { timeout: 60_000 }, async () => {
  const { prefix, client } = setup();
  const [worker] = await startWorkers(1, testEnv(prefix));
  all.push(worker!);
  const { id } = await enqueueTask(client, 'test.sleep', { ms: 1500 });
  await waitForState(client, id, 'active');
  worker!.proc.kill('SIGTERM');
  const exit = await worker!.exited;
  assert.deepEqual(exit, { code: 0, signal: null });
  const view = await waitForFinished(client, id);
  assert.equal(view.state, 'completed');
  assert.equal(view.attempts, 1);
  assert.ok(worker!.lines.some((l) => l.includes('"msg":"stopped"')));
});

test('past the grace period the task goes back to the queue, and another worker completes it', {
  timeout: 60_000,
}, async () => {
  const { prefix, client } = setup();
  const [first] = await startWorkers(1, testEnv(prefix, { SHUTDOWN_GRACE_S: '0.5' }));
  all.push(first!);
  const { id } = await enqueueTask(client, 'test.sleep', { ms: 4000 });
  await waitForState(client, id, 'active');
  first!.proc.kill('SIGTERM');
  assert.deepEqual(await first!.exited, { code: 0, signal: null });
  const released = await waitForState(client, id, 'waiting');
  assert.equal(released.attempts, 0, 'a released task is not a failed attempt');
  assert.equal(released.error, null);

  const second = spawnWorker({ ...testEnv(prefix), WORKER_NUM: '2' });
  all.push(second);
  const view = await waitForFinished(client, id);
  assert.equal(view.state, 'completed');
  assert.match(view.worker ?? '', /^worker2@/);
});

test('a worker SIGKILLed mid-task: another worker recovers the job and completes it', {
  timeout: 60_000,
}, async () => {
  const { prefix, client } = setup();
  const [doomed] = await startWorkers(1, testEnv(prefix));
  all.push(doomed!);
  const { id } = await enqueueTask(client, 'test.sleep', { ms: 1500 });
  const run = await waitFor('the job to start', () => readRunInfo(client.redis, prefix, id));
  assert.match(run.worker, /^worker1@/);
  doomed!.proc.kill('SIGKILL');
  await doomed!.exited;
  await waitFor('the orphaned child to leave', async () => {
    try {
      process.kill(run.childPid, 0);
      return null;
    } catch {
      return true;
    }
  });

  const [rescuer] = await startWorkers(1, testEnv(prefix), 2);
  all.push(rescuer!);
  const view = await waitForFinished(client, id, 30_000);
  assert.equal(view.state, 'completed');
  assert.match(view.worker ?? '', /^worker2@/);
});
