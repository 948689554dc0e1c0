/**
 * The capacity planner: from a host's size and what jobs have cost (peak RSS, CPU seconds), how many workers,
 * how many children each, which memory limits, and how many PDFs an hour. Pure: every figure it uses is in
 * {@link PlanInputs}, every rule it applies is a named constant below, and each step is one row of
 * {@link Plan.steps} (input figure → rule → result), so an operator can check the arithmetic.
 */

import { NoJobDataError } from '../errors.ts';
import { type JobSample, type JobStats, summarizeJobs } from './stats.ts';
import { formatCpus, formatSize } from './units.ts';

/** The soft limit covers the 95th-percentile job with this much room. */
export const SOFT_HEADROOM = 1.25;
/** Kept free inside a worker container beyond its children and supervisor (RSS sampling lag, page cache). */
export const MARGIN_FRACTION = 0.05;
export const MIN_MARGIN_MB = 64;
/** The V8 heap cap of a child, as a share of its hard limit (the rest is code, threads and buffers). */
export const HEAP_FRACTION = 0.75;
/** Below this share of a CPU, a worker's jobs run so slowly that one job holds its memory for minutes. */
export const MIN_WORKER_CPUS = 0.3;
/** A PDF job runs on one core: PDFium parses in the child's main thread. */
export const CORES_PER_JOB = 1;

/** A fleet shape to evaluate instead of recommending one; each field given is kept as is. */
export interface FleetLayout {
  workers?: number;
  concurrency?: number;
  workerCpus?: number;
  workerMemoryMb?: number;
}

export interface PlanInputs {
  host: { cpus: number; memoryMb: number };
  api: { cpus: number; memoryMb: number };
  /** Left to Redis, PostgreSQL, Chroma and the OS when they share the host. */
  reserve: { cpus: number; memoryMb: number };
  /** RSS of an idle worker supervisor (it holds the queue connection; its children hold the jobs). */
  supervisorIdleMb: number;
  jobs: readonly JobSample[];
  /** Where the job figures come from, for the table (`job records`, `calibration`…). */
  jobsSource: string;
  layout?: FleetLayout;
}

export interface PlanStep {
  figure: string;
  rule: string;
  result: string;
}

/** `oom`: a container or the host can run out of memory. `fail`: some jobs will be killed. `warn`: slower. */
export interface PlanRisk {
  level: 'oom' | 'fail' | 'warn';
  message: string;
}

export interface Plan {
  inputs: PlanInputs;
  jobs: JobStats;
  workers: number;
  concurrency: number;
  worker: { cpus: number; memoryMb: number };
  api: { cpus: number; memoryMb: number };
  /** The settings each worker gets (MAX_MEMORY_PER_CHILD_MB, HARD_MEMORY_LIMIT_MB, CHILD_HEAP_MB). */
  limits: { maxMemoryPerChildMb: number; hardMemoryLimitMb: number; childHeapMb: number };
  /** Children per worker that fit in its memory with p95 jobs (≤ concurrency). */
  fittingChildren: number;
  pdfsPerHour: number;
  steps: PlanStep[];
  risks: PlanRisk[];
}

/** `value` rounded down to a multiple of `step`, without float noise (0.30000000000000004). */
const floorTo = (value: number, step: number) =>
  Math.round(Math.floor(value / step + 1e-9) * step * 100) / 100;
const mb = (value: number) => `${Math.round(value)} MB`;

/** Margin kept free in a worker container of `limitMb`. */
export function workerMargin(limitMb: number): number {
  return Math.max(MIN_MARGIN_MB, Math.round(limitMb * MARGIN_FRACTION));
}

