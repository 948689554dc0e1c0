import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { DataDirLockedError } from '../../src/store/errors.ts';
import {
  countRows,
  getCourse,
  openDatabase,
  openVectorStore,
  saveProcessedDocument,
} from '../../src/store/index.ts';
import { lockDataDir } from '../../src/store/lock.ts';
import { type PgliteServer, servePglite } from '../../src/store/pglite-server.ts';
import type { Database } from '../../src/store/types.ts';
import { freshPgliteDir } from '../support/databases.ts';
import { repoModule, startNode, waitForOutput } from '../support/spawn.ts';
import { makeDocument } from '../support/store-fixtures.ts';
import { unit } from './vector-suite.ts';

describe('PGlite served over the wire protocol', () => {
  let data: Awaited<ReturnType<typeof freshPgliteDir>>;
  let server: PgliteServer;
  let db: Database;
  before(async () => {
    data = await freshPgliteDir();
    server = await servePglite(data.dir);
    db = await openDatabase(loadConfig({ DATABASE_URL: server.url }));
  });
  after(async () => {
    await db?.close();
    await server?.close();
    data?.remove();
  });

  test('clients see a migrated PostgreSQL with pgvector', async () => {
    assert.match(server.url, /^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres\?sslmode=disable$/);
    assert.equal(db.kind, 'postgres');
    assert.equal(db.vectorColumn, 'vector');
    const store = await openVectorStore({ vectorStore: 'postgres', chromaUrl: undefined }, db);
    const space = { name: 'served', dimension: 4 };
    await store.upsert(space, [
      { chunkId: 'a:0', documentId: 'a', embedding: unit(4, 1), page: 1, sectionPath: '', text: 'x' },
    ]);
    assert.equal((await store.query(space, unit(4, 1), 1))[0]?.chunkId, 'a:0');
  });

  test('the server holds the data dir lock', async () => {
    await assert.rejects(lockDataDir(data.dir, { waitMs: 0 }), DataDirLockedError);
  });

  test('another process saves a document that this one reads', async () => {
    const doc = makeDocument({ title: 'From a child' });
    const code = `
      const { openDatabase, saveProcessedDocument } = await import(${JSON.stringify(repoModule('src/store/index.ts'))});
      const db = await openDatabase({ databaseUrl: ${JSON.stringify(server.url)} });
      const ids = await saveProcessedDocument(db, ${JSON.stringify(doc)});
      await db.close();
      console.log(JSON.stringify(ids));`;
    const { code: exit, out, err } = await startNode(code).done;
    assert.equal(exit, 0, err);
    const ids = JSON.parse(out.trim()) as { courseId: string; created: boolean };
    assert.equal(ids.created, true);
    assert.equal((await getCourse(db, ids.courseId))?.title, 'From a child');
  });

  test('an SQL error does not stall the server', async () => {
    await assert.rejects(db.query('SELECT * FROM no_such_table'));
    await assert.rejects(db.transaction(async (tx) => tx.query('SELECT 1/0')));
    assert.deepEqual((await db.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  });

  test('a statement from another client waits for an open transaction to end', async () => {
    const a = new pg.Client({ connectionString: server.url });
    const b = new pg.Client({ connectionString: server.url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      const order: string[] = [];
      await a.query('BEGIN');
      await a.query(`INSERT INTO schema_migrations (version, name) VALUES ('zz-wait', 'test')`);
      const read = b
        .query(`SELECT count(*)::int AS n FROM schema_migrations WHERE version = 'zz-wait'`)
        .then((r) => {
          order.push('b read');
          return r.rows[0].n as number;
        });
      await new Promise((r) => setTimeout(r, 200));
      order.push('a commit');
      await a.query('COMMIT');
      assert.equal(await read, 1, 'b saw the committed row, so it ran after the commit');
      assert.deepEqual(order, ['a commit', 'b read']);
    } finally {
      await db.query(`DELETE FROM schema_migrations WHERE version = 'zz-wait'`);
      await Promise.all([a.end(), b.end()]);
    }
  });

  test('a client killed inside a transaction is rolled back and others go on', async () => {
    const code = `
      const pg = (await import('pg')).default;
      const c = new pg.Client({ connectionString: ${JSON.stringify(server.url)} });
      await c.connect();
      await c.query('BEGIN');
      await c.query("INSERT INTO schema_migrations (version, name) VALUES ('zz-killed', 'test')");
      console.log('in-tx');
      await new Promise((r) => setTimeout(r, 60000));`;
    const child = startNode(code);
    await waitForOutput(child.child, 'in-tx');
    child.child.kill('SIGKILL');
    await child.done;
    const { rows } = await db.query(`SELECT 1 FROM schema_migrations WHERE version = 'zz-killed'`);
    assert.deepEqual(rows, []);
  });

  test('six pools of short transactions all commit', async () => {
    const before = (await countRows(db)).documents!;
    const pools = await Promise.all(
      Array.from({ length: 6 }, () => openDatabase(loadConfig({ DATABASE_URL: server.url }))),
    );
    try {
      await Promise.all(
        pools.map(async (p) => {
          for (let i = 0; i < 5; i++) await saveProcessedDocument(p, makeDocument({ chunks: 4 }));
        }),
      );
    } finally {
      await Promise.all(pools.map((p) => p.close()));
    }
    assert.equal((await countRows(db)).documents! - before, 30);
  });
});
