/**
 * Messages between a supervisor and its children (Node IPC, JSON), and how errors cross that boundary.
 *
 * Lifecycle: fork → parent sends `init` → child loads its tasks and answers `ready` → parent sends `run`
 * (one at a time) → child sends any number of `progress`, then exactly one `done` → … → parent sends `exit`
 * (or disconnects) when the child retires.
 */
import type { Config } from '../config.ts';
import { describeError, isPermanent } from '../domain/errors.ts';

export interface InitMessage {
  type: 'init';
  config: Config;
  taskModules: string[];
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
}

/** A task error as it crosses IPC: its code, its one-line message and whether retrying can help; never a stack. */
export interface SerializedError {
  name: string;
  code: string;
  message: string;
  permanent: boolean;
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

/** `message` is the one line a user reads ({@link describeError}); `permanent` decides whether to retry. */
export function serializeError(err: unknown): SerializedError {
  const code = (err as { code?: unknown } | null)?.code;
  return {
    name: err instanceof Error ? err.name : 'Error',
    code: typeof code === 'string' ? code : 'task_error',
    message: describeError(err),
    permanent: isPermanent(err),
  };
}

export function isParentMessage(m: unknown): m is ParentMessage {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}

export function isChildMessage(m: unknown): m is ChildMessage {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';
}
