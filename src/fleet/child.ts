/**
 * A worker child: forked by the supervisor, runs one task at a time, sent over IPC.
 *
 * It loads nothing heavy at start (task handlers import the pipeline on their first call), leaves only when
 * told to (`exit`, between tasks) or when its supervisor disappears (IPC disconnect: the supervisor is gone,
 * so its jobs will be recovered by another worker and finishing this one would be wasted work).
 */
import type { Config } from '../config.ts';
import {
  type ChildMessage,
  type InitMessage,
  isParentMessage,
  type RunMessage,
  serializeError,
} from './ipc.ts';
import { createLogger, type Logger } from './log.ts';
import { createRegistry, type TaskRegistry } from './registry.ts';

interface ChildState {
  config: Config;
  registry: TaskRegistry;
  log: Logger;
}

let state: ChildState | null = null;
let running = false;

function send(message: ChildMessage): void {
  process.send?.(message);
}

async function init(message: InitMessage): Promise<void> {
  const log = createLogger(message.config.logLevel, { role: 'child' });
  try {
    const registry = await createRegistry(message.taskModules);
    state = { config: message.config, registry, log };
    // Preloaded before saying ready, so that a worker announced ready runs its first tasks warm.
    if (message.config.childPreload) await warm(state);
    send({ type: 'ready', tasks: registry.names() });
  } catch (err) {
    send({ type: 'fatal', error: serializeError(err) });
    process.disconnect?.();
    process.exitCode = 1;
  }
}

/** CHILD_PRELOAD: every task loads what its first run would. */
async function warm(s: ChildState): Promise<void> {
  for (const task of s.registry.all()) {
    try {
      await task.warm?.(s.config);
    } catch (err) {
      s.log.warn('preload failed', { task: task.name, error: serializeError(err).message });
    }
  }
}

async function run(message: RunMessage, s: ChildState): Promise<void> {
  running = true;
  const cpuBefore = process.cpuUsage();
  let log: Logger | undefined;
  const ctx = {
    jobId: message.jobId,
    attempt: message.attempt,
    config: s.config,
    // Built on first use: most tasks never log, and a logger per task is measurable at hundreds of tasks/s.
    get log(): Logger {
      log ??= s.log.child({ jobId: message.jobId, task: message.task });
      return log;
    },
    progress: (stage: string, percent: number) =>
      send({ type: 'progress', jobId: message.jobId, stage, percent: Math.max(0, Math.min(100, percent)) }),
  };
  let outcome: Pick<Extract<ChildMessage, { type: 'done' }>, 'ok' | 'value' | 'error'>;
  try {
    const value = await s.registry.get(message.task).handler(message.data, ctx);
    outcome = { ok: true, value: value ?? null };
  } catch (err) {
    outcome = { ok: false, error: serializeError(err) };
  }
  const cpu = process.cpuUsage(cpuBefore);
  running = false;
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
