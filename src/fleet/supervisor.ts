/**
 * A worker: the prefork supervisor. It loads the task modules it is given, then consumes its queues with one
 * BullMQ Worker per queue and one job processor (processor.ts). Child-placed tasks run on the prefork pool
 * (pool/child-pool.ts: one child per slot, recycled by tasks and memory); supervisor-placed tasks run in this
 * process (in-process.ts). Each Worker's concurrency is its executor's capacity, so a worker never holds more
 * jobs than it can run (no prefetch hoarding: five idle workers share ten jobs two each).
 *
 * With several child queues the slots are shared: a worker with concurrency 1 on two queues may hold one job
 * of each, the second waiting (locked, so not stalled) until the child is free. See shutdown.ts for SIGTERM.
 */
import { hostname } from 'node:os';
import { type Processor, Queue, Worker } from 'bullmq';
import type { Config } from '../config.ts';
import { networkErrorCode, ProfaiError } from '../domain/errors.ts';
import { describeRedis } from '../lib/urls.ts';
import type { RedisClient } from '../redis-keys.ts';
import { ConsumerWatch, QueueConsumer } from './consumer-watch.ts';
import { buildHeartbeat, CpuMeter, startHeartbeat, WorkerActivity } from './heartbeat.ts';
import { InProcessExecutor } from './in-process.ts';
import type { Executor, TaskDefinition } from './interfaces.ts';
import { createLogger, type Logger } from './log.ts';
import { ChildPool } from './pool/child-pool.ts';
import { makeProcessor } from './processor.ts';
import { queueRedis, type RedisSettings } from './redis.ts';
import { createRegistry, queueOf, type TaskRegistry } from './registry.ts';
import { type StopOutcome, stopGracefully } from './shutdown.ts';
import { maxStalledCount } from './stalls.ts';
import type { WorkerHeartbeat } from './views.ts';
import { DependencyWatch, JobWaits } from './waits.ts';

/** The settings a worker reads. */
export type WorkerSettings = RedisSettings &
  Pick<
    Config,
    | 'workerNum'
    | 'queuePrefix'
    | 'queues'
    | 'concurrency'
    | 'maxTasksPerChild'
    | 'maxMemoryPerChildMb'
    | 'hardMemoryLimitMb'
    | 'childHeapMb'
    | 'childPreload'
    | 'childIdleExitS'
    | 'childStartTimeoutS'
    | 'childStartAttempts'
    | 'lockDurationMs'
    | 'jobAttempts'
    | 'keepCompletedJobs'
    | 'keepFailedJobs'
    | 'heartbeatS'
    | 'workerIdleRestartS'
    | 'shutdownGraceS'
    | 'logLevel'
    | 'dependencyWaitS'
    | 'dependencyRetryMaxS'
  >;

export interface WorkerOptions {
  /** Task modules (paths or file URLs), loaded here and in every child. */
  taskModules: readonly string[];
  /** Handed to each module's `createTasks`, here and in every child (so it must survive JSON). */
  taskSettings?: unknown;
  /**
   * How to check that a dependency answers again, by the name its errors give (`postgres`). A worker whose
   * tasks failed on a dependency takes no new job until its probe resolves. @defaultValue none
   */
  dependencyProbes?: Readonly<Record<string, () => Promise<void>>>;
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
  /** Why the worker stopped by itself (its children could not start: CHILD_START_ATTEMPTS), or null. */
  failure(): Error | null;
}

/** `worker{N}@{hostname}`, as the Celery fleet named its workers. */
export function workerName(settings: Pick<Config, 'workerNum'>): string {
  return `worker${settings.workerNum}@${hostname()}`;
}

async function connect(target: RedisSettings): Promise<RedisClient> {
  const redis = queueRedis(target);
  redis.on('error', () => {}); // reported through the failed ping below, then by BullMQ's retries
  try {
    await redis.ping();
  } catch (err) {
    redis.disconnect();
    throw new ProfaiError(
      'redis_unreachable',
      `cannot connect to ${describeRedis(target)}: ${(err as Error).message}`,
      {
        permanent: true,
        cause: err,
      },
    );
  }
  return redis;
}

