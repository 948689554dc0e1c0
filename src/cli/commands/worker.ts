/**
 * `profai worker`: one prefork supervisor running ProfAI's tasks (see src/tasks/worker.ts). Flags map to settings and win over
 * the environment; WORKER_NUM comes from the environment only (`profai up` sets it per worker).
 */
import type { Command } from 'commander';
import type { Config } from '../../config.ts';
import { int, positiveInt, run } from '../command-kit.ts';
import { exitWhenIdle, stopWhenParentLeaves } from '../up/lifecycle.ts';

/** `--tasks-module` may be given several times. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** Command-line flags → settings; absent flags leave the environment's value. */
export function workerOverrides(opts: Record<string, unknown>): Partial<Record<keyof Config, unknown>> {
  const modules = opts.tasksModule as string[] | undefined;
  return {
    concurrency: opts.concurrency,
    maxTasksPerChild: opts.maxTasksPerChild,
    maxMemoryPerChildMb: opts.maxMemoryPerChild,
    hardMemoryLimitMb: opts.hardMemoryLimit,
    childHeapMb: opts.childHeap,
    childPreload: opts.preload,
    queues: opts.queues,
    ...(modules && modules.length > 0 ? { taskModules: modules } : {}),
  };
}

export function register(program: Command): void {
  program
    .command('worker')
    .description(
      'run a worker: a supervisor of child processes taking tasks from Redis (WORKER_NUM names it)',
    )
    .option('--concurrency <n>', 'child processes, one task each (WORKER_CONCURRENCY)', positiveInt)
    .option(
      '--max-tasks-per-child <n>',
      'a child retires after this many tasks (MAX_TASKS_PER_CHILD)',
      positiveInt,
    )
    .option(
      '--max-memory-per-child <mb>',
      'a child above this RSS after a task retires (MAX_MEMORY_PER_CHILD_MB)',
      positiveInt,
    )
    .option(
      '--hard-memory-limit <mb>',
      'a child above this RSS mid-task is killed; 0 = off (HARD_MEMORY_LIMIT_MB)',
      int,
    )
    .option('--child-heap <mb>', "V8 heap cap of each child; 0 = Node's default (CHILD_HEAP_MB)", int)
    .option(
      '--preload',
      'children load the pipeline and open storage at start, not on their first task (CHILD_PRELOAD)',
    )
    .option('--queues <list>', 'comma-separated queues to take tasks from (WORKER_QUEUES)')
    .option('--tasks-module <path>', 'extra task module to register; repeatable (TASK_MODULES)', collect)
    .action(
      run(workerOverrides, async (config) => {
        const { ProfaiError } = await import('../../domain/errors.ts');
        const { startProfaiWorker } = await import('../../tasks/worker.ts');
        let worker: Awaited<ReturnType<typeof startProfaiWorker>>;
        try {
          worker = await startProfaiWorker(config);
        } catch (err) {
          // A missing DATABASE_URL or an unreachable Redis is one line, without the class name.
          if (err instanceof ProfaiError) {
            process.stderr.write(`profai: ${err.message}\n`);
            return 1;
          }
          throw err;
        }
        stopWhenParentLeaves(() => void worker.stop());
        await worker.stopped;
        const failure = worker.failure();
        if (failure) process.stderr.write(`profai: ${failure.message}\n`);
        exitWhenIdle(failure ? 1 : 0);
        return failure ? 1 : 0;
      }),
    );
}
