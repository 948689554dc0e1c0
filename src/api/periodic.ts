/**
 * The API's periodic chores (the upload sweep, the audit trail's retention): a task run when the app is ready and
 * every interval after, one run at a time, stopped when the app closes.
 */
import type { FastifyInstance } from 'fastify';

/**
 * Runs `task` once `app` is ready, then every `intervalMs`; a run still going (waiting on a dependency that is
 * down) is not joined by another. `task` handles its own errors (a chore logs and waits for its next run).
 */
export function runPeriodically(app: FastifyInstance, intervalMs: number, task: () => Promise<void>): void {
  let busy = false;
  const run = async () => {
    if (busy) return;
    busy = true;
    try {
      await task();
    } catch (err) {
      // A chore that throws must not end the API through an unhandled rejection: it runs again next interval.
      app.log.warn({ err }, 'a periodic chore failed; it runs again at its next interval');
    } finally {
      busy = false;
    }
  };
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    void run();
    timer = setInterval(run, intervalMs);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