/** Logs a dependency's outage once when it starts and once when it ends, however many errors come between. */
function outageLog(log: Logger, dependency: string) {
  let since: number | null = null;
  return {
    down(reason: string) {
      if (since !== null) return;
      since = Date.now();
      log.warn(`${dependency} unreachable`, { dependency, reason });
    },
    up() {
      if (since === null) return;
      log.info(`${dependency} is back`, { dependency, downS: Math.round((Date.now() - since) / 1000) });
      since = null;
    },
  };
}

const isConnectionError = (err: Error) =>
  networkErrorCode(err) !== undefined ||
  /Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENOTFOUND|EPIPE/.test(err.message);

/** Where a served queue's jobs run: on the pool, or in this process up to `capacity` at once. */
type QueuePlacement =
  | { queue: string; inProcess: false }
  | { queue: string; inProcess: true; capacity: number };

function placements(queues: readonly string[], registry: TaskRegistry): QueuePlacement[] {
  return queues.map((queue) => {
    const tasks = registry.all().filter((t) => queueOf(t.name) === queue);
    const inProcess = tasks.filter((t) => t.placement === 'supervisor');
    if (inProcess.length === 0) return { queue, inProcess: false };
    if (inProcess.length < tasks.length)
      throw new ProfaiError('task_module', `queue ${queue} mixes child- and supervisor-placed tasks`);
    return { queue, inProcess: true, capacity: Math.max(...inProcess.map((t) => t.concurrency ?? 1)) };
  });
}

