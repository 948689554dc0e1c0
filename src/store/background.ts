/**
 * Storage for a long-running server (the API) that must start, and stay up, while PostgreSQL or Chroma is down:
 * the database is connected and migrated in the background, retried until it answers, and every call made
 * before that fails at once with DependencyUnavailableError (the API answers 503 with Retry-After); the vector
 * store is opened on first use and again after a failed open.
 */
import { DependencyUnavailableError } from '../domain/errors.ts';
import { sleep } from '../lib/time.ts';
import { migrate } from './migrate.ts';
import { openPool, postgresDatabase, translatePgError } from './postgres.ts';
import type { Database, VectorStore } from './types.ts';
import { openVectorStore, type VectorStoreSettings } from './vectors/index.ts';
import { postgresVectorStore } from './vectors/postgres.ts';

/** A {@link Database} that is connecting in the background, and how to know when it is ready. */
export interface BackgroundDatabase extends Database {
  /** Resolves once connected and migrated (never rejects; `close()` ends the trying). */
  readonly ready: Promise<void>;
}

/**
 * PostgreSQL at `url`, migrated once it answers: tried now, then after 1 s, doubling up to `maxDelayMs`.
 * @param opts.onRetry - told why each try failed (for a log line).
 */
export function openPostgresInBackground(
  url: string,
  opts: { maxDelayMs?: number; onRetry?: (reason: string) => void } = {},
): BackgroundDatabase {
  const pool = openPool(url);
  let live: Database | null = null;
  let closed = false;
  const closing = new AbortController();
  const ready = (async () => {
    for (let tries = 0; !closed; tries++) {
      try {
        const { vectorColumn } = await migrate(postgresDatabase(pool, 'real[]'));
        live = postgresDatabase(pool, vectorColumn);
        return;
      } catch (err) {
        if (closed) return;
        opts.onRetry?.((translatePgError(err) as Error).message);
        await sleep(Math.min(opts.maxDelayMs ?? 30_000, 1000 * 2 ** tries), closing.signal).catch(() => {});
      }
    }
  })();
  const current = (): Database => {
    if (live) return live;
    throw new DependencyUnavailableError('postgres', 'not connected yet');
  };
  return {
    kind: 'postgres',
    get vectorColumn() {
      return current().vectorColumn;
    },
    ready,
    query: (text, params) => current().query(text, params),
    transaction: (fn) => current().transaction(fn),
    async close() {
      closed = true;
      closing.abort();
      await pool.end();
    },
  };
}

/**
 * The vector store the configuration names: the database's own (which answers once the database does), or
 * Chroma opened on first use (and again after an open that failed).
 */
export function openVectorStoreOnUse(config: VectorStoreSettings, db: Database): VectorStore {
  if (config.vectorStore === 'postgres') return postgresVectorStore(db);
  let opened: Promise<VectorStore> | null = null;
  const store = () =>
    (opened ??= openVectorStore(config, db).catch((err: unknown) => {
      opened = null;
      throw err;
    }));
  return {
    kind: 'chroma',
    upsert: async (space, records) => (await store()).upsert(space, records),
    query: async (space, embedding, k, documentId) => (await store()).query(space, embedding, k, documentId),
    count: async (space, documentId) => (await store()).count(space, documentId),
    deleteDocument: async (space, documentId) => (await store()).deleteDocument(space, documentId),
    deleteChunks: async (space, chunkIds) => (await store()).deleteChunks(space, chunkIds),
    chunkIds: async (space, documentId) => (await store()).chunkIds(space, documentId),
    documentCounts: async (space) => (await store()).documentCounts(space),
    spaces: async () => (await store()).spaces(),
    ping: async () => (await store()).ping(),
    async close() {
      const open = opened;
      opened = null;
      await (await open?.catch(() => null))?.close();
    },
  };
}
