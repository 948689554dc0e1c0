import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MIGRATIONS_DIR, migrate, splitStatements } from '../../src/store/migrate.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { createTestDatabase, eachBackend, openTestDatabase } from '../support/databases.ts';
import { repoModule, startNode } from '../support/spawn.ts';

const coreVersions = readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.slice(0, 3));
const versionsIn = (folder: string) =>
  readdirSync(join(MIGRATIONS_DIR, folder))
    .filter((f) => f.endsWith('.sql'))
    .map((f) => `${folder}/${f.slice(0, 3)}`);
const vectorVersions = versionsIn('vector');
const portableVersions = versionsIn('portable');

test('splitStatements: one statement per ";" at a line end, comments dropped', () => {
  const sql =
    "-- header; not a statement\nCREATE TABLE a (x text DEFAULT 'a;b');\n\nCREATE INDEX i ON a (x);";
  assert.deepEqual(splitStatements(sql), [
    "CREATE TABLE a (x text DEFAULT 'a;b')",
    'CREATE INDEX i ON a (x)',
  ]);
});

eachBackend((db) => {
  /** `chunk_vectors.embedding`'s type as the catalog has it. */
  const columnType = async () => {
    const { rows } = await db().query<{ type: string }>(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
        WHERE attrelid = to_regclass('chunk_vectors') AND attname = 'embedding'`,
    );
    return rows[0]?.type.startsWith('vector') ? 'vector' : 'real[]';
  };

  test('records every applied version once; pgvector ones where the extension exists, else portable', async () => {
    const { rows } = await db().query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    // PGlite has pgvector; the Debian PostgreSQL the tests use does not.
    const pgvector = db().kind === 'pglite';
    const expected = [...coreVersions, ...(pgvector ? vectorVersions : portableVersions)];
    assert.deepEqual(
      rows.map((r) => r.version),
      expected.sort(),
    );
    assert.equal(db().vectorColumn, pgvector ? 'vector' : 'real[]');
  });

  test('running again applies nothing', async () => {
    const result = await migrate(db());
    assert.deepEqual(result.applied, []);
    assert.equal(result.vectorColumn, await columnType());
  });

  test('deleting a document cascades to everything under it', async () => {
    const { makeDocument } = await import('../support/store-fixtures.ts');
    const { countRows, saveProcessedDocument } = await import('../../src/store/index.ts');
    const before = await countRows(db());
    const ids = await saveProcessedDocument(db(), makeDocument());
    await db().query('DELETE FROM documents WHERE id = $1', [ids.documentId]);
    assert.deepEqual(await countRows(db()), before);
  });
});

test('the vector column is the table’s, whatever the ledger says (a portable table reloaded as pgvector)', async () => {
  // PGlite always has pgvector. The state docs/vectors.md's dump and reload with the type changed leaves:
  // portable/ in the ledger over a vector column.
  const { db, dispose } = await openTestDatabase('pglite');
  try {
    await db.query(`UPDATE schema_migrations SET version = 'portable/040' WHERE version = 'vector/001'`);
    const result = await migrate(db);
    assert.deepEqual(result.applied, []);
    assert.equal(result.vectorColumn, 'vector');
  } finally {
    await dispose();
  }
});

describe('concurrent migration', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  before(async () => {
    database = await createTestDatabase();
  });
  after(async () => database.drop());

  test('two processes migrating one fresh PostgreSQL database at once both succeed', async () => {
    // Both children load first, then start migrating at the same instant, so their migrations overlap.
    const startAt = Date.now() + 4000;
    const code = `
      const { openPostgres } = await import(${JSON.stringify(repoModule('src/store/postgres.ts'))});
      await new Promise((r) => setTimeout(r, ${startAt} - Date.now()));
      const db = await openPostgres(${JSON.stringify(database.url)});
      await db.close();
      console.log('migrated');`;
    const runs = await Promise.all([startNode(code).done, startNode(code).done]);
    for (const r of runs) assert.equal(r.code, 0, r.err);
    const db = await openPostgres(database.url);
    try {
      const { rows } = await db.query<{ version: string; n: number }>(
        'SELECT version, count(*)::int AS n FROM schema_migrations GROUP BY version ORDER BY version',
      );
      assert.deepEqual(
        rows,
        [...coreVersions, ...portableVersions].sort().map((version) => ({ version, n: 1 })),
      );
    } finally {
      await db.close();
    }
  });
});
