/**
 * VECTOR_STORE=postgres on the three ways a database keeps vectors: PGlite (pgvector, binary COPY), PGlite over
 * the wire protocol (pgvector through `pg`: the path of Neon and the compose image), and the Debian PostgreSQL
 * the tests run on, which has no pgvector (the portable `real[]` column).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { VectorStoreUnavailableError } from '../../src/store/errors.ts';
import { countRows, openDatabase, saveProcessedDocument } from '../../src/store/index.ts';
import { type PgliteServer, servePglite } from '../../src/store/pglite-server.ts';
import type { Database, VectorColumn, VectorStore } from '../../src/store/types.ts';
import { openVectorStore } from '../../src/store/vectors/index.ts';
import { freshPgliteDir, openTestDatabase } from '../support/databases.ts';
import { makeDocument } from '../support/store-fixtures.ts';
import { unit, vectorStoreSuite } from './vector-suite.ts';

interface Backend {
  name: string;
  column: VectorColumn;
  open(): Promise<{ db: Database; dispose(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  { name: 'PGlite (pgvector, binary COPY)', column: 'vector', open: () => openTestDatabase('pglite') },
  {
    name: 'PGlite over the wire (pgvector through pg)',
    column: 'vector',
    async open() {
      const data = await freshPgliteDir();
      const server: PgliteServer = await servePglite(data.dir);
      const db = await openDatabase(loadConfig({ DATABASE_URL: server.url }));
      return {
        db,
        async dispose() {
          await db.close();
          await server.close();
          data.remove();
        },
      };
    },
  },
  {
    name: 'PostgreSQL 15 without pgvector (real[])',
    column: 'real[]',
    open: () => openTestDatabase('postgres'),
  },
];

for (const backend of BACKENDS) {
  describe(backend.name, () => {
    let t: { db: Database; dispose(): Promise<void> };
    let store: VectorStore;
    before(async () => {
      t = await backend.open();
      store = await openVectorStore(loadConfig({}), t.db);
    });
    after(async () => {
      await store?.close();
      await t?.dispose();
    });

    test('VECTOR_STORE=postgres (the default) keeps vectors in the database, in the expected column', () => {
      assert.equal(loadConfig({}).vectorStore, 'postgres');
      assert.equal(store.kind, 'postgres');
      assert.equal(t.db.vectorColumn, backend.column);
    });

    vectorStoreSuite(() => store, randomBytes(4).toString('hex'));

    test('a search within one document ranks only its chunks, by cosine', async () => {
      const space = { name: `rank-${randomBytes(4).toString('hex')}`, dimension: 4 };
      const record = (documentId: string, i: number, embedding: Float32Array) => ({
        chunkId: `${documentId}:${i}`,
        documentId,
        embedding,
        page: i + 1,
        sectionPath: '',
        text: `${documentId} ${i}`,
      });
      await store.upsert(space, [
        record('mine', 0, new Float32Array([1, 0, 0, 0])),
        record('mine', 1, new Float32Array([1, 1, 0, 0])),
        record('mine', 2, new Float32Array([0, 0, 0, 3])),
        record('theirs', 0, new Float32Array([2, 0, 0, 0])),
      ]);
      const hits = await store.query(space, new Float32Array([3, 1, 0, 0]), 10, 'mine');
      assert.deepEqual(
        hits.map((h) => h.chunkId),
        ['mine:0', 'mine:1', 'mine:2'],
      );
      // cos([3,1],[1,0]) = 3/√10; cos([3,1],[1,1]) = 4/√20; orthogonal = 0.
      const expected = [3 / Math.sqrt(10), 4 / Math.sqrt(20), 0];
      for (const [i, h] of hits.entries())
        assert.ok(Math.abs(h.score - expected[i]!) < 1e-5, `${h.chunkId} ${h.score}`);
    });

    test("vectors are written by the document's transaction: a failure after the chunks rolls them back", async () => {
      const space = { name: `tx-${randomBytes(4).toString('hex')}`, dimension: 4 };
      const doc = makeDocument({ chunks: 5 });
      const records = doc.chunks.map((c, i) => ({
        chunkId: c.id,
        documentId: c.documentId,
        embedding: unit(4, i),
        page: c.pageStart,
        sectionPath: c.sectionPath.join(' › '),
        text: c.text,
      }));
      const before = await countRows(t.db);
      let written = false;
      await assert.rejects(
        saveProcessedDocument(t.db, doc, space, async (tx) => {
          await store.upsertIn!(tx, space, records);
          // Seen inside the transaction…
          const { rows } = await tx.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM chunk_vectors WHERE document_id = $1',
            [doc.documentId],
          );
          assert.equal(rows[0]?.n, 5);
          written = true;
          await tx.query('SELECT 1/0');
        }),
        /division by zero/,
      );
      assert.ok(written);
      // …and gone with the chunks once it rolled back.
      assert.deepEqual(await countRows(t.db), before);
      assert.equal(await store.count(space, doc.documentId), 0);
      const ids = await saveProcessedDocument(t.db, doc, space, (tx) => store.upsertIn!(tx, space, records));
      assert.equal(ids.created, true);
      assert.equal(await store.count(space, doc.documentId), 5);
      const { rows } = await t.db.query<{ v: number }>(
        `SELECT (stats->>'vectorsSeconds')::float8 AS v FROM documents WHERE id = $1`,
        [doc.documentId],
      );
      assert.ok(rows[0]!.v >= 0, 'the time spent writing vectors is in the stats');
      // Saved again (a retried job): nothing is written, the vectors stay as they are.
      const again = await saveProcessedDocument(t.db, doc, space, async () => assert.fail('not new'));
      assert.equal(again.created, false);
    });

    test('several vector batches fit in one transaction (the staging table is dropped after each)', async () => {
      const space = { name: `batches-${randomBytes(4).toString('hex')}`, dimension: 4 };
      const records = Array.from({ length: 1203 }, (_, i) => ({
        chunkId: `b:${i}`,
        documentId: 'b',
        embedding: unit(4, i),
        page: 1,
        sectionPath: '',
        text: `${i}`,
      }));
      await t.db.transaction(async (tx) => {
        await store.upsertIn!(tx, space, records);
        await store.upsertIn!(tx, space, records.slice(0, 10));
      });
      assert.equal(await store.count(space, 'b'), 1203);
    });
  });
}

test('VECTOR_STORE=chroma without CHROMA_URL: one line naming both settings', async () => {
  const t = await openTestDatabase('pglite');
  try {
    const config = loadConfig({ VECTOR_STORE: 'chroma' });
    const err = await openVectorStore(config, t.db).catch((e: unknown) => e);
    assert.ok(err instanceof VectorStoreUnavailableError);
    assert.equal(err.code, 'vector_store_unavailable');
    assert.doesNotMatch(err.message, /\n/);
    assert.match(err.message, /VECTOR_STORE=chroma needs CHROMA_URL/);
  } finally {
    await t.dispose();
  }
});

describe('PGlite: binary COPY', () => {
  let t: { db: Database; dispose(): Promise<void> };
  let store: VectorStore;
  before(async () => {
    t = await openTestDatabase('pglite');
    store = await openVectorStore(loadConfig({}), t.db);
  });
  after(async () => {
    await store?.close();
    await t?.dispose();
  });

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
});

describe('PostgreSQL: real[] keeps every float4', () => {
  let t: { db: Database; dispose(): Promise<void> };
  before(async () => {
    t = await openTestDatabase('postgres');
  });
  after(async () => t?.dispose());

  test('numbers come back exactly as the Float32Array held them', async () => {
    const store = await openVectorStore(loadConfig({}), t.db);
    const embedding = new Float32Array([0.1, -1e-30, 3.4028234663852886e38, 1 / 3, -0]);
    await store.upsert({ name: 'exact', dimension: 5 }, [
      { chunkId: 'e:0', documentId: 'e', embedding, page: 1, sectionPath: '', text: 'NUL\0dropped' },
    ]);
    const { rows } = await t.db.query<{ e: number[]; text: string }>(
      `SELECT embedding AS e, text FROM chunk_vectors WHERE space = 'exact/5'`,
    );
    assert.deepEqual([...new Float32Array(rows[0]!.e)].map(String), [...embedding].map(String));
    assert.equal(rows[0]!.text, 'NULdropped');
  });
});
