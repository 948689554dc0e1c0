/**
 * Prometheus metrics of the fleet, on their own registry (served by `GET /metrics`).
 *
 * Gauges come from a fresh snapshot at each scrape (queue depth, workers); counters and histograms of
 * finished jobs come from the {@link JobLedger}, so they cover jobs that finished while this API ran.
 * While Redis is down a scrape still answers: `profai_redis_up 0`, the fleet gauges absent (not stale),
 * the job counters kept.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { JOB_STATES } from '../fleet/views.ts';
import { withTimeout } from '../lib/time.ts';
import { type FinishedJob, failureReason, JobLedger, MAX_REASONS } from './ledger.ts';
import type { FleetSource } from './source.ts';
import type { FleetSnapshot } from './types.ts';

const MB = 1024 * 1024;

/** Job durations, seconds: quiz jobs take a second, a 400-page PDF some minutes. */
const DURATION_BUCKETS = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800];
/** Peak RSS of a job's child, bytes: 64 MB … 4 GB. */
const RSS_BUCKETS = [64, 128, 256, 384, 512, 768, 1024, 1536, 2048, 4096].map((m) => m * MB);

export class FleetMetrics {
  readonly registry = new Registry();
  readonly #source: FleetSource;
  readonly #ledger = new JobLedger();
  readonly #reasons = new Set<string>();
  #reading: Promise<void> | null = null;

