/**
 * `quiz_generation.generate_quiz`: a new quiz for a stored course (count, seed, optionally one module).
 * Thin: load the course and its chunks, generate, save. Same request → same quiz id (a retry overwrites).
 * Offline it runs in a worker child; with LLM_BASE_URL set it runs in the supervisor (see llm-quiz.ts).
 */
import { NotFoundError } from '../../domain/errors.ts';
import type { QuizGenerator } from '../../domain/generators.ts';
import type { Database } from '../../store/types.ts';
import { QUIZ_TASK, type QuizTaskData, type QuizTaskResult } from '../contract.ts';
import type { TaskContext, TaskDefinition } from '../registry.ts';
import { checkPayload } from './payload.ts';
import { closeTaskStorage, taskStorage } from './storage.ts';

/** The payload of a quiz job, checked. */
export function quizPayload(raw: unknown): QuizTaskData {
  return checkPayload<QuizTaskData>(QUIZ_TASK, raw, {
    courseId: 'string',
    questions: 'number',
    seed: 'number',
  });
}

/** Loads the course, makes the quiz with `generator` (the offline one when unset), saves it. */
export async function makeQuiz(
  data: QuizTaskData,
  db: Database,
  progress: TaskContext['progress'],
  generator?: QuizGenerator,
): Promise<QuizTaskResult> {
  // The store's modules, not its index: the index loads PGlite, which the supervisor must not carry.
  const { getCourse } = await import('../../store/courses.ts');
  const { loadChunks } = await import('../../store/documents.ts');
  const { saveQuiz } = await import('../../store/quizzes.ts');
  const { generateQuiz } = await import('../../pipeline/quiz.ts');
  progress('load', 0);
  const stored = await getCourse(db, data.courseId);
  if (!stored) throw new NotFoundError('course', data.courseId);
  const chunks = await loadChunks(db, stored.documentId);
  progress('quiz', 30);
  const request = {
    course: stored.course,
    chunks,
    count: data.questions,
    seed: data.seed,
    ...(data.moduleIndex === undefined ? {} : { moduleIndex: data.moduleIndex }),
  };
  const quiz = await generateQuiz(request, generator);
  progress('save', 90);
  const quizId = await saveQuiz(db, stored.id, quiz);
  return { quizId, courseId: stored.id, questions: quiz.questions.length };
}

async function generateQuizForCourse(raw: unknown, ctx: TaskContext): Promise<QuizTaskResult> {
  const data = quizPayload(raw);
  const { db } = await taskStorage(ctx.config);
  return makeQuiz(data, db, ctx.progress);
}

export const quizTask: TaskDefinition = {
  name: QUIZ_TASK,
  handler: generateQuizForCourse,
  needsDatabase: true,
  dispose: closeTaskStorage,
};
