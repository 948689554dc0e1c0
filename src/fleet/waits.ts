/**
 * Waiting out a dependency. A job whose attempt failed because a service it needs was unreachable (the error
 * names the dependency) is tried again later without using up an attempt: after 1 s, doubling up to a cap,
 * for at most a long budget (DEPENDENCY_WAIT_S) counted from its first such failure, then it fails naming
 * the dependency. Meanwhile the worker stops taking jobs and probes the dependency until it answers
 * ({@link DependencyWatch}), logging one line when it goes and one when it is back.
 */
import { sleep } from '../lib/time.ts';
import { type RedisClient, redisKeys } from '../redis-keys.ts';
import type { Logger } from './log.ts';

/** How long waiting may go on, and the longest pause between two tries. */
export interface WaitPolicy {
  budgetMs: number;
  maxDelayMs: number;
}

/** The delay before try `tries` (1-based): 1 s, doubling, at most `maxMs`, with ±20% jitter. */
export function waitDelayMs(tries: number, maxMs: number): number {
  const base = Math.min(maxMs, 1000 * 2 ** Math.max(0, tries - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/** Per job, in Redis (it survives the worker): when its waiting began and how many times it has waited. */
export class JobWaits {
  readonly #noted = new Set<string>();

  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly policy: WaitPolicy,
  ) {}

  /** Records one more wait of `jobId` and returns since when it has waited (ms since epoch) and how often. */
  async note(jobId: string, now = Date.now()): Promise<{ since: number; tries: number }> {
    const key = redisKeys.dependencyWait(this.prefix, jobId);
    const ttlS = Math.ceil(this.policy.budgetMs / 1000) + 86_400;
    const replies = await this.redis
      .multi()
      .hsetnx(key, 'since', String(now))
      .hincrby(key, 'tries', 1)
      .hget(key, 'since')
      .expire(key, ttlS)
      .exec();
    this.#noted.add(jobId);
    return { since: Number(replies?.[2]?.[1] ?? now), tries: Number(replies?.[1]?.[1] ?? 1) };
  }

  /** Forgets the job's waiting once it has run (only when this process noted one: no extra write per job). */
  async clear(jobId: string): Promise<void> {
    if (!this.#noted.delete(jobId)) return;
    await this.redis.del(redisKeys.dependencyWait(this.prefix, jobId)).catch(() => {});
  }
}

const answers = (probe: () => Promise<void>) =>
  probe().then(
    () => true,
    () => false,
  );

/** A worker's view of its dependencies: which are down since when, probed until they answer. */
export class DependencyWatch {
  readonly #down = new Map<string, { since: number }>();
  readonly #stopping = new AbortController();

  constructor(
    /** One probe per dependency the worker can check; it resolves when the dependency answers. */
    private readonly probes: Readonly<Record<string, () => Promise<void>>>,
    private readonly hooks: { pause(): Promise<void> | void; resume(): Promise<void> | void },
    private readonly log: Logger,
    private readonly policy: WaitPolicy,
  ) {}

  /**
   * `dependency` failed an attempt: unless already known down, stop taking jobs and probe it until it answers,
   * or for the wait budget at most (then jobs are taken again, so that those past their budget can fail).
   */
  down(dependency: string, reason: string): void {
    if (this.#stopping.signal.aborted || this.#down.has(dependency)) return;
    const probe = this.probes[dependency];
    this.#down.set(dependency, { since: Date.now() });
    this.log.warn(`waiting for ${dependency}: no new tasks until it answers`, { dependency, reason });
    void this.hooks.pause();
    void this.#probeUntilUp(dependency, probe);
  }

  /** Dependencies down now, with since when (ms since epoch), for the heartbeat. */
  list(): { dependency: string; since: number }[] {
    return [...this.#down].map(([dependency, { since }]) => ({ dependency, since }));
  }

  stop(): void {
    this.#stopping.abort();
  }

  async #probeUntilUp(dependency: string, probe: (() => Promise<void>) | undefined): Promise<void> {
    const { signal } = this.#stopping;
    for (let tries = 1; !signal.aborted; tries++) {
      await sleep(waitDelayMs(tries, this.policy.maxDelayMs), signal).catch(() => {});
      if (signal.aborted) return;
      const since = this.#down.get(dependency)?.since ?? Date.now();
      // Without a probe, the delayed jobs themselves find out: resume after the first pause.
      const up = probe ? await answers(probe) : true;
      const downMs = Date.now() - since;
      if (!up && downMs < this.policy.budgetMs) continue;
      this.#down.delete(dependency);
      const downS = Math.round(downMs / 1000);
      if (up) this.log.info(`${dependency} is back`, { dependency, downS });
      else this.log.warn(`${dependency} still unreachable: taking jobs again`, { dependency, downS });
      if (this.#down.size === 0) await this.hooks.resume();
      return;
    }
  }
}
