/**
 * WORKER_IDLE_RESTART_S counts a consumer idle while no job of its queue runs in its processor. A job BullMQ has
 * fetched (moved to active, locked with the consumer's token) but not yet handed to the processor is not counted:
 * a restart in that window must not lose the job, run it twice, or count it as stalled. The window is held open
 * here by a Worker whose fetch waits on a gate after Redis answered. Real Redis, real BullMQ Workers.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Job, Queue, Worker } from 'bullmq';
import { ConsumerWatch, QueueConsumer } from '../../src/fleet/consumer-watch.ts';
import { createLogger } from '../../src/fleet/log.ts';
import { queueRedis } from '../../src/fleet/redis.ts';
import { stopGracefully } from '../../src/fleet/shutdown.ts';
import { dropPrefix } from '../support/llm.ts';
import { sleep, waitFor } from '../support/workers.ts';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

/** A Worker whose fetched jobs wait for `gate` before they go to its processor. */
class GatedWorker extends Worker {
  gate: Promise<void> | null = null;
  protected override async moveToActive(token: string, name?: string): Promise<Job> {
    const job = await super.moveToActive(token, name);
    if (job && this.gate) await this.gate;
    return job;
  }
}

describe('a consumer restarted while it holds a fetched job not yet started', () => {
  const prefix = `test-restart-${Math.random().toString(16).slice(2, 10)}`;
  const redis = queueRedis(REDIS_URL);
  const producerRedis = queueRedis(REDIS_URL);
  const producer = new Queue('q', { connection: producerRedis, prefix });
  const lines: string[] = [];
  const log = createLogger('info', {}, (line) => lines.push(line));
  const workers: Worker[] = [];

  before(() => redis.on('error', () => {}));
  after(async () => {
    for (const w of workers) await w.close(true).catch(() => {});
    await dropPrefix(producerRedis, prefix);
    await producer.close();
    producerRedis.disconnect();
    redis.disconnect();
  });

  test('the fetched job runs once, is not stalled, and completes; the other job too', async () => {
    let openGate: () => void = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const runs: string[] = [];
    const consumer = new QueueConsumer(
      'q',
      (run) => {
        const w = new GatedWorker('q', run, {
          connection: redis,
          prefix,
          concurrency: 1,
          // Longer than the window is held open (the restart comes after ~1 s), as 30 s is next to the
          // milliseconds it lasts in production; the stalled check runs often, to see a lock not renewed.
          lockDuration: 4000,
          stalledInterval: 1000,
        });
        // Only the first Worker is held in the window; its replacement fetches as usual.
        if (workers.length === 0) w.gate = gate;
        w.on('error', () => {});
        workers.push(w);
        return w;
      },
      async (job) => {
        runs.push(job.id ?? '');
        // Longer than the lock: a job whose lock is not renewed while it runs is taken for stalled.
        await sleep(6000);
        return null;
      },
    );
    await consumer.worker.waitUntilReady();
    const held = await producer.add('t', {});
    await waitFor('the first job fetched and held', async () =>
      (await held.getState()) === 'active' ? true : null,
    );
    const other = await producer.add('t', {});
    assert.equal(consumer.running, 0, 'the fetched job has not reached the processor');

    const watch = new ConsumerWatch({
      redis,
      consumers: [consumer],
      queueOf: () => producer,
      consuming: () => true,
      log,
      idleMs: 1000,
      checkMs: 200,
    });
    try {
      await waitFor('the consumer restarted', async () => (consumer.restarts === 1 ? true : null));
      assert.match(lines.join(''), /restarting the consumer of q: no job taken while 1 wait/);
      assert.equal(consumer.retiring.size, 1, 'the old Worker, holding the fetched job, is still closing');
      openGate();
      // A graceful stop now waits for the old Worker's job too, not only for the current Worker's.
      await watch.stop();
      const outcome = await stopGracefully([consumer.worker], [], 60_000, new Promise(() => {}), [
        ...consumer.retiring,
      ]);
      assert.equal(outcome, 'drained');
      assert.equal(await held.getState(), 'completed', 'the stop waited for the job the old Worker ran');
      assert.equal(consumer.retiring.size, 0);
      await waitFor(
        'both jobs completed',
        async () => ((await producer.getJobCounts('completed')).completed === 2 ? true : null),
        40_000,
      );
    } finally {
      await watch.stop();
    }
    await sleep(3000); // a second run of a job taken for stalled would have started by now
    assert.deepEqual(runs.filter((id) => id === held.id).length, 1, 'the held job ran once');
    assert.deepEqual(runs.filter((id) => id === other.id).length, 1, 'the other job ran once');
    const stalls = await producerRedis.hget(`${prefix}:q:${held.id}`, 'stc');
    assert.equal(Number(stalls ?? 0), 0, 'the held job was not taken for stalled');
  });
});
