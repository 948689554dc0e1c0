/**
 * The one retry policy for calls to the provider, chat and embeddings alike: a 408, 429 or 5xx answer, a
 * timeout or a network failure is retried up to LLM_MAX_RETRIES times, after the provider's Retry-After when it
 * gives one, else an exponential backoff with jitter from LLM_RETRY_BASE_MS. Anything else (400, 401…) is the
 * request's fault and fails at once, permanently. The SDK's own retries are off (`maxRetries: 0`) everywhere.
 */
import { APICallError } from 'ai';
import { sleep } from '../lib/time.ts';
import { LlmProviderError, LlmTimeoutError } from './errors.ts';
import { isTimeout } from './fetch.ts';

/** How a call is retried (the LLM_* settings of the same names). */
export interface RetryPolicy {
  /** LLM_MAX_RETRIES */
  maxRetries: number;
  /** LLM_RETRY_BASE_MS */
  retryBaseMs: number;
  /** LLM_TIMEOUT_S, for the timeout's message (the timeout itself is the provider fetch's: fetch.ts). */
  timeoutS: number;
  /** Ends waits between attempts (worker shutdown). */
  signal?: AbortSignal;
}

/** Longest Retry-After honoured; a provider asking for more is treated as down. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/**
 * `call()` under the policy. `what` names the provider in errors (`LLM provider`, `embeddings provider`).
 * @throws LlmProviderError (permanent when the provider refused the request) or LlmTimeoutError.
 */
export async function withRetries<T>(what: string, policy: RetryPolicy, call: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let attempt = 0; attempt <= policy.maxRetries; attempt++) {
    try {
      return await call();
    } catch (err) {
      policy.signal?.throwIfAborted();
      const timedOut = isTimeout(err);
      last = err;
      if (!timedOut && !isRetryable(err)) throw providerError(what, err, attempt + 1, true);
      if (attempt === policy.maxRetries) break;
      await sleep(retryDelay(err, attempt, policy.retryBaseMs), policy.signal);
    }
  }
  if (isTimeout(last)) throw new LlmTimeoutError(policy.timeoutS, policy.maxRetries + 1, last);
  throw providerError(what, last, policy.maxRetries + 1, false);
}

function isRetryable(err: unknown): boolean {
  if (APICallError.isInstance(err)) {
    const s = err.statusCode;
    return s === undefined || s === 408 || s === 429 || s >= 500 || err.isRetryable;
  }
  return err instanceof TypeError; // fetch's network failures
}

/** Retry-After (seconds or HTTP date) or retry-after-ms when given, else exponential backoff with jitter. */
export function retryDelay(err: unknown, attempt: number, baseMs: number): number {
  const headers = APICallError.isInstance(err) ? (err.responseHeaders ?? {}) : {};
  const ms = headers['retry-after-ms'];
  if (ms && Number.isFinite(Number(ms))) return Math.min(Number(ms), MAX_RETRY_AFTER_MS);
  const after = headers['retry-after'];
  if (after) {
    const seconds = Number(after);
    const wait = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(after) - Date.now();
    if (Number.isFinite(wait) && wait >= 0) return Math.min(wait, MAX_RETRY_AFTER_MS);
  }
  return baseMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
}

/** The provider's own reason, one line: `LLM provider: HTTP 500: upstream overloaded (3 attempts)`. */
function providerError(what: string, err: unknown, attempts: number, refused: boolean): LlmProviderError {
  if (APICallError.isInstance(err)) {
    const status = err.statusCode;
    const reason = err.message.split('\n')[0] || 'no reason given';
    const head = status ? `HTTP ${status}: ` : '';
    return new LlmProviderError(
      `${what}: ${head}${reason} (${attempts} attempt(s))`,
      refused && status !== undefined && status < 500 && status !== 429,
      status,
      err,
    );
  }
  const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
  return new LlmProviderError(`${what}: ${reason} (${attempts} attempt(s))`, false, undefined, err);
}
