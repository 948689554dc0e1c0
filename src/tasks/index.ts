/**
 * ProfAI's tasks, as a task module for the worker runtime (src/fleet): `createTasks(config)` is called in the
 * supervisor and in every child with the same settings. Light to import: each handler loads what it needs.
 *
 * With LLM_BASE_URL set, the tasks that wait on the model run in the supervisor (LLM_CONCURRENCY at once):
 * the LLM stage of PDF jobs and, when served, model-made quizzes. Offline, quizzes run in the children.
 */

import type { TaskDefinition } from '../fleet/interfaces.ts';
import { usesModel } from '../workflows/generators.ts';
import { createLlmCourseTask } from './llm-course.ts';
import { createOcrRangeTask } from './ocr-range.ts';
import { createPdfTask } from './pdf.ts';
import { createQuizTask } from './quiz.ts';
import type { TaskSettings } from './settings.ts';
import { storageFor, supervisorStorageFor } from './storage.ts';

export function createTasks(config: TaskSettings): TaskDefinition[] {
  const childStorage = storageFor(config);
  const pdf = createPdfTask(config, childStorage);
  const ocrRange = createOcrRangeTask(config);
  if (!usesModel(config)) return [pdf, ocrRange, createQuizTask(config, childStorage)] as TaskDefinition[];
  const supervisorStorage = supervisorStorageFor(config);
  return [
    pdf,
    ocrRange,
    createQuizTask(config, supervisorStorage),
    createLlmCourseTask(config, supervisorStorage),
  ] as TaskDefinition[];
}

/** This module, for the runtime to load in the supervisor and the children (`.ts` under tsx, `.js` built). */
export const TASKS_MODULE = import.meta.url;
