/**
 * The quiz's questions picked from the candidates of every kind: a quota per kind from the shares asked (a kind
 * without enough candidates gives its places to the others, in candidate order), only questions of the
 * difficulties and Bloom levels asked, no sentence of the text asked about twice, no prompt twice. Candidates
 * come best first; the scarcest kinds choose first; the quiz is then mixed.
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
import { normalise } from '../quiz/material.ts';
import { type Rng, shuffled } from '../text/rng.ts';
import type { Candidate } from './candidate.ts';

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

/** Whether a question's levels are among those asked. */
export function levelsWanted(q: QuestionDraft, filters: QuestionFilters): boolean {
  const { difficulty, bloom } = levelsOf(q);
  if (filters.difficulty && filters.difficulty.length > 0 && !filters.difficulty.includes(difficulty))
    return false;
  return !filters.minBloom || bloomAtLeast(bloom, filters.minBloom);
}

export function selectQuestions(
  candidates: readonly Candidate[],
  count: number,
  filters: QuestionFilters,
  rng: Rng,
): QuestionDraft[] {
  const shares = filters.kinds ?? DEFAULT_KIND_SHARES;
  const eligible = candidates.filter((c) => (shares[c.q.kind] ?? 0) > 0 && levelsWanted(c.q, filters));
  const usedSources = new Set<string>();
  const prompts = new Set<string>();
  const picked: Candidate[] = [];
  const take = (c: Candidate) => {
    const prompt = normalise(c.q.prompt);
    if (prompts.has(prompt) || c.sources.some((s) => usedSources.has(s))) return false;
    prompts.add(prompt);
    for (const s of c.sources) usedSources.add(s);
    picked.push(c);
    return true;
  };
  // The scarcest kinds choose first: a multiple-answer item needs a false statement that a true/false item
  // would otherwise take, and multiple choice has candidates to spare.
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
  // Places a kind could not fill go to the candidates left, best first, while the kinds asked last.
  for (const c of eligible) {
    if (picked.length >= count) break;
    if (!picked.includes(c)) take(c);
  }
  return shuffled(picked, rng).map((c) => c.q);
}
