/**
 * Redis behind Sentinels, failing over while jobs run: a master, its replica and three Sentinels (real
 * redis-server processes), two workers and a client that know only the Sentinels. The master is SIGKILLed with
 * jobs in flight; after the replica's promotion every job completes, each executed once.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { enqueueTask, getJobView, queueCounts } from '../../src/fleet/queues.ts';
import { type SentinelGroup, startSentinelGroup } from '../support/redis-ha.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  startWorkers,
  testEnv,
  type WorkerProcess,
  waitFor,
} from '../support/workers.ts';

const JOBS = 30;

describe('a Sentinel failover while jobs run', () => {
  let group: SentinelGroup;
  let workers: WorkerProcess[] = [];
  let dir: string;
  let test_: ReturnType<typeof openTestClient>;

  before(async () => {
    group = await startSentinelGroup();
    dir = await mkdtemp(join(tmpdir(), 'profai-failover-'));
  });
  after(async () => {
    await killAll(workers);
    await test_?.client.close();
    await group?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('every job completes once; the workers consume again after the new master', async () => {
    const prefix = randomPrefix();
    // A lock longer than the failover (about 2 s here), so that no running job is taken for stalled meanwhile.
    const settings = { ...group.env, WORKER_CONCURRENCY: '2', JOB_LOCK_MS: '15000' };
    test_ = openTestClient(prefix, settings);
    const { client } = test_;
    workers = await startWorkers(2, testEnv(prefix, settings));
    for (const w of workers)
      assert.match(w.lines.join('\n'), /Connected to Redis master profai-test of Sentinels/);

    const log = join(dir, 'executions.log');
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push((await enqueueTask(client, 'test.counted', { log, ms: 400 })).id);
    await waitFor('a few jobs to complete', async () => {
      const c = (await queueCounts(client)).test;
      return c && c.completed >= 4 && c.active > 0 ? c : null;
    });

    const oldPort = await group.killMaster();
    const killedAt = Date.now();
    const newPort = await group.waitForNewMaster(oldPort);
    const promotedAt = Date.now();
    assert.notEqual(newPort, oldPort);

    const views = await waitFor(
      'every job to finish after the failover',
      async () => {
        const all = await Promise.all(ids.map((id) => getJobView(client, id).catch(() => null)));
        return all.every((v) => v?.state === 'completed' || v?.state === 'failed') ? all : null;
      },
      40_000,
    );
    const failed = views.filter((v) => v?.state !== 'completed');
    assert.deepEqual(failed, [], 'no job failed or was lost');

    const executions = (await readFile(log, 'utf8')).trim().split('\n');
    const twice = executions.filter((id, i) => executions.indexOf(id) !== i);
    const workerLog = () =>
      workers
        .flatMap((w) => w.lines)
        .filter((l) => twice.some((id) => l.includes(id)) || /redis|error|stall/i.test(l));
    assert.deepEqual(twice, [], `no job ran twice; the workers said:\n${workerLog().join('\n')}`);
    assert.deepEqual([...new Set(executions)].sort(), [...ids].sort(), 'every job ran');

    // Jobs taken after the promotion: the workers consume from the new master (the 30 s of the target are
    // checked by the waits above; the figure is bench:failover's).
    const startedAfter = views.filter((v) => Date.parse(v?.timings.startedAt ?? '') > promotedAt);
    assert.ok(startedAfter.length > 0, 'jobs started after the promotion');
    assert.ok(killedAt < promotedAt);
  });
});
