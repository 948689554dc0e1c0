/**
 * The producer and reader side of the fleet, used by the API and the CLI: enqueue tasks, look at jobs, count
 * them. It knows no task: job-id prefixes and how a job's view is completed (a job that handed its work to
 * another) come with the client's {@link FleetClientOptions}.
 *
 * Job ids carry their queue (`<queue>-…`, or a short prefix of the options), so a job is found from its id
 * alone. BullMQ custom ids may not contain ':'.
 */
import { randomUUID } from 'node:crypto';
import { type Job, type JobsOptions, type JobType, Queue } from 'bullmq';
import type { Config } from '../config.ts';
import type { RedisClient } from '../redis-keys.ts';
import { readHeartbeats } from './heartbeat.ts';
import { queueRedis, type RedisSettings } from './redis.ts';
import { queueOf } from './registry.ts';
import { readRunInfo, readRunInfos } from './runinfo.ts';
import { attemptsRun, describeFailedReason } from './stalls.ts';
import { JOB_STATES, type JobRunInfo, type JobState, type JobView, type WorkerHeartbeat } from './views.ts';

/** The settings a client reads. */
export type FleetClientSettings = RedisSettings &
  Pick<
    Config,
    'queuePrefix' | 'queues' | 'jobAttempts' | 'jobBackoffMs' | 'keepCompletedJobs' | 'keepFailedJobs'
  >;

/** What the client is told about the tasks it serves. */
export interface FleetClientOptions {
  /** Short job-id prefixes → queue (`pdf` → `pdf_processing`). @defaultValue none */
  idPrefixes?: Readonly<Record<string, string>>;
  /**
   * Completes a job's own view as users should see it (a job that handed its work to another one, usage…);
   * `read` reads another job's own view. @defaultValue the view as it is
   */
  completeView?: (view: JobView, ctx: ViewContext) => Promise<JobView>;
}

export interface ViewContext {
  read(id: string): Promise<JobView | null>;
  redis: RedisClient;
  prefix: string;
}

/** A connection to the fleet's queues. Queues are opened on first use and share one connection. */
export interface FleetClient {
  readonly settings: FleetClientSettings;
  readonly options: FleetClientOptions;
  readonly redis: RedisClient;
  queue(name: string): Queue;
  /** Queues this client knows: those of its id prefixes, WORKER_QUEUES, and any opened. */
  queueNames(): string[];
  close(): Promise<void>;
}

export function openFleetClient(
  settings: FleetClientSettings,
  options: FleetClientOptions = {},
): FleetClient {
  const redis = queueRedis(settings);
  redis.on('error', () => {}); // surfaced by the commands that fail
  return fleetClientOn(settings, redis, options);
}

/** A {@link FleetClient} on an already-made connection (queues opened on first use, closed with it). */
export function fleetClientOn(
  settings: FleetClientSettings,
  redis: RedisClient,
  options: FleetClientOptions = {},
): FleetClient {
  const queues = new Map<string, Queue>();
  const defaultJobOptions: JobsOptions = {
    attempts: settings.jobAttempts,
    backoff: { type: 'exponential', delay: settings.jobBackoffMs },
    removeOnComplete: { count: settings.keepCompletedJobs },
    removeOnFail: { count: settings.keepFailedJobs },
  };
  const known = Object.values(options.idPrefixes ?? {});
  return {
    settings,
    options,
    redis,
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: redis, prefix: settings.queuePrefix, defaultJobOptions });
        q.on('error', () => {});
        queues.set(name, q);
      }
      return q;
    },
    queueNames: () => [...new Set([...known, ...settings.queues, ...queues.keys()])],
    async close() {
      // A reader's Redis may be down: closing must still finish.
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => {})));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** The queue a job id belongs to. */
export function queueOfJobId(client: Pick<FleetClient, 'options'>, id: string): string {
  const head = id.split('-')[0] ?? id;
  return client.options.idPrefixes?.[head] ?? head;
}

/** Options of {@link enqueueTask}. */
export type EnqueueOptions = { jobId?: string; replaceFailed?: boolean } & Omit<JobsOptions, 'jobId'>;

/**
 * Adds a job of any task. Without `jobId` the id is `<queue>-<uuid>`. When a job with `jobId` exists, BullMQ
 * keeps it and returns it (`existing: true`), unless it failed and `replaceFailed` is set: then a fresh job
 * replaces it (the user retries).
 */
