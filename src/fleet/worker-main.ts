/**
 * A worker process configured from the environment only:
 * `node --import tsx src/fleet/worker-main.ts` (development, tests) or `node dist/fleet/worker-main.js`.
 * `profai worker` does the same with flags on top.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { describeError } from '../domain/errors.ts';
import { startWorker } from './supervisor.ts';

try {
  const worker = await startWorker(loadConfig());
  await worker.stopped;
  process.exit(0);
} catch (err) {
  process.stderr.write(`${err instanceof ConfigError ? err.message : describeError(err)}\n`);
  process.exit(1);
}
