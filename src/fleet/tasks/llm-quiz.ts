/**
 * `quiz_generation.generate_quiz` when quizzes come from an LLM (LLM_BASE_URL set): run in the supervisor with
 * the LLM stage (see llm-worker.ts), since the job spends its time waiting on the model. Passages are retrieved
 * from the document's vectors; the quiz is checked and saved as the offline one is.
 */
import type { QuizTaskResult } from '../contract.ts';
import type { TaskContext } from '../registry.ts';
import { makeQuiz, quizPayload } from './generate-quiz.ts';
import { llmStorage } from './llm-generate.ts';
import { stageRedis } from './llm-stage.ts';

export async function generateQuizWithLlm(
  raw: unknown,
  ctx: TaskContext,
  signal?: AbortSignal,
): Promise<QuizTaskResult> {
  const data = quizPayload(raw);
  const { config } = ctx;
  const { db, vectors } = await llmStorage.get(config);
  const { createLlmGenerators } = await import('../../llm/index.ts');
  const { quizGenerator } = createLlmGenerators(config, {
    redis: stageRedis(config),
    usageJobId: ctx.jobId,
    vectors,
    onProgress: (_stage, done, total) => ctx.progress('quiz', 30 + (60 * done) / Math.max(1, total)),
    warn: (message, fields) => ctx.log.warn(message, { jobId: ctx.jobId, ...fields }),
    ...(signal ? { signal } : {}),
  });
  return makeQuiz(data, db, ctx.progress, quizGenerator);
}
