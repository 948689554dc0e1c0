/**
 * The producer side of the fleet, used by the API and the CLI: enqueue tasks, look at jobs, count them.
 *
 * Job ids carry their queue (`pdf-…` → pdf_processing, `quiz-…` → quiz_generation, `<queue>-…` otherwise),
 * so a job is found from its id alone. BullMQ custom ids may not contain ':'.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type Job, type JobsOptions, type JobType, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { readJobUsage } from '../llm/usage.ts';
import {
  JOB_STATES,
  type JobRunInfo,
  type JobState,
  type JobView,
  PDF_TASK,
  type PdfTaskData,
  QUIZ_TASK,
  type QuizTaskData,
  queueOf,
  type WorkerHeartbeat,
} from './contract.ts';
import { readHeartbeats } from './heartbeat.ts';
import { createRedis } from './redis.ts';
import { readRunInfo, readRunInfos } from './runinfo.ts';
import { withLlmStage } from './tasks/llm-view.ts';

/** Short id prefixes of the built-in queues. */
const ID_PREFIX: Record<string, string> = { pdf: 'pdf_processing', quiz: 'quiz_generation' };

/** A connection to the fleet's queues for producers. Queues are opened on first use and share one connection. */
export interface FleetClient {
  readonly config: Config;
  readonly redis: Redis;
  queue(name: string): Queue;
  /** Queues this client knows: the built-in ones and WORKER_QUEUES. */
  queueNames(): string[];
  close(): Promise<void>;
}

export function openFleetClient(config: Config): FleetClient {
  const redis = createRedis(config.redisUrl);
  redis.on('error', () => {}); // surfaced by the commands that fail
  return fleetClientOn(config, redis);
}

/** A {@link FleetClient} on an already-made connection (queues opened on first use, closed with it). */
export function fleetClientOn(config: Config, redis: Redis): FleetClient {
  const queues = new Map<string, Queue>();
  const defaultJobOptions: JobsOptions = {
    attempts: config.jobAttempts,
    backoff: { type: 'exponential', delay: config.jobBackoffMs },
    removeOnComplete: { count: config.keepCompletedJobs },
    removeOnFail: { count: config.keepFailedJobs },
  };
  return {
    config,
    redis,
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: redis, prefix: config.queuePrefix, defaultJobOptions });
        q.on('error', () => {});
        queues.set(name, q);
      }
      return q;
    },
    queueNames: () => [...new Set([...Object.values(ID_PREFIX), ...config.queues, ...queues.keys()])],
    async close() {
      // A reader's Redis may be down: closing must still finish.
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => {})));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The queue a job id belongs to. */
export function queueOfJobId(id: string): string {
  const head = id.split('-')[0] ?? id;
  return ID_PREFIX[head] ?? head;
}

