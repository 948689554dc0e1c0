/**
 * What the API, the CLI and the workers agree on about tasks: names, queues, payloads, results, progress.
 *
 * Glossary
 * - **task**: a named unit of work (`pdf_processing.process_pdf_and_generate_course`), like a Celery task.
 * - **queue**: a BullMQ queue under `QUEUE_PREFIX`; a task's queue is the part of its name before the dot.
 * - **job**: one run of a task with a payload, stored in Redis by BullMQ.
 * - **worker**: a supervisor process (`worker{N}@{host}`) that forks one **child** per concurrency slot.
 * - **child**: a process that runs one job at a time and is recycled after N tasks or M MB.
 */

export const PDF_TASK = 'pdf_processing.process_pdf_and_generate_course';
export const QUIZ_TASK = 'quiz_generation.generate_quiz';

/** The queue a task runs on: the part of its name before the first dot. */
export function queueOf(taskName: string): string {
  return taskName.split('.')[0]!;
}

/** Payload of {@link PDF_TASK}: an uploaded file in UPLOAD_DIR, named by its hash. */
export interface PdfTaskData {
  /** Absolute path of the stored upload (UPLOAD_DIR/<sha256>.pdf). */
  path: string;
  /** The client's file name, for messages and the course record only. */
  fileName: string;
  sha256: string;
  password?: string;
  /** Questions in the first quiz. */
  questions?: number;
}

export interface PdfTaskResult {
  documentId: string;
  courseId: string;
  quizId: string;
  /** False when the document was already stored. */
  created: boolean;
  pages: number;
  sections: number;
  chunks: number;
  modules: number;
  lessons: number;
  questions: number;
}

/** Payload of {@link QUIZ_TASK}. */
export interface QuizTaskData {
  courseId: string;
  questions: number;
  seed: number;
  moduleIndex?: number;
}

export interface QuizTaskResult {
  quizId: string;
  courseId: string;
  questions: number;
}

/** What `job.progress` holds while a job runs. */
export interface JobProgress {
  stage: string;
  /** 0..100 */
  percent: number;
}

/** Facts the worker records about one run of a job: where, how long, how much memory. */
export interface JobRunInfo {
  /** `worker1@host` */
  worker: string;
  childPid: number;
  startedAt: number;
  finishedAt?: number;
  /** Peak RSS of the child while it ran the job, in MB. */
  peakRssMb: number;
  /** CPU seconds the child spent on the job (user + system). */
  cpuSeconds?: number;
  /** Seconds per pipeline stage. */
  stages?: Record<string, number>;
}
