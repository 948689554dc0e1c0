/**
 * A quiz's shortfall line (lib/shortfall.ts) from what was asked and what was made: only the levels that narrow
 * are named, and a model's quiz is short for the model's sake, not the text's.
 */
import { shortfallLine } from '../lib/shortfall.ts';
import { narrowingLevels, type QuestionFilters } from './question-kinds.ts';
import { RULE_GENERATOR_NAME } from './rule-check.ts';

export interface QuizAsk extends QuestionFilters {
  questions: number;
  moduleIndex?: number;
}

export function quizShortfall(ask: QuizAsk, made: number, generator: { name: string }): string | undefined {
  return shortfallLine(
    {
      questions: ask.questions,
      ...(ask.kinds ? { kinds: ask.kinds } : {}),
      ...narrowingLevels(ask),
      ...(ask.moduleIndex === undefined ? {} : { moduleIndex: ask.moduleIndex }),
      byModel: generator.name !== RULE_GENERATOR_NAME,
    },
    made,
  );
}
