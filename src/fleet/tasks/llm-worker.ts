/**
 * The LLM stage's queue (`llm_generation`), consumed IN the supervisor process with async concurrency
 * LLM_CONCURRENCY: its jobs wait on the model, not the CPU, so they need no child, and a worker can have dozens
 * of documents waiting on the model while its children parse the next PDFs. Started only when LLM_BASE_URL is
 * set and the worker serves pdf_processing (or llm_generation explicitly).
 */
import { type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.ts';
import { ProfaiError } from '../../errors.ts';
import { LLM_TASK, PDF_TASK, queueOf } from '../contract.ts';
import type { Logger } from '../log.ts';
import { progressReporter } from '../progress.ts';
import { recordRunEnd, recordRunStart } from '../runinfo.ts';

export interface LlmQueueHandle {
  /** Task name served, for the start-up listing. */
  task: string;
  /** Jobs running now. */
  running(): number;
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
}

/** True when this worker should run the LLM stage. */
export function servesLlmQueue(config: Config): boolean {
  const queues = config.queues;
  return (
    Boolean(config.llmBaseUrl) && (queues.includes(queueOf(PDF_TASK)) || queues.includes(queueOf(LLM_TASK)))
  );
}

export async function startLlmQueue(d: LlmQueueDeps): Promise<LlmQueueHandle | null> {
  if (!servesLlmQueue(d.config)) return null;
  const { llmTask } = await import('./llm-generate.ts');
  // Loaded now rather than by the first job: the AI SDK and the tokenizer's tables take seconds on a busy host.
  await Promise.all([import('../../llm/index.ts'), import('../../pipeline/process.ts')]);
  const { config } = d;
  const stopping = new AbortController();
  let running = 0;
  const processor = async (job: Job, token?: string) => {
    const jobId = job.id ?? '';
    const attempt = job.attemptsMade + 1;
    running++;
    void recordRunStart(d.redis, config.queuePrefix, jobId, {
      worker: d.name,
      childPid: process.pid,
      startedAt: Date.now(),
      attempt,
    }).catch(() => {});
    const cpuStart = process.cpuUsage();
    try {
      const value = await llmTask.run(
        job.data,
        { jobId, attempt, config, log: d.log, progress: progressReporter(job) },
        stopping.signal,
      );
      d.counters.processed++;
      return value;
    } catch (err) {
      if (stopping.signal.aborted) {
        await job.moveToWait(token);
        throw new WaitingError();
      }
      d.counters.failed++;
      const message = err instanceof Error ? err.message : String(err);
      d.log.warn('task failed', {
        jobId,
        task: job.name,
        attempt,
        code: (err as ProfaiError).code,
        error: message,
      });
      if (err instanceof ProfaiError && err.permanent) throw new UnrecoverableError(message);
      throw new Error(message);
    } finally {
      running--;
      const cpu = process.cpuUsage(cpuStart);
      void recordRunEnd(d.redis, config.queuePrefix, jobId, {
        finishedAt: Date.now(),
        peakRssMb: Math.round(process.memoryUsage.rss() / 1048576),
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      }).catch(() => {});
    }
  };
  const worker = new Worker(queueOf(LLM_TASK), processor, {
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
  worker.on('error', (err) => d.log.error('queue error', { queue: queueOf(LLM_TASK), error: err.message }));
  await worker.waitUntilReady();
  return {
    task: LLM_TASK,
    running: () => running,
    async stop(graceMs, forced) {
      const closed = worker.close();
      let timer: NodeJS.Timeout | undefined;
      const graceOver = Promise.race([new Promise<void>((r) => (timer = setTimeout(r, graceMs))), forced]);
      const outcome = await Promise.race([closed.then(() => 'drained'), graceOver.then(() => 'released')]);
      clearTimeout(timer);
      if (outcome === 'released') stopping.abort(new Error('worker stopping'));
      await closed;
      await (await import('./llm-stage.ts')).closeStageConnection();
      await llmTask.dispose?.();
    },
  };
}
