/**
 * What the runtime shows of itself: jobs as users see them, run records, and the heartbeats workers publish
 * (for the API, `profai monitor`, `inspect`, metrics and tests).
 */
import type { StageProgress } from './interfaces.ts';

/** Facts the worker records about one run of a job: where, how long, how much memory. */
export interface JobRunInfo {
  /** `worker1@host` */
  worker: string;
  childPid: number;
  startedAt: number;
  finishedAt?: number;
  /** Peak RSS of the child while it ran the job, in MB. */
  peakRssMb: number;
  /** CPU seconds the child spent on the job (user + system). */
  cpuSeconds?: number;
  /** Seconds per pipeline stage. */
  stages?: Record<string, number>;
  /** Which attempt this record describes (1 = first). */
  attempt?: number;
}

/** The state of a job as users see it (BullMQ's `prioritized` and `waiting-children` count as `waiting`). */
export type JobState = 'waiting' | 'active' | 'completed' | 'failed' | 'delayed';

export const JOB_STATES: readonly JobState[] = ['waiting', 'active', 'completed', 'failed', 'delayed'];

/** One job as the API, the CLI and the monitor show it. Times are ISO-8601. */
export interface JobView {
  id: string;
  task: string;
  state: JobState;
  /** Last stage reported by the task (`extract`, `embed`…), null before the first report. */
  stage: string | null;
  /** 0..100 */
  progress: number;
  /** How far the running stage has come in its own units (pages extracted of pages), when it says. */
  stageProgress?: StageProgress;
  /** `worker1@host` that ran (or runs) the latest attempt, null before any. */
  worker: string | null;
  /**
   * Attempts made so far (failed ones count; the running one does not). BullMQ's fail of a job at its last stall,
   * made by the next worker without running it, is not one (stalls.ts attemptsRun).
   */
  attempts: number;
  /**
   * Times the job was put back in the queue because its worker stopped while running it (killed, or cut off from
   * Redis past JOB_LOCK_MS): stalls, counted apart from attempts (stalls.ts). So the job has been run
   * `attempts + stalls` times before its current run. @defaultValue 0
   */
  stalls: number;
  timings: { queuedAt: string; startedAt?: string; finishedAt?: string; seconds?: number };
  /** Peak RSS of the child during the latest attempt, in MB. */
  peakRssMb?: number;
  /** Why the job failed (or why its last attempt failed, while it waits for a retry). */
  error: string | null;
  result: unknown | null;
  /** The uploaded file's name, for PDF jobs. */
  file?: string;
  /** LLM tokens and estimated cost of the job (LLM_BASE_URL set), when it made LLM calls. */
  usage?: { inputTokens: number; outputTokens: number; costUsd: number };
}

/** A task a worker runs right now, as its heartbeat reports it. */
export interface ActiveTask {
  /** Job id. */
  id: string;
  /** Task name. */
  name: string;
  /** What the job works on, as its task labels it (a file name); null when the task gives no label. */
  label: string | null;
  /** Last stage the task reported, null before its first report. */
  stage: string | null;
  /** 0..100 */
  percent: number;
  /** ms since epoch. */
  startedAt: number;
  childPid: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Times the job was put back after a stall before this run (see {@link JobView.stalls}); absent from old workers. */
  stalls?: number;
  /** The user-visible job this one is a step of (its LLM tokens and cost are counted there). */
  parentJobId?: string;
}

/**
 * What a worker publishes about itself every HEARTBEAT_S (for `profai monitor`, `inspect`, metrics and tests).
 * Fields marked optional were added later; every current worker writes them.
 */
export interface WorkerHeartbeat {
  /** `worker1@host` */
  name: string;
  pid: number;
  host: string;
  /** Always `prefork`: one child process per concurrency slot. */
  pool?: 'prefork';
  /** ProfAI version of the worker. */
  version?: string;
  queues: string[];
  concurrency: number;
  /** Task names this worker can run, sorted. */
  registered?: string[];
  startedAt: number;
  /** When this heartbeat was written (ms since epoch); it expires 3 × HEARTBEAT_S later. */
  at: number;
  uptimeS?: number;
  /** RSS of the supervisor, MB. */
  rssMb: number;
  /** Supervisor plus children. */
  totalRssMb: number;
  /** CPU % of the supervisor plus its children since the previous heartbeat (100 = one core). */
  cpuPercent?: number;
  supervisorCpuPercent?: number;
  /** Per-child memory limits, MB: soft (MAX_MEMORY_PER_CHILD_MB), hard (HARD_MEMORY_LIMIT_MB, 0 = off). */
  limits?: { softMb: number; hardMb: number };
  children: {
    pid: number;
    busy: boolean;
    jobId: string | null;
    tasks: number;
    rssMb: number;
    cpuPercent?: number;
  }[];
  /** Tasks running now, with their progress. */
  active?: ActiveTask[];
  /** Tasks done since start. */
  processed: number;
  /** Attempts failed since start. */
  failed: number;
  /** Children replaced, by why they left. */
  recycles: { tasks: number; memory: number; crash: number };
  state: 'running' | 'stopping';
  /** Dependencies this worker waits for (it takes no new job meanwhile), with since when (ms since epoch). */
  waiting?: { dependency: string; since: number }[];
}
