/**
 * Every Redis connection ProfAI makes, of two kinds:
 * - {@link queueRedis}: for BullMQ Queues and Workers. Commands wait in a queue while Redis is down and the
 *   connection retries forever, as BullMQ needs for its blocking commands.
 * - {@link failFastRedis}: for readers (monitor, inspect, /metrics, /health) and for the API's own counters (the
 *   rate limiter: {@link apiRateLimitRedis}). A command while Redis is down rejects at once, so a reader can say
 *   so in one line and keep answering; it reconnects in the background.
 *
 * Each is made from the settings by {@link createRedis}: one Redis at REDIS_URL, the master that Sentinels name
 * (REDIS_SENTINELS), followed through failovers, or a Redis Cluster (REDIS_CLUSTER_NODES).
 */
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';
import type { RedisSettings } from '../config.ts';
import { withTimeout } from '../lib/time.ts';
import type { RedisClient } from '../redis-keys.ts';

export { REDIS_SETTINGS, type RedisSettings } from '../config.ts';
export { describeRedis } from '../lib/urls.ts';
export type { RedisClient } from '../redis-keys.ts';

/** A bare URL (as tests pass) means one Redis at it. */
function redisAt(url: string): RedisSettings {
  return {
    redisUrl: url,
    redisSentinels: [],
    redisSentinelMaster: 'mymaster',
    redisSentinelPassword: undefined,
    redisClusterNodes: [],
    redisUsername: undefined,
    redisPassword: undefined,
  };
}

const settingsOf = (target: RedisSettings | string) =>
  typeof target === 'string' ? redisAt(target) : target;

const hostPort = (item: string) => {
  const at = item.lastIndexOf(':');
  return { host: item.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(item.slice(at + 1)) };
};

