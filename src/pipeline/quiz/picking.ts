/**
 * The assembler's last step, shared with the model's quiz generator: the quiz's questions picked from the items
 * of every kind (made: {@link Made}) by a quota per kind from the shares asked (a kind without enough items
 * gives its places to the others, in the order made), only questions of the difficulties and Bloom levels
 * asked, no sentence of the text asked about twice (or one that says nearly the same, as the assembler judges
 * it: {@link AskedSentences}), no prompt twice. Items come best first; the scarcest kinds choose first; the quiz
 * is then mixed.
 */
import { levelsOf } from '../../domain/levels.ts';
import {
  bloomAtLeast,
  DEFAULT_KIND_SHARES,
  QUESTION_KINDS,
  type QuestionDraft,
  type QuestionFilters,
  type QuestionKind,
} from '../../domain/questions.ts';
import { type Rng, shuffled } from '../text/rng.ts';
import { AskedSentences, normalise } from './material.ts';

/** An item with the sentences of the text it rests on: no sentence is asked about twice in one quiz. */
export interface Made {
  q: QuestionDraft;
  sources: readonly string[];
}

export const made = (q: QuestionDraft, sources: readonly string[]): Made => ({ q, sources });

/** Where a question cites: its page, chunk and module. */
export interface Cited {
  page: number;
  chunkId?: string | undefined;
  moduleIndex?: number | undefined;
}

export const cited = (c: Cited) => ({
  sourcePage: c.page,
  ...(c.chunkId ? { chunkId: c.chunkId } : {}),
  ...(c.moduleIndex !== undefined ? { moduleIndex: c.moduleIndex } : {}),
});

/** `“text”` shortened to `max` characters at a word, for explanations. */
export function quoted(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max).replace(/\s+\S*$/, '')}…` : t}”`;
}

/** Places per kind for `count` questions: the largest-remainder share of each kind with a weight. */
export function quotas(
  count: number,
  shares: Partial<Record<QuestionKind, number>>,
): Map<QuestionKind, number> {
  const kinds = QUESTION_KINDS.filter((k) => (shares[k] ?? 0) > 0);
  const total = kinds.reduce((sum, k) => sum + shares[k]!, 0);
  const exact = kinds.map((k) => ({ k, x: (count * shares[k]!) / total }));
  const out = new Map(exact.map(({ k, x }) => [k, Math.floor(x)]));
  let left = count - [...out.values()].reduce((a, b) => a + b, 0);
  for (const { k } of [...exact].sort(
    (a, b) => (b.x % 1) - (a.x % 1) || QUESTION_KINDS.indexOf(a.k) - QUESTION_KINDS.indexOf(b.k),
  )) {
    if (left-- <= 0) break;
    out.set(k, out.get(k)! + 1);
  }
  return out;
}

/**
 * How many one-sentence items to make per question of the quiz: twice as many, more when the shares asked lean
 * on true/false statements (the kits make about 30% of them, and a multiple-answer item takes several) or on
 * multiple choice (70%), twice that again when levels are filtered. At most 8.
 */
export function poolFactor(filters: QuestionFilters): number {
  const shares = filters.kinds ?? DEFAULT_KIND_SHARES;
  const total = Object.values(shares).reduce((a, b) => a + (b ?? 0), 0) || 1;
  const share = (k: keyof typeof shares) => (shares[k] ?? 0) / total;
  const base = Math.max(
    2,
    (1.5 * (share('true_false') + 2 * share('multiple_answer'))) / 0.3,
    (1.5 * share('multiple_choice')) / 0.7,
  );
  const levels = filters.difficulty?.length || filters.minBloom ? 2 : 1;
  return Math.min(8, base * levels);
}

/** Sources compared exactly (normalised): see {@link pickQuestions}'s `near`. */
class ExactSentences {
  private readonly seen = new Set<string>();
  has = (text: string) => this.seen.has(normalise(text));
  add = (text: string) => void this.seen.add(normalise(text));
}

/** Whether a question's levels are among those asked. */
export function levelsWanted(q: QuestionDraft, filters: QuestionFilters): boolean {
  const { difficulty, bloom } = levelsOf(q);
  if (filters.difficulty && filters.difficulty.length > 0 && !filters.difficulty.includes(difficulty))
    return false;
  return !filters.minBloom || bloomAtLeast(bloom, filters.minBloom);
}

/**
 * `count` questions of `items` by the shares and levels of `filters`, mixed with `rng`. `near`: a source that
 * says nearly the same as one used counts as used (sentences of the text); false compares them exactly (a
 * model's prompts, where two differing by one number ask different things).
 */
export function pickQuestions(
  items: readonly Made[],
  count: number,
  filters: QuestionFilters,
  rng: Rng,
  near = true,
): QuestionDraft[] {
  const shares = filters.kinds ?? DEFAULT_KIND_SHARES;
  const eligible = items.filter((c) => (shares[c.q.kind] ?? 0) > 0 && levelsWanted(c.q, filters));
  const usedSources = near ? new AskedSentences() : new ExactSentences();
  const prompts = new Set<string>();
  const picked: Made[] = [];
  const take = (c: Made) => {
    const prompt = normalise(c.q.prompt);
    if (prompts.has(prompt) || c.sources.some((s) => usedSources.has(s))) return false;
    prompts.add(prompt);
    for (const s of c.sources) usedSources.add(s);
    picked.push(c);
    return true;
  };
  // The scarcest kinds choose first: a multiple-answer item needs a false statement that a true/false item
  // would otherwise take, and multiple choice has items to spare.
  const have = (kind: QuestionKind) => eligible.filter((c) => c.q.kind === kind).length;
  const order = [...quotas(count, shares)].sort(
    ([a, qa], [b, qb]) => have(a) / (qa || 1) - have(b) / (qb || 1),
  );
  for (const [kind, quota] of order) {
    let n = 0;
    for (const c of eligible) {
      if (n >= quota) break;
      if (c.q.kind === kind && take(c)) n++;
    }
  }
  // Places a kind could not fill go to the items left, best first, while the kinds asked last.
  for (const c of eligible) {
    if (picked.length >= count) break;
    if (!picked.includes(c)) take(c);
  }
  return shuffled(picked, rng).map((c) => c.q);
}
