/**
 * The inputs of the committed docker-compose-production.yml: the fleet the design names (a 2 CPU / 8 GB
 * host; API 0.4 CPU / 1.2 GB; 5 workers × 1 child at 0.3 CPU / 1.3 GB) and the job figures its worker
 * memory settings are derived from. Change them here, then run
 * `profai plan --production --compose docker-compose-production.yml`.
 */
import type { PlanInputs } from './plan.ts';
import type { JobSample } from './stats.ts';
import { parseSize } from './units.ts';

/**
 * Peak RSS (MB) and CPU seconds of the pipeline on the parseable corpus PDFs (1 to 397 pages), each run in a
 * fresh child as a worker runs it (the `profai plan` calibration child, Node 20, 2-core dev machine).
 */
export const PRODUCTION_JOB_PROFILE: readonly JobSample[] = [
  { peakRssMb: 265.6, cpuSeconds: 5.03 }, // gov-angola-malaria-pt.pdf
  { peakRssMb: 258.7, cpuSeconds: 5.21 }, // gov-va-coding-handbook.pdf
  { peakRssMb: 255.6, cpuSeconds: 5.32 }, // sf-geotopo-de.pdf
  { peakRssMb: 299.9, cpuSeconds: 7.69 }, // deb-valgrind-manual-397p.pdf
  { peakRssMb: 254.8, cpuSeconds: 4.55 }, // jp-ptex-manual.pdf
  { peakRssMb: 231.7, cpuSeconds: 2.21 }, // gov-va-newsletter.pdf
  { peakRssMb: 238.4, cpuSeconds: 2.93 }, // gov-census-tables.pdf
  { peakRssMb: 226.8, cpuSeconds: 1.81 }, // examples/sample.pdf
];

/** Defaults of `profai plan` that are not about the host: API size, reserve, supervisor idle RSS. */
export const PLAN_DEFAULTS = {
  api: { cpus: 0.4, memoryMb: parseSize('1.2GB') },
  reserve: { cpus: 0.1, memoryMb: parseSize('512MB') },
  /** A compiled supervisor holding its BullMQ connection, idle, in MB (`npm run bench:fleet` prints it). */
  supervisorIdleMb: 100,
} as const;

export const PRODUCTION_INPUTS: PlanInputs = {
  host: { cpus: 2, memoryMb: parseSize('8GB') },
  api: { ...PLAN_DEFAULTS.api },
  reserve: { ...PLAN_DEFAULTS.reserve },
  supervisorIdleMb: PLAN_DEFAULTS.supervisorIdleMb,
  jobs: PRODUCTION_JOB_PROFILE,
  jobsSource: 'corpus profile',
  layout: { workers: 5, concurrency: 1, workerCpus: 0.3, workerMemoryMb: parseSize('1.3GB') },
};

/** How the committed file is regenerated (quoted in its header). */
export const PRODUCTION_COMMAND = 'profai plan --production --compose docker-compose-production.yml';
