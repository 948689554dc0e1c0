/**
 * The database and vector store of a worker child: opened on the first task that needs them, reused by every
 * later task of that child, closed when the child retires. Imported lazily, so the store's drivers load only
 * in children that run storage tasks.
 */
import type { Config } from '../../config.ts';
import type { Database, VectorStore } from '../../store/types.ts';

export interface TaskStorage {
  db: Database;
  vectors: VectorStore;
}

let opened: Promise<TaskStorage> | null = null;

/** The child's storage, opening it on first use (a failed open is retried by the next task). */
export function taskStorage(config: Config): Promise<TaskStorage> {
  opened ??= (async () => {
    const { openDatabase, openVectorStore } = await import('../../store/index.ts');
    const db = await openDatabase(config);
    try {
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
}

/** Closes what {@link taskStorage} opened, if anything. */
export async function closeTaskStorage(): Promise<void> {
  const current = opened;
  opened = null;
  if (!current) return;
  const storage = await current.catch(() => null);
  if (!storage) return;
  await storage.vectors.close();
  await storage.db.close();
}
