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
