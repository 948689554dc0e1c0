/**
 * Versioned SQL migrations from `migrations/` (core), then the chunk vectors' table from one of two folders:
 * `migrations/vector/` (a pgvector column) where the extension is available, else `migrations/portable/` (a
 * `real[]` column). The choice sticks: a database that has the portable table keeps it even once pgvector is
 * installed (moving it is a dump and reload, not a migration). Safe when several processes start at once: each migration runs in its own
 * transaction holding a transaction-scoped advisory lock and re-checks `schema_migrations` under it.
 *
 * Why `pg_advisory_xact_lock` rather than a session lock around the whole run: a `pg` Pool gives no
 * guarantee that lock and unlock run on the same connection, and the PGlite socket server multiplexes
 * every client onto one session (where session locks never block). A transaction pins one connection on
 * both, so the transaction-scoped lock serialises migrators everywhere.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Sql, VectorColumn } from './types.ts';

/** One migration file. `version` is `001` for core files, `vector/001` or `portable/040` for the vectors' ones. */
export interface Migration {
  version: string;
  name: string;
  statements: string[];
}

/** What {@link migrate} did. */
export interface MigrationResult {
  /** Versions applied by this call (empty when the schema was current). */
  applied: string[];
  /** The type of `chunk_vectors.embedding`: pgvector's `vector`, or the portable `real[]`. */
  vectorColumn: VectorColumn;
}

/** What the runner needs of a database: queries and transactions. */
export interface Migratable extends Sql {
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

/** Folder of the migration files, beside `src/` (and beside `dist/` in a build). */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Arbitrary constant shared by every ProfAI process: the advisory lock key of the migration runner. */
const MIGRATION_LOCK_KEY = 7_262_001;
const FILE_PATTERN = /^(\d{3,})_([\w-]+)\.sql$/;

/** Splits a migration file into statements: `;` at a line end closes one; `--` comments are dropped. */
export function splitStatements(sql: string): string[] {
  const withoutComments = sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Reads the `NNN_name.sql` files of `dir` in version order; `prefix` namespaces their versions. */
export function loadMigrations(dir: string, prefix = ''): Migration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((file) => ({ file, match: FILE_PATTERN.exec(file) }))
    .filter((f): f is { file: string; match: RegExpExecArray } => f.match !== null)
    .sort((a, b) => a.file.localeCompare(b.file))
    .map(({ file, match }) => ({
      version: `${prefix}${match[1]}`,
      name: match[2]!,
      statements: splitStatements(readFileSync(`${dir}/${file}`, 'utf8')),
    }));
}

/**
 * sha256 over every migration file of `dir` (its subfolders' too), by path and content: what names a cluster
 * migrated with them (pglite-template.ts), so a changed or added migration never reuses an older one.
 */
export function migrationsFingerprint(dir: string = MIGRATIONS_DIR): string {
  const hash = createHash('sha256');
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.sql'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
  for (const file of files)
    hash
      .update(`${file}\0`)
      .update(readFileSync(join(dir, file)))
      .update('\0');
  return hash.digest('hex');
}

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

async function appliedVersions(db: Sql): Promise<Set<string>> {
  const { rows: ledger } = await db.query<{ present: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  if (!ledger[0]?.present) return new Set();
  const { rows } = await db.query<{ version: string }>('SELECT version FROM schema_migrations');
  return new Set(rows.map((r) => r.version));
}

/** Applies one migration unless another process did while we waited for the lock. True when applied. */
async function applyOne(db: Migratable, m: Migration): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(CREATE_LEDGER);
    const { rows } = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
    if (rows.length > 0) return false;
    for (const statement of m.statements) await tx.query(statement);
    await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    return true;
  });
}

async function vectorAvailable(db: Sql): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM pg_available_extensions WHERE name = 'vector'`);
  return rows.length > 0;
}

/** The type of `chunk_vectors.embedding`, or null before the table exists. */
async function vectorColumnOf(db: Sql): Promise<VectorColumn | null> {
  const { rows } = await db.query<{ type: string | null }>(
    `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = to_regclass('chunk_vectors') AND attname = 'embedding'`,
  );
  const type = rows[0]?.type;
  if (!type) return null;
  return type === 'vector' || type.startsWith('vector(') ? 'vector' : 'real[]';
}

/**
 * Brings the schema up to date: core migrations, then those of the vectors' table (pgvector's where the
 * extension is available and the portable table does not exist yet, else the portable ones).
 * @param dir - folder of the migration files. @defaultValue {@link MIGRATIONS_DIR}
 */
export async function migrate(db: Migratable, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> {
  const done = await appliedVersions(db);
  const pending = loadMigrations(dir).filter((m) => !done.has(m.version));
  const inLedger = (folder: string) => [...done].some((v) => v.startsWith(`${folder}/`));
  // A folder in the ledger is the one chosen before: asking the catalog again (pg_available_extensions reads
  // every extension's control file) cost each start of a current PGlite data dir ~0.2 s.
  const folder =
    !inLedger('portable') && (inLedger('vector') || (await vectorAvailable(db))) ? 'vector' : 'portable';
  pending.push(...loadMigrations(`${dir}/${folder}`, `${folder}/`).filter((m) => !done.has(m.version)));
  const applied: string[] = [];
  for (const m of pending) if (await applyOne(db, m)) applied.push(m.version);
  // The column's type is asked, never taken from the ledger: docs/vectors.md moves a portable table to pgvector
  // by a dump and reload with the type changed, which leaves portable/ in the ledger over a vector column.
  return { applied, vectorColumn: (await vectorColumnOf(db)) ?? 'real[]' };
}
