/**
 * Short-answer items judged by the readings (short-answer.jsonl): would today's makers still ask this term by this
 * definition? The glossary gate (definition-gate.ts: its rebuilt sentence and missing context apply here), then the
 * short answer's own ANSWER_RULES with the answers the key would accept, read from the rebuilt sentence (the
 * abbreviation the chunk gives beside the term is not in the item). SALIENCE_RULES (does the document use the term
 * as a term of its own?) need the whole document and are not asked.
 */
import { acceptedAnswers } from '../../../src/pipeline/quiz/kinds/glossary.ts';
import { ANSWER_RULES } from '../../../src/pipeline/rules/quiz/glosses.ts';
import { gateRefusal, isWord, rebuiltSentence, words } from './definition-gate.ts';

export interface ShortAnswerItem {
  term: string;
  gloss: string;
  page?: number;
}

export function refusedBy(item: ShortAnswerItem): string | undefined {
  const gated = gateRefusal(item.term, item.gloss);
  if (gated) return gated;
  const answers = acceptedAnswers(item.term, rebuiltSentence(item.term, item.gloss), words, isWord);
  const place = { term: item.term, gloss: item.gloss, answers, words, isWord };
  return ANSWER_RULES.find((rule) => rule.fails(place))?.id;
}
