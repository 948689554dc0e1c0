/**
 * Messages between a supervisor and its children (Node IPC, JSON). Errors cross as `SerializedError`
 * (src/fleet/errors.ts makes them).
 *
 * Lifecycle: fork → parent sends `init` → child loads its tasks and answers `ready` → parent sends `run`
 * (one at a time) → child sends any number of `progress`, then exactly one `done` → … → parent sends `exit`
 * (or disconnects) when the child retires.
 */
import type { SerializedError, StageProgress } from '../interfaces.ts';
import type { LogLevel } from '../log.ts';

/** What a child needs to load its tasks: the same modules and settings as its supervisor. */
export interface ChildInit {
  /** Task modules (paths or file URLs), loaded in order. */
  taskModules: string[];
  /** Handed to each module's `createTasks`. */
  taskSettings: unknown;
  logLevel: LogLevel;
  /** Warm every child-placed task before saying ready (CHILD_PRELOAD). */
  preload: boolean;
}

export interface InitMessage extends ChildInit {
  type: 'init';
}

export interface RunMessage {
  type: 'run';
  jobId: string;
  task: string;
  data: unknown;
  attempt: number;
}

export interface ExitMessage {
  type: 'exit';
}

export type ParentMessage = InitMessage | RunMessage | ExitMessage;

export interface ReadyMessage {
  type: 'ready';
  tasks: string[];
}

export interface ProgressMessage {
  type: 'progress';
  jobId: string;
  stage: string;
  percent: number;
  detail?: StageProgress;
}

export interface DoneMessage {
  type: 'done';
  jobId: string;
  ok: boolean;
  value?: unknown;
  error?: SerializedError;
  /** CPU seconds (user + system) the child spent on this task. */
  cpuSeconds: number;
  /** The child's RSS when the task ended, MB. */
  rssMb: number;
}

/** The child could not start (bad task module…): it exits right after sending this. */
export interface FatalMessage {
  type: 'fatal';
  error: SerializedError;
}

export type ChildMessage = ReadyMessage | ProgressMessage | DoneMessage | FatalMessage;

export function isParentMessage(m: unknown): m is ParentMessage {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}

export function isChildMessage(m: unknown): m is ChildMessage {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
