/**
 * `profai_job_stalls_total` counts the stalls of finished jobs, beside `profai_job_retries_total`, which does not
 * count BullMQ's unrun fail of a job at its last stall as a retry. Jobs are finished by hand (a worker without a
 * processor) on real Redis, their stall counts set as BullMQ's stalled check leaves them.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { FleetMetrics } from '../../src/ops/metrics.ts';
import { FleetSource } from '../../src/ops/source.ts';
import { parseMetrics } from '../support/ops.ts';
import { openTestClient, randomPrefix, testConfig } from '../support/workers.ts';

/** BullMQ's reason for a job stalled more than maxStalledCount times. */
const STALLED = 'job stalled more than allowable limit';

describe('profai_job_stalls_total', { timeout: 60_000 }, () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  const source = new FleetSource(testConfig(prefix));
  after(async () => {
    await source.close();
    await cleanup();
  });

  /**
   * Adds a job, sets its stall count and the attempts it made before, and finishes it by hand: completed, or failed
   * with `reason`.
   */
  async function finished(stalls: number, reason?: string, attemptsBefore = 0): Promise<void> {
    const id = randomUUID();
    const queue = client.queue('test');
    await queue.add('test.sleep', {}, { jobId: id, attempts: 1 });
    const connection = new Redis(testConfig(prefix).redisUrl, { maxRetriesPerRequest: null });
    const taker = new Worker('test', null, { connection, prefix: client.settings.queuePrefix });
    try {
      const token = randomUUID();
      const job = await taker.getNextJob(token);
      assert.equal(job?.id, id);
      await client.redis.hset(queue.toKey(id), 'stc', stalls, 'atm', attemptsBefore);
      if (reason) await job.moveToFailed(new Error(reason), token);
      else await job.moveToCompleted({}, token, false);
    } finally {
      await taker.close();
      await connection.quit();
    }
  }

  test('counts each finished job’s stalls once; a fail at the last stall is no retry', async () => {
    const metrics = new FleetMetrics(source);
    await finished(1); // put back once, then completed
    // One failed attempt, then stalls: the fail BullMQ makes unrun at the last one adds a second attempt made.
    await finished(2, STALLED, 1);
    await finished(0, 'not a stall');
    const at = async (series: string) => parseMetrics(await metrics.render()).get(series);
    assert.equal(await at('profai_job_stalls_total{task="test.sleep"}'), 3);
    assert.equal(
      await at('profai_job_retries_total{task="test.sleep"}'),
      undefined,
      'no job ran an attempt twice',
    );
    assert.equal(
      await at('profai_job_stalls_total{task="test.sleep"}'),
      3,
      'a second scrape counts nothing again',
    );
  });
});
