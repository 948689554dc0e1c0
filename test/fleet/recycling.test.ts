/**
 * Recycling: with MAX_TASKS_PER_CHILD=2, six tasks on one worker (one child slot) use three children and
 * cause exactly two replacements (a child past its quota is replaced lazily, when the next task comes;
 * see child-pool.ts). Memory recycling: a child above MAX_MEMORY_PER_CHILD_MB after a task is replaced.
 */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { enqueueTask } from '../../src/fleet/queues.ts';
import {
  heartbeatOf,
  killAll,
  openTestClient,
  randomPrefix,
  startWorkers,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
} from '../support/workers.ts';

describe('child recycling', () => {
  const workers: WorkerProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    await killAll(workers);
    for (const c of cleanups) await c();
  });

  test('six tasks with a quota of two per child: three children, two replacements, all succeed', async () => {
    const prefix = randomPrefix();
    const { client, cleanup } = openTestClient(prefix);
    cleanups.push(cleanup);
    workers.push(...(await startWorkers(1, testEnv(prefix, { MAX_TASKS_PER_CHILD: '2' }))));
    const jobs = [];
    for (let i = 0; i < 6; i++) jobs.push(await enqueueTask(client, 'test.sleep', { ms: 20 }));
    const views = await Promise.all(jobs.map(({ id }) => waitForFinished(client, id)));
    assert.deepEqual(
      views.map((v) => v.state),
      Array(6).fill('completed'),
    );
    const pids = new Set(views.map((v) => (v.result as { pid: number }).pid));
    assert.equal(pids.size, 3, 'two tasks per child');
    const hb = await waitFor('a heartbeat after the six tasks', async () => {
      const beat = await heartbeatOf(client, /^worker1@/);
      return beat && beat.processed === 6 ? beat : null;
    });
    assert.deepEqual(hb.recycles, { tasks: 2, memory: 0, crash: 0 });
    assert.equal(hb.children.length, 1);
    assert.equal(hb.children[0]?.tasks, 2, 'the third child keeps running until more work comes');
  });

  test('a child above the soft memory limit after a task is replaced at once', async () => {
    const prefix = randomPrefix();
    const { client, cleanup } = openTestClient(prefix);
    cleanups.push(cleanup);
    workers.push(...(await startWorkers(1, testEnv(prefix, { MAX_MEMORY_PER_CHILD_MB: '150' }))));
    const big = await enqueueTask(client, 'test.allocate', { mb: 200, holdMs: 0 });
    const bigView = await waitForFinished(client, big.id);
    assert.equal(bigView.state, 'completed', 'the soft limit never interrupts a task');
    const hb = await waitFor('the memory recycle', async () => {
      const beat = await heartbeatOf(client, /^worker1@/);
      return beat && beat.recycles.memory === 1 && beat.children.length === 1 ? beat : null;
    });
    assert.equal(hb.children[0]?.tasks, 0, 'a fresh child took its place');
    const next = await waitForFinished(client, (await enqueueTask(client, 'test.noop', {})).id);
    assert.equal(next.state, 'completed');
  });
});
