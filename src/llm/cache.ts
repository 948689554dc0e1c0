/**
 * Accepted LLM answers cached in Redis by the hash of the request (model, messages, limits, seed), with a TTL.
 * Only answers that passed validation and grounding are stored, so a retried job replays good answers for free
 * and asks again where the model was wrong.
 */

import { createHash } from 'node:crypto';
import { type RedisClient, redisKeys } from '../redis-keys.ts';

/** A cached answer and what it cost when it was first asked. */
export interface CachedAnswer {
  text: string;
  inputTokens: number;
  outputTokens: number;
}

export class ResponseCache {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
    private readonly ttlS: number,
  ) {}

  /** The cache key of a request: any change of model, prompt or limits is a different request. */
  keyOf(request: unknown): string {
    const hash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
    return redisKeys.llmCache(this.prefix, hash);
  }

  async get(key: string): Promise<CachedAnswer | null> {
    if (this.ttlS <= 0) return null;
    const raw = await this.redis.get(key);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as CachedAnswer;
    } catch {
      return null;
    }
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    if (this.ttlS <= 0) return;
    await this.redis.set(key, JSON.stringify(answer), 'EX', this.ttlS);
  }
}
