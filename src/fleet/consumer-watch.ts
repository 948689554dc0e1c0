/**
 * Keeps a worker consuming. After a Redis failover a BullMQ worker has been seen to sit idle for good while jobs
 * wait: its run loop stopped (bullmq#648), its blocking connection ended (bullmq#4378), or its connection was
 * ended by ioredis itself (a Sentinel switch announced while reconnecting, with `failoverDetector`). Every
 * check, for a worker that is meant to take jobs (running, not paused for a dependency):
 * - a Redis connection in ioredis's terminal state (`end`) is connected again;
 * - a queue whose consumer stopped running, or that holds no job while jobs wait in it for `idleMs`, gets a new
 *   BullMQ Worker (new blocking connection); the old one is closed without waiting (it holds no job).
 */
import type { Processor, Queue, Worker } from 'bullmq';
import { withTimeout } from '../lib/time.ts';
import type { RedisClient } from '../redis-keys.ts';
import type { Logger } from './log.ts';

/** One queue's BullMQ Worker, replaceable, with what the watch needs to know of it. */
export class QueueConsumer {
  worker: Worker;
  /** Jobs its processor runs now. */
  running = 0;
  /** When it last took a job (or started). */
  lastTakenAt = Date.now();
  restarts = 0;

  /** `make` builds the Worker around `processor`, which counts the jobs running. */
  constructor(
    readonly queue: string,
    private readonly make: (processor: Processor) => Worker,
    private readonly processor: Processor,
  ) {
    this.worker = this.#start();
  }

  #start(): Worker {
    return this.make(async (job, token, signal) => {
      this.running++;
      this.lastTakenAt = Date.now();
      try {
        return await this.processor(job, token, signal);
      } finally {
        this.running--;
      }
    });
  }

  /**
   * Replaces the Worker; the old one is closed in the background. It runs no job in the processor, but may hold
   * one it has just fetched (active, locked with its token) that has not reached the processor yet: its close is
   * not forced, so that job still runs there, its lock renewed. Forced, the lock went unrenewed and the new Worker
   * took the job for stalled and ran it a second time (test/fleet/consumer-restart.test.ts).
   */
  async restart(): Promise<void> {
    const old = this.worker;
    this.worker = this.#start();
    this.lastTakenAt = Date.now();
    this.restarts++;
    // Not waited for: a Worker whose connection hangs may never finish closing.
    void withTimeout(old.close(), 5000, () => new Error('close timed out')).catch(() => {});
    await this.worker.waitUntilReady();
  }
}

export interface ConsumerWatchOptions {
  redis: RedisClient;
  consumers: readonly QueueConsumer[];
  /** Jobs waiting in a queue (wait + prioritised), read on the shared connection. */
  queueOf(name: string): Pick<Queue, 'getJobCounts'>;
  /** True while the worker means to take jobs (not stopping, not paused for a dependency). */
  consuming(): boolean;
  log: Logger;
  /** A queue idle this long with jobs waiting gets a new consumer. */
  idleMs: number;
  /** @defaultValue min(idleMs / 3, 5000) */
  checkMs?: number;
}

export class ConsumerWatch {
  readonly #timer: NodeJS.Timeout;
  readonly #idleSince = new Map<QueueConsumer, number>();
  #checking = false;

  constructor(private readonly o: ConsumerWatchOptions) {
    const every = o.checkMs ?? Math.min(o.idleMs / 3, 5000);
    this.#timer = setInterval(() => void this.check(), every);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  /** One round of checks (the timer runs it every checkMs; a round still running skips the next). */
  async check(): Promise<void> {
    if (this.#checking || !this.o.consuming()) return;
    this.#checking = true;
    try {
      if (this.o.redis.status === 'end') {
        this.o.log.warn('redis connection ended for good: connecting again');
        await this.o.redis.connect().catch(() => {});
      }
      for (const c of this.o.consumers) await this.#checkConsumer(c);
    } finally {
      this.#checking = false;
    }
  }

  async #checkConsumer(c: QueueConsumer): Promise<void> {
    if (c.worker.isPaused() || c.running > 0) {
      this.#idleSince.delete(c);
      return;
    }
    if (!c.worker.isRunning()) return this.#restart(c, 'its worker stopped running', 0);
    const counts = await withTimeout(
      this.o.queueOf(c.queue).getJobCounts('wait', 'prioritized'),
      2000,
      () => new Error('timed out'),
    ).catch(() => null);
    const waiting = counts ? (counts.wait ?? 0) + (counts.prioritized ?? 0) : 0;
    if (waiting === 0) {
      this.#idleSince.delete(c);
      return;
    }
    const since = Math.max(this.#idleSince.get(c) ?? Date.now(), c.lastTakenAt);
    this.#idleSince.set(c, since);
    const idleMs = Date.now() - since;
    if (idleMs >= this.o.idleMs) await this.#restart(c, `no job taken while ${waiting} wait`, idleMs);
  }

  async #restart(c: QueueConsumer, reason: string, idleMs: number): Promise<void> {
    this.o.log.warn(`restarting the consumer of ${c.queue}: ${reason}`, {
      queue: c.queue,
      idleS: Math.round(idleMs / 1000),
    });
    this.#idleSince.delete(c);
    await c.restart();
  }
}
