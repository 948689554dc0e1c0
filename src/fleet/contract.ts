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

import type { DocumentCounts } from '../domain/document.ts';
import type { StagedDocument } from '../workflows/document.ts';

export const PDF_TASK = 'pdf_processing.process_pdf_and_generate_course';
export const QUIZ_TASK = 'quiz_generation.generate_quiz';
/** The LLM stage of a PDF job (LLM_BASE_URL set): course and quiz from the model, run in the supervisor. */
export const LLM_TASK = 'llm_generation.generate_course';

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
  /** Of an encrypted PDF; removed from the job's record once no attempt can need it (`secrets`). */
  password?: string;
  /** Questions in the first quiz. */
  questions?: number;
}

export interface PdfTaskResult extends DocumentCounts {
  documentId: string;
  courseId: string;
  quizId: string;
  /** False when the document was already stored. */
  created: boolean;
}

/**
 * What a PDF job returns when its CPU stage is done and its course is being made by {@link LLM_TASK}: the job
 * view follows `next` (the LLM job's id), so users still see one job until the course exists.
 */
export interface PdfStagedResult {
  next: string;
  documentId: string;
}

/**
 * What the child of a PDF job returns when its CPU stage is done (see process-pdf.ts): the staged document and
 * the LLM job to enqueue. The supervisor parks the one and enqueues the other, then the job's result is the
 * {@link PdfStagedResult} without `handoff`: a child needs no Redis connection nor BullMQ for the hand-off.
 */
export interface PdfHandoff extends PdfStagedResult {
  /** `upload`: the PDF's path in UPLOAD_DIR, removed once the hand-off is done. */
  handoff: { staged: StagedDocument; task: LlmTaskData; upload: string };
}

/** The LLM job of a document: one per file, like the PDF job. */
export const llmJobIdOf = (sha256: string) => `${queueOf(LLM_TASK)}-${sha256.slice(0, 16)}`;

export const isPdfHandoff = (result: unknown): result is PdfHandoff =>
  typeof result === 'object' && result !== null && 'handoff' in result;

/** Payload of {@link LLM_TASK}. The staged document itself waits in Redis under the document id. */
export interface LlmTaskData {
  /** The user-visible PDF job: usage is recorded under its id. */
  parentJobId: string;
  documentId: string;
  sha256: string;
  fileName: string;
  questions?: number;
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
  /** Which attempt this record describes (1 = first). */
  attempt?: number;
}

/** The state of a job as users see it (BullMQ's `prioritized` and `waiting-children` count as `waiting`). */
export type JobState = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';

export const JOB_STATES: readonly JobState[] = ['waiting', 'active', 'completed', 'failed', 'delayed'];

/** One job as the API, the CLI and the monitor show it. Times are ISO-8601. */
export interface JobView {
  id: string;
  task: string;
  state: JobState;
  /** Last stage reported by the task (`extract`, `embed`…), null before the first report. */
  stage: string | null;
  /** 0..100 */
  progress: number;
  /** `worker1@host` that ran (or runs) the latest attempt, null before any. */
  worker: string | null;
  /** Attempts made so far (failed ones count; the running one does not). */
  attempts: number;
  timings: { queuedAt: string; startedAt?: string; finishedAt?: string; seconds?: number };
  /** Peak RSS of the child during the latest attempt, in MB. */
  peakRssMb?: number;
  /** Why the job failed (or why its last attempt failed, while it waits for a retry). */
  error: string | null;
  result: unknown | null;
  /** The uploaded file's name, for PDF jobs. */
  file?: string;
  /** LLM tokens and estimated cost of the job (LLM_BASE_URL set), when it made LLM calls. */
  usage?: { inputTokens: number; outputTokens: number; costUsd: number };
}

/** A task a worker runs right now, as its heartbeat reports it. */
export interface ActiveTask {
  /** Job id. */
  id: string;
  /** Task name. */
  name: string;
  /** The uploaded file's name (PDF tasks) or the course id (quiz tasks); null when the payload has neither. */
  document: string | null;
  /** Last stage the task reported, null before its first report. */
  stage: string | null;
  /** 0..100 */
  percent: number;
  /** ms since epoch. */
  startedAt: number;
  childPid: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** The user-visible job whose LLM tokens and cost this task adds to (set for in-process LLM tasks). */
  usageId?: string;
}

/**
 * What a worker publishes about itself every HEARTBEAT_S (for `profai monitor`, `inspect`, metrics and tests).
 * Fields marked optional were added later; every current worker writes them.
 */
export interface WorkerHeartbeat {
  /** `worker1@host` */
  name: string;
  pid: number;
  host: string;
  /** Always `prefork`: one child process per concurrency slot. */
  pool?: 'prefork';
  /** ProfAI version of the worker. */
  version?: string;
  queues: string[];
  concurrency: number;
  /** Task names this worker can run, sorted. */
  registered?: string[];
  startedAt: number;
  /** When this heartbeat was written (ms since epoch); it expires 3 × HEARTBEAT_S later. */
  at: number;
  uptimeS?: number;
  /** RSS of the supervisor, MB. */
  rssMb: number;
  /** Supervisor plus children. */
  totalRssMb: number;
  /** CPU % of the supervisor plus its children since the previous heartbeat (100 = one core). */
  cpuPercent?: number;
  supervisorCpuPercent?: number;
  /** Per-child memory limits, MB: soft (MAX_MEMORY_PER_CHILD_MB), hard (HARD_MEMORY_LIMIT_MB, 0 = off). */
  limits?: { softMb: number; hardMb: number };
  children: {
    pid: number;
    busy: boolean;
    jobId: string | null;
    tasks: number;
    rssMb: number;
    cpuPercent?: number;
  }[];
  /** Tasks running now, with their progress. */
  active?: ActiveTask[];
  /** Tasks done since start. */
  processed: number;
  /** Attempts failed since start. */
  failed: number;
  /** Children replaced, by why they left. */
  recycles: { tasks: number; memory: number; crash: number };
  state: 'running' | 'stopping';
}
