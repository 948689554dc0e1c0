/**
 * Fair distribution: five idle workers of two children each and ten one-second jobs: every worker takes
 * two, none more at a time (a worker's BullMQ concurrency is its number of children: no prefetch hoarding).
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { enqueueTask } from '../../src/fleet/queues.ts';
import { readRunInfos } from '../../src/fleet/runinfo.ts';
import type { JobRunInfo } from '../../src/fleet/views.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  startWorkers,
  testEnv,
  type WorkerProcess,
  waitForFinished,
} from '../support/workers.ts';

/** Most runs of one worker that overlapped in time. */
function maxOverlap(runs: JobRunInfo[]): number {
  const edges = runs.flatMap((r) => [
    { at: r.startedAt, delta: 1 },
    { at: r.finishedAt ?? Number.POSITIVE_INFINITY, delta: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let current = 0;
  let max = 0;
  for (const e of edges) {
    current += e.delta;
    max = Math.max(max, current);
  }
  return max;
}

let workers: WorkerProcess[] = [];
const prefix = randomPrefix();
const { client, cleanup } = openTestClient(prefix);
after(async () => {
  await killAll(workers);
  await cleanup();
});

test('five workers × two children share ten jobs two each', async () => {
  workers = await startWorkers(5, testEnv(prefix, { WORKER_CONCURRENCY: '2' }));
  const ids: string[] = [];
  for (let i = 0; i < 10; i++) ids.push((await enqueueTask(client, 'test.sleep', { ms: 1000 })).id);
  const views = await Promise.all(ids.map((id) => waitForFinished(client, id, 30_000)));
  assert.ok(views.every((v) => v.state === 'completed'));
  const runs = (await readRunInfos(client.redis, prefix, ids)).filter((r): r is JobRunInfo => r !== null);
  assert.equal(runs.length, 10);
  const byWorker = new Map<string, JobRunInfo[]>();
  for (const r of runs) byWorker.set(r.worker, [...(byWorker.get(r.worker) ?? []), r]);
  for (const [worker, own] of byWorker) {
    assert.ok(maxOverlap(own) <= 2, `${worker} held ${maxOverlap(own)} jobs at once`);
  }
  assert.deepEqual(
    [...byWorker.values()].map((own) => own.length),
    [2, 2, 2, 2, 2],
    `jobs per worker: ${[...byWorker].map(([w, own]) => `${w}=${own.length}`).join(' ')}`,
  );
});
