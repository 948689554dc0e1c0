/**
 * Matching items judged by the readings (matching.jsonl): would today's makers still make this item as judged?
 * Each pair goes through the glossary gate (definition-gate.ts: its rebuilt sentence and missing context apply
 * here) and matching's LISTED_GLOSS_RULES; a pair the reading printed without its gloss is asked by the term rules
 * alone. A refused pair leaves the item smaller, so the item counts as not made (the first refusing rule) when
 * fewer than MIN_PAIRS pairs are left, or when every pair the reading named as spoiling it ("bad") is refused: the
 * item made then is another one, which the reading did not judge. Otherwise the item is made with a pair or two
 * fewer and keeps its verdict. The verdict's "bad" pairs only score the outcome; no rule reads them. The remaining
 * glossed pairs must still each have one match (`item/one-match-each`).
 */
import { listingRefusal, MIN_PAIRS } from '../../../src/pipeline/quiz/kinds/glossary.ts';
import { matchingProblem } from '../../../src/pipeline/rules/quiz/kind-items.ts';
import { gateRefusal, termOnlyRefusal, words } from './definition-gate.ts';

export interface MatchingItem {
  pairs: { term: string; gloss?: string }[];
  /** The pairs the reading said spoil the item (unusable items only). */
  bad?: string[];
}

/** The first rule refusing one pair, or undefined. */
export function pairRefusal(pair: { term: string; gloss?: string }): string | undefined {
  if (pair.gloss === undefined) return termOnlyRefusal(pair.term);
  return (
    gateRefusal(pair.term, pair.gloss) ??
    listingRefusal({ term: pair.term, gloss: pair.gloss }, words) ??
    undefined
  );
}

export function refusedBy(item: MatchingItem): string | undefined {
  const refusals = item.pairs.map((pair) => ({ pair, rule: pairRefusal(pair) }));
  const refused = refusals.filter(({ rule }) => rule);
  const left = refusals.filter(({ rule }) => !rule).map(({ pair }) => pair);
  const first = refused[0]?.rule;
  if (first && left.length < MIN_PAIRS) return first;
  const bad = item.bad ?? [];
  if (bad.length > 0 && bad.every((term) => refused.some(({ pair }) => pair.term === term)))
    return refused.find(({ pair }) => bad.includes(pair.term))!.rule;
  const glossed = left.flatMap((p) => (p.gloss === undefined ? [] : [{ term: p.term, definition: p.gloss }]));
  return matchingProblem(glossed, words.definitionFillers) ?? undefined;
}
