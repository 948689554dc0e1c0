/**
 * The one line that tells a teacher a quiz has fewer questions than asked, and why, in their words: the CLI
 * prints it, the API's quiz job carries it and the app shows it under its form, so all three say the same.
 */
import { KIND_LABELS } from '../web/question-text.js';

type Kind = keyof typeof KIND_LABELS;

/** What the teacher asked: the size, and what narrowed the text's sentences (kinds, levels, one module). */
export interface AskedQuiz {
  questions: number;
  kinds?: Partial<Record<Kind, number>>;
  difficulty?: readonly string[];
  minBloom?: string;
  moduleIndex?: number;
}

/**
 * `made 32 of 40 questions: the text gives no more sentences fit for true or false questions; try other kinds or
 * fewer questions`, or undefined when the quiz has all it asked for.
 */
export function shortfallLine(asked: AskedQuiz, made: number): string | undefined {
  if (made >= asked.questions) return undefined;
  const kinds = narrowedKinds(asked.kinds);
  const levels = Boolean(asked.difficulty?.length || asked.minBloom);
  const text = asked.moduleIndex === undefined ? 'the text' : "the module's text";
  const fit = kinds ? `fit for ${orList(kinds.map((k) => KIND_LABELS[k]))} questions` : 'to ask about';
  const atLevels = levels ? ' at the difficulty and Bloom level asked' : '';
  const tries = [
    kinds ? 'other kinds' : '',
    levels ? 'other levels' : '',
    asked.moduleIndex === undefined ? '' : 'the whole course',
    'fewer questions',
  ].filter(Boolean);
  return `made ${made} of ${asked.questions} questions: ${text} gives no more sentences ${fit}${atLevels}; try ${orList(tries)}`;
}

/** The kinds asked for when the teacher left some out; undefined when every kind may be made. */
function narrowedKinds(shares: AskedQuiz['kinds']): Kind[] | undefined {
  if (!shares) return undefined;
  const all = Object.keys(KIND_LABELS) as Kind[];
  const asked = all.filter((k) => (shares[k] ?? 0) > 0);
  return asked.length < all.length ? asked : undefined;
}

/** `a`, `a or b`, `a, b or c`. */
function orList(words: readonly string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}
