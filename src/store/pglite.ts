/** {@link Database} over embedded PGlite (one process), with pgvector loaded and the data dir locked. */
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { lockDataDir } from './lock.ts';
import { migrate } from './migrate.ts';
import type { Database, Sql } from './types.ts';

/** Options of {@link openPglite}. */
export interface PgliteOptions {
  /** How long to wait for another process holding the data dir. @defaultValue 10000 */
  lockWaitMs?: number;
}

/** PGlite keeps its files in a subfolder, so the data dir can also hold the lock and other files. */
export const pgdataOf = (dataDir: string) => join(dataDir, 'pgdata');

/** Opens PGlite in `dataDir/pgdata` with `vector`, after taking the data dir lock. Not migrated. */
export async function createPglite(dataDir: string, opts: PgliteOptions = {}) {
  const lock = await lockDataDir(dataDir, { waitMs: opts.lockWaitMs });
  try {
    const pg = await PGlite.create({ dataDir: pgdataOf(dataDir), extensions: { vector } });
    return { pg, lock };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** Wraps an open PGlite as a {@link Database}; `onClose` runs after PGlite closes. */
export function pgliteDatabase(pg: PGlite, hasVector: boolean, onClose: () => void = () => {}): Database {
  const asSql = (q: Pick<PGlite, 'query'>): Sql => ({
    query: async <R>(text: string, params?: readonly unknown[]) => ({
      rows: (await q.query<R>(text, params as unknown[] | undefined)).rows,
    }),
  });
  return {
    kind: 'pglite',
    hasVector,
    ...asSql(pg),
    transaction: (fn) => pg.transaction((tx) => fn(asSql(tx))),
    close: async () => {
      if (!pg.closed) await pg.close();
      onClose();
    },
  };
}

/** Opens, locks and migrates the embedded database of `dataDir`. */
export async function openPglite(dataDir: string, opts: PgliteOptions = {}): Promise<Database> {
  const { pg, lock } = await createPglite(dataDir, opts);
  try {
    const { hasVector } = await migrate(pgliteDatabase(pg, false));
    return pgliteDatabase(pg, hasVector, lock.release);
  } catch (err) {
    await pg.close();
    lock.release();
    throw err;
  }
}
