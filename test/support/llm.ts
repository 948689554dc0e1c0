/** Shared set-up of the LLM tests: a config pointing at the fake server, Redis under a random prefix. */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { type Config, loadConfig } from '../../src/config.ts';
import type { RedisClient } from '../../src/redis-keys.ts';

export function randomPrefix(): string {
  return `test-llm-${randomBytes(4).toString('hex')}`;
}

/** LLM settings for the fake server at `url`; fast retries; `extra` wins. */
export function llmConfig(url: string, extra: Record<string, string> = {}): Config {
  return loadConfig({
    LLM_BASE_URL: url,
    LLM_MODEL: 'fake-model',
    LLM_RETRY_BASE_MS: '20',
    LLM_TIMEOUT_S: '5',
    QUEUE_PREFIX: randomPrefix(),
    ...extra,
  });
}

export function openRedis(): Redis {
  return new Redis('redis://127.0.0.1:6379/0', { maxRetriesPerRequest: 1 });
}

/** Deletes every key under `prefix`. */
export async function dropPrefix(redis: RedisClient, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
}
