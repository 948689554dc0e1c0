import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ChromaClient, IncludeEnum } from 'chromadb';
import type { Database, VectorStore } from '../../src/store/types.ts';
import { chromaClientArgs, chromaStore, collectionName } from '../../src/store/vectors/chroma.ts';
import { openVectorStore } from '../../src/store/vectors/index.ts';
import { type ChromaServer, startChroma } from '../support/chroma.ts';
import { unit, vectorStoreSuite } from './vector-suite.ts';

test('collection names are sanitised to what Chroma accepts', () => {
  assert.equal(collectionName({ name: 'hash-ngram-v1', dimension: 384 }), 'profai_hash-ngram-v1_384');
  assert.equal(
    collectionName({ name: 'openai/text embedding..3', dimension: 1536 }),
    'profai_openai_text_embedding_3_1536',
  );
});

describe('chroma', () => {
  let server: ChromaServer;
  let store: VectorStore;
  before(async () => {
    server = await startChroma();
    // VECTOR_STORE=chroma: the database is not used (here there is none).
    const noDatabase = {} as Database;
    store = await openVectorStore({ vectorStore: 'chroma', chromaUrl: server.url }, noDatabase);
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });

  test('openVectorStore picks Chroma for VECTOR_STORE=chroma', () => {
    assert.equal(store.kind, 'chroma');
  });

  vectorStoreSuite(() => store, randomBytes(4).toString('hex'));

  test('chunk text is kept in metadata, not as a full-text-indexed Chroma document', async () => {
    const space = { name: `meta-${randomBytes(4).toString('hex')}`, dimension: 8 };
    const record = { documentId: 'doc', page: 2, sectionPath: 'A', text: 'the chunk text' };
    await store.upsert(space, [{ ...record, chunkId: 'doc:0', embedding: unit(8, 0) }]);
    const raw = new ChromaClient(chromaClientArgs(server.url));
    const collection = await raw.getCollection({ name: collectionName(space) });
    const got = await collection.get({
      ids: ['doc:0'],
      include: [IncludeEnum.documents, IncludeEnum.metadatas],
    });
    assert.equal(got.documents[0] ?? null, null);
    assert.equal(got.metadatas[0]?.text, 'the chunk text');
    const [hit] = await store.query(space, unit(8, 0), 1);
    assert.equal(hit?.text, 'the chunk text');
  });

  test('records written with the text as a Chroma document (earlier versions) still read', async () => {
    const space = { name: `old-${randomBytes(4).toString('hex')}`, dimension: 8 };
    await store.count(space); // creates the collection as the store configures it
    const raw = new ChromaClient(chromaClientArgs(server.url));
    const collection = await raw.getCollection({ name: collectionName(space) });
    await collection.add({
      ids: ['old:0'],
      embeddings: [Array.from(unit(8, 3))],
      metadatas: [{ documentId: 'old', page: 4, sectionPath: 'B' }],
      documents: ['text stored the old way'],
    });
    const [hit] = await store.query(space, unit(8, 3), 1, 'old');
    assert.deepEqual([hit?.chunkId, hit?.page, hit?.text], ['old:0', 4, 'text stored the old way']);
  });

  test('ping fails once the server is gone', async () => {
    const lone = await startChroma();
    const s = chromaStore(lone.url);
    await s.ping();
    await lone.stop();
    await assert.rejects(s.ping());
  });
});
