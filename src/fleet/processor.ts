/**
 * The one job processor: every queue of a worker hands its jobs to it, whatever executor runs them (a child of
 * the pool, or the supervisor itself). It records where and how each attempt ran, settles a result, removes a
 * task's secrets once no attempt can need them, and turns the outcome into BullMQ's terms. An attempt that
 * failed on an unreachable dependency is not the job's failure: the job is delayed without using up an
 * attempt, within the long budget of waits.ts.
 */
import { DelayedError, type Job, UnrecoverableError, WaitingError } from 'bullmq';
import type { RedisClient } from '../redis-keys.ts';
import { UnknownTaskError } from './errors.ts';
import type { WorkerActivity } from './heartbeat.ts';
import type { Executor, SerializedError, TaskDefinition } from './interfaces.ts';
import type { Logger } from './log.ts';
import { jobProgress } from './progress.ts';
import type { TaskRegistry } from './registry.ts';
import { type RunRecorder, recordRun } from './runinfo.ts';
import { type DependencyWatch, type JobWaits, type WaitPolicy, waitDelayMs } from './waits.ts';

export interface ProcessorDeps {
  /** `worker1@host` */
  workerName: string;
  registry: TaskRegistry;
  executor: Executor;
  /** For run records (the BullMQ connection: see runinfo.ts on why one connection). */
  redis: RedisClient;
  prefix: string;
  log: Logger;
  counters: { processed: number; failed: number };
  activity: WorkerActivity;
  /** Jobs waiting out an unreachable dependency, and this worker's view of its dependencies (waits.ts). */
  waits: JobWaits;
  watch: DependencyWatch;
  waitPolicy: WaitPolicy;
}

/**
 * Removes the task's `secrets` from the job's data once no attempt can need them: the job record is kept
 * (KEEP_COMPLETED_JOBS / KEEP_FAILED_JOBS) and anyone who can read Redis can read it.
 */
async function forgetSecrets(job: Job, secrets: readonly string[] = []): Promise<void> {
  const data = job.data as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || !secrets.some((key) => key in data)) return;
  const kept = Object.fromEntries(Object.entries(data).filter(([key]) => !secrets.includes(key)));
  await job.updateData(kept).catch(() => {});
}

/** What BullMQ is told: a permanent failure is not retried; the message is the user's one line. */
function toQueueError(error: SerializedError): Error {
  return error.permanent ? new UnrecoverableError(error.message) : new Error(error.message);
}

/** What the heartbeat shows of a job: its task's label and parent, when the payload gives them. */
function describe(task: TaskDefinition, data: unknown) {
  try {
    const parsed = task.parse ? task.parse(data) : data;
    const parentJobId = task.parentJobId?.(parsed);
    return { label: task.label?.(parsed) ?? null, ...(parentJobId ? { parentJobId } : {}) };
  } catch {
    return { label: null };
  }
}

export function makeProcessor(d: ProcessorDeps) {
  return async (job: Job, token?: string): Promise<unknown> => {
    const jobId = job.id ?? '';
    if (!d.registry.has(job.name)) throw new UnrecoverableError(new UnknownTaskError(job.name).message);
    const task = d.registry.get(job.name);
    const attempt = job.attemptsMade + 1;
    // A job put back after a stall starts again at the same attempt: its stalls say that it ran before.
    const stalls = job.stalledCounter ?? 0;
    let run: RunRecorder | undefined;
    const outcome = await d.executor
      .run(
        { jobId, task: job.name, data: job.data, attempt },
        {
          onStart: (pid) => {
            d.activity.start(
              { id: jobId, name: job.name, attempt, stalls, ...describe(task, job.data) },
              pid,
            );
            run = recordRun(d.redis, d.prefix, jobId, {
              worker: d.workerName,
              childPid: pid,
              startedAt: Date.now(),
              attempt,
            });
          },
          onProgress: jobProgress(job, d.activity),
        },
      )
      .finally(() => d.activity.end(jobId));
    if (outcome.kind === 'released') {
      run?.cancel();
      await job.moveToWait(token);
      d.log.info('task released to the queue', { jobId, task: job.name });
      throw new WaitingError();
    }
    void run?.end(outcome.stats).catch(() => {});
    if (outcome.kind === 'ok') {
      let value = outcome.value;
      try {
        if (task.settle) value = await task.settle(value);
      } catch (err) {
        // The attempt fails and is retried, with the job's data as it was (the password kept).
        d.counters.failed++;
        const message = (err as Error).message;
        d.log.warn('task result not settled', { jobId, task: job.name, attempt, error: message });
        throw new Error(`the worker could not hand the result on: ${message}`, { cause: err });
      }
      await forgetSecrets(job, task.secrets);
      await d.waits.clear(jobId);
      d.counters.processed++;
      return value;
    }
    const { error } = outcome;
    if (error.dependency && !error.permanent) {
      const { since, tries } = await d.waits.note(jobId);
      d.watch.down(error.dependency, error.message);
      if (Date.now() - since < d.waitPolicy.budgetMs) {
        const delayMs = waitDelayMs(tries, d.waitPolicy.maxDelayMs);
        d.log.info('task waits for a dependency', {
          jobId,
          task: job.name,
          dependency: error.dependency,
          delayMs,
        });
        await job.moveToDelayed(Date.now() + delayMs, token);
        throw new DelayedError();
      }
      const detail = error.message.replace(`${error.dependency} unreachable: `, '');
      const reason = `${error.dependency} unreachable for ${Math.round(d.waitPolicy.budgetMs / 1000)} s (${detail})`;
      await forgetSecrets(job, task.secrets);
      d.counters.failed++;
      d.log.warn('task failed', { jobId, task: job.name, attempt, code: error.code, error: reason });
      throw new UnrecoverableError(reason);
    }
    if (error.permanent || attempt >= (job.opts.attempts ?? 1)) await forgetSecrets(job, task.secrets);
    d.counters.failed++;
    d.log.warn('task failed', { jobId, task: job.name, attempt, code: error.code, error: error.message });
    throw toQueueError(error);
  };
}
