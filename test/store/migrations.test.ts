import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { MIGRATIONS_DIR, migrate, splitStatements } from '../../src/store/migrate.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { createTestDatabase, eachBackend } from '../support/databases.ts';
import { repoModule, startNode } from '../support/spawn.ts';

const coreVersions = readdirSync(MIGRATIONS_DIR)
  .filter((f) => f.endsWith('.sql'))
  .map((f) => f.slice(0, 3));
const vectorVersions = readdirSync(join(MIGRATIONS_DIR, 'vector'))
  .filter((f) => f.endsWith('.sql'))
  .map((f) => `vector/${f.slice(0, 3)}`);

test('splitStatements: one statement per ";" at a line end, comments dropped', () => {
  const sql =
    "-- header; not a statement\nCREATE TABLE a (x text DEFAULT 'a;b');\n\nCREATE INDEX i ON a (x);";
  assert.deepEqual(splitStatements(sql), [
    "CREATE TABLE a (x text DEFAULT 'a;b')",
    'CREATE INDEX i ON a (x)',
  ]);
});

eachBackend((db) => {
  test('records every applied version once; vector ones only where the extension exists', async () => {
    const { rows } = await db().query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    const expected = db().kind === 'pglite' ? [...coreVersions, ...vectorVersions] : coreVersions;
    assert.deepEqual(
      rows.map((r) => r.version),
      expected.sort(),
    );
    assert.equal(db().hasVector, db().kind === 'pglite');
  });

  test('running again applies nothing', async () => {
    const result = await migrate(db());
    assert.deepEqual(result.applied, []);
    assert.equal(result.hasVector, db().hasVector);
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
        coreVersions.map((version) => ({ version, n: 1 })),
      );
    } finally {
      await db.close();
    }
  });
});