export function planFleet(inputs: PlanInputs): Plan {
  const jobs = summarizeJobs(inputs.jobs);
  if (jobs.count === 0) throw new NoJobDataError();
  const { host, api, reserve, layout = {} } = inputs;
  const idle = inputs.supervisorIdleMb;
  const steps: PlanStep[] = [];
  const step = (figure: string, rule: string, result: string) => steps.push({ figure, rule, result });

  const memBudget = host.memoryMb - api.memoryMb - reserve.memoryMb;
  const cpuBudget = host.cpus - api.cpus - reserve.cpus;
  step(
    `host ${formatCpus(host.cpus)} CPU / ${formatSize(host.memoryMb)}; API ${formatCpus(api.cpus)} CPU / ${formatSize(api.memoryMb)}; reserve ${formatCpus(reserve.cpus)} CPU / ${formatSize(reserve.memoryMb)}`,
    'for workers = host − API − reserve (Redis, PostgreSQL, Chroma, OS)',
    `${formatCpus(cpuBudget)} CPU / ${formatSize(memBudget)}`,
  );

  const soft = Math.ceil(jobs.p95PeakMb * SOFT_HEADROOM);
  step(
    `${inputs.jobsSource}: ${jobs.count} jobs, peak RSS p95 ${mb(jobs.p95PeakMb)}, max ${mb(jobs.maxPeakMb)}`,
    `soft limit = p95 peak × ${SOFT_HEADROOM}`,
    `MAX_MEMORY_PER_CHILD_MB=${soft}`,
  );

  const concurrency = layout.concurrency ?? 1;
  step(
    layout.concurrency ? 'given' : 'old fleet: 3 workers × 3 children OOMed, 5 × 1 was stable',
    layout.concurrency ? 'kept' : 'one child per worker: a spike only hits its own container',
    `WORKER_CONCURRENCY=${concurrency}`,
  );

  const workers = layout.workers ?? recommendWorkers(cpuBudget, memBudget, idle, soft, jobs, concurrency);
  if (!layout.workers) {
    step(
      `${formatCpus(cpuBudget)} CPU at ≥ ${MIN_WORKER_CPUS} each; ${formatSize(memBudget)} at ≥ ${mb(workerNeed(idle, soft, jobs, concurrency))} each`,
      'workers = min(by CPU, by memory), at least 1',
      `${workers} workers`,
    );
  }

  const workerCpus = layout.workerCpus ?? Math.max(0.05, floorTo(cpuBudget / workers, 0.05));
  const workerMemoryMb = layout.workerMemoryMb ?? Math.max(0, floorTo(memBudget / workers, 50));
  step(
    layout.workerCpus && layout.workerMemoryMb
      ? 'given'
      : `${workers} workers share ${formatCpus(cpuBudget)} CPU / ${formatSize(memBudget)}`,
    layout.workerCpus && layout.workerMemoryMb
      ? 'kept'
      : 'per worker = budget ÷ workers (CPU to 0.05, memory to 50 MB)',
    `${workers} × ${formatCpus(workerCpus)} CPU / ${formatSize(workerMemoryMb)}`,
  );

  const margin = workerMargin(workerMemoryMb);
  const hard = Math.max(0, Math.floor((workerMemoryMb - idle - margin) / concurrency));
  step(
    `container ${mb(workerMemoryMb)}, supervisor idle ${mb(idle)}, margin ${mb(margin)}`,
    '(limit − idle − margin) ÷ concurrency',
    `HARD_MEMORY_LIMIT_MB=${hard}`,
  );
  const heap = Math.floor(hard * HEAP_FRACTION);
  step(`hard limit ${mb(hard)}`, `V8 heap cap = hard × ${HEAP_FRACTION}`, `CHILD_HEAP_MB=${heap}`);

  const fitting = Math.min(concurrency, soft > 0 ? Math.floor((workerMemoryMb - idle - margin) / soft) : 0);
  const usableCpus = workers * Math.min(workerCpus, fitting * CORES_PER_JOB);
  const pdfsPerHour = Math.floor((usableCpus * 3600) / jobs.meanCpuSeconds);
  step(
    `mean CPU ${jobs.meanCpuSeconds.toFixed(1)} s/job; ${fitting} of ${concurrency} children fit per worker`,
    `PDFs/h = Σ min(worker CPU, fitting children × ${CORES_PER_JOB} core) × 3600 ÷ mean CPU s`,
    `${pdfsPerHour} PDFs/hour`,
  );

  const plan: Plan = {
    inputs,
    jobs,
    workers,
    concurrency,
    worker: { cpus: workerCpus, memoryMb: workerMemoryMb },
    api: { ...api },
    limits: {
      maxMemoryPerChildMb: Math.min(soft, Math.max(hard, 1)),
      hardMemoryLimitMb: hard,
      childHeapMb: heap,
    },
    fittingChildren: fitting,
    pdfsPerHour,
    steps,
    risks: [],
  };
  plan.risks = assessRisks(plan, soft, margin);
  return plan;
}

