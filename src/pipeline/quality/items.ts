/**
 * Checks of one quiz item, whoever wrote it (the offline generator checks its own drafts the same way; the LLM
 * quiz generator asks the model to repair an answer that fails them): four distinct options, a right option
 * that does not give itself away by its length, and for a fill-in-the-blank stem, options of the same kind that
 * all fit the blank (see {@link optionProblems}).
 */

import type { QuestionKind } from '../../domain/questions.ts';
import type { EnglishNlp } from '../nlp/english.ts';
import { optionProblems } from './kinds.ts';

/** The parts of a question the checks read. */
export interface ItemDraft {
  kind: QuestionKind;
  prompt: string;
  options?: readonly string[];
  answerIndex?: number;
}

const BLANK = /_{3,}/u;
/** The right option more than this many times longer or shorter than every other stands out. */
const LENGTH_RATIO = 1.6;

/** Why the item is not fit to ask, or null. `nlp` (English) adds the word-kind checks of blanks. */
export function itemProblem(q: ItemDraft, nlp?: EnglishNlp): string | null {
  if (/true or false[:?]\s*true or false/iu.test(q.prompt)) return 'the prompt repeats "True or false"';
  if (q.kind !== 'multiple_choice') return null;
  const options = q.options ?? [];
  const answer = q.answerIndex ?? -1;
  if (new Set(options.map((o) => o.trim().toLowerCase())).size !== options.length)
    return 'two options are the same';
  const lengths = options.map((o) => o.length);
  const others = lengths.filter((_, i) => i !== answer);
  const mine = lengths[answer] ?? 0;
  if (
    others.length > 0 &&
    (mine > LENGTH_RATIO * Math.max(...others) || mine * LENGTH_RATIO < Math.min(...others))
  )
    return 'the right option stands out by its length';
  const blank = BLANK.exec(q.prompt)?.[0];
  if (!nlp || !blank) return null;
  const stem = q.prompt.replace(/^fill in the blank:\s*/iu, '');
  const problems = optionProblems(stem, blank, options, answer, nlp);
  if (problems.wrongKind.length > 0)
    return `options that do not fit the blank as nouns: ${problems.wrongKind.join(', ')}`;
  if (problems.standsOut) return `the right option alone differs by ${problems.standsOut}`;
  return null;
}
