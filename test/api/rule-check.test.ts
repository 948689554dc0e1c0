/**
 * Questions made by rule that wait for a teacher's check, through the API on real services: the stored quiz
 * carries `needsCheck`; `{ "checked": true }` on a question clears it, and again changes nothing (same revision,
 * even with the old If-Match); an edit clears it too; a bad check is a 400 JSON; an LMS export says in
 * X-ProfAI-Notice how many wait, the JSON export keeps the marker.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { RULE_GENERATOR_NAME } from '../../src/domain/rule-check.ts';
import { getQuiz, saveProcessedDocument } from '../../src/store/index.ts';
import type { SavedIds } from '../../src/store/types.ts';
import { assertError, fixtureDocument } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';

describe('review: questions made by rule wait for a check', () => {
  let fx: ApiFixture;
  let saved: SavedIds;

  before(async () => {
    fx = await startApiFixture();
    const doc = fixtureDocument('c'.repeat(64), 'plants.pdf');
    const common = { explanation: 'Because the text says so.', sourcePage: 1, bloom: 'remember' } as const;
    doc.quiz.questions.push(
      {
        ...common,
        kind: 'short_answer',
        prompt: 'Which process turns light into chemical energy?',
        answers: ['photosynthesis'],
        difficulty: 'medium',
        needsCheck: 'rule',
      },
      {
        ...common,
        kind: 'numerical',
        prompt: 'How many hours of light does the leaf need?',
        answer: 6,
        tolerance: 0,
        unit: 'hours',
        difficulty: 'hard',
        needsCheck: 'rule',
      },
    );
    saved = await saveProcessedDocument(fx.deps.db, doc);
  });
  after(async () => {
    await fx?.stop();
  });

  const editsOf = async (quizId: string) => {
    const res = await fx.app.inject('/api/audit?since=1h&limit=1000');
    assert.equal(res.statusCode, 200, res.body);
    return (res.json().records as { action: string; targetId: string }[]).filter(
      (r) => r.action === 'edit' && r.targetId === quizId,
    ).length;
  };

  const marks = (body: { quiz: { questions: { needsCheck?: string }[] } }) =>
    body.quiz.questions.map((q) => q.needsCheck ?? null);

  test('the stored quiz carries the marker; an export other than JSON warns of it', async () => {
    const list = (await fx.app.inject(`/api/courses/${saved.courseId}/quizzes`)).json();
    assert.deepEqual(marks(list.quizzes[0]), [null, 'rule', 'rule']);
    const moodle = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=moodle-xml`);
    assert.equal(
      moodle.headers['x-profai-notice'],
      'moodle-xml: 2 questions made by rule not yet checked by a teacher: check them in review before use.',
    );
    const json = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=json`);
    assert.equal(json.headers['x-profai-notice'], undefined);
    assert.deepEqual(marks(json.json()), [null, 'rule', 'rule']);
  });

  test('a bad check is a 400 JSON and changes nothing', async () => {
    const url = `/api/quizzes/${saved.quizId}/questions/1`;
    for (const payload of [{ checked: false }, { checked: 'yes' }, { needsCheck: 'rule' }])
      assertError(await fx.app.inject({ method: 'PATCH', url, payload }), 400, 'invalid_request');
    assertError(
      await fx.app.inject({
        method: 'PATCH',
        url: `/api/quizzes/${saved.quizId}/questions/7`,
        payload: { checked: true },
      }),
      404,
      'not_found',
    );
    const list = (await fx.app.inject(`/api/courses/${saved.courseId}/quizzes`)).json();
    assert.deepEqual(marks(list.quizzes[0]), [null, 'rule', 'rule']);
  });

  test('checked clears the marker of that question only; twice is the same quiz, even on the old revision', async () => {
    const url = `/api/quizzes/${saved.quizId}/questions/1`;
    const before = (await fx.app.inject(`/api/courses/${saved.courseId}/quizzes`)).json().quizzes[0];
    const ifMatch = { 'if-match': `"${before.revision}"` };
    const first = await fx.app.inject({ method: 'PATCH', url, headers: ifMatch, payload: { checked: true } });
    assert.equal(first.statusCode, 200, first.body);
    assert.deepEqual(marks(first.json()), [null, null, 'rule']);
    assert.equal(first.json().revision, before.revision + 1);
    assert.deepEqual(
      first.json().quiz.questions[1].answers,
      ['photosynthesis'],
      'the question kept as it is',
    );
    const edits = await editsOf(saved.quizId);
    const again = await fx.app.inject({ method: 'PATCH', url, headers: ifMatch, payload: { checked: true } });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json(), first.json(), 'idempotent: nothing changed, no conflict');
    assert.equal(
      await editsOf(saved.quizId),
      edits,
      'a check that changed nothing is no edit in the audit trail',
    );
    // The other one still waits: with the old revision, that is a conflict.
    assertError(
      await fx.app.inject({
        method: 'PATCH',
        url: `/api/quizzes/${saved.quizId}/questions/2`,
        headers: ifMatch,
        payload: { checked: true },
      }),
      409,
      'revision_conflict',
    );
  });

  test('a stale If-Match is a conflict before the question it names is missing (the quiz may have lost it since)', async () => {
    const now = (await fx.app.inject(`/api/quizzes/${saved.quizId}`)).json();
    const stale = { 'if-match': `"${now.revision - 1}"` };
    for (const payload of [{ tolerance: 1 }, { checked: true }])
      assertError(
        await fx.app.inject({
          method: 'PATCH',
          url: `/api/quizzes/${saved.quizId}/questions/7`,
          headers: stale,
          payload,
        }),
        409,
        'revision_conflict',
      );
  });

  test('an edit keeps the question too: the marker goes with it', async () => {
    const url = `/api/quizzes/${saved.quizId}/questions/2`;
    const res = await fx.app.inject({ method: 'PATCH', url, payload: { tolerance: 1 } });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(marks(res.json()), [null, null, null]);
    const moodle = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=moodle-xml`);
    assert.equal(moodle.headers['x-profai-notice'], undefined, 'all kept: nothing to warn of');
  });

  test('a rule-made quiz stored before the marker existed is marked when read, and its edit keeps the rest marked', async () => {
    const doc = fixtureDocument('e'.repeat(64), 'old.pdf');
    const common = { explanation: 'Because the text says so.', sourcePage: 1, bloom: 'remember' } as const;
    doc.quiz.generator = { name: RULE_GENERATOR_NAME, version: '2' };
    doc.quiz.questions.push(
      {
        ...common,
        kind: 'short_answer',
        prompt: 'Which process turns light into sugar?',
        answers: ['photosynthesis'],
        difficulty: 'medium',
      },
      {
        ...common,
        kind: 'numerical',
        prompt: 'How many leaves?',
        answer: 3,
        tolerance: 0,
        difficulty: 'hard',
      },
    );
    const old = await saveProcessedDocument(fx.deps.db, doc);
    const read = await fx.app.inject(`/api/quizzes/${old.quizId}`);
    assert.equal(read.statusCode, 200, read.body);
    assert.deepEqual(marks(read.json()), [null, 'rule', 'rule']);
    const moodle = await fx.app.inject(`/api/courses/${old.courseId}/export?format=moodle-xml`);
    assert.match(String(moodle.headers['x-profai-notice']), /2 questions made by rule not yet checked/);

    const kept = await fx.app.inject({
      method: 'PATCH',
      url: `/api/quizzes/${old.quizId}/questions/1`,
      headers: { 'if-match': `"${read.json().revision}"` },
      payload: { checked: true },
    });
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal(kept.json().revision, read.json().revision + 1, 'the check changed the quiz');
    const stored = await getQuiz(fx.deps.db, old.quizId);
    assert.ok(stored?.editedAt, 'edited now');
    assert.deepEqual(marks(stored), [null, null, 'rule'], 'the edit stored the marker of the one not kept');
  });

  test('marking a quiz reviewed says how many still wait for a check, and clears none of them', async () => {
    const doc = fixtureDocument('f'.repeat(64), 'marked.pdf');
    doc.quiz.questions.push({
      kind: 'short_answer',
      prompt: 'Which gas does the leaf give off?',
      answers: ['oxygen'],
      explanation: 'Because the text says so.',
      sourcePage: 1,
      difficulty: 'medium',
      bloom: 'remember',
      needsCheck: 'rule',
    });
    const ids = await saveProcessedDocument(fx.deps.db, doc);
    const mark = (reviewed: boolean) =>
      fx.app.inject({ method: 'PATCH', url: `/api/quizzes/${ids.quizId}`, payload: { reviewed } });
    const marked = await mark(true);
    assert.equal(marked.statusCode, 200, marked.body);
    assert.ok(marked.json().reviewedAt);
    assert.equal(marked.json().toCheck, 1);
    assert.deepEqual(marks(marked.json()), [null, 'rule'], 'the marker stays');
    assert.deepEqual(marks((await getQuiz(fx.deps.db, ids.quizId))!), [null, 'rule']);

    const check = await fx.app.inject({
      method: 'PATCH',
      url: `/api/quizzes/${ids.quizId}/questions/1`,
      payload: { checked: true },
    });
    assert.equal(check.statusCode, 200, check.body);
    const again = await mark(true);
    assert.equal(again.json().toCheck, 0);
    assert.equal((await mark(false)).json().toCheck, 0);
  });
});
