/**
 * The databases every repository test runs on: PGlite in a temp dir, and a fresh database on the real
 * PostgreSQL (dropped afterwards). Use {@link eachBackend} to run one suite on both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/store/index.ts';
import type { Database } from '../../src/store/types.ts';

/** Server and maintenance database where test databases are created. */
export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A temp dir removed by the returned function. */
export function tempDir(prefix = 'profai-store-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A temp data dir for PGlite. Empty: opening it copies the migrated cluster ProfAI keeps in its cache folder
 * (src/store/pglite-template.ts) instead of running initdb, so the first test to open one on a machine pays
 * initdb and later ones ~2 s.
 */
export async function freshPgliteDir(): Promise<{ dir: string; remove(): void }> {
  return tempDir();
}

/** Creates `profai_test_<random>` and returns its URL and a dropper. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `profai_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = ADMIN_URL.replace(/\/postgres$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated database of one kind, and how to dispose of it. */
export interface TestDatabase {
  db: Database;
  dispose(): Promise<void>;
}

export async function openTestDatabase(kind: 'pglite' | 'postgres'): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const tmp = await freshPgliteDir();
    const db = await openDatabase(loadConfig({ PROFAI_DATA_DIR: tmp.dir }));
    const dispose = async () => {
      await db.close();
      tmp.remove();
    };
    return { db, dispose };
  }
  const pgdb = await createTestDatabase();
  const db = await openDatabase(loadConfig({ DATABASE_URL: pgdb.url }));
  const dispose = async () => {
    await db.close();
    await pgdb.drop();
  };
  return { db, dispose };
}

/**
 * Runs `suite` once per backend, each with its own database opened before and disposed after.
 * `suite` gets a getter because the database exists only once `before` has run.
 */
export function eachBackend(suite: (getDb: () => Database) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    describe(kind, () => {
      let t: TestDatabase | undefined;
      before(async () => {
        t = await openTestDatabase(kind);
      });
      after(async () => t?.dispose());
      suite(() => t!.db);
    });
  }
}
