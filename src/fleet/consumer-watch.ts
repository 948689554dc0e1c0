/**
 * Keeps a worker consuming. After a Redis failover a BullMQ worker has been seen to sit idle for good while jobs
 * wait: its run loop stopped (bullmq#648), its blocking connection ended (bullmq#4378), or its connection was
 * ended by ioredis itself (a Sentinel switch announced while reconnecting, with `failoverDetector`). Every
 * check, for a worker that is meant to take jobs (running, not paused for a dependency):
 * - a Redis connection in ioredis's terminal state (`end`) is connected again;
 * - a queue whose consumer stopped running, or that holds no job while jobs wait in it for `idleMs`, gets a new
 *   BullMQ Worker (new blocking connection); the old one is closed in the background (see {@link QueueConsumer.restart}).
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
  /** Old Workers' closes after restarts, until they settle: a graceful stop waits for them too. */
  readonly retiring = new Set<Promise<void>>();
  /** Jobs each Worker's processor runs now. */
  readonly #runningIn = new WeakMap<Worker, number>();

  /** `make` builds the Worker around `processor`, which counts the jobs running. */
  constructor(
    readonly queue: string,
    private readonly make: (processor: Processor) => Worker,
    private readonly processor: Processor,
  ) {
    this.worker = this.#start();
  }

  #start(): Worker {
    const count = (by: number) => {
      this.running += by;
      this.#runningIn.set(worker, (this.#runningIn.get(worker) ?? 0) + by);
    };
    const worker = this.make(async (job, token, signal) => {
      count(1);
      this.lastTakenAt = Date.now();
      try {
        return await this.processor(job, token, signal);
      } finally {
        count(-1);
      }
    });
    return worker;
  }

  /**
   * Replaces the Worker; the old one is closed in the background. It runs no job in the processor, but may hold
   * one it has just fetched (active, locked with its token) that has not reached the processor yet: its close is
   * not forced, so that job still runs there, its lock renewed. Forced, the lock went unrenewed and the new Worker
   * took the job for stalled and ran it a second time (test/fleet/consumer-restart.test.ts). The close is kept in
   * {@link retiring} until it settles, so that a graceful stop waits for that job as for the others.
   */
  async restart(): Promise<void> {
    const old = this.worker;
    this.worker = this.#start();
    this.lastTakenAt = Date.now();
    this.restarts++;
    const closing = this.#retire(old);
    this.retiring.add(closing);
    void closing.finally(() => this.retiring.delete(closing));
    await this.worker.waitUntilReady();
  }

  /**
   * Closes a replaced Worker. One still closing after {@link RETIRE_WAIT_MS} with no job in its processor has a
   * hung loop (its connection hangs): it is no longer waited for. It is not disconnected: BullMQ's
   * `Worker.disconnect()` ends the connection it was given, which is the process's shared one (heartbeats, locks,
   * every other queue's Worker), and `close(true)` would only return the close already pending (BullMQ 6 answers
   * every close after the first with it); what it holds goes when its close ends or the process does. One running
   * a job closes when that job ends; a graceful stop ends it by releasing the pool.
   */
  async #retire(old: Worker): Promise<void> {
    const closed = old.close();
    closed.catch(() => {});
    const timedOut = await withTimeout(closed, RETIRE_WAIT_MS, () => new Error('close timed out')).then(
      () => false,
      () => true,
    );
    if (timedOut && (this.#runningIn.get(old) ?? 0) > 0) await closed.catch(() => {});
  }
}

/** How long a replaced Worker running no job is waited for to close. */
export const RETIRE_WAIT_MS = 5000;

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
  /** The round running now, if any. */
  #round: Promise<void> | null = null;
  #stopped = false;

  constructor(private readonly o: ConsumerWatchOptions) {
    const every = o.checkMs ?? Math.min(o.idleMs / 3, 5000);
    // A round that throws (a restart on a connection that ended) is logged: unhandled, it would end the process.
    this.#timer = setInterval(
      () =>
        void this.check().catch((err) =>
          o.log.warn('consumer check failed', { error: (err as Error).message }),
        ),
      every,
    );
    this.#timer.unref();
  }

  /**
   * No more rounds, and none restarts a consumer after this; resolves when the round running now has ended, so
   * that what a graceful stop reads of the consumers (their Workers, those retiring) no longer changes.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#timer);
    await this.#round?.catch(() => {});
  }

  /** One round of checks (the timer runs it every checkMs; a round still running skips the next). */
  check(): Promise<void> {
    if (this.#round || this.#stopped || !this.o.consuming()) return Promise.resolve();
    const round = this.#check().finally(() => {
      this.#round = null;
    });
    this.#round = round;
    return round;
  }

  async #check(): Promise<void> {
    if (this.o.redis.status === 'end') {
      this.o.log.warn('redis connection ended for good: connecting again');
      await this.o.redis.connect().catch(() => {});
    }
    for (const c of this.o.consumers) {
      if (this.#stopped) return;
      await this.#checkConsumer(c);
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
    if (this.#stopped) return;
    await c.restart();
  }
}
