/**
 * A quiz asked of the API for more questions than the text supports: the finished job says how many were asked
 * and made and carries the line that tells the teacher why (the one the CLI prints and the app shows), and the
 * stored quiz keeps the count asked. A quiz that has all it asked for carries no such line.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Worker } from 'bullmq';
import { createLogger } from '../../src/fleet/log.ts';
import { queueOf } from '../../src/fleet/registry.ts';
import { saveProcessedDocument } from '../../src/store/index.ts';
import { QUIZ_TASK } from '../../src/tasks/names.ts';
import { createQuizTask } from '../../src/tasks/quiz.ts';
import { taskSettingsOf } from '../../src/tasks/settings.ts';
import { storageFor } from '../../src/tasks/storage.ts';
import { fixtureDocument } from '../support/api.ts';
import { type ApiFixture, REDIS_URL, startApiFixture } from '../support/api-fixture.ts';

describe('POST /api/courses/:id/quizzes when the text gives fewer questions', { timeout: 120_000 }, () => {
  let fx: ApiFixture;
  let courseId = '';
  let worker: Worker;
  let storage: ReturnType<typeof storageFor>;

  before(async () => {
    fx = await startApiFixture();
    const doc = fixtureDocument(createHash('sha256').update('short-quiz').digest('hex'), 'plants.pdf');
    courseId = (await saveProcessedDocument(fx.deps.db, doc)).courseId;
    // The real quiz task, run by a worker of this process on the fixture's queue and database.
    const settings = taskSettingsOf(fx.config);
    storage = storageFor(settings);
    const task = createQuizTask(settings, storage);
    worker = new Worker(
      queueOf(QUIZ_TASK),
      (job) =>
        task.handler(task.parse!(job.data), {
          jobId: String(job.id),
          attempt: job.attemptsMade + 1,
          log: createLogger('silent'),
          signal: new AbortController().signal,
          progress: () => {},
        }),
      { connection: { url: REDIS_URL }, prefix: fx.config.queuePrefix },
    );
  });
  after(async () => {
    await worker?.close();
    await storage?.close();
    await fx?.stop();
  });

  async function made(payload: object) {
    const res = await fx.app.inject({ method: 'POST', url: `/api/courses/${courseId}/quizzes`, payload });
    assert.equal(res.statusCode, 202, res.body);
    for (let i = 0; i < 200; i++) {
      const view = (await fx.app.inject(`/api/jobs/${res.json().id}`)).json();
      if (view.state === 'failed') assert.fail(view.error);
      if (view.state === 'completed') return view.result;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('the quiz job did not finish');
  }

  test('true/false only, 30 asked: the job says made N of 30 and why; the stored quiz keeps 30', async () => {
    const result = await made({ questions: 30, seed: 3, kinds: { true_false: 1 } });
    assert.equal(result.requested, 30);
    assert.ok(result.questions >= 1 && result.questions < 30, JSON.stringify(result));
    assert.equal(
      result.shortfall,
      `made ${result.questions} of 30 questions: the text gives no more sentences fit for true or false questions; try other kinds or fewer questions`,
    );
    const stored = (await fx.app.inject(`/api/quizzes/${result.quizId}`)).json();
    assert.equal(stored.quiz.requested, 30);
    assert.equal(stored.quiz.questions.length, result.questions);
  });

  test('a quiz with all it asked for: requested and made alike, no shortfall', async () => {
    const result = await made({ questions: 1, seed: 4 });
    assert.deepEqual([result.requested, result.questions, result.shortfall], [1, 1, undefined]);
  });
});
