/**
 * The runtime's errors, and the one place where any error becomes what crosses a process boundary
 * ({@link serializeError}); processor.ts turns that into what BullMQ is told. No BullMQ here: children load it.
 */
import {
  describeError,
  type ErrorCode,
  isPermanent,
  ProfaiError,
  unreachableDependency,
} from '../domain/errors.ts';
import type { SerializedError } from './interfaces.ts';

/** The task is not registered in this worker: retrying on the same fleet cannot help. */
export class UnknownTaskError extends ProfaiError {
  constructor(name: string) {
    super('unknown_task', `unknown task ${name}: no worker registered it`);
  }
}

/** A task module has nothing that looks like a task, or two tasks share a name. */
export class TaskModuleError extends ProfaiError {
  constructor(message: string) {
    super('task_module', message);
  }
}

/** A job's payload lacks what its task needs: it can never succeed. */
export class BadPayloadError extends ProfaiError {
  constructor(task: string, detail: string) {
    super('bad_payload', `bad payload for ${task}: ${detail}`);
  }
}

/** `message` is the one line a user reads ({@link describeError}); `permanent` decides whether to retry. */
export function serializeError(err: unknown): SerializedError {
  const code = (err as { code?: unknown } | null)?.code;
  const dependency = unreachableDependency(err);
  return {
    name: err instanceof Error ? err.name : 'Error',
    code: typeof code === 'string' ? code : 'task_error',
    message: describeError(err),
    permanent: isPermanent(err),
    ...(dependency ? { dependency } : {}),
  };
}

/** An attempt's failure as the runtime itself saw it (a crash, a memory kill), in the shape of a task's. */
export function workerError(
  code: Extract<ErrorCode, 'child_crashed' | 'memory_limit' | 'task_error'>,
  message: string,
): SerializedError {
  return { name: 'WorkerError', code, message, permanent: false };
}
