/**
 * The API removes old uploads of failed jobs (src/tasks/upload-sweep.ts): once when it is ready, then every
 * hour. A sweep that finds Redis down logs one line and leaves every file; the next one tries again.
 */
import type { FastifyInstance } from 'fastify';
import { sweepUploads } from '../tasks/upload-sweep.ts';
import type { ApiContext } from './deps.ts';
import { runPeriodically } from './periodic.ts';

/** How often the API sweeps the uploads store. */
export const SWEEP_INTERVAL_MS = 3_600_000;

export async function uploadSweep(app: FastifyInstance, opts: { deps: ApiContext }) {
  const { deps } = opts;
  if (deps.config.keepUploads) return;
  const keepMs = deps.config.keepFailedUploadsH * 3_600_000;
  runPeriodically(app, SWEEP_INTERVAL_MS, async () => {
    try {
      const { removed } = await sweepUploads(deps.fleet, { uploads: deps.storage.uploads, keepMs });
      if (removed.length > 0)
        app.log.info(
          { removed: removed.length },
          'removed uploads no failed job can need (KEEP_FAILED_UPLOADS_H)',
        );
    } catch (err) {
      app.log.warn({ err }, 'upload sweep skipped');
    }
  });
}
