/**
 * Every Redis connection ProfAI makes, of two kinds:
 * - {@link queueRedis}: for BullMQ Queues and Workers. Commands wait in a queue while Redis is down and the
 *   connection retries forever, as BullMQ needs for its blocking commands.
 * - {@link failFastRedis}: for readers (monitor, inspect, /metrics, /health). A command while Redis is down
 *   rejects at once, so a reader can say so in one line and keep answering; it reconnects in the background.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { withTimeout } from '../lib/time.ts';

/** A connection usable by BullMQ (`maxRetriesPerRequest: null`, as BullMQ requires), also for the fleet's own keys. */
export function queueRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Commands fail at once while disconnected instead of waiting in a queue. */
export const FAIL_FAST: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
};

/**
 * A reader's connection: connects in the background, reconnects every second or so, never queues commands.
 * Why it last failed is kept for {@link lastConnectionError}.
 * @param opts.connectTimeoutMs - @defaultValue 1000
 */
export function failFastRedis(url: string, opts: { connectTimeoutMs?: number } = {}): Redis {
  const redis = new Redis(url, {
    ...FAIL_FAST,
    connectTimeout: opts.connectTimeoutMs ?? 1000,
    retryStrategy: (times) => Math.min(times * 200, 1000),
  });
  recordConnectionErrors(redis);
  redis.connect().catch(() => {});
  return redis;
}

/** The short reason of a connection error: its code (`ECONNREFUSED`) or the first words of its message. */
export function connectionReason(err: unknown): string {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (typeof e?.code === 'string' && /^E[A-Z]+$/.test(e.code)) return e.code;
  const message = typeof e?.message === 'string' ? e.message : String(err);
  // ioredis's words for "the connection went away" when commands may not wait for it.
  if (/Stream isn't writeable|Connection is closed/.test(message)) return 'connection lost';
  const code = /\b(E[A-Z]{4,})\b/.exec(message)?.[1];
  return code ?? message.split('\n')[0]!.slice(0, 80);
}

const lastErrors = new WeakMap<Redis, string>();

/** Why `redis` last failed to connect (`ECONNREFUSED`), while it is not ready; needs {@link recordConnectionErrors}. */
export function lastConnectionError(redis: Redis): string | undefined {
  return lastErrors.get(redis);
}

/** Remembers the latest connection error of `redis` until it is ready again (and keeps ioredis from printing it). */
export function recordConnectionErrors(redis: Redis): void {
  redis.on('error', (err) => lastErrors.set(redis, connectionReason(err)));
  redis.on('ready', () => lastErrors.delete(redis));
}

/**
 * Waits until `redis` is ready, at most `ms`: true when it is. A connection known to be down
 * (`reconnecting`, `end`) is not waited for.
 */
export async function readyWithin(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return true;
  if (!['wait', 'connecting', 'connect'].includes(redis.status)) return false;
  let onReady = () => {};
  const ready = new Promise<boolean>((resolve) => {
    onReady = () => resolve(true);
    redis.once('ready', onReady);
  });
  return withTimeout(ready, ms, () => new Error('not ready'))
    .catch(() => false)
    .finally(() => redis.off('ready', onReady));
}

/** Redis's memory as `INFO memory` tells it. */
export interface RedisMemory {
  usedBytes: number;
  /** `maxmemory`; 0 when unlimited. */
  maxBytes: number;
  /** `maxmemory-policy`: BullMQ needs `noeviction`. */
  policy: string;
}

/** Parses the lines of `INFO memory`. */
export function parseRedisMemory(info: string): RedisMemory {
  const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim() ?? '';
  return {
    usedBytes: Number(field('used_memory')) || 0,
    maxBytes: Number(field('maxmemory')) || 0,
    policy: field('maxmemory_policy') || 'unknown',
  };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Why Redis refuses writes for want of memory (`OOM command not allowed`), or null while it takes them: its used
 * memory has reached `maxmemory` (under `noeviction`, which BullMQ needs, nothing is evicted to make room).
 */
export function memoryRefusal(m: RedisMemory): string | null {
  if (m.maxBytes === 0 || m.usedBytes < m.maxBytes) return null;
  return `maxmemory reached (${mb(m.usedBytes)} used of ${mb(m.maxBytes)}, ${m.policy})`;
}

/** True for Redis's answer to a write it refuses for want of memory. */
export function isRedisOutOfMemory(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++)
    if (/^OOM command not allowed/.test(String((e as { message?: unknown }).message ?? ''))) return true;
  return false;
}
