import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createEmbedder } from '../../src/llm/index.ts';
import { type FakeOpenAI, startFakeOpenAI } from './fake-openai.ts';

let fake: FakeOpenAI;
before(async () => {
  fake = await startFakeOpenAI();
});
after(() => fake.close());

test('EMBEDDINGS_* select the embeddings API: space openai:<model>, dimension from the first answer, unit vectors', async () => {
  const embedder = createEmbedder(
    loadConfig({ EMBEDDINGS_BASE_URL: fake.url, EMBEDDINGS_MODEL: 'fake-embed', EMBEDDINGS_API_KEY: 'k' }),
  );
  assert.equal(embedder.name, 'openai:fake-embed');
  assert.equal(embedder.dimension, 0, 'unknown before the first answer');
  const vectors = await embedder.embed(['photosynthesis', 'databases']);
  assert.equal(embedder.dimension, 8);
  assert.equal(vectors.length, 2);
  for (const v of vectors) assert.ok(Math.abs(Math.hypot(...v) - 1) < 1e-5);
  assert.notDeepEqual(vectors[0], vectors[1]);
  const sent = fake.requests.at(-1)!;
  assert.equal(sent.path, '/v1/embeddings');
  assert.deepEqual(sent.body.input, ['photosynthesis', 'databases']);
});

test('EMBEDDINGS_DIM that the model does not match is a clear error; unset settings keep the offline embedder', async () => {
  const wrong = createEmbedder(
    loadConfig({ EMBEDDINGS_BASE_URL: fake.url, EMBEDDINGS_MODEL: 'fake-embed', EMBEDDINGS_DIM: '16' }),
  );
  assert.equal(wrong.dimension, 16);
  await assert.rejects(wrong.embed(['x']), /got 8 dimensions, expected 16/);
  assert.equal(createEmbedder(loadConfig({})).name, 'hash-ngram-v1');
});
