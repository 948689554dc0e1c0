/**
 * The one line that tells a teacher a quiz has fewer questions than asked, and why, in their words: the CLI
 * prints it, the API's quiz job carries it and the app shows it under its form, so all three say the same.
 */
import { KIND_LABELS } from '../web/question-text.js';

type Kind = keyof typeof KIND_LABELS;

/**
 * What the teacher asked: the size, and what narrowed the text's sentences (kinds, levels, one module). The
 * levels only when they narrow (domain's `narrowingLevels`: all three difficulties or `remember` narrow nothing).
 */
export interface AskedQuiz {
  questions: number;
  kinds?: Partial<Record<Kind, number>>;
  difficulty?: readonly string[];
  minBloom?: string;
  moduleIndex?: number;
  /** The quiz came from a model: a short quiz means it gave too few questions or they were refused, not the text. */
  byModel?: boolean;
}

/**
 * `made 32 of 40 questions: the text gives no more sentences fit for true or false questions; try other kinds or
 * fewer questions`, or undefined when the quiz has all it asked for. With `made` 0, the error that no quiz was made.
 */
export function shortfallLine(asked: AskedQuiz, made: number): string | undefined {
  if (made >= asked.questions) return undefined;
  const kinds = narrowedKinds(asked.kinds);
  const difficulty = Boolean(asked.difficulty?.length);
  const bloom = Boolean(asked.minBloom);
  const tries = [
    kinds ? 'other kinds' : '',
    difficulty || bloom ? 'other levels' : '',
    asked.moduleIndex === undefined ? '' : 'the whole course',
    made > 0 ? 'fewer questions' : '',
  ].filter(Boolean);
  const why = asked.byModel ? modelReason(made) : textReason(asked, made, kinds, difficulty, bloom);
  return `made ${made} of ${asked.questions} questions: ${why}${tries.length ? `; try ${orList(tries)}` : ''}`;
}

function textReason(
  asked: AskedQuiz,
  made: number,
  kinds: Kind[] | undefined,
  difficulty: boolean,
  bloom: boolean,
) {
  const text = asked.moduleIndex === undefined ? 'the text' : "the module's text";
  const fit = kinds ? `fit for ${orList(kinds.map((k) => KIND_LABELS[k]))} questions` : 'to ask about';
  const levels = [difficulty ? 'difficulty' : '', bloom ? 'Bloom level' : ''].filter(Boolean).join(' and ');
  const atLevels = levels ? ` at the ${levels} asked` : '';
  return `${text} gives no ${made > 0 ? 'more ' : ''}sentences ${fit}${atLevels}`;
}

// The model's questions are checked like any (schema, cited pages): those refused leave the quiz short.
const modelReason = (made: number) =>
  made > 0
    ? "the model's other questions were refused or it gave too few"
    : "the model's questions were all refused";

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
