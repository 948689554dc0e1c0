/**
 * `profai jobs retry` against real workers on the machine's Redis: a job that failed for good after its
 * JOB_ATTEMPTS is sent back with fresh attempts and completes; --failed, --since, --json; what cannot be
 * retried is said per job, with the exit codes of the README.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { enqueueTask, getJobView } from '../../src/fleet/queues.ts';
import { freePort, runCli } from '../support/ops.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  sleep,
  startWorkers,
  testEnv,
  type WorkerProcess,
  waitForFinished,
} from '../support/workers.ts';

describe('profai jobs retry', { timeout: 300_000 }, () => {
  const prefix = randomPrefix();
  const env = testEnv(prefix, { JOB_ATTEMPTS: '2', LOG_LEVEL: 'warn' });
  const { client, cleanup } = openTestClient(prefix, { JOB_ATTEMPTS: '2' });
  let workers: WorkerProcess[] = [];
  let dir: string;
  const cli = (args: string[]) => runCli(['jobs', 'retry', ...args], env);

  /** A job that fails its two attempts (runs 1 and 2) and would pass on run `passAt`. */
  async function failedJob(name: string, passAt: number): Promise<string> {
    const { id } = await enqueueTask(client, 'test.fail_until_count', { counter: join(dir, name), passAt });
    const view = await waitForFinished(client, id);
    assert.equal(view.state, 'failed', JSON.stringify(view));
    assert.equal(view.attempts, 2);
    return id;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-retry-'));
    workers = await startWorkers(1, env);
  });
  after(async () => {
    await killAll(workers);
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  test('a job that used up its attempts is retried by id with fresh ones, and completes: exit 0', async () => {
    const id = await failedJob('by-id', 4);
    const r = await cli([id]);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      // The state read just after the retry: a quick worker may already have failed run 3 (delayed for its
      // 100 ms backoff) or even finished run 4.
      new RegExp(`^${id}\\s+test\\.fail_until_count\\s+retried\\s+(waiting|active|delayed|completed)`, 'm'),
    );
    assert.match(r.stdout, /^1 of 1 job retried\.$/m);
    const done = await waitForFinished(client, id);
    assert.equal(done.state, 'completed', done.error ?? '');
    // Runs 3 and 4: without fresh attempts the first failure after the retry would have been final.
    assert.deepEqual(done.result, { attempt: 2, runs: 4 });
    assert.equal(done.attempts, 2);
  });

  test('--failed retries every failed job; --json says what happened to each', async () => {
    const ids = [await failedJob('all-1', 3), await failedJob('all-2', 3)];
    const r = await cli(['--failed', '--json']);
    assert.equal(r.code, 0, r.stderr);
    const results = JSON.parse(r.stdout) as { ok: boolean; id: string; retried: string }[];
    assert.deepEqual(results.map((x) => x.id).sort(), [...ids].sort());
    assert.ok(results.every((x) => x.ok && x.retried === x.id));
    for (const id of ids) assert.equal((await waitForFinished(client, id)).state, 'completed');
    assert.equal((await cli(['--failed'])).stdout.trim(), 'No failed jobs to retry.');
  });

  test('--since leaves out jobs that failed longer ago', async () => {
    const id = await failedJob('since', 3);
    await sleep(1500);
    const old = await cli(['--since', '1s']);
    assert.equal(old.code, 0);
    assert.equal(old.stdout.trim(), 'No failed jobs to retry.');
    assert.equal((await getJobView(client, id))?.state, 'failed');
    const recent = await cli(['--since', '1h']);
    assert.equal(recent.code, 0, recent.stdout);
    assert.match(recent.stdout, new RegExp(`^${id}\\s`, 'm'));
    assert.equal((await waitForFinished(client, id)).state, 'completed');
  });

  test('a job that did not fail, or does not exist, is not retried: exit 1, one line each', async () => {
    const { id } = await enqueueTask(client, 'test.noop', {});
    await waitForFinished(client, id);
    const r = await cli([id, 'test-nosuchjob']);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      new RegExp(`not retried: job ${id} is completed: only a failed job can be retried`),
    );
    assert.match(r.stdout, /not retried: job test-nosuchjob not found/);
    assert.match(r.stdout, /^0 of 2 jobs retried\.$/m);
  });

  test('usage errors and an unreachable Redis', async () => {
    const both = await cli(['x', '--failed']);
    assert.equal(both.code, 1);
    assert.match(both.stderr, /give job ids, or --failed \/ --since, not both/);
    const none = await cli([]);
    assert.equal(none.code, 1);
    assert.match(none.stderr, /say which jobs to retry/);
    const down = await runCli(['jobs', 'retry', '--failed'], {
      ...env,
      REDIS_URL: `redis://127.0.0.1:${await freePort()}`,
    });
    assert.equal(down.code, 2);
    assert.match(
      down.stderr,
      /^profai: cannot reach Redis at redis:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)\n$/,
    );
  });
});
