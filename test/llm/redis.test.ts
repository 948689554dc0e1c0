import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LlmCourseGenerator } from '../../src/llm/course-generator.ts';
import { createEmbedder, createLlmClient, readJobUsage } from '../../src/llm/index.ts';
import { LessonDraftSchema } from '../../src/llm/prompts.ts';
import { generateCourse } from '../../src/pipeline/course.ts';
import { textbook } from '../support/course-fixture.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import { dropPrefix, llmConfig, openRedis } from '../support/llm.ts';

let fake: FakeOpenAI;
const redis = openRedis();
const prefixes: string[] = [];
before(async () => {
  fake = await startFakeOpenAI();
});
after(async () => {
  await fake.close();
  for (const p of prefixes) await dropPrefix(redis, p);
  redis.disconnect();
});

function config(extra: Record<string, string> = {}) {
  const c = llmConfig(fake.url, extra);
  prefixes.push(c.queuePrefix);
  return c;
}

describe('LLM with Redis', () => {
  test('a second identical request is answered from the cache, and usage is recorded per job', async () => {
    fake.setScript(() => ({}));
    const c = config({ LLM_PRICE_INPUT_PER_MTOK: '1', LLM_PRICE_OUTPUT_PER_MTOK: '2' });
    const gen = () => {
      const { client, modelId } = createLlmClient(c, { redis, usageJobId: 'pdf-abc' });
      return new LlmCourseGenerator({ client, modelId, parallel: 2 });
    };
    const before = fake.chats().length;
    const first = await generateCourse(textbook(), gen());
    const sent = fake.chats().length - before;
    const usage = await readJobUsage(redis, c.queuePrefix, 'pdf-abc');
    assert.ok(usage);
    assert.equal(usage.calls, sent);
    assert.ok(usage.inputTokens > 0 && usage.outputTokens > 0);
    const expected = (usage.inputTokens * 1 + usage.outputTokens * 2) / 1e6;
    assert.ok(Math.abs(usage.costUsd - expected) < 1e-6, `${usage.costUsd} vs ${expected}`);

    const again = await generateCourse(textbook(), gen());
    assert.equal(fake.chats().length - before, sent, 'no request sent the second time');
    assert.deepEqual(again, first);
    const after = await readJobUsage(redis, c.queuePrefix, 'pdf-abc');
    assert.equal(after?.calls, sent);
    assert.equal(after?.cachedCalls, sent);
    assert.equal(after?.inputTokens, usage.inputTokens);
  });

  test('a rejected answer is not cached: asking again asks the model', async () => {
    fake.setScript(() => ({ content: '{"summary": []}' }));
    const c = config();
    const { client } = createLlmClient(c, { redis });
    const ask = () =>
      client.object({ task: 't', system: 's', prompt: 'Task: lesson_summary', schema: LessonDraftSchema });
    const before = fake.chats().length;
    await assert.rejects(ask(), /rejected twice/);
    await assert.rejects(ask(), /rejected twice/);
    assert.equal(fake.chats().length - before, 4);
  });

  test('three limiter clients on separate connections share LLM_RPM=60: never more in any window', async () => {
    fake.setScript(() => ({ content: '{"summary":[{"text":"x","citations":[{"page":1}]}],"keyTerms":[]}' }));
    const windowMs = 1000;
    const c = config({ LLM_RPM: '60', LLM_RATE_WINDOW_MS: String(windowMs), LLM_CACHE_TTL_S: '0' });
    const connections = [openRedis(), openRedis(), openRedis()];
    const before = fake.chats().length;
    const started = Date.now();
    try {
      await Promise.all(
        connections.map((conn, w) => {
          const { client } = createLlmClient(c, { redis: conn });
          return Promise.all(
            Array.from({ length: 50 }, (_, i) =>
              client.object({
                task: 't',
                system: 's',
                prompt: `worker ${w} request ${i}`,
                schema: LessonDraftSchema,
              }),
            ),
          );
        }),
      );
    } finally {
      for (const conn of connections) conn.disconnect();
    }
    const arrivals = fake
      .chats()
      .slice(before)
      .map((r) => r.at)
      .sort((a, b) => a - b);
    assert.equal(arrivals.length, 150);
    let most = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i]! - arrivals[j]! >= windowMs) j++;
      most = Math.max(most, i - j + 1);
    }
    assert.ok(most <= 60, `${most} requests within one ${windowMs} ms window`);
    assert.ok(most >= 50, `the limit is used, not undershot (${most})`);
    assert.ok(Date.now() - started >= 2 * windowMs, '150 requests at 60 per window need over two windows');
  });

  test('LLM_TPM holds tokens per window across clients', async () => {
    fake.setScript(() => ({ content: '{"summary":[{"text":"x","citations":[{"page":1}]}],"keyTerms":[]}' }));
    const c = config({
      LLM_TPM: '6000',
      LLM_MAX_OUTPUT_TOKENS: '1000',
      LLM_RATE_WINDOW_MS: '600',
      LLM_CACHE_TTL_S: '0',
    });
    const { client } = createLlmClient(c, { redis });
    const before = fake.chats().length;
    const started = Date.now();
    // Each request books ~1,500 tokens (prompt + 1,000 answer budget): 4 fit in a window of 6,000, 8 need two.
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        client.object({ task: 't', system: 's', prompt: `request ${i}`, schema: LessonDraftSchema }),
      ),
    );
    assert.equal(fake.chats().length - before, 8);
    assert.ok(Date.now() - started >= 600, 'the second half waited for the window');
  });
  test('embeddings calls count against the same fleet-wide LLM_RPM as chat calls', async () => {
    fake.setScript(() => ({ content: '{"summary":[{"text":"x","citations":[{"page":1}]}],"keyTerms":[]}' }));
    const windowMs = 1000;
    const c = config({
      LLM_RPM: '10',
      LLM_RATE_WINDOW_MS: String(windowMs),
      LLM_CACHE_TTL_S: '0',
      EMBEDDINGS_BASE_URL: fake.url,
      EMBEDDINGS_MODEL: 'fake-embed',
    });
    const [chatConn, embedConn] = [openRedis(), openRedis()];
    const before = fake.requests.length;
    try {
      const { client } = createLlmClient(c, { redis: chatConn });
      const embedder = createEmbedder(c, embedConn);
      await Promise.all([
        ...Array.from({ length: 12 }, (_, i) =>
          client.object({ task: 't', system: 's', prompt: `chat ${i}`, schema: LessonDraftSchema }),
        ),
        ...Array.from({ length: 12 }, (_, i) => embedder.embed([`passage ${i}`])),
      ]);
    } finally {
      chatConn.disconnect();
      embedConn.disconnect();
    }
    const sent = fake.requests.slice(before);
    assert.equal(sent.filter((r) => r.path.endsWith('/embeddings')).length, 12);
    const arrivals = sent.map((r) => r.at).sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; i < arrivals.length; i++) {
      while (arrivals[i]! - arrivals[j]! >= windowMs) j++;
      most = Math.max(most, i - j + 1);
    }
    assert.ok(most <= 10, `${most} chat + embeddings requests within one ${windowMs} ms window`);
  });
});
