/** {@link Database} over embedded PGlite (one process), with pgvector loaded and the data dir locked. */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { DataDirInvalidError } from './errors.ts';
import { lockDataDir } from './lock.ts';
import { migrate } from './migrate.ts';
import { pgliteDatabase } from './pglite-database.ts';
import { discardTemplate, seedFromTemplate } from './pglite-template.ts';
import type { Database } from './types.ts';

/** Options of {@link openPglite}. */
export interface PgliteOptions {
  /** How long to wait for another process holding the data dir. @defaultValue 10000 */
  lockWaitMs?: number;
  /**
   * Cache folder holding the migrated cluster that new data dirs are copied from (see pglite-template.ts).
   * @defaultValue undefined: every new data dir runs initdb and every migration
   */
  templateDir?: string;
}

/** PGlite keeps its files in a subfolder, so the data dir can also hold the lock and other files. */
export const pgdataOf = (dataDir: string) => join(dataDir, 'pgdata');

/**
 * PostgreSQL's 128 MB of shared buffers are sized for a server; inside one process's WebAssembly heap they
 * are RSS the process keeps (`npm run bench:pipeline` prints its peak). The files stay in the OS page cache
 * either way.
 */
const START_PARAMS = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/** Opens PGlite in `dataDir/pgdata` with `vector`, after taking the data dir lock. Not migrated. */
export async function createPglite(dataDir: string, opts: PgliteOptions = {}) {
  const lock = await lockDataDir(dataDir, { waitMs: opts.lockWaitMs });
  try {
    const pg = await startPglite(pgdataOf(dataDir), opts.templateDir);
    return { pg, lock };
  } catch (err) {
    lock.release();
    throw err;
  }
}

/** A new cluster is copied from the template when it can be; a template that does not open is discarded. */
async function startPglite(pgdata: string, templateDir: string | undefined): Promise<PGlite> {
  refuseFile(pgdata);
  const create = () => PGlite.create({ dataDir: pgdata, extensions: { vector }, startParams: START_PARAMS });
  const seeded =
    templateDir !== undefined &&
    !existsSync(join(pgdata, 'PG_VERSION')) &&
    (await seedFromTemplate(templateDir, pgdata));
  if (!seeded) return create();
  try {
    return await create();
  } catch {
    discardTemplate(templateDir);
    rmSync(pgdata, { recursive: true, force: true });
    return create();
  }
}

/**
 * A `pgdata` that is a file is not ProfAI's: the template's copy would fail on it and its clean-up remove it.
 * Refused before anything is written. (A folder without PG_VERSION is left to the copy, as a copy or an initdb
 * killed half-way leaves one.)
 */
function refuseFile(pgdata: string): void {
  if (existsSync(pgdata) && !statSync(pgdata).isDirectory())
    throw new DataDirInvalidError(pgdata, 'is a file');
}

/** Opens, locks and migrates the embedded database of `dataDir`. */
export async function openPglite(dataDir: string, opts: PgliteOptions = {}): Promise<Database> {
  const { pg, lock } = await createPglite(dataDir, opts);
  try {
    const { vectorColumn } = await migrate(pgliteDatabase(pg, 'vector'));
    return pgliteDatabase(pg, vectorColumn, lock.release);
  } catch (err) {
    await pg.close();
    lock.release();
    throw err;
  }
}
