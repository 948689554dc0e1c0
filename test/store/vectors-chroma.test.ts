import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Database, VectorStore } from '../../src/store/types.ts';
import { chromaStore, collectionName } from '../../src/store/vectors/chroma.ts';
import { openVectorStore } from '../../src/store/vectors/index.ts';
import { type ChromaServer, startChroma } from './chroma-server.ts';
import { vectorStoreSuite } from './vector-suite.ts';

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
    // openVectorStore prefers Chroma whatever the database (here one without vectors).
    const noVectors = { hasVector: false } as Database;
    store = await openVectorStore({ chromaUrl: server.url }, noVectors);
  });
  after(async () => {
    await store?.close();
    await server?.stop();
  });

  test('openVectorStore picks Chroma when CHROMA_URL is set', () => {
    assert.equal(store.kind, 'chroma');
  });

  vectorStoreSuite(() => store, randomBytes(4).toString('hex'));

  test('ping fails once the server is gone', async () => {
    const lone = await startChroma();
    const s = chromaStore(lone.url);
    await s.ping();
    await lone.stop();
    await assert.rejects(s.ping());
  });
});
