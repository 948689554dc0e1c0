/**
 * `profai quiz check` on PostgreSQL: lists the questions made by rule that wait for a check, keeps one as the
 * review's "Mark as checked" does (again: nothing changes, exit 0), and says in one line what is wrong with an
 * unknown quiz, a question out of range or a stale --revision; the trail records the check as the machine's user.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { getQuiz, listAudit, openDatabase, saveProcessedDocument } from '../../src/store/index.ts';
import type { Database, SavedIds } from '../../src/store/types.ts';
import { createTestDatabase, fixtureDocument } from '../support/api.ts';
import { runCli } from '../support/ops.ts';

describe('profai quiz check', { timeout: 180_000 }, () => {
  let pg: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let saved: SavedIds;
  let env: Record<string, string>;

  before(async () => {
    pg = await createTestDatabase();
    env = { DATABASE_URL: pg.url, LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1' };
    db = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
    const doc = fixtureDocument(createHash('sha256').update('quiz-check').digest('hex'), 'plants.pdf');
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
        kind: 'ordering',
        prompt: 'Put the steps in the order the text gives them.',
        items: ['Light reaches the leaf.', 'Chlorophyll absorbs it.', 'Glucose is made.'],
        difficulty: 'medium',
        needsCheck: 'rule',
      },
    );
    saved = await saveProcessedDocument(db, doc);
  });
  after(async () => {
    await db?.close();
    await pg?.drop();
  });

  const marks = async () =>
    (await getQuiz(db, saved.quizId))!.quiz.questions.map((q) => q.needsCheck ?? null);
  const quiz = (...args: string[]) => runCli(['quiz', 'check', saved.quizId, ...args], env);

  test('without a number: the questions that wait, numbered from 1, and the revision', async () => {
    const res = await quiz();
    assert.equal(res.code, 0, res.stderr);
    assert.equal(
      res.stdout,
      [
        `Quiz ${saved.quizId} (revision 0): 2 questions made by rule still wait for a check.`,
        '  2. short answer: Which process turns light into chemical energy?',
        '  3. ordering: Put the steps in the order the text gives them.',
        '',
      ].join('\n'),
    );
  });

  test('unknown quiz, a question out of range, a stale revision: one line each, exit 1, nothing changed', async () => {
    const unknown = await runCli(['quiz', 'check', 'q-nope', '2'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'profai: quiz q-nope not found\n');
    for (const n of ['0', '4']) {
      const out = await quiz(n);
      assert.equal(out.code, 1);
      assert.equal(
        out.stderr,
        `profai: question ${n} is out of range: quiz ${saved.quizId} has 3 questions (1 to 3)\n`,
      );
    }
    const stale = await quiz('2', '--revision', '5');
    assert.equal(stale.code, 1);
    assert.equal(
      stale.stderr,
      `profai: quiz ${saved.quizId} changed since revision 5 (it is at 0): run "profai quiz check ${saved.quizId}" to read it again\n`,
    );
    const staleOutOfRange = await quiz('4', '--revision', '5');
    assert.equal(
      staleOutOfRange.stderr,
      stale.stderr,
      'a stale revision is told first, as the API does (409 before 404)',
    );
    assert.deepEqual(await marks(), [null, 'rule', 'rule']);
  });

  test('a quiz of one question says so in the singular', async () => {
    const one = await saveProcessedDocument(
      db,
      fixtureDocument(createHash('sha256').update('quiz-check-one').digest('hex'), 'one.pdf'),
    );
    const res = await runCli(['quiz', 'check', one.quizId, '2'], env);
    assert.equal(res.code, 1);
    assert.equal(
      res.stderr,
      `profai: question 2 is out of range: quiz ${one.quizId} has 1 question (1 to 1)\n`,
    );
  });

  test('--revision without a question number: refused in one line', async () => {
    const res = await quiz('--revision', '0');
    assert.equal(res.code, 1);
    assert.equal(res.stderr, 'profai: --revision needs a question number\n');
    assert.equal(res.stdout, '');
  });

  test("quiz's own options given to check: refused in one line, nothing changed", async () => {
    for (const args of [
      ['quiz', 'check', saved.quizId, '2', '--questions', '5'],
      ['quiz', '--json', 'check', saved.quizId, '2'],
    ]) {
      const res = await runCli(args, env);
      assert.equal(res.code, 1, args.join(' '));
      const flag = args.includes('--json') ? '--json' : '--questions';
      assert.equal(
        res.stderr,
        `profai: ${flag}: an option of "profai quiz COURSE_ID", not of "profai quiz check"\n`,
      );
    }
    assert.deepEqual(await marks(), [null, 'rule', 'rule']);
  });

  test('a number keeps that question; again changes nothing, even on the old revision; the trail says cli', async () => {
    const first = await quiz('2', '--revision', '0');
    assert.equal(first.code, 0, first.stderr);
    assert.equal(
      first.stdout,
      `Question 2 of quiz ${saved.quizId} marked as checked (revision 1); 1 question made by rule still waits for a check.\n`,
    );
    assert.deepEqual(await marks(), [null, null, 'rule']);

    const again = await quiz('2', '--revision', '0');
    assert.equal(again.code, 0, again.stderr);
    assert.equal(
      again.stdout,
      `Question 2 of quiz ${saved.quizId} waits for no check: nothing changed (revision 1); 1 question made by rule still waits for a check.\n`,
    );
    assert.equal((await getQuiz(db, saved.quizId))!.revision, 1);

    const trail = await listAudit(db, new Date(0));
    assert.deepEqual(
      trail.map((r) => [r.action, r.actorId, r.targetId]),
      [['edit', 'cli', saved.quizId]],
      'one record: the repeated check changed nothing',
    );
  });
});
