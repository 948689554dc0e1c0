/**
 * LLM_STRUCTURED_OUTPUT against a real HTTP server speaking the OpenAI protocol (test/llm/fake-openai.ts) that
 * insists on a response_format as a strict provider does, and the offline item checks applied to the model's
 * questions.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createLlmClient } from '../../src/llm/index.ts';
import { LlmQuizGenerator } from '../../src/llm/quiz-generator.ts';
import { structuredMode } from '../../src/llm/structured.ts';
import { generateCourse } from '../../src/pipeline/course.ts';
import { textbook } from '../support/course-fixture.ts';
import { type FakeOpenAI, groundedAnswer, startFakeOpenAI } from '../support/fake-openai.ts';
import { llmConfig } from '../support/llm.ts';

const servers: FakeOpenAI[] = [];
after(() => Promise.all(servers.map((s) => s.close())));

async function server(responseFormat: 'json_schema' | 'json_object' | 'none') {
  const s = await startFakeOpenAI(() => ({}), { responseFormat });
  servers.push(s);
  return s;
}

describe('LLM_STRUCTURED_OUTPUT', () => {
  test('auto chooses json_schema for providers known to enforce it, JSON mode elsewhere', () => {
    assert.equal(structuredMode('auto', 'https://api.openai.com/v1'), 'json_schema');
    assert.equal(structuredMode('auto', 'https://x.openai.azure.com/openai/v1'), 'json_schema');
    assert.equal(structuredMode('auto', 'http://127.0.0.1:11434/v1'), 'json_schema');
    assert.equal(structuredMode('auto', 'http://gpu-box:8000/v1'), 'json_schema');
    assert.equal(structuredMode('auto', 'http://127.0.0.1:5999/v1'), 'json_object');
    assert.equal(structuredMode('prompt', 'https://api.openai.com/v1'), 'prompt');
  });

  for (const [mode, format] of [
    ['json_schema', 'json_schema'],
    ['json_object', 'json_object'],
    ['prompt', 'none'],
  ] as const)
    test(`${mode}: the request carries what the provider expects, and a course comes back`, async () => {
      const fake = await server(format);
      const { client, modelId } = createLlmClient(llmConfig(fake.url, { LLM_STRUCTURED_OUTPUT: mode }));
      const { LlmCourseGenerator } = await import('../../src/llm/course-generator.ts');
      const course = await generateCourse(textbook(), new LlmCourseGenerator({ client, modelId }));
      assert.ok(course.modules.length > 0);
      const sent = fake.chats();
      assert.ok(sent.length > 0);
      for (const r of sent) {
        const rf = r.body.response_format as
          | { type?: string; json_schema?: Record<string, unknown> }
          | undefined;
        if (format === 'none') assert.equal(rf, undefined);
        else assert.equal(rf?.type, format);
        if (format === 'json_schema') {
          assert.equal(rf?.json_schema?.strict, true);
          assert.equal((rf?.json_schema?.schema as { type?: string } | undefined)?.type, 'object');
        }
        // The schema is in the prompt whatever the mode: the fallback every provider understands.
        assert.match(r.system, /JSON Schema/);
      }
    });

  test('a provider that enforces json_schema refuses JSON mode with a clear, permanent error', async () => {
    const fake = await server('json_schema');
    const { client, modelId } = createLlmClient(
      llmConfig(fake.url, { LLM_STRUCTURED_OUTPUT: 'json_object' }),
    );
    const { LlmCourseGenerator } = await import('../../src/llm/course-generator.ts');
    await assert.rejects(
      generateCourse(textbook(), new LlmCourseGenerator({ client, modelId })),
      (err: Error) => {
        assert.match(err.message, /HTTP 400: response_format.type must be json_schema/);
        return true;
      },
    );
  });
});

describe("the offline item checks on the model's questions", () => {
  let fake: FakeOpenAI;
  before(async () => {
    fake = await startFakeOpenAI();
    servers.push(fake);
  });

  test('a question whose options do not fit its blank is sent back for repair, and the repair is kept', async () => {
    let bad = 0;
    fake.setScript((req) => {
      if (!/Task: quiz_questions/.test(req.user)) return {};
      const answer = JSON.parse(groundedAnswer(req)) as { questions: Record<string, unknown>[] };
      if (!/rejected/.test(req.last)) {
        bad++;
        // The example: a verb, an adjective and a function word offered for a noun's blank.
        answer.questions[0] = {
          ...answer.questions[0],
          kind: 'multiple_choice',
          prompt: 'Fill in the blank: The list of columns after SELECT is called the _____.',
          options: ['projection', 'called', 'quickly', 'the'],
          answerIndex: 0,
        };
      }
      return { content: JSON.stringify(answer) };
    });
    const input = textbook();
    const offline = await generateCourse(input);
    const { client, modelId } = createLlmClient(llmConfig(fake.url));
    const quiz = await new LlmQuizGenerator({ client, modelId }).generateQuiz({
      course: offline,
      chunks: input.chunks,
      count: 4,
      seed: 1,
    });
    assert.ok(bad > 0);
    const repairs = fake.chats().filter((r) => /rejected/.test(r.last));
    assert.ok(
      repairs.some((r) => /options that do not fit the blank as nouns: .*called/.test(r.last)),
      'repair asked',
    );
    assert.ok(quiz.questions.every((q) => q.kind !== 'multiple_choice' || !q.options.includes('called')));
  });
});
