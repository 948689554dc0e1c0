/**
 * `quiz_generation.generate_quiz`: a new quiz for a stored course (count, seed, optionally one module).
 * Thin: load the course and its chunks, generate, save. Same request → same quiz id (a retry overwrites).
 */
import { NotFoundError } from '../../errors.ts';
import { QUIZ_TASK, type QuizTaskData, type QuizTaskResult } from '../contract.ts';
import type { TaskContext, TaskDefinition } from '../registry.ts';
import { checkPayload } from './payload.ts';
import { closeTaskStorage, taskStorage } from './storage.ts';

async function generateQuizForCourse(raw: unknown, ctx: TaskContext): Promise<QuizTaskResult> {
  const data = checkPayload<QuizTaskData>(QUIZ_TASK, raw, {
    courseId: 'string',
    questions: 'number',
    seed: 'number',
  });
  const store = await import('../../store/index.ts');
  const { generateQuiz } = await import('../../pipeline/quiz.ts');
  const { db } = await taskStorage(ctx.config);
  ctx.progress('load', 0);
  const stored = await store.getCourse(db, data.courseId);
  if (!stored) throw new NotFoundError('course', data.courseId);
  const chunks = await store.loadChunks(db, stored.documentId);
  ctx.progress('quiz', 30);
  const quiz = await generateQuiz({
    course: stored.course,
    chunks,
    count: data.questions,
    seed: data.seed,
    ...(data.moduleIndex === undefined ? {} : { moduleIndex: data.moduleIndex }),
  });
  ctx.progress('save', 90);
  const quizId = await store.saveQuiz(db, stored.id, quiz);
  return { quizId, courseId: stored.id, questions: quiz.questions.length };
}

export const quizTask: TaskDefinition = {
  name: QUIZ_TASK,
  handler: generateQuizForCourse,
  needsDatabase: true,
  dispose: closeTaskStorage,
};
