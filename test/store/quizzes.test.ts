import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotFoundError } from '../../src/domain/errors.ts';
import {
  countRows,
  getCourse,
  getQuiz,
  quizIdFor,
  saveProcessedDocument,
  saveQuiz,
} from '../../src/store/index.ts';
import { eachBackend } from '../support/databases.ts';
import { makeDocument, makeQuiz } from '../support/store-fixtures.ts';

eachBackend((db) => {
  test('saveQuiz stores a quiz that getQuiz returns as saved', async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const quiz = makeQuiz(7, 5, 1);
    const quizId = await saveQuiz(db(), ids.courseId, quiz);
    assert.equal(quizId, quizIdFor(ids.courseId, { ...quiz, size: quiz.questions.length }));
    const stored = await getQuiz(db(), quizId);
    assert.ok(stored);
    assert.equal(stored.courseId, ids.courseId);
    assert.deepEqual(stored.quiz, quiz);
    assert.ok(!Number.isNaN(Date.parse(stored.createdAt)));
    assert.deepEqual((await getCourse(db(), ids.courseId))?.quizIds.sort(), [ids.quizId, quizId].sort());
  });

  test('saving the same request again updates the same quiz, no duplicates', async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const first = await saveQuiz(db(), ids.courseId, makeQuiz(3, 4));
    const before = await countRows(db());
    const retried = { ...makeQuiz(3, 4), title: 'Retried' };
    const again = await saveQuiz(db(), ids.courseId, retried);
    assert.equal(again, first);
    assert.deepEqual(await countRows(db()), before);
    assert.equal((await getQuiz(db(), first))?.quiz.title, 'Retried');
  });

  test('quiz ids differ by seed, module and size', async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const quizIds = await Promise.all(
      [makeQuiz(1, 3), makeQuiz(2, 3), makeQuiz(1, 4), makeQuiz(1, 3, 0)].map((q) =>
        saveQuiz(db(), ids.courseId, q),
      ),
    );
    assert.equal(new Set(quizIds).size, 4);
  });

  test('saveQuiz on an unknown course is NotFoundError; getQuiz of an unknown id is null', async () => {
    await assert.rejects(saveQuiz(db(), 'cdoesnotexist', makeQuiz()), NotFoundError);
    assert.equal(await getQuiz(db(), 'qnothere'), null);
  });
});
