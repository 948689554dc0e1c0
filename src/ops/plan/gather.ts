/**
 * The edge of `profai plan`: turns its flags and the fleet's Redis into {@link PlanInputs}. Job figures come
 * from the run records of recent PDF jobs, or, when there are none (or `--calibrate`), from a calibration
 * run on the example PDF.
 */
import type { Config } from '../../config.ts';
import { queueRedis } from '../../fleet/redis.ts';
import { calibrate } from './calibrate.ts';
import type { FleetLayout, PlanInputs } from './plan.ts';
import { PLAN_DEFAULTS } from './production.ts';
import { readRecentJobs, readSupervisorIdleMb } from './sources.ts';
import type { JobSample } from './stats.ts';

export interface GatherOptions {
  host: { cpus: number; memoryMb: number };
  api?: { cpus?: number; memoryMb?: number };
  reserve?: { cpus?: number; memoryMb?: number };
  layout?: FleetLayout;
  /** Recent jobs to read. @defaultValue 200 */
  jobs?: number;
  /** Calibrate even when job records exist. */
  calibrate?: boolean;
  /** Calibration runs. @defaultValue 3 */
  runs?: number;
  /** Told what is happening (reading Redis, calibrating). */
  onStatus?: (line: string) => void;
}

/** Reads job records and supervisor RSS from Redis; a Redis that does not answer counts as no records. */
async function fromRedis(config: Config, limit: number) {
  const redis = queueRedis(config);
  redis.on('error', () => {});
  try {
    const ready = new Promise<void>((resolve, reject) => {
      redis.once('ready', () => resolve());
      setTimeout(() => reject(new Error('Redis did not answer')), 3000).unref();
    });
    await ready;
    const [jobs, idle] = await Promise.all([
      readRecentJobs(redis, config.queuePrefix, limit),
      readSupervisorIdleMb(redis, config.queuePrefix),
    ]);
    return { jobs, idle, reachable: true };
  } catch {
    return { jobs: [], idle: null, reachable: false };
  } finally {
    redis.disconnect();
  }
}

export async function gatherInputs(config: Config, opts: GatherOptions): Promise<PlanInputs> {
  const status = opts.onStatus ?? (() => {});
  const found = await fromRedis(config, opts.jobs ?? 200);
  let jobs: JobSample[] = found.jobs;
  let jobsSource = `job records in ${config.queuePrefix}:runinfo:*`;
  if (opts.calibrate || jobs.length === 0) {
    const why = opts.calibrate
      ? 'asked to'
      : found.reachable
        ? 'no PDF job records yet'
        : 'Redis did not answer';
    const runs = opts.runs ?? 3;
    status(`Calibrating (${why}): ${runs} runs of examples/sample.pdf, each in a fresh child…`);
    jobs = await calibrate({ runs, heapMb: config.childHeapMb });
    jobsSource = `calibration (${runs} runs of sample.pdf)`;
  }
  return {
    host: opts.host,
    api: { ...PLAN_DEFAULTS.api, ...definedOnly(opts.api) },
    reserve: { ...PLAN_DEFAULTS.reserve, ...definedOnly(opts.reserve) },
    supervisorIdleMb: found.idle ?? PLAN_DEFAULTS.supervisorIdleMb,
    jobs,
    jobsSource,
    ...(opts.layout && Object.keys(definedOnly(opts.layout)).length
      ? { layout: definedOnly(opts.layout) }
      : {}),
  };
}

function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}
