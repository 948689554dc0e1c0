/**
 * A teacher's review of a stored quiz, on PGlite and PostgreSQL: edits are validated and stored with their
 * revision, deletions keep the other questions' keys, a stale revision is refused, and a regenerated quiz with
 * the same id never overwrites what a teacher edited.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NotFoundError } from '../../src/domain/errors.ts';
import {
  deleteQuestion,
  editQuestion,
  getQuiz,
  listQuizzes,
  markReviewed,
  QuizRevisionError,
  saveProcessedDocument,
  saveQuiz,
} from '../../src/store/index.ts';
import { eachBackend } from '../support/databases.ts';
import { makeDocument, makeQuiz } from '../support/store-fixtures.ts';

eachBackend((db) => {
  test('a quiz as generated: revision 0, not edited or reviewed, keys quizId:0..n-1', async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const stored = (await getQuiz(db(), ids.quizId))!;
    assert.equal(stored.revision, 0);
    assert.equal(stored.editedAt, null);
    assert.equal(stored.reviewedAt, null);
    assert.deepEqual(
      stored.questionKeys,
      stored.quiz.questions.map((_, i) => `${ids.quizId}:${i}`),
    );
  });

  test('edit, delete, mark reviewed: stored, validated, revision by revision, keys kept', async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const quizId = await saveQuiz(db(), ids.courseId, makeQuiz(3, 4));
    const edited = await editQuestion(db(), quizId, 1, { prompt: 'Is this edited?', answer: false });
    assert.equal(edited.revision, 1);
    assert.ok(edited.editedAt);
    const q1 = edited.quiz.questions[1]!;
    assert.equal(q1.prompt, 'Is this edited?');
    assert.ok(q1.kind === 'true_false' && q1.answer === false);

    const switched = await editQuestion(
      db(),
      quizId,
      1,
      { kind: 'multiple_choice', options: ['w', 'x', 'y', 'z'], answerIndex: 2 },
      { expectedRevision: 1 },
    );
    const q1b = switched.quiz.questions[1]!;
    assert.ok(q1b.kind === 'multiple_choice' && q1b.options[2] === 'y');
    assert.ok(!('answer' in q1b), 'the true/false answer is gone with the kind');

    const afterDelete = await deleteQuestion(db(), quizId, 0, { expectedRevision: 2 });
    assert.equal(afterDelete.quiz.questions.length, 3);
    assert.deepEqual(afterDelete.questionKeys, [`${quizId}:1`, `${quizId}:2`, `${quizId}:3`]);
    assert.equal(afterDelete.quiz.questions[0]!.prompt, 'Is this edited?');

    const reviewed = await markReviewed(db(), quizId, true);
    assert.ok(reviewed.reviewedAt);
    assert.equal(reviewed.revision, 4);
    assert.equal((await markReviewed(db(), quizId, false)).reviewedAt, null);
    const listed = await listQuizzes(db(), ids.courseId);
    assert.deepEqual(
      listed.map((q) => q.id),
      [ids.quizId, quizId],
    );
  });

  test('refused: a stale revision, a change the schema rejects, a page past the end, the last question', async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const quizId = await saveQuiz(db(), ids.courseId, makeQuiz(5, 2));
    await assert.rejects(
      editQuestion(db(), quizId, 0, { prompt: 'x' }, { expectedRevision: 7 }),
      QuizRevisionError,
    );
    await assert.rejects(editQuestion(db(), quizId, 0, { prompt: '' }), {
      name: 'InvalidCourseError',
      message: 'question 1: prompt is empty',
    });
    await assert.rejects(editQuestion(db(), quizId, 0, { kind: 'true_false' }), {
      message: 'question 1: answer is missing',
    });
    await assert.rejects(editQuestion(db(), quizId, 0, { options: ['a', '', 'c', 'd'] }), {
      message: 'question 1: option B is empty',
    });
    await assert.rejects(editQuestion(db(), quizId, 0, { sourcePage: 3 }), {
      message: 'question 1: source page 3 is past the end of the document (2 pages)',
    });
    const other = (await getQuiz(db(), quizId))!.quiz.questions[1]!.prompt;
    await assert.rejects(editQuestion(db(), quizId, 0, { prompt: other }), /duplicate question/);
    await assert.rejects(editQuestion(db(), quizId, 9, { prompt: 'x' }), NotFoundError);
    await assert.rejects(editQuestion(db(), 'qnope', 0, { prompt: 'x' }), NotFoundError);
    assert.equal((await getQuiz(db(), quizId))!.revision, 0, 'nothing was written');
    await deleteQuestion(db(), quizId, 0);
    await assert.rejects(deleteQuestion(db(), quizId, 0), {
      name: 'InvalidCourseError',
      message: 'a quiz keeps at least one question',
    });
  });

  test('every kind: a switch of kind gets the levels of the rule, a teacher sets them, checks speak plainly', async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const quizId = await saveQuiz(db(), ids.courseId, makeQuiz(13, 2));
    const pairs = [
      { term: 'row', definition: 'one record of a table' },
      { term: 'column', definition: 'one field of every record' },
      { term: 'key', definition: 'what identifies a record' },
    ];
    const matching = await editQuestion(db(), quizId, 0, { kind: 'matching', pairs });
    const q0 = matching.quiz.questions[0]!;
    assert.ok(q0.kind === 'matching' && q0.pairs.length === 3);
    assert.deepEqual([q0.difficulty, q0.bloom], ['medium', 'understand'], "the rule's levels for matching");
    assert.ok(!('options' in q0), 'the options went with the kind');

    const set = await editQuestion(db(), quizId, 0, { difficulty: 'hard', bloom: 'apply' });
    assert.deepEqual([set.quiz.questions[0]!.difficulty, set.quiz.questions[0]!.bloom], ['hard', 'apply']);
    const kept = await editQuestion(db(), quizId, 0, { prompt: 'Match them.' });
    assert.equal(
      kept.quiz.questions[0]!.difficulty,
      'hard',
      "a teacher's level survives an edit of the text",
    );

    const numeric = await editQuestion(db(), quizId, 1, {
      kind: 'numerical',
      answer: 42,
      tolerance: 0.5,
      unit: 'MB',
    });
    const q1 = numeric.quiz.questions[1]!;
    assert.ok(q1.kind === 'numerical' && q1.answer === 42 && q1.unit === 'MB');
    assert.deepEqual([q1.difficulty, q1.bloom], ['medium', 'remember']);
    const unitless = (await editQuestion(db(), quizId, 1, { unit: '' })).quiz.questions[1]!;
    assert.ok(unitless.kind === 'numerical' && unitless.unit === undefined, "unit '' removes it");

    await assert.rejects(
      editQuestion(db(), quizId, 0, {
        pairs: [...pairs.slice(0, 2), { term: 'key', definition: 'ONE record of a table' }],
      }),
      { message: 'question 1: definitions 1 and 3 are the same: each term needs its own' },
    );
    await assert.rejects(editQuestion(db(), quizId, 1, { kind: 'ordering', items: ['a', '', 'c'] }), {
      message: 'question 2: item 2 is empty',
    });
    await assert.rejects(
      editQuestion(db(), quizId, 1, {
        kind: 'multiple_answer',
        options: ['a', 'b', 'c'],
        answerIndexes: [0, 1, 2],
      }),
      { message: 'question 2: at least one option must be wrong' },
    );
    await assert.rejects(editQuestion(db(), quizId, 1, { kind: 'short_answer' }), {
      message: 'question 2: answers is missing',
    });
  });

  test("a regenerated quiz with the same id keeps the teacher's edits", async () => {
    const ids = await saveProcessedDocument(db(), makeDocument());
    const quiz = makeQuiz(11, 3);
    const quizId = await saveQuiz(db(), ids.courseId, quiz);
    await editQuestion(db(), quizId, 0, { prompt: 'Kept through regeneration?' });
    assert.equal(await saveQuiz(db(), ids.courseId, quiz), quizId);
    const stored = (await getQuiz(db(), quizId))!;
    assert.equal(stored.quiz.questions[0]!.prompt, 'Kept through regeneration?');
    assert.equal(stored.questionKeys.length, 3);
  });
});
