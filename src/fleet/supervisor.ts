/**
 * `profai worker`: the prefork supervisor. One BullMQ Worker per queue, each with `concurrency` = the number
 * of child slots, so the worker never holds more jobs than it has children to run them (no prefetch hoarding:
 * five idle workers share ten jobs two each). Each job is handed to a child over IPC; see child-pool.ts for
 * recycling and memory limits, shutdown.ts for SIGTERM.
 *
 * With several queues the slots are shared: a worker with concurrency 1 on two queues may hold one job of
 * each, the second waiting (locked, so not stalled) until the child is free.
 */
import { hostname } from 'node:os';
import { type Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { type Config, ConfigError } from '../config.ts';
import { ChildPool } from './child-pool.ts';
import { LLM_TASK, queueOf, type WorkerHeartbeat } from './contract.ts';
import { buildHeartbeat, CpuMeter, startHeartbeat, WorkerActivity } from './heartbeat.ts';
import { createLogger, type Logger } from './log.ts';
import type { RunOutcome } from './pool-contract.ts';
import { jobProgress } from './progress.ts';
import { createRedis, describeRedisUrl } from './redis.ts';
import { createRegistry, type TaskRegistry, UnknownTaskError } from './registry.ts';
import { type RunRecorder, recordRun } from './runinfo.ts';
import { type StopOutcome, stopGracefully } from './shutdown.ts';
import { closeLlmConnections, inProcessTasks, startLlmQueue } from './tasks/llm-worker.ts';

export interface WorkerOptions {
  /** Stop gracefully on SIGTERM/SIGINT (a second signal ends the grace period). @defaultValue true */
  handleSignals?: boolean;
  /** Where the start-up lines go. @defaultValue stdout */
  print?: (line: string) => void;
}

export interface WorkerHandle {
  /** `worker{N}@{host}` */
  name: string;
  /** Stops gracefully (see shutdown.ts); resolves when everything is closed. */
  stop(): Promise<StopOutcome>;
  /** Resolves when the worker has stopped (by `stop()` or a signal). */
  stopped: Promise<StopOutcome>;
  heartbeat(): WorkerHeartbeat;
}

/** `worker{N}@{hostname}`, as the Celery fleet named its workers. */
export function workerName(config: Pick<Config, 'workerNum'>): string {
  return `worker${config.workerNum}@${hostname()}`;
}

/** Refuses the LLM stage's queue without a model: its jobs could only fail. */
function checkLlm(config: Config): void {
  if (config.queues.includes(queueOf(LLM_TASK)) && !config.llmBaseUrl) {
    throw new ConfigError(`the ${queueOf(LLM_TASK)} queue needs LLM_BASE_URL (and LLM_MODEL) on this worker`);
  }
}

/** Refuses to serve a queue whose tasks write to the database when there is no shared database. */
function checkDatabase(config: Config, registry: TaskRegistry): void {
  const needing = registry.all().filter((t) => t.needsDatabase && config.queues.includes(queueOf(t.name)));
  // The in-process LLM tasks save courses and quizzes.
  if ((needing.length > 0 || inProcessTasks(config).length > 0) && !config.databaseUrl) {
    throw new ConfigError(
      'DATABASE_URL is required for a worker (the embedded database is single-process; `profai up` serves one to its workers)',
    );
  }
}

async function connect(config: Config): Promise<Redis> {
  const redis = createRedis(config.redisUrl);
  redis.on('error', () => {}); // reported through the failed ping below, then by BullMQ's retries
  try {
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new ConfigError(
      `cannot connect to ${describeRedisUrl(config.redisUrl)}: ${(err as Error).message}`,
    );
  }
  return redis;
}

/** Starts a worker: connects, forks its children, consumes its queues. Resolves once it is ready. */
export async function startWorker(config: Config, opts: WorkerOptions = {}): Promise<WorkerHandle> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const name = workerName(config);
  const log = createLogger(config.logLevel, { worker: name });
  const registry = await createRegistry(config.taskModules);
  checkLlm(config);
  checkDatabase(config, registry);
  const redis = await connect(config);
  print(`Connected to ${describeRedisUrl(config.redisUrl)}`);

  // With LLM_BASE_URL set, the queues whose jobs wait on the model run in this process (see llm-worker.ts);
  // a worker with no other queue (an LLM worker) forks no children.
  const inProcessQueues = new Set(inProcessTasks(config).map(queueOf));
  const childQueues = config.queues.filter((queue) => !inProcessQueues.has(queue));
  const pool = new ChildPool({
    size: childQueues.length > 0 ? config.concurrency : 0,
    maxTasksPerChild: config.maxTasksPerChild,
    maxMemoryPerChildMb: config.maxMemoryPerChildMb,
    hardMemoryLimitMb: config.hardMemoryLimitMb,
    childHeapMb: config.childHeapMb,
    init: { type: 'init', config, taskModules: config.taskModules },
    log,
  });
  await pool.start();

  const counters = { processed: 0, failed: 0 };
  const startedAt = Date.now();
  let state: WorkerHeartbeat['state'] = 'running';
  const activity = new WorkerActivity();
  const processor = makeProcessor({ name, config, registry, pool, redis, log, counters, activity });
  const workers = childQueues.map(
    (queue) =>
      new Worker(queue, processor, {
        connection: redis,
        prefix: config.queuePrefix,
        concurrency: config.concurrency,
        name,
        lockDuration: config.lockDurationMs,
        stalledInterval: config.lockDurationMs,
        // A job whose worker is killed may be recovered this many times before it fails as stalled.
        maxStalledCount: config.jobAttempts,
        removeOnComplete: { count: config.keepCompletedJobs },
        removeOnFail: { count: config.keepFailedJobs },
      }),
  );
  for (const w of workers) w.on('error', (err) => log.error('queue error', { error: err.message }));
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  const llmQueue = await startLlmQueue({ config, redis, log, name, counters, activity });

  const cpu = new CpuMeter();
  const heartbeat = (): WorkerHeartbeat =>
    buildHeartbeat({
      name,
      queues: config.queues,
      concurrency: config.concurrency,
      startedAt,
      registered: registry.names(),
      limits: { softMb: config.maxMemoryPerChildMb, hardMb: config.hardMemoryLimitMb },
      children: pool.snapshot(),
      counters,
      recycles: pool.recycles,
      state,
      activity,
      cpu,
    });
  const beats = startHeartbeat(redis, config.queuePrefix, config.heartbeatS, heartbeat);

  print('Registered tasks:');
  const inProcess = new Set(llmQueue?.tasks);
  for (const task of registry.names()) if (!inProcess.has(task)) print(`  ${task}`);
  for (const task of inProcess) print(`  ${task} (in-process, concurrency ${config.llmConcurrency})`);
  print(`${name} ready.`);

  let forceNow: () => void = () => {};
  const forced = new Promise<void>((r) => (forceNow = r));
  let stopping: Promise<StopOutcome> | null = null;
  const stop = () => {
    if (stopping) {
      forceNow();
      return stopping;
    }
    state = 'stopping';
    log.info('stopping: no new tasks; running ones get the grace period', { graceS: config.shutdownGraceS });
    stopping = (async () => {
      void beats.beatNow();
      const [outcome] = await Promise.all([
        stopGracefully(workers, pool, config.shutdownGraceS * 1000, forced),
        llmQueue?.stop(config.shutdownGraceS * 1000, forced),
      ]);
      if (config.llmBaseUrl) await closeLlmConnections();
      log.info(outcome === 'drained' ? 'stopped' : 'stopped: unfinished tasks were released to the queue', {
        ...counters,
        recycles: pool.recycles,
      });
      await beats.stop();
      await redis.quit().catch(() => redis.disconnect());
      return outcome;
    })();
    return stopping;
  };
  let resolveStopped: (o: StopOutcome) => void = () => {};
  const stopped = new Promise<StopOutcome>((r) => (resolveStopped = r));
  const stopAndSignal = () => stop().then(resolveStopped);
  if (opts.handleSignals ?? true) {
    process.on('SIGTERM', () => void stopAndSignal());
    process.on('SIGINT', () => void stopAndSignal());
  }
  return { name, stop: () => stopAndSignal().then(() => stopped), stopped, heartbeat };
}

