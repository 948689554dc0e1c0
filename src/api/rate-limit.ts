/**
 * Per-key rate limits (@fastify/rate-limit): uploads (`POST /api/pdfs`, UPLOADS_PER_MINUTE) and every other route
 * (REQUESTS_PER_MINUTE) but /health, counted over RATE_LIMIT_WINDOW_S in Redis so that they hold across every API
 * process. The key is the request's principal (src/api/principal.ts), else the client's address. Past a limit:
 * 429 `rate_limited` with Retry-After, the limit in the message.
 *
 * Redis down: the counters fall back to this process's memory (each process then allows the limit on its own)
 * rather than failing closed, which would turn a Redis outage into an outage of every route (reading courses, the
 * app, /metrics) that does not need Redis at all; nor open, which would drop the limit on the uploads that a
 * flood sends while the queue cannot take them. Back to Redis as soon as it answers.
 */
import rateLimit, { type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { readyWithin } from '../fleet/redis.ts';
import type { RedisClient as Redis } from '../redis-keys.ts';
import { redisKeys } from '../redis-keys.ts';
import { ApiError } from './errors.ts';

export type RateLimitSettings = Pick<
  Config,
  'requestsPerMinute' | 'uploadsPerMinute' | 'rateLimitWindowS' | 'queuePrefix'
>;

/** The route whose requests count as uploads. */
const UPLOAD_ROUTE = { method: 'POST', url: '/api/pdfs' };
/** Routes never limited: probes and load balancers call /health, and must never be told to wait. */
const UNLIMITED = new Set(['/health']);

/** Whose requests these are: the principal's id, else the client's address. */
export const limitKeyOf = (request: FastifyRequest): string =>
  request.principal ? `user:${request.principal.id}` : `ip:${request.ip}`;

/** The most requests a window of `windowS` seconds allows at `perMinute` (at least one). */
export const perWindow = (perMinute: number, windowS: number) =>
  Math.max(1, Math.ceil((perMinute * windowS) / 60));

/** INCR, and the window's expiry on the first request of a window: [count, ms left]. One key, so Cluster-safe. */
const INCR_IN_WINDOW = `local current = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {current, ttl}`;

/** Longest a request waits for a connection still being made before it is counted in the process. */
const CONNECT_WAIT_MS = 1000;

type RedisWithIncr = Redis & {
  profaiRateIncr(key: string, windowMs: number): Promise<[number, number]>;
  profaiRatePeek(key: string): Promise<[number, number]>;
};

/** A counter's window as read without counting: PTTL -2 (no key) reads as an empty window. One key: Cluster-safe. */
const PEEK_IN_WINDOW = `local current = tonumber(redis.call('GET', KEYS[1]) or '0')
return {current, redis.call('PTTL', KEYS[1])}`;

/** Counters in Redis, falling back to this process's memory while Redis does not answer. */
export class FallbackCounters {
  readonly #local = new Map<string, { count: number; resetAt: number }>();
  #down = false;

  readonly redis: RedisWithIncr;

  constructor(
    redis: Redis,
    readonly warn: (message: string) => void,
  ) {
    if (!('profaiRateIncr' in redis))
      redis.defineCommand('profaiRateIncr', { numberOfKeys: 1, lua: INCR_IN_WINDOW });
    if (!('profaiRatePeek' in redis))
      redis.defineCommand('profaiRatePeek', { numberOfKeys: 1, lua: PEEK_IN_WINDOW });
    this.redis = redis as RedisWithIncr;
  }

  /** Counts one more in `key`'s window (started now when there is none): the count and the ms left. */
  incr(key: string, windowMs: number): Promise<{ current: number; ttl: number }> {
    return this.#inRedis(
      async () => {
        const [current, ttl] = await this.redis.profaiRateIncr(key, windowMs);
        return { current, ttl };
      },
      () => this.#incrLocal(key, windowMs),
    );
  }

  /** `key`'s count and ms left without counting (0 and 0 when no window is open). */
  peek(key: string): Promise<{ current: number; ttl: number }> {
    return this.#inRedis(
      async () => {
        const [current, ttl] = await this.redis.profaiRatePeek(key);
        return ttl > 0 ? { current, ttl } : { current: 0, ttl: 0 };
      },
      () => {
        const entry = this.#local.get(key);
        const ttl = entry ? entry.resetAt - Date.now() : 0;
        return entry && ttl > 0 ? { current: entry.count, ttl } : { current: 0, ttl: 0 };
      },
    );
  }

  async #inRedis<T>(remote: () => Promise<T>, local: () => T): Promise<T> {
    // Just started: the connection is on its way (a fail-fast one does not queue commands meanwhile).
    if (!this.#down && this.redis.status !== 'ready') await readyWithin(this.redis, CONNECT_WAIT_MS);
    try {
      const result = await remote();
      if (this.#down) this.warn('rate limits: counting in Redis again');
      this.#down = false;
      return result;
    } catch (err) {
      if (!this.#down)
        this.warn(
          `rate limits: Redis does not answer (${(err as Error).message}); counting in this process meanwhile`,
        );
      this.#down = true;
      return local();
    }
  }

  #incrLocal(key: string, windowMs: number): { current: number; ttl: number } {
    const now = Date.now();
    let entry = this.#local.get(key);
    if (!entry || entry.resetAt <= now) {
      // Forget the windows that are over, so that the map stays as small as the set of active keys.
      for (const [k, e] of this.#local) if (e.resetAt <= now) this.#local.delete(k);
      entry = { count: 0, resetAt: now + windowMs };
      this.#local.set(key, entry);
    }
    entry.count += 1;
    return { current: entry.count, ttl: entry.resetAt - now };
  }
}

/** A store of the plugin's shape over {@link FallbackCounters}, one key prefix per route group. */
function storeOn(counters: FallbackCounters, prefix: string): FastifyRateLimitStore {
  return {
    incr(key, callback, timeWindow) {
      counters.incr(prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (err: Error) => callback(err),
      );
    },
    child(routeOptions) {
      const route = (routeOptions as { routeInfo?: { method?: string; url?: string } }).routeInfo;
      return storeOn(counters, `${prefix}${route?.method ?? ''}${route?.url ?? ''}:`);
    },
  };
}

/**
 * Registers the limits on `app` (before the routes: the plugin hooks the routes declared after it). Does nothing
 * when both limits are 0.
 */
export async function installRateLimits(
  app: FastifyInstance,
  settings: RateLimitSettings,
  counters: FallbackCounters,
): Promise<void> {
  const windowMs = settings.rateLimitWindowS * 1000;
  const uploads = settings.uploadsPerMinute;
  const requests = settings.requestsPerMinute;
  if (uploads === 0 && requests === 0) return;
  // The uploads route gets its own limit (or none); declared before the plugin's own hook reads it.
  app.addHook('onRoute', (route) => {
    const methods = ([] as string[]).concat(route.method);
    if (route.url !== UPLOAD_ROUTE.url || !methods.includes(UPLOAD_ROUTE.method)) return;
    route.config = {
      ...(route.config as object),
      rateLimit:
        uploads === 0 ? false : { max: perWindow(uploads, settings.rateLimitWindowS), timeWindow: windowMs },
    } as typeof route.config;
  });
  const prefix = redisKeys.rateLimit(settings.queuePrefix);
  await app.register(rateLimit, {
    global: requests > 0,
    max: perWindow(requests, settings.rateLimitWindowS),
    timeWindow: windowMs,
    keyGenerator: limitKeyOf,
    allowList: (request) => UNLIMITED.has(request.routeOptions.url ?? ''),
    store: class {
      constructor() {
        // biome-ignore lint/correctness/noConstructorReturn: the plugin constructs its store; this one is shared.
        return storeOn(counters, prefix);
      }
    } as unknown as new () => FastifyRateLimitStore,
    errorResponseBuilder: (request, context) => {
      const what = request.routeOptions.url === UPLOAD_ROUTE.url ? 'uploads' : 'requests';
      const perMinute = what === 'uploads' ? uploads : requests;
      // Seconds always (the plugin's own `after` says "1 minute" for a full window): one unit a client can parse.
      const retryS = Math.max(1, Math.ceil(context.ttl / 1000));
      return new ApiError(
        429,
        'rate_limited',
        `rate limit: ${context.max} ${what} per ${settings.rateLimitWindowS} s per key (${what === 'uploads' ? 'UPLOADS' : 'REQUESTS'}_PER_MINUTE=${perMinute}); retry in ${retryS} second${retryS === 1 ? '' : 's'}`,
      );
    },
  });
}
