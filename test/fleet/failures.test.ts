/**
 * Failures on one worker (concurrency 2): a child killed mid-task, a child over the hard memory limit,
 * a permanent error, a result the supervisor could not settle. Real Redis, real processes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueueTask } from '../../src/fleet/queues.ts';
import { readRunInfo } from '../../src/fleet/runinfo.ts';
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

describe('a worker with two children', () => {
  const prefix = randomPrefix();
  const settings = { WORKER_CONCURRENCY: '2', HARD_MEMORY_LIMIT_MB: '250', JOB_ATTEMPTS: '2' };
  const { client, cleanup } = openTestClient(prefix, settings);
  let workers: WorkerProcess[] = [];

  before(async () => {
    workers = await startWorkers(1, testEnv(prefix, settings));
  });
  after(async () => {
    await killAll(workers);
    await cleanup();
  });

  test('a child SIGKILLed mid-task: the attempt fails as a crash, the retry completes', async () => {
    const { id } = await enqueueTask(client, 'test.sleep', { ms: 1500 });
    const run = await waitFor('the job to start on a child', () => readRunInfo(client.redis, prefix, id));
    process.kill(run.childPid, 'SIGKILL');
    const view = await waitForFinished(client, id);
    assert.equal(view.state, 'completed');
    assert.equal(view.attempts, 2, 'one failed attempt, then the successful one');
    const result = view.result as { pid: number; attempt: number };
    assert.notEqual(result.pid, run.childPid, 'the retry ran on another child');
    assert.equal(result.attempt, 2);
    // Children are forked when a slot is first given work, so the worker holds one or two now (the retry may have
    // gone to the other slot); the crashed slot forks its replacement at once: wait for a heartbeat that counts
    // the crash and shows a child again rather than race the replacement's start.
    const hb = await waitFor('a heartbeat counting the crash, with the crashed child replaced', async () => {
      const beat = await heartbeatOf(client, /^worker1@/);
      return beat && beat.recycles.crash >= 1 && beat.children.length >= 1 ? beat : null;
    });
    assert.ok(!hb.children.some((c) => c.pid === run.childPid), 'the crashed child is gone');
  });

  test('over the hard memory limit: killed, retried, failed with the memory reason; the other job completes', async () => {
    const hog = await enqueueTask(client, 'test.allocate', { mb: 500, holdMs: 3000 });
    const calm = await enqueueTask(client, 'test.sleep', { ms: 1000 });
    const [hogView, calmView] = await Promise.all([
      waitForFinished(client, hog.id, 30_000),
      waitForFinished(client, calm.id, 30_000),
    ]);
    assert.equal(hogView.state, 'failed');
    assert.match(hogView.error ?? '', /^exceeded memory limit \(\d+ MB > 250 MB\)$/);
    assert.equal(hogView.attempts, 2, 'retried before failing');
    assert.ok((hogView.peakRssMb ?? 0) > 250, `peak RSS recorded (${hogView.peakRssMb})`);
    assert.match(hogView.worker ?? '', /^worker1@/);
    assert.equal(calmView.state, 'completed');
  });

  test('a permanent error fails at once, without retrying', async () => {
    const { id } = await enqueueTask(client, 'test.fail_permanently', {});
    const view = await waitForFinished(client, id);
    assert.equal(view.state, 'failed');
    assert.equal(view.attempts, 1);
    assert.equal(view.error, 'corrupt PDF: test says so');
  });

  test('a transient error is retried', async () => {
    const { id } = await enqueueTask(client, 'test.flaky', { succeedOn: 2 });
    const view = await waitForFinished(client, id);
    assert.equal(view.state, 'completed');
    assert.deepEqual(view.result, { attempt: 2 });
    assert.equal(view.error, null);
  });

  test("a result the supervisor fails to settle is retried with the job's data intact; then the password goes", async () => {
    const { id } = await enqueueTask(client, 'test.settled', { password: 's3cret' });
    const view = await waitForFinished(client, id);
    assert.equal(view.state, 'completed', view.error ?? '');
    assert.deepEqual(view.result, { attempt: 2, password: 's3cret', settled: true });
    const data = JSON.parse((await client.redis.hget(`${prefix}:test:${id}`, 'data')) ?? '{}');
    assert.equal('password' in data, false, JSON.stringify(data));
  });
});
