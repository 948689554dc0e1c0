/** What the prefork pool (child-pool.ts) is given and gives back: its options, a task run and its outcome. */
import type { InitMessage, SerializedError } from './ipc.ts';
import type { Logger } from './log.ts';

export interface PoolOptions {
  size: number;
  maxTasksPerChild: number;
  maxMemoryPerChildMb: number;
  /** 0 = off. */
  hardMemoryLimitMb: number;
  /** 0 = Node's default. */
  childHeapMb: number;
  init: InitMessage;
  log: Logger;
  /** @defaultValue 200 */
  memorySampleMs?: number;
  /** A spare unused this long after it is ready leaves. @defaultValue SPARE_IDLE_MS */
  spareIdleMs?: number;
}

export interface RunRequest {
  jobId: string;
  task: string;
  data: unknown;
  attempt: number;
}

export interface RunStats {
  childPid: number;
  startedAt: number;
  finishedAt: number;
  peakRssMb: number;
  cpuSeconds?: number;
}

export type RunOutcome =
  | { kind: 'ok'; value: unknown; stats: RunStats }
  | { kind: 'error'; error: SerializedError; stats: RunStats }
  /** The pool was released (shutdown grace over) before the task finished: hand the job back. */
  | { kind: 'released' };

export interface RunHooks {
  onStart?(childPid: number): void;
  onProgress?(stage: string, percent: number): void;
}

export type RecycleReason = 'tasks' | 'memory' | 'crash';
