/**
 * The kinds of question a quiz holds, their fields, and the checks of each kind that a field's type cannot say
 * (two right options of a select-all item at least, one wrong; no two pairs of a matching item alike…).
 *
 * Glossary:
 * - kind: what the learner does. `multiple_choice` (one right option of four), `true_false`, `multiple_answer`
 *   (select all that apply), `matching` (terms to their definitions), `short_answer` (type the term),
 *   `numerical` (type a quantity, within a tolerance), `ordering` (put the steps in order).
 * - draft: a question as a generator (offline or the model) writes it, without its levels.
 * - levels: its difficulty and Bloom level, given to every draft by the rule of ./levels.ts; a teacher may
 *   change them in review.
 */
import { z } from 'zod';
import {
  BLOOM_LEVELS,
  type BloomLevel,
  DIFFICULTIES,
  type Difficulty,
  LIMITS,
  type QuestionKind,
} from './question-kinds.ts';
import { NEEDS_CHECK } from './rule-check.ts';

export * from './question-kinds.ts';

const text = z.string().min(1);

/** What every kind has: the stem, why the answer is right, where the text says so. */
const common = {
  prompt: text,
  explanation: text,
  sourcePage: z.number().int().min(1),
  chunkId: z.string().optional(),
  moduleIndex: z.number().int().min(0).optional(),
};

/** The fields of each kind besides {@link common}. */
const fields = {
  multiple_choice: {
    /** Exactly four options, one of them right. */
    options: z.array(text).length(4),
    answerIndex: z.number().int().min(0).max(3),
  },
  true_false: { answer: z.boolean() },
  multiple_answer: {
    /** Three to eight options; two or more right, one or more wrong. */
    options: z.array(text).min(LIMITS.multipleAnswerOptions.min).max(LIMITS.multipleAnswerOptions.max),
    /** The right options, by position from 0, in increasing order. */
    answerIndexes: z.array(z.number().int().min(0)).min(2),
  },
  matching: {
    /** Three to six terms, each with the one definition it matches. */
    pairs: z
      .array(z.object({ term: text, definition: text }))
      .min(LIMITS.matchingPairs.min)
      .max(LIMITS.matchingPairs.max),
  },
  short_answer: {
    /** The accepted answers, the preferred one first (case is ignored when answers are compared). */
    answers: z.array(text).min(LIMITS.shortAnswers.min).max(LIMITS.shortAnswers.max),
  },
  numerical: {
    answer: z.number().finite(),
    /** How far from `answer` an answer may be and still be right (0: exactly). */
    tolerance: z.number().finite().min(0),
    /** The unit the text gives the quantity in, shown after the answer box (`MB`, `seconds`). */
    unit: text.optional(),
  },
  ordering: {
    /** The steps or list items, in the right order. */
    items: z.array(text).min(LIMITS.orderingItems.min).max(LIMITS.orderingItems.max),
  },
} as const;

/**
 * What a stored question has besides its draft: its levels, and (made by rule, of a kind a teacher must check,
 * not yet kept: ./rule-check.ts) `needsCheck`. Not in the draft, so that no model can set it; absent in quizzes
 * stored before it existed.
 */
const levelFields = {
  difficulty: z.enum(DIFFICULTIES),
  bloom: z.enum(BLOOM_LEVELS),
  needsCheck: z.enum(NEEDS_CHECK).optional(),
};

/** Lower case, blanks collapsed: how the checks compare two texts of one question. */
export const sameText = (a: string, b: string) => normalised(a) === normalised(b);
const normalised = (s: string) => s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** The first two positions of `list` whose texts are the same, or null. */
function repeated(list: readonly string[]): [number, number] | null {
  const seen = new Map<string, number>();
  for (const [i, s] of list.entries()) {
    const key = normalised(s);
    const before = seen.get(key);
    if (before !== undefined) return [before, i];
    seen.set(key, i);
  }
  return null;
}

type Issue = { message: string; path: (string | number)[] };

/** The checks of each kind that the fields alone cannot say; each returns what is wrong, or nothing. */
const KIND_CHECKS: Partial<Record<QuestionKind, (q: Record<string, unknown>) => Issue | undefined>> = {
  multiple_answer: (q) => {
    const options = q.options as string[];
    const right = q.answerIndexes as number[];
    const out = right.findIndex((k) => k >= options.length);
    if (out >= 0) return { message: `there is no option ${right[out]! + 1}`, path: ['answerIndexes', out] };
    if (right.some((k, i) => i > 0 && k <= right[i - 1]!))
      return { message: 'each right option once, in increasing order', path: ['answerIndexes'] };
    if (right.length >= options.length)
      return { message: 'at least one option must be wrong', path: ['answerIndexes'] };
    const same = repeated(options);
    if (same)
      return {
        message: `options ${same[0] + 1} and ${same[1] + 1} are the same`,
        path: ['options', same[1]],
      };
    return undefined;
  },
  matching: (q) => {
    const pairs = q.pairs as { term: string; definition: string }[];
    const terms = repeated(pairs.map((p) => p.term));
    if (terms)
      return {
        message: `terms ${terms[0] + 1} and ${terms[1] + 1} are the same`,
        path: ['pairs', terms[1], 'term'],
      };
    const defs = repeated(pairs.map((p) => p.definition));
    if (defs)
      return {
        message: `definitions ${defs[0] + 1} and ${defs[1] + 1} are the same: each term needs its own`,
        path: ['pairs', defs[1], 'definition'],
      };
    return undefined;
  },
  short_answer: (q) => {
    const same = repeated(q.answers as string[]);
    if (same)
      return {
        message: `accepted answers ${same[0] + 1} and ${same[1] + 1} are the same`,
        path: ['answers', same[1]],
      };
    return undefined;
  },
  ordering: (q) => {
    const same = repeated(q.items as string[]);
    if (same)
      return { message: `items ${same[0] + 1} and ${same[1] + 1} are the same`, path: ['items', same[1]] };
    return undefined;
  },
};

/** One kind's schema: its literal, the common fields, its own, optionally the levels; checked by its rule. */
function kindSchema<K extends QuestionKind, L extends object>(kind: K, levels: L) {
  const schema = z.object({ kind: z.literal(kind), ...common, ...fields[kind], ...levels });
  const check = KIND_CHECKS[kind];
  return check
    ? schema.superRefine((q, ctx) => {
        const issue = check(q as Record<string, unknown>);
        if (issue) ctx.addIssue({ code: 'custom', ...issue });
      })
    : schema;
}

function unionOf<L extends object>(levels: L) {
  return z.discriminatedUnion('kind', [
    kindSchema('multiple_choice', levels),
    kindSchema('true_false', levels),
    kindSchema('multiple_answer', levels),
    kindSchema('matching', levels),
    kindSchema('short_answer', levels),
    kindSchema('numerical', levels),
    kindSchema('ordering', levels),
  ]);
}

/** A question as stored, exported and shown: its kind's fields, its levels, whether it waits for a check. */
export const QuestionSchema = unionOf(levelFields);

/** A question as a generator writes it: the levels come after, from the rule of ./levels.ts. */
export const QuestionDraftSchema = unionOf({});

export type Question = z.infer<typeof QuestionSchema>;
export type QuestionDraft = z.infer<typeof QuestionDraftSchema>;
export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;
export type DraftOf<K extends QuestionKind> = Extract<QuestionDraft, { kind: K }>;
export interface Levels {
  difficulty: Difficulty;
  bloom: BloomLevel;
}
