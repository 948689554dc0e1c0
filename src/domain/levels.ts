/**
 * The difficulty and Bloom level of a question, from what the question asks of the learner (docs/questions.md
 * states the same rule for teachers). Every generator's question gets them from here; a teacher may change
 * them in review. The same question always gets the same levels.
 *
 * Bloom level, the first that applies:
 * - apply: put the steps of a procedure in order (ordering);
 * - understand: relate several ideas or tell close ones apart (matching, multiple answer), or answer a question
 *   put in other words than the text's (a multiple-choice question that is not a fill-in-the-blank);
 * - remember: recall or recognise one thing the text states (true/false, fill-in-the-blank, short answer,
 *   numerical).
 *
 * Difficulty: the points of {@link DIFFICULTY_RULES} added up: 0–1 easy, 2–3 medium, 4 or more hard.
 */
import type {
  BloomLevel,
  Difficulty,
  DraftOf,
  Levels,
  Question,
  QuestionDraft,
  QuestionKind,
} from './questions.ts';

/** One named reason a question is harder, with its points and what it must and must not count. */
export interface DifficultyRule {
  id: string;
  why: string;
  points: number;
  applies(q: QuestionDraft): boolean;
}

const has = (q: QuestionDraft, ...kinds: QuestionKind[]) => kinds.includes(q.kind);

/** Words of three letters or more, lower case: what two options must share to be close. */
const words = (s: string) => new Set(s.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]{2,}/gu) ?? []);

/** Wrong options that share a word with a right one ("foreign key" beside "primary key"). */
function closeDistractors(options: readonly string[], right: readonly number[]): number {
  const rightWords = right.flatMap((k) => [...words(options[k] ?? '')]);
  return options.filter((o, k) => !right.includes(k) && rightWords.some((w) => words(o).has(w))).length;
}

const parts = (q: QuestionDraft): number =>
  q.kind === 'multiple_answer'
    ? q.options.length
    : q.kind === 'matching'
      ? q.pairs.length
      : q.kind === 'ordering'
        ? q.items.length
        : 0;

/** Significant digits of a number as written in decimal (1500 → 2, 3.14 → 3, 0.05 → 1). */
function significantDigits(n: number): number {
  const digits = Math.abs(n).toString().replace('.', '').replace(/^0+/, '');
  return digits.replace(/0+$/, '').length || 1;
}

export const DIFFICULTY_RULES: readonly DifficultyRule[] = [
  {
    id: 'recall',
    why: 'writing the answer from memory is harder than recognising it among options',
    points: 3,
    applies: (q) => has(q, 'short_answer', 'numerical'),
  },
  {
    id: 'options',
    why: 'options to tell apart are harder than a statement to judge',
    points: 1,
    applies: (q) => has(q, 'multiple_choice', 'multiple_answer', 'matching', 'ordering'),
  },
  {
    id: 'every-part',
    why: 'every option, pair or place must be right, not one',
    points: 2,
    applies: (q) => has(q, 'multiple_answer', 'matching', 'ordering'),
  },
  {
    id: 'many-parts',
    why: 'five or more options, pairs or items to hold in mind at once',
    points: 1,
    applies: (q) => parts(q) >= 5,
  },
  {
    id: 'close-distractors',
    why: 'wrong options close to a right one (sharing a word with it) must be told apart from it',
    points: 1,
    applies: (q) =>
      (q.kind === 'multiple_choice' && closeDistractors(q.options, [q.answerIndex]) >= 2) ||
      (q.kind === 'multiple_answer' && closeDistractors(q.options, q.answerIndexes) >= 2),
  },
  {
    id: 'precise-figure',
    why: 'a figure of three significant digits or more, to be given exactly',
    points: 1,
    applies: (q) => q.kind === 'numerical' && q.tolerance === 0 && significantDigits(q.answer) >= 3,
  },
  {
    id: 'long-answer',
    why: 'an answer of three words or more, to be recalled whole',
    points: 1,
    applies: (q) => q.kind === 'short_answer' && (q.answers[0] ?? '').trim().split(/\s+/).length >= 3,
  },
];

/** A fill-in-the-blank stem: the text's own sentence with a blank. */
const isFillInTheBlank = (q: DraftOf<'multiple_choice'>) =>
  /_{3,}/.test(q.prompt) || /^fill in the blank\b/i.test(q.prompt);

export function bloomOf(q: QuestionDraft): BloomLevel {
  switch (q.kind) {
    case 'ordering':
      return 'apply';
    case 'matching':
    case 'multiple_answer':
      return 'understand';
    case 'multiple_choice':
      return isFillInTheBlank(q) ? 'remember' : 'understand';
    default:
      return 'remember';
  }
}

export function difficultyPoints(q: QuestionDraft): number {
  return DIFFICULTY_RULES.reduce((sum, rule) => sum + (rule.applies(q) ? rule.points : 0), 0);
}

export function difficultyOf(q: QuestionDraft): Difficulty {
  const points = difficultyPoints(q);
  return points <= 1 ? 'easy' : points <= 3 ? 'medium' : 'hard';
}

/** The levels the rule gives a question. */
export function levelsOf(q: QuestionDraft): Levels {
  return { difficulty: difficultyOf(q), bloom: bloomOf(q) };
}

/** A draft with its levels; levels it already has (a teacher's) are kept. */
export function withLevels(q: QuestionDraft & Partial<Levels>): Question {
  const rated = levelsOf(q);
  return { ...q, difficulty: q.difficulty ?? rated.difficulty, bloom: q.bloom ?? rated.bloom } as Question;
}
