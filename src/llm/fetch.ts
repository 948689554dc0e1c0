/**
 * The `fetch` the AI SDK provider uses: it takes the fleet-wide rate-limit slot right before the request leaves
 * and settles it when the answer is back (see rate-limit.ts), and starts the per-request timeout only then, so
 * time spent waiting for a slot is not counted against LLM_TIMEOUT_S.
 */
import type { RedisRateLimiter } from './rate-limit.ts';

/** Header by which the client tells the fetch how many tokens the request books; never sent. */
export const TOKENS_HEADER = 'x-profai-booked-tokens';

export interface GuardedFetchOptions {
  limiter?: RedisRateLimiter;
  timeoutMs: number;
}

export function guardedFetch(o: GuardedFetchOptions): typeof fetch {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    const tokens = Number(headers.get(TOKENS_HEADER) ?? 0) || 0;
    headers.delete(TOKENS_HEADER);
    const outer = init.signal ?? undefined;
    const ticket = await o.limiter?.acquire(tokens, outer);
    const timeout = AbortSignal.timeout(o.timeoutMs);
    try {
      return await fetch(input, {
        ...init,
        headers,
        signal: outer ? AbortSignal.any([outer, timeout]) : timeout,
      });
    } finally {
      // The answer's headers are back, so the request has arrived: from now on it counts from this moment.
      void ticket?.settle();
    }
  };
}

/** True when `err` (or what it wraps) is the abort of an expired timeout. */
export function isTimeout(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++)
    if ((e as { name?: unknown }).name === 'TimeoutError') return true;
  return false;
}
