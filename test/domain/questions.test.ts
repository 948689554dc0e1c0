/**
 * The question kinds' schemas and checks, and the rule that gives every question its difficulty and Bloom level:
 * each kind accepted whole and refused with a reason a teacher reads; each difficulty rule with a question it
 * must count and one it must not; the levels of one question of each kind.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { QuizSchema, withQuizLevels } from '../../src/domain/course.ts';
import { bloomOf, DIFFICULTY_RULES, difficultyOf, levelsOf, withLevels } from '../../src/domain/levels.ts';
import {
  bloomAtLeast,
  QUESTION_KINDS,
  type QuestionDraft,
  QuestionDraftSchema,
  QuestionSchema,
} from '../../src/domain/questions.ts';

const base = { prompt: 'A question?', explanation: 'Because.', sourcePage: 3 };

/** One well-formed draft of each kind. */
const drafts: Record<QuestionDraft['kind'], QuestionDraft> = {
  multiple_choice: {
    ...base,
    kind: 'multiple_choice',
    prompt: 'Fill in the blank: A _____ identifies a row.',
    options: ['primary key', 'view', 'index', 'trigger'],
    answerIndex: 0,
  },
  true_false: { ...base, kind: 'true_false', answer: true },
  multiple_answer: {
    ...base,
    kind: 'multiple_answer',
    options: ['Rows have keys.', 'Tables have rows.', 'Keys are colours.'],
    answerIndexes: [0, 1],
  },
  matching: {
    ...base,
    kind: 'matching',
    pairs: [
      { term: 'primary key', definition: 'identifies a row' },
      { term: 'view', definition: 'a stored query' },
      { term: 'index', definition: 'speeds up a search' },
    ],
  },
  short_answer: { ...base, kind: 'short_answer', answers: ['primary key', 'primary keys', 'PK'] },
  numerical: { ...base, kind: 'numerical', answer: 8192, tolerance: 0, unit: 'bytes' },
  ordering: { ...base, kind: 'ordering', items: ['Open the file.', 'Read it.', 'Close it.'] },
};

const problemOf = (value: unknown) => {
  const parsed = QuestionDraftSchema.safeParse(value);
  return parsed.success ? null : parsed.error.issues[0]!.message;
};

describe('the kinds of question', () => {
  test('each kind is accepted whole, as a draft and, with its levels, as a question', () => {
    assert.deepEqual(Object.keys(drafts).sort(), [...QUESTION_KINDS].sort());
    for (const draft of Object.values(drafts)) {
      assert.equal(problemOf(draft), null, draft.kind);
      assert.ok(QuestionSchema.safeParse(withLevels(draft)).success, draft.kind);
      assert.ok(!QuestionSchema.safeParse(draft).success, `${draft.kind}: a stored question has its levels`);
    }
  });

  const refused: [string, unknown, RegExp][] = [
    [
      'multiple answer with one right option',
      { ...drafts.multiple_answer, answerIndexes: [1] },
      /at least 2|too small|>=2/i,
    ],
    [
      'multiple answer with every option right',
      { ...drafts.multiple_answer, answerIndexes: [0, 1, 2] },
      /at least one option must be wrong/,
    ],
    [
      'multiple answer pointing past its options',
      { ...drafts.multiple_answer, answerIndexes: [0, 5] },
      /there is no option 6/,
    ],
    [
      'multiple answer with an option twice',
      { ...drafts.multiple_answer, options: ['A b.', 'a  B.', 'C.'] },
      /options 1 and 2 are the same/,
    ],
    [
      'multiple answer right options out of order',
      { ...drafts.multiple_answer, answerIndexes: [1, 0] },
      /increasing order/,
    ],
    [
      'matching with two pairs',
      {
        ...drafts.matching,
        pairs: drafts.matching.kind === 'matching' ? drafts.matching.pairs.slice(0, 2) : [],
      },
      /3|too small/,
    ],
    [
      'matching with one definition twice',
      {
        ...drafts.matching,
        pairs: [
          { term: 'a', definition: 'same' },
          { term: 'b', definition: 'Same' },
          { term: 'c', definition: 'other' },
        ],
      },
      /definitions 1 and 2 are the same: each term needs its own/,
    ],
    [
      'short answer with the same answer twice',
      { ...drafts.short_answer, answers: ['PK', 'pk'] },
      /accepted answers 1 and 2 are the same/,
    ],
    ['short answer without an answer', { ...drafts.short_answer, answers: [] }, /1|too small/],
    ['numerical with a negative tolerance', { ...drafts.numerical, tolerance: -1 }, /0|too small/],
    ['numerical that is no number', { ...drafts.numerical, answer: Number.NaN }, /number|finite/i],
    [
      'ordering with an item twice',
      { ...drafts.ordering, items: ['Open.', 'Read.', 'open.'] },
      /items 1 and 3 are the same/,
    ],
    ['ordering of two items', { ...drafts.ordering, items: ['Open.', 'Read.'] }, /3|too small/],
  ];
  for (const [what, value, reason] of refused)
    test(`refused: ${what}`, () => {
      assert.match(problemOf(value) ?? 'accepted', reason);
    });

  test('a quiz stored before questions had levels reads with the levels of the rule', () => {
    const old = {
      title: 'Old quiz',
      seed: 1,
      generator: { name: 'offline-cloze', version: '2' },
      questions: [drafts.true_false, { ...drafts.multiple_choice, difficulty: 'hard', bloom: 'apply' }],
    };
    assert.ok(!QuizSchema.safeParse(old).success);
    const read = QuizSchema.parse(withQuizLevels(old as Parameters<typeof withQuizLevels>[0]));
    assert.deepEqual(
      read.questions.map((q) => [q.difficulty, q.bloom]),
      [
        ['easy', 'remember'],
        ['hard', 'apply'],
      ],
      "the rule's levels where there were none; a teacher's kept",
    );
  });
});

