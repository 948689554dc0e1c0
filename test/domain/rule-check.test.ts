/**
 * Rule-made questions that wait for a teacher's check (src/domain/rule-check.ts): the stored schema takes the
 * marker and old quizzes without it; a draft (what a model writes) cannot carry it; the quiz stage marks the new
 * kinds of a rule-made quiz and nothing of a model's; the export notice counts what waits.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { type QuizDraft, QuizSchema } from '../../src/domain/course.ts';
import type { QuizGenerator } from '../../src/domain/generators.ts';
import { withLevels } from '../../src/domain/levels.ts';
import {
  QUESTION_KINDS,
  type QuestionDraft,
  QuestionDraftSchema,
  QuestionSchema,
} from '../../src/domain/questions.ts';
import {
  CHECKED_WHEN_RULE_MADE,
  markedWhenRead,
  markRuleMade,
  RULE_GENERATOR_NAME,
  toCheck,
} from '../../src/domain/rule-check.ts';
import { exportNotice, renderExport } from '../../src/export/index.ts';
import type { ExportInput } from '../../src/export/types.ts';
import { generateCourse } from '../../src/pipeline/course.ts';
import { generateQuiz, OfflineQuizGenerator } from '../../src/pipeline/quiz.ts';
import { fixtureDocument } from '../support/api.ts';
import { chunksOf } from '../support/course-fixture.ts';

const base = { explanation: 'Because.', sourcePage: 1 };
const drafts: QuestionDraft[] = [
  { ...base, kind: 'multiple_choice', prompt: 'Q1?', options: ['a', 'b', 'c', 'd'], answerIndex: 0 },
  { ...base, kind: 'true_false', prompt: 'Q2?', answer: true },
  { ...base, kind: 'multiple_answer', prompt: 'Q3?', options: ['a', 'b', 'c'], answerIndexes: [0, 1] },
  {
    ...base,
    kind: 'matching',
    prompt: 'Q4?',
    pairs: [
      { term: 'a', definition: 'x' },
      { term: 'b', definition: 'y' },
      { term: 'c', definition: 'z' },
    ],
  },
  { ...base, kind: 'short_answer', prompt: 'Q5?', answers: ['term'] },
  { ...base, kind: 'numerical', prompt: 'Q6?', answer: 16, tolerance: 0, unit: 'bytes' },
  { ...base, kind: 'ordering', prompt: 'Q7?', items: ['one', 'two', 'three'] },
];
const NEW_KINDS = ['multiple_answer', 'matching', 'short_answer', 'numerical', 'ordering'];

describe('the needsCheck marker', () => {
  test('a stored question takes it or not; another value is refused; a draft drops it', () => {
    const q = withLevels(drafts[3]!);
    assert.ok(QuestionSchema.safeParse(q).success, 'an old stored question, without it, still loads');
    assert.equal(QuestionSchema.parse({ ...q, needsCheck: 'rule' }).needsCheck, 'rule');
    assert.ok(!QuestionSchema.safeParse({ ...q, needsCheck: 'model' }).success);
    assert.ok(!QuestionSchema.safeParse({ ...q, needsCheck: true }).success);
    const draft = QuestionDraftSchema.parse({ ...drafts[3], needsCheck: 'rule' });
    assert.equal('needsCheck' in draft, false, 'what a model writes never carries it');
  });

  test('the five new kinds are marked, multiple choice and true/false not', () => {
    assert.deepEqual(
      QUESTION_KINDS.filter((k) => CHECKED_WHEN_RULE_MADE[k]),
      NEW_KINDS,
    );
    const marked = markRuleMade(drafts.map(withLevels));
    assert.deepEqual(
      marked.filter((q) => q.needsCheck === 'rule').map((q) => q.kind),
      NEW_KINDS,
    );
    assert.equal(toCheck(marked), 5);
  });

  test('read: a never edited rule-made quiz is marked; an edited one or a model quiz as stored', () => {
    const quiz = (name: string) => ({ generator: { name, version: '1' }, questions: drafts.map(withLevels) });
    assert.equal(toCheck(markedWhenRead(quiz(RULE_GENERATOR_NAME), false).questions), 5);
    assert.equal(toCheck(markedWhenRead(quiz(RULE_GENERATOR_NAME), true).questions), 0);
    assert.equal(toCheck(markedWhenRead(quiz('openai-compatible:some-model'), false).questions), 0);
  });
});

/** A generator that returns the drafts above under `name`. */
const stub = (name: string): QuizGenerator => ({
  name,
  generateQuiz: async (): Promise<QuizDraft> => ({
    title: 'Plants: quiz',
    seed: 1,
    questions: drafts,
    generator: { name, version: '1' },
  }),
});

