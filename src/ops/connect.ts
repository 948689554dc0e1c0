/**
 * Redis connections for looking at the fleet (this file loads ioredis only, so a CLI command can say
 * "cannot reach Redis" before it pays for loading BullMQ). Unlike the workers' connection (which queues commands and
 * retries forever, as BullMQ needs), these fail fast: a command while Redis is down rejects at once,
 * so `profai monitor` can say so in one line and `/metrics` can keep answering.
 */
import { Redis, type RedisOptions } from 'ioredis';
import type { Config } from '../config.ts';
import { ProfaiError } from '../domain/errors.ts';
import { describeRedisUrl } from '../fleet/redis.ts';

/** Redis did not answer: `cannot reach Redis at redis://host:port (ECONNREFUSED)`. */
export class RedisUnreachableError extends ProfaiError {
  constructor(url: string, reason: string) {
    super('redis_unreachable', `cannot reach Redis at ${redisAddress(url)} (${reason})`);
  }
}

/** `redis://host:port` (database shown when not 0), password hidden. */
export function redisAddress(url: string): string {
  return describeRedisUrl(url).replace(/\/0$/, '');
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

/** `promise`, or a rejection with `onTimeout()` after `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const lastErrors = new WeakMap<Redis, string>();

/** Why `redis` last failed to connect (`ECONNREFUSED`), while it is not ready; needs {@link recordConnectionErrors}. */
export function lastConnectionError(redis: Redis): string | undefined {
  return lastErrors.get(redis);
}

/** Remembers the latest connection error of `redis` until it is ready again. */
export function recordConnectionErrors(redis: Redis): void {
  redis.on('error', (err) => lastErrors.set(redis, connectionReason(err)));
  redis.on('ready', () => lastErrors.delete(redis));
}

/** Commands fail at once while disconnected instead of waiting in a queue. */
export const failFast: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
};

/**
 * Connects once, for a CLI command (fleet/queues.ts's `fleetClientOn` then adds the queues): rejects with
 * {@link RedisUnreachableError} within about `connectTimeoutMs` when Redis does not answer; no retries. With `reconnect`, a connection that later
 * drops is retried every second or so (for `--watch`).
 * @param opts.connectTimeoutMs - @defaultValue 2000
 * @param opts.reconnect - @defaultValue false
 */
export async function connectOps(
  config: Config,
  opts: { connectTimeoutMs?: number; reconnect?: boolean } = {},
): Promise<Redis> {
  const timeoutMs = opts.connectTimeoutMs ?? 2000;
  const redis = new Redis(config.redisUrl, {
    ...failFast,
    connectTimeout: timeoutMs,
    // A server that accepted the connection but never answers would keep the half-closed socket (and
    // this process) alive for ioredis's default 2 s after disconnect().
    disconnectTimeout: 100,
    retryStrategy: () => null,
  });
  // The socket's error (ECONNREFUSED) comes as an event; connect() then only says "Connection is closed".
  let socketError: unknown;
  redis.on('error', (err) => {
    socketError ??= err;
  });
  try {
    await withTimeout(
      redis.connect().then(() => redis.ping()),
      timeoutMs + 500,
      () => Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }),
    );
  } catch (err) {
    redis.disconnect();
    throw new RedisUnreachableError(config.redisUrl, connectionReason(socketError ?? err));
  }
  if (opts.reconnect) {
    redis.options.retryStrategy = (times) => Math.min(times * 250, 1000);
    recordConnectionErrors(redis);
  }
  return redis;
}
