/**
 * The real quiz task, run by a BullMQ worker of this process on an API fixture's queue and database: what a
 * worker process would do, without one to spawn.
 */
import { Worker } from 'bullmq';
import { createLogger } from '../../src/fleet/log.ts';
import { queueOf } from '../../src/fleet/registry.ts';
import { QUIZ_TASK } from '../../src/tasks/names.ts';
import { createQuizTask } from '../../src/tasks/quiz.ts';
import { taskSettingsOf } from '../../src/tasks/settings.ts';
import { storageFor } from '../../src/tasks/storage.ts';
import { type ApiFixture, REDIS_URL } from './api-fixture.ts';

export function startQuizWorker(fx: ApiFixture): { close(): Promise<void> } {
  const settings = taskSettingsOf(fx.config);
  const storage = storageFor(settings);
  const task = createQuizTask(settings, storage);
  const worker = new Worker(
    queueOf(QUIZ_TASK),
    (job) =>
      task.handler(task.parse!(job.data), {
        jobId: String(job.id),
        attempt: job.attemptsMade + 1,
        log: createLogger('silent'),
        signal: new AbortController().signal,
        progress: () => {},
      }),
    { connection: { url: REDIS_URL }, prefix: fx.config.queuePrefix },
  );
  return {
    async close() {
      await worker.close();
      await storage.close();
    },
  };
}
