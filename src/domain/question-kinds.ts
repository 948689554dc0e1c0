/**
 * The kinds of question, their levels and what a teacher may ask of a quiz (shares, difficulties, a least Bloom
 * level), without zod: the CLI and the worker processes read these before they load anything heavy
 * (.dependency-cruiser-lazy.cjs). The schemas are in ./questions.ts.
 */
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

/**
 * The levels of `f` that leave some question out: all three difficulties, or at least `remember`, narrow nothing,
 * so a short quiz's line (lib/shortfall.ts) does not blame them.
 */
export function narrowingLevels(f: QuestionFilters): Pick<QuestionFilters, 'difficulty' | 'minBloom'> {
  const difficulty = f.difficulty?.filter((d) => DIFFICULTIES.includes(d));
  const narrowsDifficulty = difficulty?.length && DIFFICULTIES.some((d) => !difficulty.includes(d));
  const narrowsBloom = f.minBloom !== undefined && f.minBloom !== BLOOM_LEVELS[0];
  return {
    ...(narrowsDifficulty ? { difficulty } : {}),
    ...(narrowsBloom ? { minBloom: f.minBloom } : {}),
  };
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
