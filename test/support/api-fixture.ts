/**
 * One API under test on real services: a fresh PostgreSQL database, a test-started Chroma, the machine's
 * Redis under a random QUEUE_PREFIX, a temporary UPLOAD_DIR. `stop()` removes all of it.
 */

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { type ApiDeps, buildApi } from '../../src/api/server.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { FleetClient } from '../../src/fleet/queues.ts';
import { openDatabase, openVectorStore } from '../../src/store/index.ts';
import type { Database, VectorStore } from '../../src/store/types.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { createTestDatabase } from './api.ts';
import { type ChromaServer, startChroma } from './chroma.ts';

export const REDIS_URL = 'redis://127.0.0.1:6379/0';

export interface ApiFixture {
  config: Config;
  deps: ApiDeps;
  app: FastifyInstance;
  uploadDir: string;
  redis: Redis;
  /** The test's Chroma (to halt and restart it: an outage). */
  chroma: ChromaServer;
  /** Another app on the same services with some settings changed (closed by `stop`). */
  variant(changes: Partial<Config>, deps?: Partial<ApiDeps>): Promise<FastifyInstance>;
  stop(): Promise<void>;
}

export async function startApiFixture(): Promise<ApiFixture> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch((err) => console.error('cleanup:', err));
  };
  try {
    const dir = await mkdtemp(join(tmpdir(), 'profai-api-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pgdb = await createTestDatabase();
    cleanups.push(() => pgdb.drop());
    const chroma = await startChroma();
    cleanups.push(() => chroma.stop());
    const prefix = `profai_api_test_${randomBytes(4).toString('hex')}`;
    const redis = new Redis(REDIS_URL);
    cleanups.push(async () => {
      await deleteKeys(redis, prefix);
      await redis.quit();
    });
    const config = loadConfig({
      DATABASE_URL: pgdb.url,
      CHROMA_URL: chroma.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
      UPLOAD_DIR: join(dir, 'uploads'),
      DOCUMENTS_DIR: join(dir, 'documents'),
      LOG_LEVEL: 'silent',
    });
    const db: Database = await openDatabase(config);
    cleanups.push(() => db.close());
    const vectors: VectorStore = await openVectorStore(config, db);
    cleanups.push(() => vectors.close());
    const fleet: FleetClient = openProfaiClient(config);
    cleanups.push(() => fleet.close());
    const deps: ApiDeps = { config, db, vectors, fleet, redisPing: async () => void (await redis.ping()) };
    const app = await buildApi(deps);
    cleanups.push(() => app.close());
    const variant = async (changes: Partial<Config>, more: Partial<ApiDeps> = {}) => {
      const other = await buildApi({ ...deps, ...more, config: { ...config, ...changes } });
      cleanups.push(() => other.close());
      return other;
    };
    return { config, deps, app, uploadDir: join(dir, 'uploads'), redis, chroma, variant, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Every Redis key under `prefix:`. */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  const keys = await keysUnder(redis, prefix);
  if (keys.length > 0) await redis.del(...keys);
}
