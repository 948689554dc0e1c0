/**
 * A worker child: forked by the supervisor, runs one task at a time, sent over IPC.
 *
 * It loads nothing heavy at start (task handlers import what they need on their first call), leaves only when
 * told to (`exit`, between tasks) or when its supervisor disappears (IPC disconnect: the supervisor is gone,
 * so its jobs will be recovered by another worker and finishing this one would be wasted work).
 */
import { serializeError } from '../errors.ts';
import type { TaskContext } from '../interfaces.ts';
import { createLogger, type Logger } from '../log.ts';
import { createRegistry, type TaskRegistry } from '../registry.ts';
import { type ChildMessage, type InitMessage, isParentMessage, type RunMessage } from './ipc.ts';

interface ChildState {
  registry: TaskRegistry;
  log: Logger;
}

let state: ChildState | null = null;
/** The running task, while one runs. */
let running: { jobId: string } | null = null;
/**
 * A child's tasks are never asked to stop: a task released at shutdown is killed with its child (a parse in
 * WebAssembly could not be interrupted anyway), so their signal never aborts.
 */
const NEVER = new AbortController().signal;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function init(message: InitMessage): Promise<void> {
  const log = createLogger(message.logLevel, { role: 'child' });
  try {
    const registry = await createRegistry(message.taskModules, message.taskSettings);
    state = { registry, log };
    // Preloaded before saying ready, so that a worker announced ready runs its first tasks warm.
    if (message.preload) await warm(state);
    send({ type: 'ready', tasks: registry.names() });
  } catch (err) {
    send({ type: 'fatal', error: serializeError(err) });
    process.disconnect?.();
    process.exitCode = 1;
  }
}

/** CHILD_PRELOAD: every child-placed task loads what its first run would. */
async function warm(s: ChildState): Promise<void> {
  for (const task of s.registry.all()) {
    if ((task.placement ?? 'child') !== 'child') continue;
    try {
      await task.warm?.();
    } catch (err) {
      s.log.warn('preload failed', { task: task.name, error: serializeError(err).message });
    }
  }
}

async function run(message: RunMessage, s: ChildState): Promise<void> {
  running = { jobId: message.jobId };
  const cpuBefore = process.cpuUsage();
  let log: Logger | undefined;
  const ctx: TaskContext = {
    jobId: message.jobId,
    attempt: message.attempt,
    // Built on first use: most tasks never log, and a logger per task is measurable at hundreds of tasks/s.
    get log(): Logger {
      log ??= s.log.child({ jobId: message.jobId, task: message.task });
      return log;
    },
    signal: NEVER,
    progress: (stage, percent, detail) =>
      send({
        type: 'progress',
        jobId: message.jobId,
        stage,
        percent: Math.max(0, Math.min(100, percent)),
        ...(detail ? { detail } : {}),
      }),
  };
  let outcome: Pick<Extract<ChildMessage, { type: 'done' }>, 'ok' | 'value' | 'error'>;
  try {
    const task = s.registry.get(message.task);
    const data = task.parse ? task.parse(message.data) : message.data;
    const value = await task.handler(data, ctx);
    outcome = { ok: true, value: value ?? null };
  } catch (err) {
    outcome = { ok: false, error: serializeError(err) };
  }
  const cpu = process.cpuUsage(cpuBefore);
  running = null;
  send({
    type: 'done',
    jobId: message.jobId,
    ...outcome,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    rssMb: process.memoryUsage.rss() / 1048576,
  });
}

async function exitCleanly(): Promise<void> {
  for (const task of state?.registry.all() ?? []) {
    try {
      await task.dispose?.();
    } catch (err) {
      state?.log.warn('task dispose failed', { task: task.name, error: serializeError(err).message });
    }
  }
  process.exit(0);
}

process.on('message', (message: unknown) => {
  if (!isParentMessage(message)) return;
  if (message.type === 'init') void init(message);
  else if (message.type === 'run' && state && !running) void run(message, state);
  else if (message.type === 'exit') void exitCleanly();
});

process.on('disconnect', () => process.exit(running ? 1 : 0));
// A child is stopped by its supervisor, never by the terminal's Ctrl-C: the supervisor decides when to let go.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