export async function enqueueTask(
  client: FleetClient,
  task: string,
  data: unknown,
  opts: EnqueueOptions = {},
): Promise<{ id: string; existing: boolean }> {
  const { replaceFailed, ...jobOpts } = opts;
  const queue = client.queue(queueOf(task));
  const jobId = opts.jobId ?? `${queueOf(task)}-${randomUUID()}`;
  let before = opts.jobId ? await queue.getJob(jobId) : undefined;
  if (before && replaceFailed && (await getJobView(client, jobId))?.state === 'failed') {
    await before.remove();
    before = undefined;
  }
  const job = await queue.add(task, data, { ...jobOpts, jobId });
  return { id: job.id ?? jobId, existing: before !== undefined };
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
  const progress = job.progress as
    | { stage?: unknown; percent?: unknown; done?: unknown; total?: unknown }
    | number;
  const stage = typeof progress === 'object' && typeof progress.stage === 'string' ? progress.stage : null;
  const percent =
    state === 'completed'
      ? 100
      : typeof progress === 'number'
        ? progress
        : typeof progress?.percent === 'number'
          ? progress.percent
          : 0;
  const detail = typeof progress === 'object' ? stageProgressOf(progress) : undefined;
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
    ...(detail && state === 'active' ? { stageProgress: detail } : {}),
    worker: run?.worker ?? null,
    attempts: attemptsRun(job.attemptsMade, job.failedReason),
    stalls: job.stalledCounter ?? 0,
    timings: {
      queuedAt: iso(job.timestamp) ?? new Date(0).toISOString(),
      ...(startedAt ? { startedAt: iso(startedAt) } : {}),
      ...(finishedAt ? { finishedAt: iso(finishedAt) } : {}),
      ...(startedAt && finishedAt ? { seconds: (finishedAt - startedAt) / 1000 } : {}),
    },
    ...(run?.peakRssMb ? { peakRssMb: run.peakRssMb } : {}),
    error: state === 'completed' || !job.failedReason ? null : describeFailedReason(job.failedReason),
    result: state === 'completed' ? (job.returnvalue ?? null) : null,
    ...(typeof fileName === 'string' ? { file: fileName } : {}),
  };
}

function stageProgressOf(progress: { done?: unknown; total?: unknown }): JobView['stageProgress'] {
  const { done, total } = progress;
  return typeof done === 'number' && typeof total === 'number' ? { done, total } : undefined;
}

/** One job by id, or null when there is no such job (or it was removed by retention). */
export async function getJobView(client: FleetClient, id: string): Promise<JobView | null> {
  const view = await readJobView(client, id);
  return view ? completed(client, view) : null;
}

/** A job's own view completed by the client's options. */
function completed(client: FleetClient, view: JobView): Promise<JobView> {
  const complete = client.options.completeView;
  if (!complete) return Promise.resolve(view);
  const ctx = {
    read: (id: string) => readJobView(client, id),
    redis: client.redis,
    prefix: client.settings.queuePrefix,
  };
  return complete(view, ctx);
}

/** One job's own view (not followed to its LLM stage). */
async function readJobView(client: FleetClient, id: string): Promise<JobView | null> {
  const name = queueOfJobId(client, id);
  if (!name) return null;
  // An id names its queue. One this client has not opened is looked up by the job's own key first: opening a
  // queue for every id a client makes up would keep one more Queue per request.
  const jobKey = `${client.settings.queuePrefix}:${name}:${id}`;
  if (!client.queueNames().includes(name) && !(await client.redis.exists(jobKey))) return null;
  const queue = client.queue(name);
  // The job record and its state are two reads: retry until the state did not change in between, so a job
  // that just finished is never shown as `failed` with the fields of its running attempt.
  for (let tries = 0; ; tries++) {
    const before = await queue.getJobState(id);
    if (before === 'unknown') return null;
    const [job, run] = await Promise.all([
      queue.getJob(id),
      readRunInfo(client.redis, client.settings.queuePrefix, id),
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
    client.settings.queuePrefix,
    newest.map(({ job }) => job.id ?? ''),
  );
  return Promise.all(
    newest.map(({ job, state }, i) => completed(client, toJobView(job, state, runs[i] ?? null))),
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
  return readHeartbeats(client.redis, client.settings.queuePrefix);
}
