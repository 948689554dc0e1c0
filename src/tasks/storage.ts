/**
 * The database and vector store of a process running tasks: opened on the first task that needs them, reused by
 * every later task, closed when the process retires. Imported lazily, so the store's drivers load only in
 * processes that run storage tasks.
 */

import { type Config, ConfigError } from '../config.ts';
import type { Database, VectorStore } from '../store/types.ts';
import type { TaskSettings } from './settings.ts';

export interface TaskStorage {
  db: Database;
  vectors: VectorStore;
}

/** A storage opened once on first use (a failed open is retried by the next call) and closed on demand. */
export interface LazyStorage {
  get(): Promise<TaskStorage>;
  close(): Promise<void>;
}

/** A {@link LazyStorage} whose database comes from `openDb`; the vector store follows the config. */
function lazyStorage(config: TaskSettings, openDb: () => Promise<Database>): LazyStorage {
  let opened: Promise<TaskStorage> | null = null;
  return {
    get() {
      opened ??= (async () => {
        const db = await openDb();
        try {
          const { openVectorStore } = await import('../store/vectors/index.ts');
          return { db, vectors: await openVectorStore(config, db) };
        } catch (err) {
          await db.close();
          throw err;
        }
      })().catch((err: unknown) => {
        opened = null;
        throw err;
      });
      return opened;
    },
    async close() {
      const current = opened;
      opened = null;
      const storage = current ? await current.catch(() => null) : null;
      if (!storage) return;
      await storage.vectors.close();
      await storage.db.close();
    },
  };
}

/** A worker child's storage: PGlite or PostgreSQL as the config says. */
export const storageFor = (config: TaskSettings): LazyStorage =>
  lazyStorage(config, async () => (await import('../store/index.ts')).openDatabase(config));

/**
 * The supervisor's storage for the tasks it runs itself: PostgreSQL (a worker always has DATABASE_URL), opened
 * without the store's index, which would load PGlite into the supervisor for nothing.
 */
export const supervisorStorageFor = (config: TaskSettings): LazyStorage =>
  lazyStorage(config, async () => {
    requireDatabase(config);
    const { openPostgres } = await import('../store/postgres.ts');
    return openPostgres(config.databaseUrl!);
  });

/** A task that writes to the database needs one shared by every worker: the embedded one is single-process. */
export function requireDatabase(config: Pick<Config, 'databaseUrl'>): void {
  if (!config.databaseUrl)
    throw new ConfigError(
      'DATABASE_URL is required for a worker (the embedded database is single-process; `profai up` serves one to its workers)',
    );
}