/** The database number of REDIS_URL (`/2` → 2), which Sentinel connections also select. */
function dbOf(url: string): number {
  try {
    return Number(new URL(url).pathname.replace(/^\//, '')) || 0;
  } catch {
    return 0;
  }
}

/**
 * A master demoted to replica answers writes with `READONLY`: reconnect (Sentinels then name the new master) and
 * send the command again there.
 */
const reconnectOnReadOnly = (err: Error): 2 | false => (err.message.startsWith('READONLY') ? 2 : false);

/**
 * A connection to Redis as the settings say: `options` are the per-server options (retries, queueing, timeouts),
 * the same for every kind. Under Sentinel a lost connection asks the Sentinels for the master again, and a
 * master demoted to replica (`READONLY`) is left for the new one. ioredis's `failoverDetector` is not used: in
 * ioredis 5.11 a switch announced while the connection is reconnecting ends it for good (`Connection is
 * closed`, status `end`), which leaves a BullMQ worker silently idle.
 */
export function createRedis(target: RedisSettings | string, options: RedisOptions = {}): RedisClient {
  const s = settingsOf(target);
  const auth = {
    ...(s.redisUsername ? { username: s.redisUsername } : {}),
    ...(s.redisPassword ? { password: s.redisPassword } : {}),
  };
  if (s.redisClusterNodes.length > 0) {
    const { lazyConnect, enableOfflineQueue, retryStrategy, ...perNode } = options;
    const clusterOptions: ClusterOptions = {
      redisOptions: { ...perNode, ...auth },
      ...(lazyConnect !== undefined ? { lazyConnect } : {}),
      ...(enableOfflineQueue !== undefined ? { enableOfflineQueue } : {}),
      ...(retryStrategy ? { clusterRetryStrategy: (times: number) => retryStrategy(times) } : {}),
      // While a failed master's replica takes over (seconds), its slots answer CLUSTERDOWN or MOVED to the dead
      // node: a command retries every 200 ms. ioredis gives up after maxRedirections (16, about 3 s): a job's
      // completion that gave up would fail the job and run it again. A queue connection waits out about 30 s;
      // a reader's keeps ioredis's 16 and says Redis is down.
      retryDelayOnClusterDown: 200,
      retryDelayOnFailover: 200,
      retryDelayOnTryAgain: 200,
      ...(perNode.maxRetriesPerRequest === null ? { maxRedirections: 150 } : {}),
      slotsRefreshTimeout: 2000,
    };
    return new Cluster(s.redisClusterNodes.map(hostPort), clusterOptions);
  }
  if (s.redisSentinels.length > 0)
    return new Redis({
      ...options,
      ...auth,
      sentinels: s.redisSentinels.map(hostPort),
      name: s.redisSentinelMaster,
      ...(s.redisSentinelPassword ? { sentinelPassword: s.redisSentinelPassword } : {}),
      db: dbOf(s.redisUrl),
      reconnectOnError: reconnectOnReadOnly,
      // A Sentinel that is down is skipped; all of them down is retried like a server that is down.
      sentinelRetryStrategy: (times) => Math.min(times * 200, 1000),
    });
  return new Redis(s.redisUrl, { ...options, ...auth, reconnectOnError: reconnectOnReadOnly });
}

/** A connection usable by BullMQ (`maxRetriesPerRequest: null`, as BullMQ requires), also for the fleet's own keys. */
export function queueRedis(target: RedisSettings | string): RedisClient {
  return createRedis(target, { maxRetriesPerRequest: null, enableReadyCheck: true });
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
export function failFastRedis(
  target: RedisSettings | string,
  opts: { connectTimeoutMs?: number } = {},
): RedisClient {
  const redis = createRedis(target, {
    ...FAIL_FAST,
    connectTimeout: opts.connectTimeoutMs ?? 1000,
    retryStrategy: (times) => Math.min(times * 200, 1000),
  });
  recordConnectionErrors(redis);
  redis.connect().catch(() => {});
  return redis;
}

/**
 * The API's connection for its own counters (request rate limits): a {@link failFastRedis}, so that a request
 * never waits on a Redis that is down (the limiter decides what an unanswered count means). One per API process.
 */
export function apiRateLimitRedis(config: RedisSettings): RedisClient {
  return failFastRedis(config);
}

/**
 * Every key matching `pattern`, from every master (a Cluster's keys are spread over its masters; SCAN on the
 * cluster object would ask one node only).
 */
export async function scanKeys(redis: RedisClient, pattern: string): Promise<string[]> {
  const nodes = redis instanceof Cluster ? redis.nodes('master') : [redis];
  const keys: string[] = [];
  for (const node of nodes) {
    let cursor = '0';
    do {
      const [next, found] = await node.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      cursor = next;
      keys.push(...found);
    } while (cursor !== '0');
  }
  return keys;
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

const lastErrors = new WeakMap<RedisClient, string>();

/** Why `redis` last failed to connect (`ECONNREFUSED`), while it is not ready; needs {@link recordConnectionErrors}. */
export function lastConnectionError(redis: RedisClient): string | undefined {
  return lastErrors.get(redis);
}

/** Remembers the latest connection error of `redis` until it is ready again (and keeps ioredis from printing it). */
export function recordConnectionErrors(redis: RedisClient): void {
  redis.on('error', (err) => lastErrors.set(redis, connectionReason(err)));
  redis.on('ready', () => lastErrors.delete(redis));
}

/**
 * Waits until `redis` is ready, at most `ms`: true when it is. A connection known to be down
 * (`reconnecting`, `end`) is not waited for.
 */
export async function readyWithin(redis: RedisClient, ms: number): Promise<boolean> {
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

/**
 * `INFO memory` of the server ProfAI's keys fill: the one Redis, or on a cluster the master nearest its
 * `maxmemory` (the fleet's keys share one slot; asking every master finds its node without knowing the slot map).
 */
export async function memoryInfo(redis: RedisClient): Promise<string> {
  if (!(redis instanceof Cluster)) return redis.info('memory');
  const infos = await Promise.all(redis.nodes('master').map((node) => node.info('memory')));
  const fill = (info: string) => {
    const m = parseRedisMemory(info);
    return m.maxBytes ? m.usedBytes / m.maxBytes : 0;
  };
  return infos.reduce((fullest, info) => (fill(info) > fill(fullest) ? info : fullest));
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
