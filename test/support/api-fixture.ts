/**
 * One API under test on real services: a fresh PostgreSQL database (holding the vectors too:
 * VECTOR_STORE=postgres), the machine's Redis under a random QUEUE_PREFIX, a temporary UPLOAD_DIR. `stop()`
 * removes all of it.
 */

import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Redis } from 'ioredis';
import { type ApiDeps, buildApi } from '../../src/api/server.ts';
import { type Config, loadConfig } from '../../src/config.ts';
import type { FleetClient } from '../../src/fleet/queues.ts';
import { addUser, openDatabase, openVectorStore } from '../../src/store/index.ts';
import type { Database, VectorStore } from '../../src/store/types.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { createTestDatabase } from './api.ts';
import { type ChromaServer, startChroma } from './chroma.ts';

export const REDIS_URL = 'redis://127.0.0.1:6379/0';

export interface ApiFixture {
  config: Config;
  /** The key of the admin user the fixture signs in as (keys on), or undefined (open mode). */
  adminKey: string | undefined;
  /** The admin user the fixture signs in as (keys on): what the audit trail names as the actor. */
  admin: { id: string; name: string } | undefined;
  deps: ApiDeps;
  app: FastifyInstance;
  uploadDir: string;
  redis: Redis;
  /** The test's Chroma when started with `vectorStore: 'chroma'` (to halt and restart it: an outage). */
  chroma: ChromaServer | undefined;
  /**
   * Another app on the same services with some settings changed (closed by `stop`). It signs in with
   * {@link adminKey} like `app`, unless the changes set their own API_KEY.
   */
  variant(changes: Partial<Config>, deps?: Partial<ApiDeps>): Promise<FastifyInstance>;
  stop(): Promise<void>;
}

/**
 * Options of {@link startApiFixture}.
 * `keys`: an admin user is added and every request of `app` (and variants) carries its key unless it sets
 * `authorization` or `x-api-key` itself, so the API runs as deployed (keys on, no open mode). @defaultValue true
 */
/**
 * `vectorStore`: where the vectors live; `chroma` starts a Chroma of the test's own. @defaultValue 'postgres'
 */
export async function startApiFixture(
  opts: { keys?: boolean; vectorStore?: 'postgres' | 'chroma' } = {},
): Promise<ApiFixture> {
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const c of cleanups.reverse()) await c().catch((err) => console.error('cleanup:', err));
  };
  try {
    const dir = await mkdtemp(join(tmpdir(), 'profai-api-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pgdb = await createTestDatabase();
    cleanups.push(() => pgdb.drop());
    const prefix = `profai_api_test_${randomBytes(4).toString('hex')}`;
    const redis = new Redis(REDIS_URL);
    cleanups.push(async () => {
      await deleteKeys(redis, prefix);
      await redis.quit();
    });
    const chroma = opts.vectorStore === 'chroma' ? await startChroma() : undefined;
    if (chroma) cleanups.push(() => chroma.stop());
    const config = loadConfig({
      ...(chroma ? { VECTOR_STORE: 'chroma', CHROMA_URL: chroma.url } : {}),
      DATABASE_URL: pgdb.url,
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
    const added = opts.keys === false ? undefined : await addUser(db, 'fixture-admin', 'admin');
    const adminKey = added?.key;
    const admin = added && { id: added.user.id, name: added.user.name };
    const app = signedIn(await buildApi(deps), adminKey);
    cleanups.push(() => app.close());
    const variant = async (changes: Partial<Config>, more: Partial<ApiDeps> = {}) => {
      const other = await buildApi({ ...deps, ...more, config: { ...config, ...changes } });
      cleanups.push(() => other.close());
      return 'apiKey' in changes ? other : signedIn(other, adminKey);
    };
    return {
      config,
      adminKey,
      admin,
      deps,
      app,
      uploadDir: join(dir, 'uploads'),
      redis,
      chroma,
      variant,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** `app` whose injected requests carry `key` unless they carry a key (or an Authorization) of their own. */
export function signedIn(app: FastifyInstance, key: string | undefined): FastifyInstance {
  if (!key) return app;
  const inject = app.inject.bind(app) as (o: InjectOptions) => Promise<LightMyRequestResponse>;
  const withKey = (given: string | InjectOptions) => {
    const o: InjectOptions = typeof given === 'string' ? { url: given } : { ...given };
    const headers = { ...(o.headers ?? {}) } as Record<string, unknown>;
    const named = Object.keys(headers).map((h) => h.toLowerCase());
    if (!named.includes('authorization') && !named.includes('x-api-key'))
      headers.authorization = `Bearer ${key}`;
    return inject({ ...o, headers: headers as InjectOptions['headers'] });
  };
  return Object.assign(app, { inject: withKey }) as FastifyInstance;
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
