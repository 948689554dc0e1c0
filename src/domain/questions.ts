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

export const QUESTION_KINDS = [
  'multiple_choice',
  'true_false',
  'multiple_answer',
  'matching',
  'short_answer',
  'numerical',
  'ordering',
] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** What a teacher calls each kind. */
export const KIND_LABELS: Record<QuestionKind, string> = {
  multiple_choice: 'multiple choice',
  true_false: 'true or false',
  multiple_answer: 'multiple answer',
  matching: 'matching',
  short_answer: 'short answer',
  numerical: 'numerical',
  ordering: 'ordering',
};

export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** The levels of Bloom's taxonomy a question of ProfAI can reach, lowest first. */
export const BLOOM_LEVELS = ['remember', 'understand', 'apply'] as const;
export type BloomLevel = (typeof BLOOM_LEVELS)[number];

/** Bounds of the parts of a question (options, pairs, items, accepted answers). */
export const LIMITS = {
  multipleAnswerOptions: { min: 3, max: 8 },
  matchingPairs: { min: 3, max: 6 },
  orderingItems: { min: 3, max: 8 },
  shortAnswers: { min: 1, max: 10 },
} as const;

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

const levelFields = {
  difficulty: z.enum(DIFFICULTIES),
  bloom: z.enum(BLOOM_LEVELS),
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

/** A question as stored, exported and shown: its kind's fields, its levels. */
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

/**
 * The share of each kind in a quiz when the teacher sets none: relative weights (a kind the text does not support
 * gives its place to the others). Multiple choice and true/false lead, as they can be made from any text.
 */
export const DEFAULT_KIND_SHARES: Readonly<Record<QuestionKind, number>> = {
  multiple_choice: 4,
  true_false: 2,
  multiple_answer: 1,
  matching: 1,
  short_answer: 1,
  numerical: 1,
  ordering: 1,
};

/** What a teacher may ask of a quiz besides its size and scope: shares of kinds, difficulties, a least level. */
export interface QuestionFilters {
  /** Relative share of each kind (0 or absent: none of it). Absent: {@link DEFAULT_KIND_SHARES}. */
  kinds?: Partial<Record<QuestionKind, number>>;
  /** Only questions of these difficulties. Absent: any. */
  difficulty?: readonly Difficulty[];
  /** Only questions of this Bloom level or above. Absent: any. */
  minBloom?: BloomLevel;
}

/** True when `level` is `floor` or above it. */
export const bloomAtLeast = (level: BloomLevel, floor: BloomLevel) =>
  BLOOM_LEVELS.indexOf(level) >= BLOOM_LEVELS.indexOf(floor);

export const isQuestionKind = (s: string): s is QuestionKind =>
  (QUESTION_KINDS as readonly string[]).includes(s);

/**
 * `--kinds` as a teacher writes it: kinds with their shares, `multiple_choice=3,matching=1`, or a list of kinds
 * with equal shares, `matching,ordering`. @throws Error naming what is wrong.
 */
export function parseKindShares(text: string): Partial<Record<QuestionKind, number>> {
  const out: Partial<Record<QuestionKind, number>> = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [name, share] = part.split('=').map((x) => x.trim());
    if (!name || !isQuestionKind(name))
      throw new Error(`unknown kind "${name}": one of ${QUESTION_KINDS.join(', ')}`);
    const n = share === undefined ? 1 : Number(share);
    if (!Number.isInteger(n) || n < 0 || n > 100)
      throw new Error(`the share of ${name} is a whole number from 0 to 100`);
    out[name] = n;
  }
  if (!Object.values(out).some((n) => n > 0)) throw new Error('name at least one kind with a share above 0');
  return out;
}

/** The filters in a stable text, for the identity of a quiz request (empty when none is set). */
export function filtersKey(f: QuestionFilters): string {
  const kinds = f.kinds
    ? QUESTION_KINDS.filter((k) => (f.kinds![k] ?? 0) > 0)
        .map((k) => `${k}=${f.kinds![k]}`)
        .join(',')
    : '';
  const difficulty = f.difficulty?.length
    ? DIFFICULTIES.filter((d) => f.difficulty!.includes(d)).join(',')
    : '';
  return kinds || difficulty || f.minBloom ? `${kinds}|${difficulty}|${f.minBloom ?? ''}` : '';
}

/** `value` as {@link QuestionFilters}, checked (a job's payload, a request's body). @throws Error naming the field */
export function checkFilters(value: Record<string, unknown>): QuestionFilters {
  const out: QuestionFilters = {};
  if (value.kinds !== undefined) {
    const kinds = value.kinds as Record<string, unknown>;
    if (typeof kinds !== 'object' || kinds === null) throw new Error('kinds must be an object of shares');
    const shares: Partial<Record<QuestionKind, number>> = {};
    for (const [k, n] of Object.entries(kinds)) {
      if (!isQuestionKind(k)) throw new Error(`kinds: unknown kind "${k}"`);
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 100)
        throw new Error(`kinds: the share of ${k} is a whole number from 0 to 100`);
      shares[k] = n;
    }
    if (!Object.values(shares).some((n) => n > 0))
      throw new Error('kinds: at least one kind with a share above 0');
    out.kinds = shares;
  }
  if (value.difficulty !== undefined) {
    const d = value.difficulty;
    if (!Array.isArray(d) || d.some((x) => !(DIFFICULTIES as readonly unknown[]).includes(x)))
      throw new Error(`difficulty: a list of ${DIFFICULTIES.join(', ')}`);
    out.difficulty = d as Difficulty[];
  }
  if (value.minBloom !== undefined) {
    if (!(BLOOM_LEVELS as readonly unknown[]).includes(value.minBloom))
      throw new Error(`minBloom: one of ${BLOOM_LEVELS.join(', ')}`);
    out.minBloom = value.minBloom as BloomLevel;
  }
  return out;
}
