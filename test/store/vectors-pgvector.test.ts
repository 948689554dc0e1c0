import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { VectorStoreUnavailableError } from '../../src/store/errors.ts';
import { countRows } from '../../src/store/index.ts';
import type { VectorStore } from '../../src/store/types.ts';
import { openVectorStore } from '../../src/store/vectors/index.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { unit, vectorStoreSuite } from './vector-suite.ts';

describe('pgvector in PGlite', () => {
  let t: TestDatabase;
  let store: VectorStore;
  before(async () => {
    t = await openTestDatabase('pglite');
    store = await openVectorStore({ chromaUrl: undefined }, t.db);
  });
  after(async () => {
    await store?.close();
    await t?.dispose();
  });

  test('openVectorStore picks pgvector when the database has it', () => {
    assert.equal(store.kind, 'pgvector');
  });

  vectorStoreSuite(() => store, randomBytes(4).toString('hex'));

  test('vectors go in by binary COPY: every float4 exact, text as written but for NUL', async () => {
    assert.ok(t.db.copyFrom, 'PGlite offers COPY from a blob');
    const space = { name: 'exact', dimension: 5 };
    const embedding = new Float32Array([0.1, -1e-30, 3.4028234663852886e38, 1 / 3, -0]);
    const text = 'Größe 数据 🙂 "quoted", back\\slash\ttab\0gone';
    const records = [
      { chunkId: 'e:0', documentId: 'e', embedding, page: 2147483647, sectionPath: 'A › B', text },
    ];
    await store.upsert(space, records);
    await store.upsert(space, records);
    const { rows } = await t.db.query<{
      e: string;
      page: number;
      section_path: string;
      text: string;
      n: number;
    }>(
      `SELECT embedding::text AS e, page, section_path, text, count(*) OVER ()::int AS n
         FROM chunk_vectors WHERE space = 'exact/5'`,
    );
    assert.equal(rows.length, 1);
    const stored = new Float32Array(JSON.parse(rows[0]!.e) as number[]);
    assert.deepEqual([...stored].map(String), [...embedding].map(String));
    assert.equal(rows[0]!.page, 2147483647);
    assert.equal(rows[0]!.section_path, 'A › B');
    assert.equal(rows[0]!.text, text.replace('\0', ''));
  });

  test('vectors are rows of chunk_vectors, counted with the other tables', async () => {
    const before = (await countRows(t.db)).chunk_vectors!;
    await store.upsert({ name: 'rows', dimension: 4 }, [
      { chunkId: 'x:0', documentId: 'x', embedding: unit(4, 0), page: 1, sectionPath: '', text: 't' },
    ]);
    assert.equal((await countRows(t.db)).chunk_vectors, before + 1);
  });
});

describe('PostgreSQL without pgvector', () => {
  let t: TestDatabase;
  before(async () => {
    t = await openTestDatabase('postgres');
  });
  after(async () => t?.dispose());

  test('no CHROMA_URL and no pgvector: one line naming both options', async () => {
    assert.equal(t.db.hasVector, false);
    const err = await openVectorStore({ chromaUrl: undefined }, t.db).catch((e: unknown) => e);
    assert.ok(err instanceof VectorStoreUnavailableError);
    assert.equal(err.code, 'vector_store_unavailable');
    assert.doesNotMatch(err.message, /\n/);
    assert.match(err.message, /CHROMA_URL/);
    assert.match(err.message, /pgvector/);
  });
});