describe('the quiz stage', () => {
  const doc = fixtureDocument('a'.repeat(64), 'plants.pdf');
  const input = { course: doc.course, chunks: doc.chunks, count: 7, seed: 1 };

  test('a quiz made by rule has its new kinds marked; a model quiz none', async () => {
    const byRule = await generateQuiz(input, stub('offline-cloze'));
    assert.equal(toCheck(byRule.questions), 5);
    assert.deepEqual(
      byRule.questions.filter((q) => q.needsCheck).map((q) => q.kind),
      NEW_KINDS,
    );
    const byModel = await generateQuiz(input, stub('openai-compatible:some-model'));
    assert.equal(toCheck(byModel.questions), 0);
  });

  test('the offline generator is the rule-made one: of a text it makes new kinds of, those are marked', async () => {
    // A glossary-style definition (matching, short answer), quantities (numerical) and numbered steps (ordering).
    const texts = [
      'A primary key is a column that identifies each row of a table. A foreign key is a column that refers to a row of another table.',
      'An index is a structure that finds rows without reading the whole table. A view is a stored query that other queries read like a table.',
      'The cache of the database server holds 2,048 entries of 64 KB each. Each page of a table stores 8 KB of rows on disk.',
      'To restore a backup, do the following steps:\n\n1. Stop the database server.\n\n2. Copy the backup files into the data directory.\n\n3. Start the database server again.\n\n4. Check the log for errors.\n\nThe server then replays its log.',
      'A transaction groups several changes so that all of them happen or none does. The database writes every change to its log before it changes a table.',
    ];
    const title = 'Databases';
    const paragraphs = texts.map((text, i) => ({ text, page: i + 1, pageEnd: i + 1 }));
    const sections = [
      { index: 0, title, level: 1, path: [title], pageStart: 1, pageEnd: texts.length, paragraphs },
    ];
    const doc = {
      documentId: 'rulecheck',
      fileName: 'databases.pdf',
      pageCount: texts.length,
      structure: { title, sections, source: 'headings' as const },
      chunks: chunksOf(sections, 'rulecheck'),
    };
    const course = await generateCourse(doc);
    const quiz = await generateQuiz(
      { course, chunks: doc.chunks, count: 10, seed: 1 },
      new OfflineQuizGenerator(),
    );
    assert.equal(quiz.generator.name, RULE_GENERATOR_NAME);
    const made = quiz.questions.filter((q) => CHECKED_WHEN_RULE_MADE[q.kind]);
    assert.ok(made.length >= 1, `new kinds made: ${quiz.questions.map((q) => q.kind).join(', ')}`);
    assert.ok(toCheck(quiz.questions) >= 1);
    for (const q of quiz.questions)
      assert.equal(q.needsCheck === 'rule', CHECKED_WHEN_RULE_MADE[q.kind], `${q.kind}: ${q.prompt}`);
  });
});

describe('the export notice', () => {
  const doc = fixtureDocument('b'.repeat(64), 'plants.pdf');
  const questions = markRuleMade(drafts.map(withLevels));
  const input = (qs = questions): ExportInput => ({
    courseId: 'c1',
    fileName: 'plants.pdf',
    course: doc.course,
    quiz: {
      id: 'q1',
      reviewed: false,
      questionKeys: qs.map((_, i) => `q1:${i}`),
      quiz: QuizSchema.parse({
        title: 'Plants: quiz',
        seed: 1,
        questions: qs,
        generator: { name: 'x', version: '1' },
      }),
    },
  });

  test('says how many made by rule wait, of those the file holds; JSON keeps the marker instead', () => {
    const wait = (n: number) =>
      `${n} questions made by rule not yet checked by a teacher: check them in review before use.`;
    assert.equal(exportNotice(input(), 'moodle-xml'), `moodle-xml: ${wait(5)}`);
    assert.equal(exportNotice(input(), 'anki'), `anki: ${wait(5)}`);
    assert.equal(
      exportNotice(input(), 'gift'),
      `gift: 1 ordering question left out (GIFT has no ordering question). ${wait(4)}`,
    );
    assert.equal(exportNotice(input(), 'json'), null);
    const json = JSON.parse(String(renderExport(input(), 'json')));
    assert.equal(
      json.quiz.questions.filter((q: { needsCheck?: string }) => q.needsCheck === 'rule').length,
      5,
    );
    const kept = questions.map(({ needsCheck: _, ...q }) => q);
    assert.equal(exportNotice(input(kept), 'moodle-xml'), null, 'all kept: nothing to say');
  });
});
