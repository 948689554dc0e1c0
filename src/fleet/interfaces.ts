/**
 * The worker runtime's contract with the tasks it runs and the executors that run them. The runtime
 * (src/fleet) knows no ProfAI task: a worker entry hands it task modules, and it imports nothing above itself.
 *
 * Glossary
 * - **task**: a named unit of work (`pdf_processing.process_pdf_and_generate_course`), like a Celery task; its
 *   {@link TaskDefinition} says how to run it.
 * - **queue**: a BullMQ queue under QUEUE_PREFIX; a task's queue is the part of its name before the dot.
 * - **job**: one run of a task with a payload, stored in Redis by BullMQ; an **attempt** is one try of a job.
 * - **worker**: a supervisor process (`worker{N}@{host}`) consuming its queues with one job processor.
 * - **executor**: what runs an attempt for the processor: the **child pool** (one forked child process per
 *   slot, recycled after N tasks or M MB) for CPU-bound tasks, or the supervisor's own process
 *   (`placement: 'supervisor'`) for tasks that mostly wait on the network (a model).
 * - **task module**: an ES module exporting task definitions, or `createTasks(settings)` returning them; the
 *   supervisor and every child load the same modules with the same settings.
 * - **settle**: a step that runs in the supervisor with a child's result before the job completes (a hand-off
 *   over the supervisor's connections, so that a child needs none).
 */
import type { Logger } from './log.ts';

/** How far a stage has come in its own units (pages of pages), beside the job's overall percent. */
export interface StageProgress {
  done: number;
  total: number;
}

/** What a handler gets besides its payload. */
export interface TaskContext {
  jobId: string;
  /** 1 for the first attempt. */
  attempt: number;
  log: Logger;
  /**
   * Aborted when the attempt must stop early (the worker's shutdown grace is over): the job goes back to its
   * queue. Handlers pass it to what they wait on.
   */
  signal: AbortSignal;
  /** Reports the current stage and the job's overall percent (0..100), optionally the stage's own units. */
  progress(stage: string, percent: number, detail?: StageProgress): void;
}

/** Where a task's attempts run. */
export type TaskPlacement = 'child' | 'supervisor';

/** A task: its name and handler, and how the runtime treats it. `Data` is the payload `parse` returns. */
export interface TaskDefinition<Data = unknown, Result = unknown> {
  /** `queue.task`, e.g. `pdf_processing.process_pdf_and_generate_course`. */
  name: string;
  /**
   * Checks a job's raw payload and returns it typed; throws (a permanent error) when it can never succeed.
   * @defaultValue the payload as it is
   */
  parse?: (raw: unknown) => Data;
  handler: (data: Data, ctx: TaskContext) => Promise<Result>;
  /**
   * `child`: in a child of the prefork pool (parsing, CPU). `supervisor`: in the supervisor's own process, up to
   * `concurrency` at once (waiting on a model: it holds no parse slot).
   * @defaultValue 'child'
   */
  placement?: TaskPlacement;
  /** Jobs of a supervisor-placed task run at once per worker. @defaultValue 1 */
  concurrency?: number;
  /** Throws (a ConfigError) when this worker cannot run the task, before it takes any job. */
  preflight?: () => void;
  /** Loads and opens what the handler's first call would, so that call runs warm (CHILD_PRELOAD). */
  warm?: () => Promise<void>;
  /** Closes what the task opened in this process (called once in every process that loaded it, as it ends). */
  dispose?: () => Promise<void>;
  /** In the supervisor, with a child's result, before the job completes; returns the job's result. */
  settle?: (result: Result) => Promise<unknown>;
  /** Fields of the job's data removed from its record once no attempt can need them (a PDF's password). */
  secrets?: readonly string[];
  /** A few words for `profai monitor` about what a job works on (its file name). @defaultValue none */
  label?: (data: Data) => string | null;
  /** The user-visible job this job works for, when it is one step of another (its usage is shown there). */
  parentJobId?: (data: Data) => string | undefined;
}

/** One attempt for an executor to run. */
export interface RunRequest {
  jobId: string;
  task: string;
  data: unknown;
  attempt: number;
}

/** Where and how an attempt ran. */
export interface RunStats {
  /** The process that ran it: a child, or the supervisor for supervisor-placed tasks. */
  pid: number;
  startedAt: number;
  finishedAt: number;
  peakRssMb: number;
  /** CPU seconds the attempt used (user + system), when the executor can tell. */
  cpuSeconds?: number;
}

/** A task error as it crosses a process boundary: its code, one-line message and permanence; never a stack. */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
  permanent: boolean;
  /**
   * Set when the attempt failed because a service it needs is unreachable (`postgres`): the job then waits
   * for it without using up an attempt (see processor.ts).
   */
  dependency?: string;
}

export type RunOutcome =
  | { kind: 'ok'; value: unknown; stats: RunStats }
  | { kind: 'error'; error: SerializedError; stats: RunStats }
  /** The executor was released (shutdown grace over) before the attempt finished: hand the job back. */
  | { kind: 'released' };

export interface RunHooks {
  onStart?(pid: number): void;
  onProgress?(stage: string, percent: number, detail?: StageProgress): void;
}

/** Runs attempts: the child pool, or the supervisor itself. */
export interface Executor {
  /** Attempts it runs at once: the BullMQ concurrency of the queues it serves. */
  readonly capacity: number;
  run(req: RunRequest, hooks?: RunHooks): Promise<RunOutcome>;
  /** Stops the attempts still running; their runs resolve `released`. */
  release(): void;
  /** Lets go of its processes once nothing runs. */
  close(): Promise<void>;
}
