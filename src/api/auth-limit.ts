/**
 * A limit on wrong API keys per client address (AUTH_FAILURES_PER_MINUTE over RATE_LIMIT_WINDOW_S), so that a
 * client guessing keys is slowed: the request limits (rate-limit.ts) count per principal, which a wrong key never
 * becomes, and authentication answers 401 before them. Counted in Redis like those limits (across every API
 * process; in the process while Redis does not answer).
 *
 * Once an address has sent the limit's worth of wrong keys in a window, every request of its that carries a key
 * answers 429 `too_many_failed_keys` with Retry-After until the window ends, before the key is looked at: a right
 * key is refused too, since letting it through would tell a guesser which guess was right. Requests without a
 * key, and the public routes, are not counted nor refused: they reveal nothing. A process trusts Redis's "under
 * the limit" for {@link UNDER_LIMIT_TRUST_MS}, so a key costs no Redis round trip on most requests; a wrong key
 * always does (it is counted), and one that lands past the limit is refused with the same 429.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { redisKeys } from '../redis-keys.ts';
import { ApiError } from './errors.ts';
import { type FallbackCounters, perWindow } from './rate-limit.ts';
import { unmappedAddress } from './trusted-proxy.ts';

export type AuthLimitSettings = Pick<Config, 'authFailuresPerMinute' | 'rateLimitWindowS' | 'queuePrefix'>;

/** What authentication asks of the limit: whether an address may present a key, and that one was wrong. */
export interface AuthFailureLimit {
  /** Throws the 429 when `request`'s address is past the limit. */
  check(request: FastifyRequest): Promise<void>;
  /** Counts a wrong key from `request`'s address; throws the 429 when that key was one past the limit. */
  failed(request: FastifyRequest): Promise<void>;
  /**
   * Throws the 429 when `request`'s address became past the limit while its key was being looked up: requests
   * sent at once all pass {@link check} before the one that crosses the limit is counted, and a right key among
   * them must not be told apart from the wrong ones.
   */
  recheck(request: FastifyRequest): void;
}

/**
 * The address a client is counted by: an IPv6 client by its /64 (one host or network usually holds a whole /64, and
 * counting single addresses would give a guesser 2^64 of them), an IPv4 one (also written `::ffff:a.b.c.d`) by itself.
 */
export function countedAddress(ip: string): string {
  const plain = unmappedAddress(ip);
  if (!plain.includes(':')) return plain;
  const [head = '', tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

/**
 * How long a process trusts Redis's "this address is under the limit" before asking again. Without it every
 * request with a key pays a Redis round trip (`npm run bench:limits`, row "keys": up to 0.1–0.2 ms more at p50 on
 * a cheap route, on a loaded 2-core machine).
 * An address that crosses the limit meanwhile is still stopped at once by the process that counts the crossing,
 * and by any other at its next wrong key (each wrong key is counted in Redis, and the count says it is past).
 */
export const UNDER_LIMIT_TRUST_MS = 1000;

/** Addresses a process remembers at most, per kind, before it forgets those whose word has expired. */
const REMEMBERED = 10_000;

/** The limit of `settings` on `counters`, or null when it is off (AUTH_FAILURES_PER_MINUTE=0). */
export function authFailureLimit(
  settings: AuthLimitSettings,
  counters: FallbackCounters,
): AuthFailureLimit | null {
  if (settings.authFailuresPerMinute === 0) return null;
  const windowS = settings.rateLimitWindowS;
  const max = perWindow(settings.authFailuresPerMinute, windowS);
  const keyOf = (address: string) => `${redisKeys.rateLimit(settings.queuePrefix)}auth-failures:${address}`;
  /** Addresses past the limit, until their window ends; addresses under it, as of when Redis said so. */
  const blockedUntil = new Map<string, number>();
  const underAt = new Map<string, number>();
  const remember = (map: Map<string, number>, ip: string, at: number, stale: (v: number) => boolean) => {
    if (map.size >= REMEMBERED) for (const [k, v] of map) if (stale(v)) map.delete(k);
    // Still full (a flood of fresh addresses): forget the oldest, so neither the map nor each sweep grows.
    if (map.size >= REMEMBERED) map.delete(map.keys().next().value!);
    map.set(ip, at);
  };
  const block = (ip: string, ttl: number) => {
    const now = Date.now();
    underAt.delete(ip);
    remember(blockedUntil, ip, now + ttl, (until) => until <= now);
    return refusal(ttl);
  };
  const refusal = (ttl: number) => {
    const retryS = Math.max(1, Math.ceil(ttl / 1000));
    return new ApiError(
      429,
      'too_many_failed_keys',
      `too many wrong API keys from this address: ${max} per ${windowS} s (AUTH_FAILURES_PER_MINUTE=${settings.authFailuresPerMinute}); retry in ${retryS} second${retryS === 1 ? '' : 's'}`,
      { 'retry-after': String(retryS) },
    );
  };
  const throwIfBlocked = (address: string, now: number) => {
    const until = blockedUntil.get(address);
    if (until !== undefined && until > now) throw refusal(until - now);
  };
  return {
    async check(request) {
      const address = countedAddress(request.ip);
      const now = Date.now();
      throwIfBlocked(address, now);
      const at = underAt.get(address);
      if (at !== undefined && now - at < UNDER_LIMIT_TRUST_MS) return;
      const { current, ttl } = await counters.peek(keyOf(address));
      if (current >= max) throw block(address, ttl);
      remember(underAt, address, now, (t) => now - t >= UNDER_LIMIT_TRUST_MS);
    },
    async failed(request) {
      const address = countedAddress(request.ip);
      const { current, ttl } = await counters.incr(keyOf(address), windowS * 1000);
      if (current < max) return;
      const refused = block(address, ttl);
      // One past the limit (another process let it through on a recent "under"): refused like the rest.
      if (current > max) throw refused;
    },
    recheck(request) {
      throwIfBlocked(countedAddress(request.ip), Date.now());
    },
  };
}
