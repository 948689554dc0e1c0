/**
 * The database and vector store of a process running tasks: opened on the first task that needs them, reused by
 * every later task, closed when the process retires. Imported lazily, so the store's drivers load only in
 * processes that run storage tasks.
 */
import type { Config } from '../../config.ts';
import type { Database, VectorStore } from '../../store/types.ts';

export interface TaskStorage {
  db: Database;
  vectors: VectorStore;
}

/** A storage opened once on first use (a failed open is retried by the next call) and closed on demand. */
export interface LazyStorage {
  get(config: Config): Promise<TaskStorage>;
  close(): Promise<void>;
}

/** Builds a {@link LazyStorage} whose database comes from `openDb`; the vector store follows the config. */
export function lazyStorage(openDb: (config: Config) => Promise<Database>): LazyStorage {
  let opened: Promise<TaskStorage> | null = null;
  return {
    get(config) {
      opened ??= (async () => {
        const db = await openDb(config);
        try {
          const { openVectorStore } = await import('../../store/vectors/index.ts');
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
const childStorage = lazyStorage(async (config) =>
  (await import('../../store/index.ts')).openDatabase(config),
);

export const taskStorage = (config: Config) => childStorage.get(config);
export const closeTaskStorage = () => childStorage.close();
