/**
 * The fleet-wide LLM rate limit: requests and tokens per window (a minute), counted in ONE Redis sorted set
 * under QUEUE_PREFIX that every worker shares. A Lua script checks and records atomically, on Redis' clock, so
 * workers on different hosts never disagree about the window.
 *
 * Sliding window log: each granted request is an entry `id:tokens` scored with its grant time. A request is
 * granted when the entries of the last window, plus it, stay within both limits; otherwise the script answers
 * how long until enough entries leave the window. Entries are kept a little past the window (2 %) because the
 * provider counts arrivals, which trail grants by network jitter.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const SCRIPT = `
local key = KEYS[1]
local window = tonumber(ARGV[1])
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local tokens = tonumber(ARGV[4])
local member = ARGV[5]
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
local count = #entries / 2
local used = 0
for i = 1, #entries, 2 do
  used = used + tonumber(string.match(entries[i], ':(%d+)$') or '0')
end
local wait = 0
if rpm > 0 and count + 1 > rpm then
  local idx = (count + 1 - rpm) * 2
  wait = tonumber(entries[idx]) + window - now
end
if tpm > 0 and count > 0 and used + tokens > tpm then
  local freed = 0
  for i = 1, #entries, 2 do
    freed = freed + tonumber(string.match(entries[i], ':(%d+)$') or '0')
    if used - freed + tokens <= tpm or i + 2 > #entries then
      local w = tonumber(entries[i + 1]) + window - now
      if w > wait then wait = w end
      break
    end
  end
end
if wait > 0 then return wait end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window + 1000)
return 0
`;

/** Options of {@link RedisRateLimiter}. 0 turns a limit off. */
export interface RateLimits {
  /** Requests per window. */
  rpm: number;
  /** Tokens per window. */
  tpm: number;
  /** @defaultValue 60000 */
  windowMs?: number;
}

/** Shared limiter: every instance on the same Redis key counts against the same limits. */
export class RedisRateLimiter {
  readonly #window: number;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly limits: RateLimits,
  ) {
    const window = limits.windowMs ?? 60_000;
    this.#window = Math.round(window * 1.02);
  }

  /** The Redis key of the fleet's limiter under `prefix`. */
  static keyFor(prefix: string): string {
    return `${prefix}:llm:rate`;
  }

  get enabled(): boolean {
    return this.limits.rpm > 0 || this.limits.tpm > 0;
  }

  /** Waits until a request of `tokens` may go, and records it. Rejects when `signal` aborts. */
  async acquire(tokens: number, signal?: AbortSignal): Promise<void> {
    if (!this.enabled) return;
    const member = `${randomUUID()}:${Math.max(0, Math.round(tokens))}`;
    for (;;) {
      signal?.throwIfAborted();
      const wait = Number(
        await this.redis.eval(
          SCRIPT,
          1,
          this.key,
          this.#window,
          this.limits.rpm,
          this.limits.tpm,
          Math.max(0, Math.round(tokens)),
          member,
        ),
      );
      if (wait <= 0) return;
      await sleep(Math.min(wait, this.#window) + 1, signal);
    }
  }
}

/** setTimeout as a promise that an abort signal ends early (with the signal's reason). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
