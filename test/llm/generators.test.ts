import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LlmCourseGenerator } from '../../src/llm/course-generator.ts';
import { createLlmClient, createLlmGenerators } from '../../src/llm/index.ts';
import { LlmQuizGenerator } from '../../src/llm/quiz-generator.ts';
import { countModelTokens } from '../../src/llm/token-count.ts';
import { generateCourse } from '../../src/pipeline/course.ts';
import { generateQuiz } from '../../src/pipeline/quiz.ts';
import { textbook } from '../support/course-fixture.ts';
import { type FakeOpenAI, groundedAnswer, startFakeOpenAI } from '../support/fake-openai.ts';
import { llmConfig } from '../support/llm.ts';

let fake: FakeOpenAI;
before(async () => {
  fake = await startFakeOpenAI();
});
after(() => fake.close());

function courseGenerator(extra: Record<string, string> = {}) {
  const config = llmConfig(fake.url, extra);
  const { client, modelId } = createLlmClient(config);
  return new LlmCourseGenerator({ client, modelId, parallel: config.llmCallsPerJob });
}

describe('LLM course generator', () => {
  test('makes a valid course whose every summary sentence cites a chunk of the document', async () => {
    fake.setScript(() => ({}));
    const input = textbook();
    const ids = new Set(input.chunks.map((c) => c.id));
    const before = fake.chats().length;
    const course = await generateCourse(input, courseGenerator());
    assert.equal(course.generator.name, 'openai-compatible:fake-model');
    assert.match(course.title, /^Course: /);
    const sentences = course.modules.flatMap((m) => m.lessons.flatMap((l) => l.summary));
    assert.ok(sentences.length > 0);
    for (const s of sentences)
      for (const c of s.citations) assert.ok(c.chunkId && ids.has(c.chunkId), c.chunkId);
    const lessons = course.modules.reduce((n, m) => n + m.lessons.length, 0);
    assert.equal(fake.chats().length - before, lessons + course.modules.length + 1);
    const sent = fake.chats().at(-1)!;
    assert.match(sent.system, /JSON Schema/);
    assert.deepEqual(sent.body.response_format, { type: 'json_object' });
  });

  test('an answer that is not JSON is repaired once with the validation error', async () => {
    const input = textbook();
    let broken = 0;
    fake.setScript((req) => {
      if (/Task: lesson_summary/.test(req.user) && broken === 0 && !/rejected/.test(req.last)) {
        broken++;
        return { content: 'Sure! Here is your summary: {oops' };
      }
      return {};
    });
    const before = fake.chats().length;
    const course = await generateCourse(input, courseGenerator());
    const repair = fake
      .chats()
      .slice(before)
      .find((r) => /rejected/.test(r.last));
    assert.ok(repair, 'a repair request was sent');
    assert.match(repair.last, /not valid JSON/);
    const messages = repair.body.messages as { role: string; content: string }[];
    assert.equal(messages.at(-2)?.content, 'Sure! Here is your summary: {oops');
    assert.ok(course.modules.length > 0);
  });

  test('a citation to a chunk that does not exist is rejected, repaired, then fails with a clear reason', async () => {
    const ghost = (req: { user: string }) =>
      groundedAnswer({ ...req, user: req.user.replace(/\[chunk \S+ /g, '[chunk ghost:99 ') } as never);
    fake.setScript((req) => ({ content: ghost(req) }));
    const before = fake.chats().length;
    await assert.rejects(
      generateCourse(textbook(), courseGenerator({ LLM_CALLS_PER_JOB: '1' })),
      (err: Error & { code?: string }) => {
        assert.equal(err.code, 'llm_invalid_output');
        assert.match(err.message, /rejected twice: chunk ghost:99 does not exist/);
        return true;
      },
    );
    const sent = fake.chats().slice(before);
    assert.equal(sent.length, 2, 'the first answer and its one repair');
    assert.match(sent[1]!.last, /ghost:99 does not exist/);
  });
});

describe('LLM provider failures', () => {
  test('429 with Retry-After is retried after the time asked', async () => {
    let n = 0;
    fake.setScript(() => (n++ === 0 ? { status: 429, headers: { 'retry-after': '1' } } : {}));
    const { client } = createLlmClient(llmConfig(fake.url));
    const before = fake.chats().length;
    const course = new LlmCourseGenerator({ client, modelId: 'm', parallel: 1 });
    await course.generateCourse(textbook());
    const [first, second] = fake.chats().slice(before);
    const waited = second!.at - first!.at;
    assert.ok(waited >= 990, `waited ${waited} ms`);
    assert.ok(waited < 3000, `waited ${waited} ms`);
  });

  test('a slow answer past LLM_TIMEOUT_S is abandoned and asked again; with no retry left it fails', async () => {
    let n = 0;
    fake.setScript(() => (n++ === 0 ? { delayMs: 4000 } : {}));
    const before = fake.chats().length;
    await courseGenerator({ LLM_TIMEOUT_S: '0.3', LLM_CALLS_PER_JOB: '1' }).generateCourse(textbook());
    const [slow, retry] = fake.chats().slice(before);
    const gap = retry!.at - slow!.at;
    assert.ok(gap >= 290 && gap < 3000, `asked again ${gap} ms after the slow request, not after its answer`);

    fake.setScript(() => ({ delayMs: 1000 }));
    await assert.rejects(
      courseGenerator({ LLM_TIMEOUT_S: '0.2', LLM_MAX_RETRIES: '1', LLM_CALLS_PER_JOB: '1' }).generateCourse(
        textbook(),
      ),
      (err: Error & { code?: string }) =>
        err.code === 'llm_timeout' && /within 0.2 s \(2 attempt/.test(err.message),
    );
  });

  test("5xx until the retries run out fails with the provider's reason; LLM_FALLBACK=offline goes offline", async () => {
    fake.setScript(() => ({
      status: 500,
      json: { error: { message: 'upstream overloaded', type: 'server_error' } },
    }));
    const before = fake.chats().length;
    await assert.rejects(
      courseGenerator({ LLM_MAX_RETRIES: '2', LLM_CALLS_PER_JOB: '1' }).generateCourse(textbook()),
      (err: Error & { code?: string; permanent?: boolean }) =>
        err.code === 'llm_provider' &&
        /HTTP 500: upstream overloaded \(3 attempt/.test(err.message) &&
        !err.permanent,
    );
    assert.equal(fake.chats().length - before, 3);

    const warnings: string[] = [];
    const { courseGenerator: gen } = createLlmGenerators(
      llmConfig(fake.url, { LLM_MAX_RETRIES: '0', LLM_FALLBACK: 'offline', LLM_CALLS_PER_JOB: '1' }),
      { warn: (m) => warnings.push(m) },
    );
    const course = await generateCourse(textbook(), gen);
    assert.equal(course.generator.name, 'offline-extractive');
    assert.match(warnings[0] ?? '', /offline/);
  });

  test('401 is not retried', async () => {
    fake.setScript(() => ({ status: 401, json: { error: { message: 'bad key' } } }));
    const before = fake.chats().length;
    await assert.rejects(
      courseGenerator({ LLM_CALLS_PER_JOB: '1' }).generateCourse(textbook()),
      (err: Error & { permanent?: boolean }) =>
        /HTTP 401: bad key/.test(err.message) && err.permanent === true,
    );
    assert.equal(fake.chats().length - before, 1);
  });
});

describe('LLM quiz generator', () => {
  test('questions come from the passages retrieved for their topic and cite them', async () => {
    fake.setScript(() => ({}));
    const input = textbook();
    const course = await generateCourse(input, courseGenerator());
    const { client, modelId } = createLlmClient(llmConfig(fake.url));
    const topics: string[] = [];
    const gen = new LlmQuizGenerator({
      client,
      modelId,
      retrieve: async (text, documentId, k) => {
        topics.push(text);
        return input.chunks
          .filter((c) => c.documentId === documentId)
          .slice(0, k)
          .map((c) => ({ chunkId: c.id, pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text }));
      },
    });
    const quiz = await generateQuiz({ course, chunks: input.chunks, count: 6, seed: 3 }, gen);
    assert.equal(quiz.questions.length, 6);
    assert.equal(topics.length, 2, 'one retrieval per call of up to 4 questions');
    const retrieved = new Set(input.chunks.slice(0, 5).map((c) => c.id));
    for (const q of quiz.questions) assert.ok(q.chunkId && retrieved.has(q.chunkId));
    assert.equal(quiz.generator.name, 'openai-compatible:fake-model');
  });
});

describe('LLM quiz: the new kinds', () => {
  test('the prompt asks for the kinds of the shares; an item failing its kind check is repaired once', async () => {
    const input = textbook();
    const course = await generateCourse(input);
    const first = input.chunks[0]!;
    const earlier = fake.chats().length;
    let asked = 0;
    fake.setScript((req) => {
      if (!/Task: quiz_questions/.test(req.user)) return {};
      asked++;
      const repair = /rejected/.test(req.last);
      const base = { explanation: 'The passage says so.', sourcePage: first.pageStart, chunkId: first.id };
      // First a matching item whose two definitions are one; repaired: distinct ones, and a short answer.
      const pairs = repair
        ? [
            { term: 'alpha', definition: 'the first letter of the list' },
            { term: 'beta', definition: 'the second one after it' },
            { term: 'gamma', definition: 'a third and last item' },
          ]
        : [
            { term: 'alpha', definition: 'the same words here' },
            { term: 'beta', definition: 'the same words here!' },
            { term: 'gamma', definition: 'another one' },
          ];
      return {
        content: JSON.stringify({
          questions: [
            { ...base, kind: 'matching', prompt: 'Match the terms.', pairs },
            { ...base, kind: 'short_answer', prompt: 'Which term is the first letter?', answers: ['alpha'] },
          ],
        }),
      };
    });
    const { client, modelId } = createLlmClient(llmConfig(fake.url));
    const gen = new LlmQuizGenerator({ client, modelId });
    const quiz = await generateQuiz(
      { course, chunks: input.chunks, count: 2, seed: 1, kinds: { matching: 1, short_answer: 1 } },
      gen,
    );
    const mine = fake.chats().slice(earlier);
    const prompt = mine.find((r) => /Task: quiz_questions/.test(r.user))!.user;
    assert.match(prompt, /"matching": 3 to 6 pairs/);
    assert.match(prompt, /"short_answer": the term/);
    assert.doesNotMatch(prompt, /"ordering"/, 'a kind without a share is not asked for');
    const repairs = mine.filter((r) => /rejected/.test(r.last));
    assert.ok(
      repairs.some((r) => /definitions of "alpha" and "beta" are too alike/.test(r.last)),
      'the reason given',
    );
    assert.deepEqual(quiz.questions.map((q) => q.kind).sort(), ['matching', 'short_answer']);
    assert.ok(asked >= 2);
    fake.setScript(() => ({}));
  });
});

describe('long documents', () => {
  test('a lesson too long for one request is summarised in parts, then merged; every request fits the window', async () => {
    fake.setScript(() => ({}));
    const sentence = (i: number, k: number) =>
      `Fact ${i}.${k}: the enzyme number ${i * 10 + k} speeds up reaction ${k} of the long pathway in cell part ${i}.`;
    const texts = Array.from({ length: 8 }, (_, i) =>
      Array.from({ length: 6 }, (_, k) => sentence(i, k)).join(' '),
    );
    const input = {
      documentId: 'long000000000000',
      fileName: 'long.pdf',
      pageCount: 8,
      structure: {
        title: 'A long pathway',
        source: 'headings' as const,
        sections: [
          {
            index: 0,
            title: 'The long pathway',
            level: 1,
            path: ['The long pathway'],
            pageStart: 1,
            pageEnd: 8,
            paragraphs: texts.map((text, i) => ({ text, page: i + 1, pageEnd: i + 1 })),
          },
        ],
      },
      chunks: texts.map((text, i) => ({
        id: `long000000000000:${i}`,
        documentId: 'long000000000000',
        index: i,
        sectionIndex: 0,
        sectionPath: ['The long pathway'],
        pageStart: i + 1,
        pageEnd: i + 1,
        text,
        tokenCount: 150,
      })),
    };
    const limit = 1024;
    const maxOutput = 128;
    const before = fake.chats().length;
    const course = await generateCourse(
      input,
      courseGenerator({ LLM_CONTEXT_TOKENS: String(limit), LLM_MAX_OUTPUT_TOKENS: String(maxOutput) }),
    );
    const sent = fake.chats().slice(before);
    const lessonCalls = sent.filter((r) => /Task: lesson_summary/.test(r.user));
    assert.ok(lessonCalls.length >= 3, `${lessonCalls.length} lesson calls: parts and a merge`);
    assert.ok(
      lessonCalls.some((r) => /Notes:/.test(r.user)),
      'a merge of the parts',
    );
    for (const r of sent) {
      const tokens = countModelTokens(r.system) + countModelTokens(r.user);
      assert.ok(tokens <= limit - maxOutput, `a request of ${tokens} tokens`);
    }
    const cited = new Set(
      course.modules[0]!.lessons[0]!.summary.flatMap((s) => s.citations.map((c) => c.chunkId)),
    );
    assert.ok(cited.size > 0);
    for (const id of cited) assert.ok(input.chunks.some((c) => c.id === id));
  });
});
