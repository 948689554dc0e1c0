/**
 * The fleet client as ProfAI's API and CLI use it: its job ids and job views, and the typed ways to enqueue
 * ProfAI's tasks.
 */

import { createHash } from 'node:crypto';
import { filtersKey } from '../domain/question-kinds.ts';
import {
  type EnqueueOptions,
  enqueueTask,
  type FleetClient,
  type FleetClientOptions,
  type FleetClientSettings,
  fleetClientOn,
  openFleetClient,
} from '../fleet/queues.ts';
import type { RedisClient } from '../redis-keys.ts';
import {
  JOB_ID_PREFIXES,
  PDF_TASK,
  type PdfTaskData,
  type ProfaiTaskName,
  type ProfaiTasks,
  pdfJobIdOf,
  QUIZ_TASK,
  type QuizTaskData,
} from './names.ts';
import { completeJobView } from './views.ts';

const OPTIONS: FleetClientOptions = { idPrefixes: JOB_ID_PREFIXES, completeView: completeJobView };

export function openProfaiClient(settings: FleetClientSettings): FleetClient {
  return openFleetClient(settings, OPTIONS);
}

/** A ProfAI client on an already-made connection (a fail-fast one for readers). */
export function profaiClientOn(settings: FleetClientSettings, redis: RedisClient): FleetClient {
  return fleetClientOn(settings, redis, OPTIONS);
}

/** Adds a job of a ProfAI task, its payload typed by the task's name. */
export function enqueue<N extends ProfaiTaskName>(
  client: FleetClient,
  task: N,
  data: ProfaiTasks[N]['data'],
  opts?: EnqueueOptions,
): Promise<{ id: string; existing: boolean }> {
  return enqueueTask(client, task, data, opts);
}

/**
 * Enqueues a PDF. The id comes from the file's hash, so the same file uploaded twice while its job is queued
 * or running gets that job; a FAILED job of the same file (or whose LLM stage failed) is replaced by a fresh one.
 */
export function enqueuePdf(
  client: FleetClient,
  data: PdfTaskData,
): Promise<{ id: string; existing: boolean }> {
  return enqueue(client, PDF_TASK, data, { jobId: pdfJobIdOf(data.sha256), replaceFailed: true });
}

/** Enqueues a quiz. The same request (course, questions, seed, module) while queued gets the same job. */
export async function enqueueQuiz(client: FleetClient, data: QuizTaskData): Promise<{ id: string }> {
  // The kinds, difficulties and level asked make another request (absent: the key it always had).
  const filters = filtersKey(data);
  const key = JSON.stringify([
    data.courseId,
    data.questions,
    data.seed,
    data.moduleIndex ?? null,
    ...(filters ? [filters] : []),
  ]);
  const jobId = `quiz-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
  const { id } = await enqueue(client, QUIZ_TASK, data, { jobId, replaceFailed: true });
  return { id };
}
