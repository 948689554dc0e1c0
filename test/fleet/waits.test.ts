/**
 * Waiting out a dependency (src/fleet/waits.ts) on a real worker and Redis: an attempt that fails because a
 * dependency is unreachable uses no attempt, the worker takes no new job and probes until it answers, then
 * resumes by itself; past DEPENDENCY_WAIT_S the job fails naming the dependency.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { enqueueTask, getJobView } from '../../src/fleet/queues.ts';
import { startWorker, type WorkerHandle } from '../../src/fleet/supervisor.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { randomPrefix, TEST_TASKS, testConfig, waitFor, waitForFinished } from '../support/workers.ts';

const dir = mkdtempSync(join(tmpdir(), 'profai-waits-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function workerWith(extra: Record<string, string>, probeUp: () => boolean) {
  const prefix = randomPrefix();
  const config = testConfig(prefix, {
    JOB_ATTEMPTS: '1',
    DEPENDENCY_RETRY_MAX_S: '0.2',
    LOG_LEVEL: 'silent',
    ...extra,
  });
  const lines: string[] = [];
  const worker: WorkerHandle = await startWorker(config, {
    taskModules: [TEST_TASKS],
    handleSignals: false,
    print: (l) => lines.push(l),
    dependencyProbes: {
      llm: async () => {
        if (!probeUp()) throw new Error('down');
      },
    },
  });
  const client = openProfaiClient(config);
  const close = async () => {
    await worker.stop();
    await client.close();
  };
  return { worker, client, close };
}

test('an outage uses no attempt: the worker pauses, probes, resumes by itself and the job completes', async () => {
  const marker = join(dir, 'outage');
  writeFileSync(marker, '');
  let up = false;
  const { worker, client, close } = await workerWith({}, () => up);
  try {
    const { id } = await enqueueTask(client, 'test.needs_model', { marker });
    // The worker reports what it waits for, and the job waits (delayed) with no attempt used.
    const waiting = await waitFor(
      'the worker to wait',
      async () => worker.heartbeat().waiting ?? null,
      10_000,
    );
    assert.equal(waiting?.[0]?.dependency, 'llm');
    const view = await waitFor('the job to wait', async () => {
      const v = await getJobView(client, id);
      return v && v.state !== 'active' ? v : null;
    });
    assert.equal(view.attempts, 0, 'waiting for a dependency uses none of JOB_ATTEMPTS=1');
    assert.notEqual(view.state, 'failed');
    // A job queued meanwhile is not taken while the worker waits.
    const { id: other } = await enqueueTask(client, 'test.noop', {});
    await new Promise((r) => setTimeout(r, 800));
    assert.equal((await getJobView(client, other))?.state, 'waiting', 'no new job while paused');

    rmSync(marker);
    up = true;
    const done = await waitForFinished(client, id, 20_000);
    assert.equal(done.state, 'completed');
    assert.deepEqual(done.result, { attempt: 1 });
    assert.equal((await waitForFinished(client, other)).state, 'completed');
    assert.equal(worker.heartbeat().waiting, undefined, 'nothing waited for any more');
  } finally {
    await close();
  }
});

test('past DEPENDENCY_WAIT_S the job fails for good, naming the dependency and how long it waited', async () => {
  const marker = join(dir, 'long-outage');
  writeFileSync(marker, '');
  const { client, close } = await workerWith({ DEPENDENCY_WAIT_S: '1' }, () => false);
  try {
    const { id } = await enqueueTask(client, 'test.needs_model', { marker });
    const view = await waitForFinished(client, id, 20_000);
    assert.equal(view.state, 'failed');
    assert.equal(view.error, 'llm unreachable for 1 s (test outage)');
  } finally {
    await close();
  }
});