function shortHash(...parts: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/**
 * Adds a job of any registered task. Without `jobId` the id is `<queue>-<uuid>`. When a job with `jobId`
 * exists, BullMQ keeps it and returns it (`existing: true`).
 */
export async function enqueueTask(
  client: FleetClient,
  task: string,
  data: unknown,
  opts: { jobId?: string } & Omit<JobsOptions, 'jobId'> = {},
): Promise<{ id: string; existing: boolean }> {
  const queue = client.queue(queueOf(task));
  const jobId = opts.jobId ?? `${queueOf(task)}-${randomUUID()}`;
  const before = opts.jobId ? await queue.getJob(jobId) : undefined;
  const job = await queue.add(task, data, { ...opts, jobId });
  return { id: job.id ?? jobId, existing: before !== undefined };
}

/**
 * Enqueues a PDF. The id comes from the file's hash, so the same file uploaded twice while its job is queued
 * or running gets that job; a FAILED job of the same file is replaced by a fresh one (the user retries).
 */
export async function enqueuePdf(
  client: FleetClient,
  data: PdfTaskData,
): Promise<{ id: string; existing: boolean }> {
  const jobId = `pdf-${data.sha256.slice(0, 16)}`;
  const queue = client.queue(queueOf(PDF_TASK));
  const old = await queue.getJob(jobId);
  if (old && (await old.getState()) === 'failed') await old.remove();
  else if (old && (await getJobView(client, jobId))?.state === 'failed') await old.remove(); // its LLM stage failed
  return enqueueTask(client, PDF_TASK, data, { jobId });
}

/** Enqueues a quiz. The same request (course, questions, seed, module) while queued gets the same job. */
export async function enqueueQuiz(client: FleetClient, data: QuizTaskData): Promise<{ id: string }> {
  const jobId = `quiz-${shortHash(data.courseId, data.questions, data.seed, data.moduleIndex ?? null)}`;
  const queue = client.queue(queueOf(QUIZ_TASK));
  const old = await queue.getJob(jobId);
  if (old && (await old.getState()) === 'failed') await old.remove();
  const { id } = await enqueueTask(client, QUIZ_TASK, data, { jobId });
  return { id };
}

/** BullMQ's state names → ours. */
function stateOf(bull: string): JobState {
  if (bull === 'active' || bull === 'completed' || bull === 'failed' || bull === 'delayed') return bull;
  return 'waiting';
}

const BULL_STATES: Record<JobState, JobType[]> = {
  waiting: ['wait', 'prioritized', 'waiting-children'],
  active: ['active'],
  completed: ['completed'],
  failed: ['failed'],
  delayed: ['delayed'],
};

const iso = (ms: number | undefined) => (ms ? new Date(ms).toISOString() : undefined);

/** A job as users see it (see {@link JobView}); `run` is its run record, when it has one. */
export function toJobView(job: Job, state: JobState, run: JobRunInfo | null): JobView {
  const progress = job.progress as { stage?: unknown; percent?: unknown } | number;
  const stage = typeof progress === 'object' && typeof progress.stage === 'string' ? progress.stage : null;
  const percent =
    state === 'completed'
      ? 100
      : typeof progress === 'number'
        ? progress
        : typeof progress?.percent === 'number'
          ? progress.percent
          : 0;
  const startedAt = job.processedOn ?? run?.startedAt;
  const finishedAt =
    state === 'completed' || state === 'failed' ? (job.finishedOn ?? run?.finishedAt) : undefined;
  const fileName = (job.data as { fileName?: unknown } | null)?.fileName;
  return {
    id: job.id ?? '',
    task: job.name,
    state,
    stage,
    progress: percent,
    worker: run?.worker ?? null,
    attempts: job.attemptsMade,
    timings: {
      queuedAt: iso(job.timestamp) ?? new Date(0).toISOString(),
      ...(startedAt ? { startedAt: iso(startedAt) } : {}),
      ...(finishedAt ? { finishedAt: iso(finishedAt) } : {}),
      ...(startedAt && finishedAt ? { seconds: (finishedAt - startedAt) / 1000 } : {}),
    },
    ...(run?.peakRssMb ? { peakRssMb: run.peakRssMb } : {}),
    error: state === 'completed' ? null : job.failedReason || null,
    result: state === 'completed' ? (job.returnvalue ?? null) : null,
    ...(typeof fileName === 'string' ? { file: fileName } : {}),
  };
}

/** One job by id, or null when there is no such job (or it was removed by retention). */
export async function getJobView(client: FleetClient, id: string): Promise<JobView | null> {
  const view = await readJobView(client, id);
  return view ? withLlmStage(view, (next) => readJobView(client, next), usageReader(client)) : null;
}

/** LLM usage (tokens, cost) recorded under a job id, as the job view shows it. */
function usageReader(client: FleetClient) {
  return async (id: string) => {
    const usage = await readJobUsage(client.redis, client.config.queuePrefix, id);
    return (
      usage && { inputTokens: usage.inputTokens, outputTokens: usage.outputTokens, costUsd: usage.costUsd }
    );
  };
}

/** One job's own view (not followed to its LLM stage). */
async function readJobView(client: FleetClient, id: string): Promise<JobView | null> {
  const queue = client.queue(queueOfJobId(id));
  // The job record and its state are two reads: retry until the state did not change in between, so a job
  // that just finished is never shown as `failed` with the fields of its running attempt.
  for (let tries = 0; ; tries++) {
    const before = await queue.getJobState(id);
    if (before === 'unknown') return null;
    const [job, run] = await Promise.all([
      queue.getJob(id),
      readRunInfo(client.redis, client.config.queuePrefix, id),
    ]);
    if (!job) return null;
    const after = await job.getState();
    if (after === before || tries >= 5) return toJobView(job, stateOf(after), run);
  }
}

/**
 * Recent jobs of every known queue, newest first.
 * @param opts.state - only jobs in this state. @defaultValue all states
 * @param opts.limit - at most this many. @defaultValue 50
 */
export async function listJobs(
  client: FleetClient,
  opts: { state?: JobState; limit?: number } = {},
): Promise<JobView[]> {
  const limit = opts.limit ?? 50;
  const states = opts.state ? [opts.state] : [...JOB_STATES];
  const perQueue = await Promise.all(
    client.queueNames().map(async (name) => {
      const queue = client.queue(name);
      const lists = await Promise.all(
        states.map(async (s) =>
          (await queue.getJobs(BULL_STATES[s], 0, limit - 1)).map((job) => ({ job, state: s })),
        ),
      );
      return lists.flat();
    }),
  );
  const newest = perQueue
    .flat()
    .filter(({ job }) => job?.id)
    .sort((a, b) => b.job.timestamp - a.job.timestamp)
    .slice(0, limit);
  const runs = await readRunInfos(
    client.redis,
    client.config.queuePrefix,
    newest.map(({ job }) => job.id ?? ''),
  );
  return Promise.all(
    newest.map(({ job, state }, i) =>
      withLlmStage(
        toJobView(job, state, runs[i] ?? null),
        (next) => readJobView(client, next),
        usageReader(client),
      ),
    ),
  );
}

/** Jobs per state per queue: `{ pdf_processing: { waiting: 2, active: 1, … } }`. */
export async function queueCounts(client: FleetClient): Promise<Record<string, Record<JobState, number>>> {
  const entries = await Promise.all(
    client.queueNames().map(async (name) => {
      const c = await client
        .queue(name)
        .getJobCounts('wait', 'prioritized', 'active', 'completed', 'failed', 'delayed');
      const counts: Record<JobState, number> = {
        waiting: (c.wait ?? 0) + (c.prioritized ?? 0),
        active: c.active ?? 0,
        completed: c.completed ?? 0,
        failed: c.failed ?? 0,
        delayed: c.delayed ?? 0,
      };
      return [name, counts] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Live workers and what they report (children, RSS, recycles), from their heartbeats. */
export function listWorkers(client: FleetClient): Promise<WorkerHeartbeat[]> {
  return readHeartbeats(client.redis, client.config.queuePrefix, client.config.heartbeatS);
}
