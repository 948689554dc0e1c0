/**
 * Graceful stop of a worker: stop taking jobs, give running tasks SHUTDOWN_GRACE_S to finish, then hand the
 * unfinished ones back to their queue (never failed, never lost) and let the children go.
 */
import type { Worker } from 'bullmq';
import type { Executor } from './interfaces.ts';

export type StopOutcome = 'drained' | 'released';

/**
 * `forceNow` resolves when the user insists (a second SIGINT/SIGTERM): the grace period ends at once.
 * `retiring`: closes already under way of Workers replaced by a consumer restart (one may still run the job it
 * had fetched), waited for like the workers'.
 * @returns 'drained' when every task finished in time, 'released' when some were handed back.
 */
export async function stopGracefully(
  workers: readonly Worker[],
  executors: readonly Executor[],
  graceMs: number,
  forceNow: Promise<void>,
  retiring: readonly Promise<unknown>[] = [],
): Promise<StopOutcome> {
  // Worker.close() stops fetching at once and resolves when its running jobs have ended (completed, failed,
  // or moved back to wait by the processor once the pool is released).
  const closed = Promise.all([...workers.map((w) => w.close()), ...retiring]);
  let timer: NodeJS.Timeout | undefined;
  const graceOver = Promise.race([new Promise<void>((r) => (timer = setTimeout(r, graceMs))), forceNow]);
  const outcome = await Promise.race([
    closed.then(() => 'drained' as const),
    graceOver.then(() => 'released' as const),
  ]);
  clearTimeout(timer);
  if (outcome === 'released') {
    for (const executor of executors) executor.release();
    await closed;
  }
  await Promise.all(executors.map((e) => e.close()));
  return outcome;
}
