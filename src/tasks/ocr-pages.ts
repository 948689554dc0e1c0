/**
 * The pages a split document's OCR range jobs read, kept in Redis until its assembly job has used them: one hash
 * per document (by SHA-256), one field per page (gzipped JSON), expiring. Redis, not PostgreSQL: every worker
 * reaches it already (the queue is there), the data is transient and rebuilt by OCR if lost, and a TTL cleans up
 * after documents whose assembly never comes, with no migration or sweep. Writes are idempotent: a range
 * read twice (a killed worker's range redone) writes the same fields again.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { DependencyUnavailableError, ProfaiError } from '../domain/errors.ts';
import type { RecognisedPage } from '../pipeline/ocr.ts';
import type { RedisClient } from '../redis-keys.ts';
import { redisKeys } from '../redis-keys.ts';

/** Pages wait this long for their assembly (ranges queued behind other work, retries, outages included). */
export const OCR_PAGES_TTL_S = 7 * 24 * 3600;

/** Redis errors as a dependency being down: the job waits for it instead of failing. */
async function onRedis<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ProfaiError) throw err;
    throw new DependencyUnavailableError('redis', `${what}: ${(err as Error).message}`, err);
  }
}

/** Stores `pages` of the document `sha256` (overwriting a page read before) and renews the key's TTL. */
export async function saveOcrPages(
  redis: RedisClient,
  prefix: string,
  sha256: string,
  pages: readonly RecognisedPage[],
): Promise<void> {
  if (pages.length === 0) return;
  const fields: (string | Buffer)[] = [];
  for (const page of pages) fields.push(String(page.page), await promisify(gzip)(JSON.stringify(page)));
  const key = redisKeys.ocrPages(prefix, sha256);
  await onRedis('storing OCR pages', () =>
    redis
      .multi()
      .hset(key, ...fields)
      .expire(key, OCR_PAGES_TTL_S)
      .exec(),
  );
}

/** Every stored page of the document `sha256`, by page number (empty when none is). */
export async function loadOcrPages(
  redis: RedisClient,
  prefix: string,
  sha256: string,
): Promise<Map<number, RecognisedPage>> {
  const stored = await onRedis('reading OCR pages', () =>
    redis.hgetallBuffer(redisKeys.ocrPages(prefix, sha256)),
  );
  const pages = new Map<number, RecognisedPage>();
  for (const [field, body] of Object.entries(stored))
    pages.set(Number(field), JSON.parse((await promisify(gunzip)(body)).toString()) as RecognisedPage);
  return pages;
}

/** Forgets the document's pages once it is assembled (the TTL does it otherwise). */
export async function dropOcrPages(redis: RedisClient, prefix: string, sha256: string): Promise<void> {
  await redis.del(redisKeys.ocrPages(prefix, sha256));
}
