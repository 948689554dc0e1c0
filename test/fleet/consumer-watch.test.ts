/**
 * The consumer watch (src/fleet/consumer-watch.ts) against the machine's Redis and real BullMQ Workers, put in
 * the states a failover has been seen to leave them in: the shared connection ended for good (ioredis status
 * `end`), and a Worker whose run loop stopped. Each time the jobs are first shown to wait untaken, then the
 * watch brings the consumer back and they complete.
 */
import assert from 'node:assert/strict';
import { type AddressInfo, connect, createServer, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { Queue, Worker } from 'bullmq';
import { ConsumerWatch, QueueConsumer } from '../../src/fleet/consumer-watch.ts';
import { createLogger } from '../../src/fleet/log.ts';
import { queueRedis, type RedisClient } from '../../src/fleet/redis.ts';
import { withTimeout } from '../../src/lib/time.ts';
import { dropPrefix } from '../support/llm.ts';
import { sleep, waitFor } from '../support/workers.ts';

const REDIS_URL = 'redis://127.0.0.1:6379/0';

describe('the consumer watch', () => {
  let prefix: string;
  let redis: RedisClient;
  let producer: Queue;
  let producerRedis: RedisClient;
  let consumer: QueueConsumer;
  let watch: ConsumerWatch | null = null;
  const lines: string[] = [];
  const log = createLogger('info', {}, (line) => lines.push(line));
  let done = 0;

  beforeEach(async () => {
    prefix = `test-watch-${Math.random().toString(16).slice(2, 10)}`;
    done = 0;
    lines.length = 0;
    redis = queueRedis(REDIS_URL);
    redis.on('error', () => {});
    producerRedis = queueRedis(REDIS_URL);
    producer = new Queue('q', { connection: producerRedis, prefix });
    consumer = new QueueConsumer(
      'q',
      (run) => {
        const w = new Worker('q', run, { connection: redis, prefix, concurrency: 2 });
        w.on('error', () => {});
        return w;
      },
      async () => {
        done++;
        return null;
      },
    );
    await consumer.worker.waitUntilReady();
    await producer.add('t', {});
    await waitFor('the first job', async () => (done === 1 ? true : null));
  });

  afterEach(async () => {
    await watch?.stop();
    watch = null;
    await consumer.worker.close(true).catch(() => {});
    await dropPrefix(producerRedis, prefix);
    await producer.close();
    // Connections given to BullMQ are not closed by it.
    producerRedis.disconnect();
    redis.disconnect();
  });

  const startWatch = (checkMs = 200) =>
    new ConsumerWatch({
      redis,
      consumers: [consumer],
      queueOf: () => producer,
      consuming: () => true,
      log,
      idleMs: 1000,
      checkMs,
    });

  /** Adds `n` jobs and shows that none is taken within `ms`. */
  async function jobsWaitUntaken(n: number, ms: number): Promise<void> {
    for (let i = 0; i < n; i++) await producer.add('t', {});
    await sleep(ms);
    assert.equal(done, 1, 'no job was taken: the consumer is stuck');
    assert.equal((await producer.getJobCounts('wait')).wait, n);
  }

  test('a connection ended for good is connected again; the waiting jobs complete', async () => {
    const ended = new Promise((resolve) => redis.once('end', resolve));
    redis.disconnect(); // ioredis's terminal state: it never reconnects by itself
    await ended;
    assert.equal(redis.status, 'end');
    await jobsWaitUntaken(5, 1500);
    watch = startWatch();
    await waitFor('the waiting jobs to complete', async () => (done === 6 ? true : null), 15_000);
    assert.match(lines.join(''), /redis connection ended for good: connecting again/);
  });

  test('a worker that takes nothing while jobs wait is replaced after idleMs', async () => {
    // Its connections lead to a server that accepts and never answers, as a master that vanished without
    // closing them: the Worker runs, is not paused, and takes no job. Its replacement connects to Redis.
    const sockets: Socket[] = [];
    // Once the test is over the server starts answering (it forwards to Redis), so that the replaced Worker's
    // connections can finish closing and the process can exit.
    let answering = false;
    const forward = (socket: Socket) => {
      const upstream = connect(6379, '127.0.0.1');
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      socket.pipe(upstream).pipe(socket);
      sockets.push(upstream);
    };
    const silent = createServer((socket) => {
      sockets.push(socket);
      if (answering) forward(socket);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const silentUrl = `redis://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const hung = queueRedis(silentUrl);
    hung.on('error', () => {});
    await consumer.worker.close();
    let made = 0;
    const stuck = new QueueConsumer(
      'q',
      (run) => {
        const w = new Worker('q', run, { connection: made++ === 0 ? hung : redis, prefix, concurrency: 2 });
        w.on('error', () => {});
        return w;
      },
      async () => {
        done++;
        return null;
      },
    );
    consumer = stuck;
    const first = stuck.worker;
    try {
      assert.ok(stuck.worker.isRunning() && !stuck.worker.isPaused());
      await jobsWaitUntaken(3, 1000);
      watch = startWatch();
      await waitFor('the waiting jobs to complete', async () => (done === 4 ? true : null), 15_000);
      assert.equal(stuck.restarts, 1);
      assert.match(lines.join(''), /restarting the consumer of q: no job taken while 3 wait/);
    } finally {
      answering = true;
      for (const socket of [...sockets]) forward(socket);
      await withTimeout(first.close(true), 3000, () => new Error('timed out')).catch(() => {});
      hung.disconnect();
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });

  test('a worker whose run loop stopped is replaced; the waiting jobs complete', async () => {
    await consumer.worker.close(); // its loop is over, as bullmq#648's loop ended on an error
    await jobsWaitUntaken(4, 1000);
    watch = startWatch();
    await waitFor('the waiting jobs to complete', async () => (done === 5 ? true : null), 15_000);
    assert.equal(consumer.restarts, 1);
    assert.match(lines.join(''), /restarting the consumer of q: its worker stopped running/);
  });

  // A graceful stop reads the consumers' Workers once the watch has stopped: a restart after that would leave a
  // Worker nobody closes, taking jobs from a pool that is closing.
  test('a stopped watch restarts no consumer', async () => {
    await consumer.worker.close();
    watch = startWatch(60_000);
    await watch.stop();
    await watch.check();
    assert.equal(consumer.restarts, 0);
    assert.equal(consumer.worker.isRunning(), false);
  });
});
