/**
 * A Redis Cluster (three masters, a replica each; real redis-server processes) under workers and a client that
 * know some of its nodes: QUEUE_PREFIX becomes a hash tag, so BullMQ's scripts and ProfAI's own keys share one
 * slot. The master of that slot is SIGKILLed with jobs in flight; after its replica takes over every job
 * completes, each executed once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runThroughFailover } from '../support/failover-run.ts';

test('a Redis Cluster failover while 30 jobs run: every job completes once, the workers consume again', async () => {
  const run = await runThroughFailover({ kind: 'cluster', jobs: 30, ms: 400, workers: 2 });
  for (const w of run.workers) assert.match(w.lines.join('\n'), /Connected to Redis Cluster 127\.0\.0\.1:/);
  assert.deepEqual(
    { completed: run.completed, failed: run.failed, lost: run.lost, neverRan: run.neverRan },
    { completed: 30, failed: 0, lost: 0, neverRan: 0 },
  );
  assert.deepEqual(run.duplicated, [], 'no job ran twice');
  assert.ok(run.firstStartS !== null, 'jobs were taken from the new master');
});
