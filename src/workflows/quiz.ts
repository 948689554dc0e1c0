/**
 * A new quiz for a stored course: load the course and its chunks, generate, save. The same request (course,
 * seed, module, size) gets the same quiz id, and a request already answered returns its stored quiz.
 */
import type { Quiz } from '../domain/course.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { QuizGenerator } from '../domain/generators.ts';
import { filtersKey, type QuestionFilters } from '../domain/question-kinds.ts';
import { quizShortfall } from '../domain/shortfall.ts';
import type { Database } from '../store/types.ts';

export interface QuizRequest extends QuestionFilters {
  courseId: string;
  questions: number;
  seed: number;
  /** Only this module (0-based). */
  moduleIndex?: number;
}

export interface MadeQuiz {
  quizId: string;
  courseId: string;
  quiz: Quiz;
  /** When fewer questions were made than asked: the line that tells the teacher so, and why (lib/shortfall.ts). */
  shortfall?: string;
}

/**
 * Makes and saves the quiz with `generator` (the offline one when unset). `progress` gets the stage and the
 * share done (0..1). The store's modules are imported directly: its index loads PGlite, which the supervisor
 * (where model-made quizzes run) must not carry.
 * @throws NotFoundError when the course (or the module) does not exist.
 */
export async function makeQuiz(
  request: QuizRequest,
  db: Database,
  progress: (stage: 'load' | 'quiz' | 'save', share: number) => void = () => {},
  generator?: QuizGenerator,
): Promise<MadeQuiz> {
  const { getCourse } = await import('../store/courses.ts');
  const { loadChunks } = await import('../store/documents.ts');
  const { getQuiz, saveQuiz } = await import('../store/quizzes.ts');
  const { quizIdFor } = await import('../store/ids.ts');
  const { generateQuiz } = await import('../pipeline/quiz.ts');
  progress('load', 0);
  const stored = await getCourse(db, request.courseId);
  if (!stored) throw new NotFoundError('course', request.courseId);
  // The request's id: a retried job whose quiz was saved (its completion lost) returns that quiz, never a second.
  const filters: QuestionFilters = {
    ...(request.kinds ? { kinds: request.kinds } : {}),
    ...(request.difficulty?.length ? { difficulty: request.difficulty } : {}),
    ...(request.minBloom ? { minBloom: request.minBloom } : {}),
  };
  const quizId = quizIdFor(stored.id, {
    seed: request.seed,
    moduleIndex: request.moduleIndex,
    size: request.questions,
    filters: filtersKey(filters),
  });
  const done = await getQuiz(db, quizId);
  // A quiz kept before `requested` was: the request that made it asked for as many (its id says so).
  if (done)
    return made(
      quizId,
      stored.id,
      { ...done.quiz, requested: done.quiz.requested ?? request.questions },
      request,
    );
  const chunks = await loadChunks(db, stored.documentId);
  progress('quiz', 0.3);
  const generated = await generateQuiz(
    {
      course: stored.course,
      chunks,
      count: request.questions,
      seed: request.seed,
      ...(request.moduleIndex === undefined ? {} : { moduleIndex: request.moduleIndex }),
      ...filters,
    },
    generator,
  );
  // Kept with the quiz, so that whoever reads it later can tell a short quiz from a full one.
  const quiz: Quiz = { ...generated, requested: request.questions };
  progress('save', 0.9);
  await saveQuiz(db, stored.id, quiz, quizId);
  return made(quizId, stored.id, quiz, request);
}

function made(quizId: string, courseId: string, quiz: Quiz, request: QuizRequest): MadeQuiz {
  const shortfall = quizShortfall(request, quiz.questions.length, quiz.generator);
  return { quizId, courseId, quiz, ...(shortfall ? { shortfall } : {}) };
}
