/**
 * A quiz asked of the API for more questions than the text supports: the finished job says how many were asked
 * and made and carries the line that tells the teacher why (the one the CLI prints and the app shows), and the
 * stored quiz keeps the count asked. A quiz that has all it asked for carries no such line. A PDF job's result
 * carries its first quiz's line, and a quiz found again by its request says how many were asked.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { quizIdFor } from '../../src/store/ids.ts';
import { saveProcessedDocument } from '../../src/store/index.ts';
import { saveQuiz } from '../../src/store/quizzes.ts';
import { storedResult } from '../../src/tasks/stored-result.ts';
import { makeQuiz } from '../../src/workflows/quiz.ts';
import { fixtureDocument } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { startQuizWorker } from '../support/quiz-worker.ts';

describe('POST /api/courses/:id/quizzes when the text gives fewer questions', { timeout: 120_000 }, () => {
  let fx: ApiFixture;
  let courseId = '';
  let documentId = '';
  let worker: ReturnType<typeof startQuizWorker>;

  before(async () => {
    fx = await startApiFixture();
    const doc = fixtureDocument(createHash('sha256').update('short-quiz').digest('hex'), 'plants.pdf');
    // Its first quiz (1 question, by a generator other than the offline one) asked for 5, as `process` keeps it.
    doc.quiz = { ...doc.quiz!, requested: 5 };
    ({ courseId, documentId } = await saveProcessedDocument(fx.deps.db, doc));
    worker = startQuizWorker(fx);
  });
  after(async () => {
    await worker?.close();
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

  test("a PDF job's result carries its first quiz's line; a model's quiz blames the model's questions", async () => {
    const result = await storedResult(fx.deps.db, courseId, documentId);
    assert.equal(
      result.shortfall,
      "made 1 of 5 questions: the model's other questions were refused or it gave too few; try fewer questions",
    );
  });

  test('a quiz kept before requested was, asked again: it comes back with the count the request asked', async () => {
    const { quiz } = (
      await fx.app.inject(`/api/quizzes/${(await made({ questions: 1, seed: 8 })).quizId}`)
    ).json();
    const { requested: _, ...old } = quiz;
    const quizId = quizIdFor(courseId, { seed: 9, size: 4, filters: '' });
    await saveQuiz(fx.deps.db, courseId, { ...old, seed: 9 }, quizId);
    const again = await makeQuiz({ courseId, questions: 4, seed: 9 }, fx.deps.db);
    assert.equal(again.quizId, quizId);
    assert.equal(again.quiz.requested, 4);
    assert.match(again.shortfall ?? '', /^made 1 of 4 questions: /);
  });
});
