/**
 * The jobs that wait on a model run IN the supervisor process, with async concurrency LLM_CONCURRENCY, not in a
 * child: they need the CPU for milliseconds and the model for seconds, so a worker can have dozens of documents
 * waiting on the model while its children parse the next PDFs. With LLM_BASE_URL set that is:
 * - `llm_generation` (the LLM stage of PDF jobs), when the worker serves llm_generation, or pdf_processing unless
 *   LLM_IN_PDF_WORKERS=false (then a worker of its own, without children, runs the stage);
 * - `quiz_generation`, when the worker serves it (its quizzes then come from the model).
 */
import { type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.ts';
import { ProfaiError } from '../../domain/errors.ts';
import { LLM_TASK, PDF_TASK, QUIZ_TASK, queueOf } from '../contract.ts';
import type { WorkerActivity } from '../heartbeat.ts';
import type { Logger } from '../log.ts';
import { jobProgress } from '../progress.ts';
import type { TaskContext } from '../registry.ts';
import { recordRunEnd, recordRunStart } from '../runinfo.ts';

export interface LlmQueueHandle {
  /** Task names served, for the start-up listing. */
  tasks: string[];
  /** Stops taking jobs; running ones get `graceMs` (or until `forced`), then go back to the queue. */
  stop(graceMs: number, forced: Promise<void>): Promise<void>;
}

export interface LlmQueueDeps {
  config: Config;
  redis: Redis;
  log: Logger;
  /** `worker1@host` */
  name: string;
  counters: { processed: number; failed: number };
  /** The heartbeat's list of running tasks: in-process jobs show there with the children's. */
  activity: WorkerActivity;
}

type InProcessRun = (data: unknown, ctx: TaskContext, signal: AbortSignal) => Promise<unknown>;

/** The tasks this worker runs in-process (none without LLM_BASE_URL). */
export function inProcessTasks(config: Config): string[] {
  if (!config.llmBaseUrl) return [];
  const serves = (task: string) => config.queues.includes(queueOf(task));
  return [
    ...((serves(PDF_TASK) && config.llmInPdfWorkers) || serves(LLM_TASK) ? [LLM_TASK] : []),
    ...(serves(QUIZ_TASK) ? [QUIZ_TASK] : []),
  ];
}

async function runnerOf(task: string): Promise<InProcessRun> {
  if (task === QUIZ_TASK) return (await import('./llm-quiz.ts')).generateQuizWithLlm;
  return (await import('./llm-generate.ts')).llmTask.run;
}

export async function startLlmQueue(d: LlmQueueDeps): Promise<LlmQueueHandle | null> {
  const tasks = inProcessTasks(d.config);
  if (tasks.length === 0) return null;
  // Loaded now rather than by the first job: the AI SDK and the tokenizer's tables take seconds on a busy host.
  await Promise.all([import('../../llm/index.ts'), import('../../workflows/document.ts')]);
  const stopping = new AbortController();
  const workers = await Promise.all(
    tasks.map(async (task) => startQueue(d, task, await runnerOf(task), stopping.signal)),
  );
  return {
    tasks,
    async stop(graceMs, forced) {
      const closed = Promise.all(workers.map((w) => w.close()));
      let timer: NodeJS.Timeout | undefined;
      const graceOver = Promise.race([new Promise<void>((r) => (timer = setTimeout(r, graceMs))), forced]);
      const outcome = await Promise.race([closed.then(() => 'drained'), graceOver.then(() => 'released')]);
      clearTimeout(timer);
      if (outcome === 'released') stopping.abort(new Error('worker stopping'));
      await closed;
    },
  };
}

/**
 * Closes the LLM stage's connections: those of its jobs, and the staging connection a worker's PDF jobs hand off
 * over (also in a worker that runs no LLM stage itself, LLM_IN_PDF_WORKERS=false). Called once every queue of the
 * worker has stopped: a PDF job finishing in the grace period still hands off.
 */
export async function closeLlmConnections(): Promise<void> {
  await (await import('./llm-stage.ts')).closeStageConnection();
  await (await import('./llm-generate.ts')).closeLlmStorage();
}

/** One BullMQ Worker running `run` on `task`'s queue, LLM_CONCURRENCY jobs at once. */
async function startQueue(
  d: LlmQueueDeps,
  task: string,
  run: InProcessRun,
  stopping: AbortSignal,
): Promise<Worker> {
  const { config } = d;
  const processor = async (job: Job, token?: string) => {
    const jobId = job.id ?? '';
    const attempt = job.attemptsMade + 1;
    void recordRunStart(d.redis, config.queuePrefix, jobId, {
      worker: d.name,
      childPid: process.pid,
      startedAt: Date.now(),
      attempt,
    }).catch(() => {});
    const cpuStart = process.cpuUsage();
    // An LLM stage's tokens count under the PDF job users know (see llm/usage.ts); a quiz's under its own id.
    const parent = (job.data as { parentJobId?: unknown } | null)?.parentJobId;
    const usageId = typeof parent === 'string' ? parent : jobId;
    d.activity.start({ id: jobId, name: job.name, data: job.data, attempt }, process.pid, usageId);
    try {
      const ctx = { jobId, attempt, config, log: d.log, progress: jobProgress(job, d.activity) };
      const value = await run(job.data, ctx, stopping);
      d.counters.processed++;
      return value;
    } catch (err) {
      if (stopping.aborted) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      d.counters.failed++;
      const message = err instanceof Error ? err.message : String(err);
      const code = (err as ProfaiError).code;
      d.log.warn('task failed', { jobId, task: job.name, attempt, code, error: message });
      if (err instanceof ProfaiError && err.permanent) throw new UnrecoverableError(message);
      throw new Error(message);
    } finally {
      d.activity.end(jobId);
      const cpu = process.cpuUsage(cpuStart);
      void recordRunEnd(d.redis, config.queuePrefix, jobId, {
        finishedAt: Date.now(),
        peakRssMb: Math.round(process.memoryUsage.rss() / 1048576),
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      }).catch(() => {});
    }
  };
  const queue = queueOf(task);
  const worker = new Worker(queue, processor, {
    connection: d.redis,
    prefix: config.queuePrefix,
    concurrency: config.llmConcurrency,
    name: d.name,
    lockDuration: config.lockDurationMs,
    stalledInterval: config.lockDurationMs,
    maxStalledCount: config.jobAttempts,
    removeOnComplete: { count: config.keepCompletedJobs },
    removeOnFail: { count: config.keepFailedJobs },
  });
  worker.on('error', (err) => d.log.error('queue error', { queue, error: err.message }));
  await worker.waitUntilReady();
  return worker;
}
