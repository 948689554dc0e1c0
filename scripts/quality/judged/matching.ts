/**
 * Matching items judged by the readings (matching.jsonl): would today's makers still make this item as judged?
 * Each pair goes through the glossary gate (definition-gate.ts: its rebuilt sentence and missing context apply
 * here) and matching's LISTED_GLOSS_RULES; a pair the reading printed without its gloss is asked by the term rules
 * alone. Of the pairs left the maker takes the surest, at most MAX_PAIRS (rules/quiz/pair-confidence.ts). A
 * refused or left-out pair leaves the item smaller, so the item counts as not made (the rule that dropped a pair)
 * when fewer than MIN_PAIRS pairs are left, or when every pair the reading named as spoiling it ("bad") is refused
 * or left out (the rule that dropped the first): the item made then is another one, which the reading did not
 * judge. Otherwise the item is made with fewer pairs and keeps its verdict. The verdict's "bad" pairs only score
 * the outcome; no rule reads them. So leaving pairs out can never count against a usable item of three pairs or
 * more: read the figures with that in mind (the cost of fewer pairs is an easier item, which no verdict here
 * measures). The pairs taken must still each have one match (`item/one-match-each`).
 */
import { listingRefusal, MAX_PAIRS, MIN_PAIRS } from '../../../src/pipeline/quiz/kinds/glossary.ts';
import { matchingProblem } from '../../../src/pipeline/rules/quiz/kind-items.ts';
import { UNSURE_PAIR_RULES, unsureness } from '../../../src/pipeline/rules/quiz/pair-confidence.ts';
import { gateRefusal, isWord, rebuiltSentence, termOnlyRefusal, words } from './definition-gate.ts';

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
    listingRefusal(
      {
        term: pair.term,
        gloss: pair.gloss,
        sentence: rebuiltSentence(pair.term, pair.gloss),
        page: 0,
        moduleIndex: 0,
      },
      words,
    ) ??
    undefined
  );
}

/**
 * The pairs a maker would take of those left: the surest first, at most MAX_PAIRS (quiz/kinds/glossary.ts; its
 * check that each pair has one match is asked after, of the pairs taken).
 */
function surest<P extends { term: string }>(pairs: readonly P[]): P[] {
  return pairs
    .map((pair, at) => ({ pair, at, unsure: unsureness({ term: pair.term, words, isWord }) }))
    .sort((a, b) => a.unsure - b.unsure || a.at - b.at)
    .slice(0, MAX_PAIRS)
    .map(({ pair }) => pair);
}

/** Why the maker would leave a pair out of the surest: the first unsure rule its term fails, or the count alone. */
const leftOutBy = (term: string) =>
  UNSURE_PAIR_RULES.find((rule) => rule.fails({ term, words, isWord }))?.id ?? 'matching/max-pairs';

export function refusedBy(item: MatchingItem): string | undefined {
  const refusals = item.pairs.map((pair) => ({ pair, rule: pairRefusal(pair) }));
  const refused = refusals.filter(({ rule }) => rule);
  const first = refused[0]?.rule;
  const left = surest(refusals.filter(({ rule }) => !rule).map(({ pair }) => pair));
  const gone = (term: string) =>
    refused.find(({ pair }) => pair.term === term)?.rule ??
    (left.some((pair) => pair.term === term) ? undefined : leftOutBy(term));
  if (left.length < MIN_PAIRS)
    return first ?? gone(item.pairs.find((pair) => gone(pair.term))?.term ?? '') ?? 'matching/min-pairs';
  const bad = item.bad ?? [];
  if (bad.length > 0 && bad.every((term) => gone(term))) return gone(bad[0]!);
  const glossed = left.flatMap((p) => (p.gloss === undefined ? [] : [{ term: p.term, definition: p.gloss }]));
  return matchingProblem(glossed, words.definitionFillers) ?? undefined;
}
