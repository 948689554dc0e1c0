/**
 * The executor for supervisor-placed tasks: runs them in this process, up to `capacity` at once. They need
 * the CPU for milliseconds and the network (a model) for seconds, so a worker can have dozens of them waiting
 * while its children parse. Releasing aborts their signals; an attempt that stops because of it is `released`.
 */
import { serializeError } from './errors.ts';
import type { Executor, RunHooks, RunOutcome, RunRequest, TaskContext } from './interfaces.ts';
import type { Logger } from './log.ts';
import type { TaskRegistry } from './registry.ts';

const rssMb = () => Math.round(process.memoryUsage.rss() / 1048576);

export class InProcessExecutor implements Executor {
  readonly #running = new Set<AbortController>();
  #released = false;

  constructor(
    private readonly registry: TaskRegistry,
    readonly capacity: number,
    private readonly log: Logger,
  ) {}

  async run(req: RunRequest, hooks: RunHooks = {}): Promise<RunOutcome> {
    if (this.#released) return { kind: 'released' };
    const abort = new AbortController();
    this.#running.add(abort);
    const startedAt = Date.now();
    const cpuBefore = process.cpuUsage();
    hooks.onStart?.(process.pid);
    const ctx: TaskContext = {
      jobId: req.jobId,
      attempt: req.attempt,
      log: this.log.child({ jobId: req.jobId, task: req.task }),
      signal: abort.signal,
      progress: (stage, percent, detail) => hooks.onProgress?.(stage, percent, detail),
    };
    const stats = () => {
      const cpu = process.cpuUsage(cpuBefore);
      const peakRssMb = rssMb();
      return {
        pid: process.pid,
        startedAt,
        finishedAt: Date.now(),
        peakRssMb,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
      };
    };
    try {
      const task = this.registry.get(req.task);
      const data = task.parse ? task.parse(req.data) : req.data;
      const value = await task.handler(data, ctx);
      return { kind: 'ok', value: value ?? null, stats: stats() };
    } catch (err) {
      if (abort.signal.aborted) return { kind: 'released' };
      return { kind: 'error', error: serializeError(err), stats: stats() };
    } finally {
      this.#running.delete(abort);
    }
  }

  release(): void {
    this.#released = true;
    for (const abort of this.#running) abort.abort(new Error('worker stopping'));
  }

  async close(): Promise<void> {}
}