  readonly #redisUp = this.#gauge(
    'profai_redis_up',
    'Whether Redis answered the latest read (1) or not (0).',
  );
  readonly #dependencyUp = this.#gauge(
    'profai_dependency_up',
    'Whether a service the fleet depends on answered this scrape (1) or not (0): redis, the database, the vector store.',
    ['dependency'],
  );
  readonly #dependencyFull = this.#gauge(
    'profai_dependency_full',
    'Whether a dependency refuses writes for want of room (1) or not (0): redis at maxmemory, the file storage full (uploads then answer 503/507).',
    ['dependency'],
  );
  readonly #storageFree = this.#gauge(
    'profai_storage_free_bytes',
    "Free space on the uploads folder's volume (absent with object storage, which does not say).",
  );
  readonly #workersWaiting = this.#gauge(
    'profai_workers_waiting',
    'Workers that take no new job because a dependency they need is unreachable, by dependency.',
    ['dependency'],
  );
  readonly #queueJobs = this.#gauge('profai_queue_jobs', 'Jobs per queue and state.', ['queue', 'state']);
  readonly #workers = this.#gauge('profai_workers', 'Live workers (heartbeat not expired).');
  readonly #workerRss = this.#gauge('profai_worker_rss_bytes', 'RSS of a worker: supervisor plus children.', [
    'worker',
  ]);
  readonly #workerCpu = this.#gauge('profai_worker_cpu_percent', 'CPU % of a worker (100 = one core).', [
    'worker',
  ]);
  readonly #workerActive = this.#gauge('profai_worker_active_tasks', 'Tasks a worker runs now.', ['worker']);
  readonly #workerConcurrency = this.#gauge('profai_worker_concurrency', 'Child processes of a worker.', [
    'worker',
  ]);
  readonly #workerTasks = this.#gauge(
    'profai_worker_tasks',
    'Tasks a worker finished since it started, by outcome (done, failed attempts).',
    ['worker', 'outcome'],
  );
  readonly #recycles = this.#gauge(
    'profai_worker_child_recycles',
    'Children a worker replaced since it started, by reason (tasks, memory, crash).',
    ['worker', 'reason'],
  );
  readonly #duration = new Histogram({
    name: 'profai_job_duration_seconds',
    help: 'Run time of the last attempt of finished jobs, by task and outcome.',
    labelNames: ['task', 'outcome'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  readonly #peakRss = new Histogram({
    name: 'profai_job_peak_rss_bytes',
    help: 'Peak RSS of the child during the last attempt of finished jobs, by task.',
    labelNames: ['task'],
    buckets: RSS_BUCKETS,
    registers: [this.registry],
  });
  readonly #failures = new Counter({
    name: 'profai_job_failures_total',
    help: `Jobs failed for good, by task and reason (first words of the error; more than ${MAX_REASONS} reasons: other).`,
    labelNames: ['task', 'reason'],
    registers: [this.registry],
  });
  readonly #retries = new Counter({
    name: 'profai_job_retries_total',
    help: 'Attempts beyond the first made by finished jobs, by task.',
    labelNames: ['task'],
    registers: [this.registry],
  });
  readonly #stalls = new Counter({
    name: 'profai_job_stalls_total',
    help: 'Stalls of finished jobs (their worker stopped while running them: killed, or cut off from Redis), by task.',
    labelNames: ['task'],
    registers: [this.registry],
  });

  /**
   * @param probes - checks of the API's own dependencies by name (`postgres`, `chroma`…), run at each scrape
   *   within the source's timeout. @defaultValue none
   * @param room - per dependency, whether it refuses writes for want of room, and the storage's free bytes.
   *   @defaultValue none
   */
  constructor(
    source: FleetSource,
    private readonly probes: Readonly<Record<string, () => Promise<unknown>>> = {},
    private readonly room: {
      full?: Readonly<Record<string, () => Promise<boolean>>>;
      freeBytes?: () => Promise<number | null>;
    } = {},
  ) {
    this.#source = source;
    collectDefaultMetrics({ register: this.registry, prefix: 'profai_api_' });
  }

  #gauge<L extends string>(name: string, help: string, labelNames: L[] = []): Gauge<L> {
    return new Gauge({ name, help, labelNames, registers: [this.registry] });
  }

  /** The exposition text, after refreshing from Redis (bounded by the source's timeout). */
  async render(): Promise<string> {
    const [snapshot] = await Promise.all([
      this.#source.snapshot(),
      this.#probeDependencies(),
      this.#measureRoom(),
    ]);
    this.#setGauges(snapshot);
    if (snapshot.redis.up) await this.#readLedger(snapshot.queues.map((q) => q.name));
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async #probeDependencies(): Promise<void> {
    const timeoutMs = this.#source.timeoutMs;
    await Promise.all(
      Object.entries(this.probes).map(async ([dependency, probe]) => {
        const up = await withTimeout(probe(), timeoutMs, () => new Error('timed out')).then(
          () => 1,
          () => 0,
        );
        this.#dependencyUp.set({ dependency }, up);
      }),
    );
  }

  /** Which dependencies are full (a check that fails or times out leaves its gauge absent: not known). */
  async #measureRoom(): Promise<void> {
    const timeoutMs = this.#source.timeoutMs;
    const timed = <T>(p: Promise<T>) => withTimeout(p, timeoutMs, () => new Error('timed out'));
    this.#dependencyFull.reset();
    this.#storageFree.reset();
    await Promise.all([
      ...Object.entries(this.room.full ?? {}).map(([dependency, isFull]) =>
        timed(isFull()).then(
          (full) => this.#dependencyFull.set({ dependency }, full ? 1 : 0),
          () => {},
        ),
      ),
      timed(this.room.freeBytes?.() ?? Promise.resolve(null)).then(
        (free) => {
          if (free !== null) this.#storageFree.set(free);
        },
        () => {},
      ),
    ]);
  }

  #setGauges(s: FleetSnapshot): void {
    this.#redisUp.set(s.redis.up ? 1 : 0);
    this.#dependencyUp.set({ dependency: 'redis' }, s.redis.up ? 1 : 0);
    this.#workersWaiting.reset();
    for (const g of [this.#queueJobs, this.#workers, this.#workerRss, this.#workerCpu, this.#workerActive])
      g.reset();
    for (const g of [this.#workerConcurrency, this.#workerTasks, this.#recycles]) g.reset();
    if (!s.redis.up) return;
    for (const q of s.queues)
      for (const state of JOB_STATES) this.#queueJobs.set({ queue: q.name, state }, q[state]);
    this.#workers.set(s.workers.length);
    const waiting = new Map<string, number>();
    for (const w of s.workers)
      for (const d of w.waiting) waiting.set(d.dependency, (waiting.get(d.dependency) ?? 0) + 1);
    for (const [dependency, n] of waiting) this.#workersWaiting.set({ dependency }, n);
    for (const w of s.workers) {
      const worker = w.hostname;
      this.#workerRss.set({ worker }, Math.round(w.totalRssMb * MB));
      this.#workerCpu.set({ worker }, w.cpuPercent);
      this.#workerActive.set({ worker }, w.active.length);
      this.#workerConcurrency.set({ worker }, w.concurrency);
      this.#workerTasks.set({ worker, outcome: 'done' }, w.done);
      this.#workerTasks.set({ worker, outcome: 'failed' }, w.failed);
      for (const reason of ['tasks', 'memory', 'crash'] as const)
        this.#recycles.set({ worker, reason }, w.recycled[reason]);
    }
  }

  /**
   * Reads newly finished jobs, one read at a time (concurrent scrapes share it). A scrape waits for it at
   * most the source's timeout; a slow read still counts its jobs when it ends, for the next scrape.
   */
  async #readLedger(queues: string[]): Promise<void> {
    this.#reading ??= this.#ledger
      .read(this.#source.client, queues)
      .then((jobs) => {
        for (const job of jobs) this.#observe(job);
      })
      .catch(() => {}) // read again next time: the ledger only moves on after a complete read
      .finally(() => {
        this.#reading = null;
      });
    await withTimeout(this.#reading, this.#source.timeoutMs, () => new Error('timed out')).catch(() => {});
  }

  #observe(job: FinishedJob): void {
    const { task } = job;
    if (job.seconds !== null) this.#duration.observe({ task, outcome: job.outcome }, job.seconds);
    if (job.peakRssMb !== null) this.#peakRss.observe({ task }, job.peakRssMb * MB);
    if (job.attempts > 1) this.#retries.inc({ task }, job.attempts - 1);
    if (job.stalls > 0) this.#stalls.inc({ task }, job.stalls);
    if (job.outcome === 'failed') this.#failures.inc({ task, reason: this.#boundedReason(job.failedReason) });
  }

  #boundedReason(message: string | null): string {
    const reason = failureReason(message);
    if (this.#reasons.has(reason)) return reason;
    if (this.#reasons.size >= MAX_REASONS) return 'other';
    this.#reasons.add(reason);
    return reason;
  }
}
