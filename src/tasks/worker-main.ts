/**
 * A worker process configured from the environment only:
 * `node --import tsx src/tasks/worker-main.ts` (development, tests) or `node dist/tasks/worker-main.js`.
 * `profai worker` does the same with flags on top.
 */
import { loadConfig } from '../config.ts';
import { describeError } from '../domain/errors.ts';
import { startProfaiWorker } from './worker.ts';

try {
  const worker = await startProfaiWorker(loadConfig());
  await worker.stopped;
  const failure = worker.failure();
  if (failure) process.stderr.write(`${describeError(failure)}\n`);
  process.exit(failure ? 1 : 0);
} catch (err) {
  process.stderr.write(`${describeError(err)}\n`);
  process.exit(1);
}
