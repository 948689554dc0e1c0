/**
 * Token use and estimated cost per job, in a Redis hash under QUEUE_PREFIX keyed by the user-visible job id
 * (the PDF job, not its internal LLM stage), so the API and `profai inspect` read it with the id users know.
 */

import { type RedisClient, redisKeys } from '../redis-keys.ts';

/** What one job's LLM calls cost. `cachedCalls` were answered from the cache and cost nothing. */
export interface JobUsage {
  inputTokens: number;
  outputTokens: number;
  /** Estimated from LLM_PRICE_INPUT_PER_MTOK / LLM_PRICE_OUTPUT_PER_MTOK; 0 when no price is set. */
  costUsd: number;
  calls: number;
  cachedCalls: number;
}

/** USD per million tokens. */
export interface Prices {
  inputPerMtok: number;
  outputPerMtok: number;
}

/** Usage records live as long as failed jobs are likely to be looked at. */
const USAGE_TTL_S = 30 * 24 * 3600;

export function costOf(inputTokens: number, outputTokens: number, prices: Prices): number {
  return (inputTokens * prices.inputPerMtok + outputTokens * prices.outputPerMtok) / 1e6;
}

/** Adds one call to the job's usage. */
export async function recordUsage(
  redis: RedisClient,
  prefix: string,
  jobId: string,
  call: { inputTokens: number; outputTokens: number; cached: boolean },
  prices: Prices,
): Promise<void> {
  const key = redisKeys.llmUsage(prefix, jobId);
  const multi = redis.multi();
  if (call.cached) multi.hincrby(key, 'cachedCalls', 1);
  else {
    multi.hincrby(key, 'calls', 1);
    multi.hincrby(key, 'inputTokens', call.inputTokens);
    multi.hincrby(key, 'outputTokens', call.outputTokens);
    multi.hincrbyfloat(key, 'costUsd', costOf(call.inputTokens, call.outputTokens, prices));
  }
  multi.expire(key, USAGE_TTL_S);
  await multi.exec();
}

/**
 * The LLM usage of a job (by the id users see: `pdf-…`), or null when it made no LLM call.
 * For `profai inspect` and the API's job view.
 */
export async function readJobUsage(
  redis: RedisClient,
  prefix: string,
  jobId: string,
): Promise<JobUsage | null> {
  const h = await redis.hgetall(redisKeys.llmUsage(prefix, jobId));
  if (Object.keys(h).length === 0) return null;
  const n = (field: string) => Number(h[field] ?? 0) || 0;
  return {
    inputTokens: n('inputTokens'),
    outputTokens: n('outputTokens'),
    costUsd: Math.round(n('costUsd') * 1e6) / 1e6,
    calls: n('calls'),
    cachedCalls: n('cachedCalls'),
  };
}