/** Starts a worker: loads its tasks, connects, forks its children, consumes its queues. Resolves once it is ready. */
export async function startWorker(s: WorkerSettings, opts: WorkerOptions): Promise<WorkerHandle> {
  const print = opts.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const name = workerName(s);
  const log = createLogger(s.logLevel, { worker: name });
  const taskModules = [...opts.taskModules];
  const registry = await createRegistry(taskModules, opts.taskSettings);
  const served = (t: TaskDefinition) => s.queues.includes(queueOf(t.name));
  for (const task of registry.all().filter(served)) task.preflight?.();
  const redis = await connect(s);
  print(`Connected to ${describeRedis(s)}`);

  const queues = placements(s.queues, registry);
  let failure: Error | null = null;
  // Bound once the worker can stop (then called at once if the pool gave up meanwhile, while the worker was
  // getting ready); a pool giving up during its start() makes start() reject instead.
  let stopForFailure: () => void = () => {};
  // A worker whose queues all run in this process (an LLM worker) forks no children.
  const pool = new ChildPool({
    size: queues.some((q) => !q.inProcess) ? s.concurrency : 0,
    maxTasksPerChild: s.maxTasksPerChild,
    maxMemoryPerChildMb: s.maxMemoryPerChildMb,
    hardMemoryLimitMb: s.hardMemoryLimitMb,
    childHeapMb: s.childHeapMb,
    idleExitMs: s.childIdleExitS * 1000,
    // Preloading children are forked at start, to be warm; others when the first task comes (idle memory).
    forkAtStart: s.childPreload,
    startTimeoutMs: s.childStartTimeoutS * 1000,
    startAttempts: s.childStartAttempts,
    onGiveUp: (error) => {
      failure ??= error;
      stopForFailure();
    },
    init: {
      taskModules,
      taskSettings: opts.taskSettings ?? null,
      logLevel: s.logLevel,
      preload: s.childPreload,
    },
    log,
  });
  try {
    await pool.start();
  } catch (err) {
    await pool.close();
    await redis.quit().catch(() => redis.disconnect());
    throw err;
  }
  const lanes = queues.map((q) => ({
    queue: q.queue,
    executor: q.inProcess ? new InProcessExecutor(registry, q.capacity, log) : pool,
  }));
  const executors: Executor[] = [pool, ...lanes.flatMap((l) => (l.executor === pool ? [] : [l.executor]))];

  const counters = { processed: 0, failed: 0 };
  const startedAt = Date.now();
  let state: WorkerHeartbeat['state'] = 'running';
  const activity = new WorkerActivity();
  const waitPolicy = { budgetMs: s.dependencyWaitS * 1000, maxDelayMs: s.dependencyRetryMaxS * 1000 };
  const waits = new JobWaits(redis, s.queuePrefix, waitPolicy);
  let consumers: QueueConsumer[] = [];
  // A consumer's Worker may be replaced (consumer-watch.ts): always ask for the current ones.
  const workers = () => consumers.map((c) => c.worker);
  const watch = new DependencyWatch(
    opts.dependencyProbes ?? {},
    {
      pause: () => Promise.all(workers().map((w) => w.pause(true))).then(() => {}),
      resume: () => {
        if (state === 'running') for (const w of workers()) w.resume();
      },
    },
    log,
    waitPolicy,
  );
  const redisOutage = outageLog(log, 'redis');
  redis.on('ready', redisOutage.up);
  consumers = lanes.map(({ queue, executor }) => {
    const processor = makeProcessor({
      workerName: name,
      registry,
      executor,
      redis,
      prefix: s.queuePrefix,
      log,
      counters,
      activity,
      waits,
      watch,
      waitPolicy,
    });
    const make = (run: Processor) => {
      const worker = new Worker(queue, run, {
        connection: redis,
        prefix: s.queuePrefix,
        concurrency: executor.capacity,
        name,
        lockDuration: s.lockDurationMs,
        stalledInterval: s.lockDurationMs,
        // A job whose worker stops while running it is put back up to JOB_ATTEMPTS times (stalls.ts).
        maxStalledCount: maxStalledCount(s.jobAttempts),
        removeOnComplete: { count: s.keepCompletedJobs },
        removeOnFail: { count: s.keepFailedJobs },
      });
      // While Redis is away, BullMQ reports each failed command: one line when it goes, one when it is back.
      worker.on('error', (err) =>
        isConnectionError(err)
          ? redisOutage.down(err.message)
          : log.error('queue error', { queue, error: err.message }),
      );
      return worker;
    };
    return new QueueConsumer(queue, make, processor);
  });
  await Promise.all(workers().map((w) => w.waitUntilReady()));
  // Queues to count waiting jobs on, sharing the connection (a Queue on a given connection opens none).
  const counted = new Map(
    lanes.map((l) => [l.queue, new Queue(l.queue, { connection: redis, prefix: s.queuePrefix })]),
  );
  const consumerWatch =
    s.workerIdleRestartS > 0
      ? new ConsumerWatch({
          redis,
          consumers,
          queueOf: (queue) => counted.get(queue)!,
          consuming: () => state === 'running',
          log,
          idleMs: s.workerIdleRestartS * 1000,
        })
      : null;

  const cpu = new CpuMeter();
  const heartbeat = (): WorkerHeartbeat =>
    buildHeartbeat({
      name,
      queues: s.queues,
      concurrency: s.concurrency,
      startedAt,
      registered: registry.names(),
      limits: { softMb: s.maxMemoryPerChildMb, hardMb: s.hardMemoryLimitMb },
      children: pool.snapshot(),
      counters,
      recycles: pool.recycles,
      state,
      activity,
      cpu,
      waiting: watch.list(),
    });
  const beats = startHeartbeat(redis, s.queuePrefix, s.heartbeatS, heartbeat);

  print('Registered tasks:');
  for (const task of registry.all().sort((a, b) => a.name.localeCompare(b.name))) {
    const inProcess = task.placement === 'supervisor' && served(task);
    print(`  ${task.name}${inProcess ? ` (in-process, concurrency ${task.concurrency ?? 1})` : ''}`);
  }
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
    log.info('stopping: no new tasks; running ones get the grace period', { graceS: s.shutdownGraceS });
    stopping = (async () => {
      watch.stop();
      void beats.beatNow();
      await consumerWatch?.stop();
      await Promise.all([...counted.values()].map((q) => q.close().catch(() => {})));
      const retiring = consumers.flatMap((c) => [...c.retiring]);
      const outcome = await stopGracefully(workers(), executors, s.shutdownGraceS * 1000, forced, retiring);
      // What the tasks opened in this process (their settle's and in-process runs' connections).
      for (const task of registry.all()) await task.dispose?.().catch(() => {});
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
  stopForFailure = () => void stopAndSignal();
  if (failure) stopForFailure();
  if (opts.handleSignals ?? true) {
    process.on('SIGTERM', () => void stopAndSignal());
    process.on('SIGINT', () => void stopAndSignal());
  }
  return {
    name,
    stop: () => stopAndSignal().then(() => stopped),
    stopped,
    heartbeat,
    failure: () => failure,
  };
}
