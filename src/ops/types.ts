/**
 * The fleet as operators see it: what `profai monitor --json`, `profai inspect … --json` and `GET /api/fleet`
 * print. These shapes are a public interface: fields may be added, never renamed or removed.
 * Sizes are MB (one decimal), CPU is % of one core (100 = one core busy), times are ISO-8601 UTC.
 */
import type { JobView } from '../fleet/views.ts';
import type { JobUsage } from '../llm/usage.ts';

/** A task a worker runs right now. */
export interface ActiveTaskStatus {
  /** Job id (`pdf-…`, `quiz-…`, `<queue>-…`). */
  id: string;
  /** Task name, e.g. `pdf_processing.process_pdf_and_generate_course`. */
  name: string;
  /** The uploaded file's name (PDF tasks) or the course id (quiz tasks), null otherwise. */
  document: string | null;
  /** Last stage reported (`extract`, `embed`…), null before the first report. */
  stage: string | null;
  /** 0..100, as of the worker's latest heartbeat. */
  percent: number;
  startedAt: string;
  /** PID of the child process running it. */
  childPid: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** Times the job was put back after its worker stopped while running it, before this run (0 from old workers). */
  stalls: number;
  /** LLM tokens and estimated cost so far (of the user's job it belongs to); null when it made no LLM call. */
  usage: JobUsage | null;
}

/** One child process of a worker. */
export interface ChildStatus {
  pid: number;
  busy: boolean;
  /** The job it runs, null when idle. */
  jobId: string | null;
  /** Tasks it finished since it was forked. */
  tasks: number;
  rssMb: number;
  cpuPercent: number;
}

/** One live worker, from its latest heartbeat. */
export interface WorkerStatus {
  /** `worker{N}@{host}`, the name Celery would show. */
  hostname: string;
  pid: number;
  /** Machine (container) name. */
  host: string;
  /** Always `prefork`. */
  pool: string;
  /** Child processes, so at most this many tasks at once. */
  concurrency: number;
  queues: string[];
  /** `running`, or `stopping` during a graceful shutdown. */
  state: string;
  /** Dependencies the worker waits for (it takes no new job meanwhile), since when: empty when none. */
  waiting: { dependency: string; since: string }[];
  /** ProfAI version of the worker, `unknown` when it did not say. */
  version: string;
  startedAt: string;
  uptimeS: number;
  /** When the worker last reported; it is dropped 3 × HEARTBEAT_S after that. */
  heartbeatAt: string;
  /** RSS of the supervisor alone. */
  rssMb: number;
  /** Supervisor plus children. */
  totalRssMb: number;
  /** Supervisor plus children, since the previous heartbeat. */
  cpuPercent: number;
  /** Per-child limits: a child above `softMb` after a task is replaced; one above `hardMb` mid-task is killed (0 = off). */
  limits: { softMb: number; hardMb: number };
  /** Tasks done since start. */
  done: number;
  /** Attempts failed since start. */
  failed: number;
  /** Children replaced since start, by reason. */
  recycled: { tasks: number; memory: number; crash: number; total: number };
  children: ChildStatus[];
  active: ActiveTaskStatus[];
  /** Task names the worker can run, sorted. */
  registered: string[];
}

/** Jobs of one queue by state. `waiting` includes prioritized jobs. */
export interface QueueStatus {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** Whether Redis answered, and why not. */
export interface RedisStatus {
  /** `redis://host:port/db`, password hidden. */
  url: string;
  up: boolean;
  /** One line, when `up` is false. */
  error?: string;
}

/**
 * One look at the fleet: `profai monitor --json` prints it without `jobs`; `GET /api/fleet` adds them.
 * When Redis is down, `workers` and `queues` are empty and `redis.up` is false.
 */
export interface FleetSnapshot {
  /** When it was taken. */
  at: string;
  redis: RedisStatus;
  /** Live workers, sorted by hostname (worker2 before worker10). */
  workers: WorkerStatus[];
  /** Known queues (built-in, WORKER_QUEUES, and any a live worker consumes), sorted by name. */
  queues: QueueStatus[];
  /** Active jobs and the newest finished ones (dashboard only). */
  jobs?: { active: JobView[]; recent: JobView[] };
}
