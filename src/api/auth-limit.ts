/**
 * A limit on wrong API keys per client address (AUTH_FAILURES_PER_MINUTE over RATE_LIMIT_WINDOW_S), so that a
 * client guessing keys is slowed: the request limits (rate-limit.ts) count per principal, which a wrong key never
 * becomes, and authentication answers 401 before them. Counted in Redis like those limits (across every API
 * process; in the process while Redis does not answer).
 *
 * Once an address has sent the limit's worth of wrong keys in a window, every request of its that carries a key
 * answers 429 `too_many_failed_keys` with Retry-After until the window ends, before the key is looked at: a right
 * key is refused too, since letting it through would tell a guesser which guess was right. Requests without a
 * key, and the public routes, are not counted nor refused: they reveal nothing.
 */
import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';
import { redisKeys } from '../redis-keys.ts';
import { ApiError } from './errors.ts';
import { type FallbackCounters, perWindow } from './rate-limit.ts';

export type AuthLimitSettings = Pick<Config, 'authFailuresPerMinute' | 'rateLimitWindowS' | 'queuePrefix'>;

/** What authentication asks of the limit: whether an address may present a key, and that one was wrong. */
export interface AuthFailureLimit {
  /** Throws the 429 when `request`'s address is past the limit. */
  check(request: FastifyRequest): Promise<void>;
  /** Counts a wrong key from `request`'s address. */
  failed(request: FastifyRequest): Promise<void>;
}

/** The limit of `settings` on `counters`, or null when it is off (AUTH_FAILURES_PER_MINUTE=0). */
export function authFailureLimit(
  settings: AuthLimitSettings,
  counters: FallbackCounters,
): AuthFailureLimit | null {
  if (settings.authFailuresPerMinute === 0) return null;
  const windowS = settings.rateLimitWindowS;
  const max = perWindow(settings.authFailuresPerMinute, windowS);
  const keyOf = (request: FastifyRequest) =>
    `${redisKeys.rateLimit(settings.queuePrefix)}auth-failures:${request.ip}`;
  return {
    async check(request) {
      const { current, ttl } = await counters.peek(keyOf(request));
      if (current < max) return;
      const retryS = Math.max(1, Math.ceil(ttl / 1000));
      throw new ApiError(
        429,
        'too_many_failed_keys',
        `too many wrong API keys from this address: ${max} per ${windowS} s (AUTH_FAILURES_PER_MINUTE=${settings.authFailuresPerMinute}); retry in ${retryS} second${retryS === 1 ? '' : 's'}`,
        { 'retry-after': String(retryS) },
      );
    },
    async failed(request) {
      await counters.incr(keyOf(request), windowS * 1000);
    },
  };
}