describe('difficulty and Bloom level', () => {
  const close: QuestionDraft = {
    ...base,
    kind: 'multiple_choice',
    prompt: 'Which key identifies a row?',
    options: ['primary key', 'foreign key', 'candidate key', 'trigger'],
    answerIndex: 0,
  };
  /** Each rule with a question it counts and one it does not. */
  const examples: Record<string, [counts: QuestionDraft, not: QuestionDraft]> = {
    recall: [drafts.short_answer, drafts.multiple_choice],
    options: [drafts.multiple_choice, drafts.true_false],
    'every-part': [drafts.matching, drafts.multiple_choice],
    'many-parts': [
      { ...drafts.ordering, items: ['1.', '2.', '3.', '4.', '5.'] } as QuestionDraft,
      drafts.ordering,
    ],
    'close-distractors': [close, drafts.multiple_choice],
    'precise-figure': [drafts.numerical, { ...drafts.numerical, answer: 8000 } as QuestionDraft],
    'long-answer': [
      { ...drafts.short_answer, answers: ['two phase commit'] } as QuestionDraft,
      drafts.short_answer,
    ],
  };

  test('every rule has its examples, and counts the one and not the other', () => {
    assert.deepEqual(Object.keys(examples).sort(), DIFFICULTY_RULES.map((r) => r.id).sort());
    for (const rule of DIFFICULTY_RULES) {
      const [counts, not] = examples[rule.id]!;
      assert.equal(rule.applies(counts), true, `${rule.id} counts ${JSON.stringify(counts)}`);
      assert.equal(rule.applies(not), false, `${rule.id} does not count ${JSON.stringify(not)}`);
    }
  });

  test('the levels of each kind: recall is harder than recognition, relating ideas is understanding', () => {
    const levels = Object.fromEntries(
      Object.values(drafts).map((d) => [d.kind, `${difficultyOf(d)} ${bloomOf(d)}`]),
    );
    assert.deepEqual(levels, {
      true_false: 'easy remember',
      multiple_choice: 'easy remember',
      multiple_answer: 'medium understand',
      matching: 'medium understand',
      short_answer: 'medium remember',
      numerical: 'hard remember',
      ordering: 'medium apply',
    });
    assert.deepEqual(
      levelsOf(close),
      { difficulty: 'medium', bloom: 'understand' },
      'close options, own words',
    );
  });

  test('"understand or above"', () => {
    assert.ok(bloomAtLeast('apply', 'understand'));
    assert.ok(bloomAtLeast('understand', 'understand'));
    assert.ok(!bloomAtLeast('remember', 'understand'));
  });
});
