/**
 * `quiz_generation.generate_quiz`: a new quiz for a stored course (count, seed, optionally one module), made
 * and saved by the quiz workflow; the same request gets the same quiz id (a retry overwrites). Offline it runs
 * in a worker child; with LLM_BASE_URL it runs in the supervisor beside the LLM stage, since it then spends its
 * time waiting on the model (passages retrieved from the document's vectors).
 */

import { checkFilters } from '../domain/question-kinds.ts';
import { BadPayloadError } from '../fleet/errors.ts';
import type { TaskDefinition } from '../fleet/interfaces.ts';
import { configuredGenerators, usesModel } from '../workflows/generators.ts';
import { QUIZ_TASK, type QuizTaskData, type QuizTaskResult } from './names.ts';
import { checkPayload } from './payload.ts';
import type { TaskSettings } from './settings.ts';
import { type LazyStorage, requireDatabase } from './storage.ts';

/** The payload of a quiz job, checked. */
export function quizPayload(raw: unknown): QuizTaskData {
  const data = checkPayload<QuizTaskData>(QUIZ_TASK, raw, {
    courseId: 'string',
    questions: 'number',
    seed: 'number',
  });
  try {
    checkFilters(data as unknown as Record<string, unknown>);
  } catch (err) {
    throw new BadPayloadError(QUIZ_TASK, (err as Error).message);
  }
  return data;
}

/** The quiz task: `storage` is the child's (offline) or the supervisor's (with a model). */
export function createQuizTask(
  config: TaskSettings,
  storage: LazyStorage,
): TaskDefinition<QuizTaskData, QuizTaskResult> {
  const withModel = usesModel(config);
  return {
    name: QUIZ_TASK,
    ...(withModel ? { placement: 'supervisor' as const, concurrency: config.llmConcurrency } : {}),
    parse: quizPayload,
    label: (data) => data.courseId,
    preflight: () => requireDatabase(config),
    async handler(data, ctx) {
      const { db, vectors } = await storage.get();
      const { makeQuiz } = await import('../workflows/quiz.ts');
      const redis = withModel ? (await import('./handoff.ts')).stageRedis(config) : undefined;
      const { quizGenerator } = await configuredGenerators(config, {
        ...(redis ? { redis } : {}),
        usageJobId: ctx.jobId,
        vectors,
        onProgress: (_stage, done, total) => ctx.progress('quiz', 30 + (60 * done) / Math.max(1, total)),
        warn: (message, fields) => ctx.log.warn(message, { jobId: ctx.jobId, ...fields }),
        signal: ctx.signal,
      });
      const progress = (stage: string, share: number) => ctx.progress(stage, share * 100);
      const made = await makeQuiz(data, db, progress, quizGenerator);
      return {
        quizId: made.quizId,
        courseId: made.courseId,
        questions: made.quiz.questions.length,
        requested: data.questions,
        ...(made.shortfall ? { shortfall: made.shortfall } : {}),
      };
    },
    dispose: () => storage.close(),
  };
}
