/**
 * The fleet-wide LLM rate limit: requests and tokens per window (a minute), counted in ONE Redis sorted set
 * under QUEUE_PREFIX that every worker shares. Lua scripts check and record atomically, on Redis' clock, so
 * workers on different hosts never disagree about the window.
 *
 * Sliding window log that is exact at the provider's end: the provider counts a request when it ARRIVES, which
 * is some time after the slot was granted (a busy event loop, a new connection). So a granted request stays in
 * the window as "in flight" (scored in the future) until it is settled, and is then stamped with the time its
 * answer came back, which is after it arrived. Any two requests that arrive less than a window apart have
 * therefore counted against each other, whatever the delays. Entries are `id:tokens`.
 */

import { randomUUID } from 'node:crypto';
import { sleep } from '../lib/time.ts';
import type { RedisClient } from '../redis-keys.ts';

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

/** KEYS[1] zset; ARGV window, rpm, tpm, tokens, member, inFlightMs → 0 (granted) or ms to wait. */
const ACQUIRE = `${NOW}
local key = KEYS[1]
local window = tonumber(ARGV[1])
local rpm = tonumber(ARGV[2])
local tpm = tonumber(ARGV[3])
local tokens = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
local count = #entries / 2
local function tokensOf(i) return tonumber(string.match(entries[i], ':(%d+)$') or '0') end
local used = 0
for i = 1, #entries, 2 do used = used + tokensOf(i) end
local wait = 0
if rpm > 0 and count + 1 > rpm then
  wait = tonumber(entries[(count + 1 - rpm) * 2]) + window - now
end
if tpm > 0 and count > 0 and used + tokens > tpm then
  local freed = 0
  for i = 1, #entries, 2 do
    freed = freed + tokensOf(i)
    if used - freed + tokens <= tpm or i + 2 > #entries then
      local w = tonumber(entries[i + 1]) + window - now
      if w > wait then wait = w end
      break
    end
  end
end
if wait > 0 then return wait end
redis.call('ZADD', key, now + tonumber(ARGV[6]), ARGV[5])
redis.call('PEXPIRE', key, window + tonumber(ARGV[6]))
return 0
`;

/** KEYS[1] zset; ARGV member → restamps the member with now (when it is still there). */
const SETTLE = `${NOW}
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then redis.call('ZADD', KEYS[1], 'XX', now, ARGV[1]) end
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
  /** Longest a request may stay in flight before its slot is presumed lost (a dead worker). @defaultValue 600000 */
  inFlightMs?: number;
}

/** A granted slot; settle it once the request's answer (or failure) is back. */
export interface RateTicket {
  settle(): Promise<void>;
}

const NO_TICKET: RateTicket = { settle: async () => {} };

/** Shared limiter: every instance on the same Redis key counts against the same limits. */
export class RedisRateLimiter {
  readonly #window: number;

  constructor(
    private readonly redis: RedisClient,
    private readonly key: string,
    private readonly limits: RateLimits,
  ) {
    this.#window = limits.windowMs ?? 60_000;
  }

  get enabled(): boolean {
    return this.limits.rpm > 0 || this.limits.tpm > 0;
  }

  /** Waits until a request of `tokens` may go, and records it as in flight. Rejects when `signal` aborts. */
  async acquire(tokens: number, signal?: AbortSignal): Promise<RateTicket> {
    if (!this.enabled) return NO_TICKET;
    const booked = Math.max(0, Math.round(tokens));
    const member = `${randomUUID()}:${booked}`;
    const inFlight = this.limits.inFlightMs ?? 600_000;
    for (;;) {
      signal?.throwIfAborted();
      const args = [this.#window, this.limits.rpm, this.limits.tpm, booked, member, inFlight];
      const wait = Number(await this.redis.eval(ACQUIRE, 1, this.key, ...args));
      if (wait <= 0) return { settle: () => this.settle(member) };
      // A wait longer than the window means in-flight requests hold the slots: poll until they settle.
      await sleep(wait > this.#window ? Math.min(this.#window / 10, 1000) : wait + 1, signal);
    }
  }

  private async settle(member: string): Promise<void> {
    await this.redis.eval(SETTLE, 1, this.key, member).catch(() => {});
  }
}
