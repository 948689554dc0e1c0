/**
 * The body of `profai quiz check`: the same store call as `PATCH /api/quizzes/:id/questions/:n {"checked": true}`,
 * with its rules (a stale revision is refused, a question already kept changes nothing), and the same audit record
 * as the API's, written as the machine's user.
 */
import type { Config } from '../../config.ts';
import { NotFoundError, ProfaiError } from '../../domain/errors.ts';

import { toCheck } from '../../domain/rule-check.ts';
import { madeByRule } from '../../export/text.ts';
import {
  editQuestionOutcome,
  getQuiz,
  openDatabase,
  QuizRevisionError,
  type StoredQuiz,
} from '../../store/index.ts';
import { KIND_LABELS } from '../../web/question-text.js';
import { auditByCli } from '../audit-cli.ts';
import { printLine } from '../output.ts';

/** The store's conflict in the words of this command: what to run to read the quiz again. */
class StaleRevisionError extends ProfaiError {
  constructor(quizId: string, err: QuizRevisionError) {
    super(
      'revision_conflict',
      `quiz ${quizId} changed since revision ${err.expected} (it is at ${err.actual}): run "profai quiz check ${quizId}" to read it again`,
    );
  }
}

class QuestionRangeError extends ProfaiError {
  constructor(quizId: string, n: number, count: number) {
    super(
      'not_found',
      `question ${n} is out of range: quiz ${quizId} has ${count} question${count === 1 ? '' : 's'} (1 to ${count})`,
    );
  }
}

const waiting = (n: number) =>
  n === 0 ? 'no question waits for a check' : `${madeByRule(n)} still wait${n === 1 ? 's' : ''} for a check`;

/** `Quiz q1 (revision 2): 2 questions …`, then one line per question that waits. */
function list(stored: StoredQuiz): void {
  const questions = stored.quiz.questions;
  printLine(`Quiz ${stored.id} (revision ${stored.revision}): ${waiting(toCheck(questions))}.`);
  questions.forEach((q, i) => {
    if (!q.needsCheck) return;
    const prompt = q.prompt.length > 80 ? `${q.prompt.slice(0, 79).trimEnd()}…` : q.prompt;
    printLine(`  ${i + 1}. ${KIND_LABELS[q.kind]}: ${prompt}`);
  });
}

export async function checkCommand(
  config: Config,
  quizId: string,
  question: number | undefined,
  opts: { revision?: number },
): Promise<number> {
  // The list reads the quiz at any revision: a --revision there would be ignored without a word.
  if (question === undefined && opts.revision !== undefined) {
    throw new ProfaiError('config_invalid', '--revision needs a question number');
  }
  const db = await openDatabase(config);
  try {
    const stored = await getQuiz(db, quizId);
    if (!stored) throw new NotFoundError('quiz', quizId);
    if (question === undefined) {
      list(stored);
      return 0;
    }
    const count = stored.quiz.questions.length;
    // As the store (and the API) order them: a stale revision is told before a number it may no longer have.
    const stale = opts.revision !== undefined && opts.revision !== stored.revision;
    if (!stale && (question < 1 || question > count)) throw new QuestionRangeError(quizId, question, count);
    const { stored: now, changed } = await editQuestionOutcome(
      db,
      quizId,
      question - 1,
      { checked: true },
      opts.revision === undefined ? {} : { expectedRevision: opts.revision },
    ).catch((err: unknown) => {
      throw err instanceof QuizRevisionError ? new StaleRevisionError(quizId, err) : err;
    });
    const rest = waiting(toCheck(now.quiz.questions));
    if (!changed) {
      printLine(
        `Question ${question} of quiz ${quizId} waits for no check: nothing changed (revision ${now.revision}); ${rest}.`,
      );
      return 0;
    }
    // The API's record of the same change (src/api/routes/review.ts): the question from 0.
    await auditByCli(db, 'edit', {
      kind: 'quiz',
      id: quizId,
      courseId: now.courseId,
      detail: { question: question - 1, change: 'edit' },
    });
    printLine(
      `Question ${question} of quiz ${quizId} marked as checked (revision ${now.revision}); ${rest}.`,
    );
    return 0;
  } finally {
    await db.close();
  }
}
