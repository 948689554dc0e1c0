/**
 * A Redis Cluster (three masters, a replica each; real redis-server processes) under workers and a client that
 * know some of its nodes: QUEUE_PREFIX becomes a hash tag, so BullMQ's scripts and ProfAI's own keys share one
 * slot. The master of that slot is SIGKILLed with jobs in flight; after its replica takes over every job
 * completes, each executed once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FleetSnapshot } from '../../src/ops/types.ts';
import { runThroughFailover } from '../support/failover-run.ts';
import { type CliResult, runCli } from '../support/ops.ts';

test('a Redis Cluster failover while 30 jobs run: every job completes once, the workers consume again', async () => {
  let monitor: CliResult | null = null;
  const run = await runThroughFailover({
    kind: 'cluster',
    jobs: 30,
    ms: 400,
    workers: 2,
    // The CLI's own connection (src/ops/connect.ts) finds the new master too.
    onFinished: async (env) => {
      monitor = await runCli(['monitor', '--json'], env);
    },
  });
  for (const w of run.workers) assert.match(w.lines.join('\n'), /Connected to Redis Cluster 127\.0\.0\.1:/);
  assert.deepEqual(
    { completed: run.completed, failed: run.failed, lost: run.lost, neverRan: run.neverRan },
    { completed: 30, failed: 0, lost: 0, neverRan: 0 },
  );
  assert.deepEqual(run.duplicated, [], 'no job ran twice');
  assert.ok(run.firstStartS !== null, 'jobs were taken from the new master');
  const m = monitor as CliResult | null;
  assert.equal(m?.code, 0, m?.stderr);
  const snapshot = JSON.parse(m.stdout) as FleetSnapshot;
  assert.match(snapshot.redis.url, /^Redis Cluster/);
  assert.equal(snapshot.workers.length, 2);
  assert.equal(snapshot.queues.find((q) => q.name === 'test')?.completed, 30);
});