interface ProcessorDeps {
  name: string;
  config: Config;
  registry: TaskRegistry;
  pool: ChildPool;
  redis: Redis;
  log: Logger;
  counters: { processed: number; failed: number };
  activity: WorkerActivity;
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

/** The BullMQ processor: runs the job on a child and turns the child's answer into BullMQ's terms. */
function makeProcessor(d: ProcessorDeps) {
  const prefix = d.config.queuePrefix;
  return async (job: Job, token?: string): Promise<unknown> => {
    const jobId = job.id ?? '';
    if (!d.registry.has(job.name)) throw new UnrecoverableError(new UnknownTaskError(job.name).message);
    const attempt = job.attemptsMade + 1;
    let run: RunRecorder | undefined;
    const progress = jobProgress(job, d.activity);
    const outcome: RunOutcome = await d.pool
      .run(
        { jobId, task: job.name, data: job.data, attempt },
        {
          onStart: (childPid) => {
            d.activity.start({ id: jobId, name: job.name, data: job.data, attempt }, childPid);
            run = recordRun(d.redis, prefix, jobId, {
              worker: d.name,
              childPid,
              startedAt: Date.now(),
              attempt,
            });
          },
          onProgress: progress,
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
    const { settle, secrets } = d.registry.get(job.name);
    if (outcome.kind === 'ok') {
      let value = outcome.value;
      try {
        if (settle) value = await settle(value, d.config);
      } catch (err) {
        // The attempt fails and is retried, with the job's data as it was (the password kept).
        d.counters.failed++;
        const message = (err as Error).message;
        d.log.warn('task result not settled', { jobId, task: job.name, attempt, error: message });
        throw new Error(`the worker could not hand the result on: ${message}`);
      }
      await forgetSecrets(job, secrets);
      d.counters.processed++;
      return value;
    }
    const { error } = outcome;
    if (error.permanent || attempt >= (job.opts.attempts ?? 1)) await forgetSecrets(job, secrets);
    d.counters.failed++;
    d.log.warn('task failed', { jobId, task: job.name, attempt, code: error.code, error: error.message });
    if (error.permanent) throw new UnrecoverableError(error.message);
    throw new Error(error.message);
  };
}
