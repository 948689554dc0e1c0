import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { createEmbedder } from '../../src/llm/index.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';

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

test('embeddings calls follow the chat calls retry policy: a 503 is retried after Retry-After, a 400 fails at once', async () => {
  const config = loadConfig({
    EMBEDDINGS_BASE_URL: fake.url,
    EMBEDDINGS_MODEL: 'fake-embed',
    LLM_MAX_RETRIES: '2',
    LLM_RETRY_BASE_MS: '10',
  });
  const embeddings = () => fake.requests.filter((r) => r.path === '/v1/embeddings').length;
  try {
    let calls = 0;
    fake.setScript((req) =>
      req.path === '/v1/embeddings' && calls++ === 0
        ? { status: 503, headers: { 'retry-after-ms': '20' } }
        : {},
    );
    const before = embeddings();
    const [v] = await createEmbedder(config).embed(['photosynthesis']);
    assert.equal(v?.length, 8);
    assert.equal(embeddings() - before, 2, 'one 503, one success');

    fake.setScript((req) => (req.path === '/v1/embeddings' ? { status: 400 } : {}));
    const refused = embeddings();
    await assert.rejects(
      createEmbedder(config).embed(['x']),
      (err: Error & { permanent?: boolean }) =>
        /^embeddings provider: HTTP 400: .* \(1 attempt\(s\)\)$/.test(err.message) && err.permanent === true,
    );
    assert.equal(embeddings() - refused, 1, 'a refused request is not retried');
  } finally {
    fake.setScript(() => ({}));
  }
});