/** Memory one worker needs: its supervisor, each child at the soft limit (or the largest job), a margin. */
function workerNeed(idle: number, soft: number, jobs: JobStats, concurrency: number): number {
  const child = Math.max(soft, Math.ceil(jobs.maxPeakMb * 1.1));
  const bare = idle + concurrency * child;
  return bare + Math.max(MIN_MARGIN_MB, Math.ceil(bare * MARGIN_FRACTION));
}

function recommendWorkers(
  cpuBudget: number,
  memBudget: number,
  idle: number,
  soft: number,
  jobs: JobStats,
  concurrency: number,
): number {
  const byCpu = Math.floor(cpuBudget / MIN_WORKER_CPUS + 1e-9);
  const byMemory = Math.floor(memBudget / workerNeed(idle, soft, jobs, concurrency));
  return Math.max(1, Math.min(byCpu, byMemory));
}

function assessRisks(plan: Plan, soft: number, margin: number): PlanRisk[] {
  const { inputs, jobs, workers, concurrency, worker, limits } = plan;
  const risks: PlanRisk[] = [];
  const need = inputs.supervisorIdleMb + concurrency * soft + margin;
  if (need > worker.memoryMb) {
    risks.push({
      level: 'oom',
      message: `a worker needs ${mb(need)} (supervisor ${mb(inputs.supervisorIdleMb)} + ${concurrency} × ${soft} MB + margin ${mb(margin)}) but its limit is ${mb(worker.memoryMb)}: children peaking together get the container OOM-killed`,
    });
  }
  if (jobs.maxPeakMb > limits.hardMemoryLimitMb) {
    risks.push({
      level: 'fail',
      message: `the largest job seen (${mb(jobs.maxPeakMb)}) is above the hard limit (${limits.hardMemoryLimitMb} MB): such jobs are killed and fail with "exceeded memory limit"`,
    });
  }
  const limitsTotal = inputs.api.memoryMb + workers * worker.memoryMb;
  if (limitsTotal > inputs.host.memoryMb) {
    risks.push({
      level: 'oom',
      message: `API and worker limits add up to ${formatSize(limitsTotal)}, more than the host's ${formatSize(inputs.host.memoryMb)}`,
    });
  } else if (limitsTotal > inputs.host.memoryMb - inputs.reserve.memoryMb) {
    risks.push({
      level: 'warn',
      message: `API and worker limits add up to ${formatSize(limitsTotal)}, leaving ${mb(inputs.host.memoryMb - limitsTotal)} of the ${mb(inputs.reserve.memoryMb)} reserve for Redis, PostgreSQL, Chroma and the OS: fine while workers stay below their limits, as they do between jobs`,
    });
  }
  const cpusTotal = inputs.api.cpus + workers * worker.cpus;
  if (cpusTotal > inputs.host.cpus + 1e-9) {
    risks.push({
      level: 'warn',
      message: `API and workers may use ${formatCpus(cpusTotal)} CPU of the host's ${formatCpus(inputs.host.cpus)}: jobs slow down when all are busy`,
    });
  }
  if (plan.fittingChildren === 0) {
    risks.push({ level: 'oom', message: 'not one p95 job fits in a worker: give workers more memory' });
  }
  return risks;
}
