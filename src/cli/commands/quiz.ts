/** `profai quiz COURSE_ID`: a new quiz from a stored course, stored and printed. */
import type { Config } from '../../config.ts';
import { NotFoundError } from '../../domain/errors.ts';
import type { BloomLevel, Difficulty, QuestionKind } from '../../domain/question-kinds.ts';
import { quizMarkdown } from '../../export/markdown.ts';
import { getCourse, openDatabase } from '../../store/index.ts';
import { makeQuiz } from '../../workflows/quiz.ts';
import { printJson } from '../output.ts';

export interface QuizOptions {
  questions?: number;
  seed?: number;
  module?: number;
  kinds?: Partial<Record<QuestionKind, number>>;
  difficulty?: Difficulty[];
  minBloom?: BloomLevel;
  json?: boolean;
}

export async function quizCommand(config: Config, id: string, opts: QuizOptions): Promise<number> {
  const db = await openDatabase(config);
  try {
    const stored = await getCourse(db, id);
    if (!stored) throw new NotFoundError('course', id);
    if (opts.module !== undefined && (opts.module < 0 || opts.module >= stored.course.modules.length))
      throw new NotFoundError('module', `${opts.module} of course ${stored.id}`);
    const { quizId, quiz, shortfall } = await makeQuiz(
      {
        courseId: stored.id,
        questions: opts.questions ?? config.quizQuestions,
        seed: opts.seed ?? 1,
        ...(opts.module === undefined ? {} : { moduleIndex: opts.module }),
        ...(opts.kinds ? { kinds: opts.kinds } : {}),
        ...(opts.difficulty ? { difficulty: opts.difficulty } : {}),
        ...(opts.minBloom ? { minBloom: opts.minBloom } : {}),
      },
      db,
    );
    // On stderr, so that a teacher sees it whether the quiz goes to the screen, a file or a pipe.
    if (shortfall) process.stderr.write(`profai: ${shortfall}\n`);
    if (opts.json) printJson({ quizId, courseId: stored.id, quiz, ...(shortfall ? { shortfall } : {}) });
    else process.stdout.write(`Quiz ${quizId} for course ${stored.id}\n\n${quizMarkdown(quiz)}`);
    return 0;
  } finally {
    await db.close();
  }
}
