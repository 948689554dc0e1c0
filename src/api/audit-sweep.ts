/**
 * The API removes the audit trail's rows older than AUDIT_RETENTION_DAYS (store/audit.ts): once when it is
 * ready, then every hour, as it sweeps old uploads (upload-sweep.ts). A sweep that finds the database down logs
 * one line and removes nothing; the next one tries again. 0 keeps the trail forever.
 */
import type { FastifyInstance } from 'fastify';
import { deleteAuditBefore } from '../store/index.ts';
import type { ApiContext } from './deps.ts';
import { runPeriodically } from './periodic.ts';

/** How often the API sweeps the audit trail. */
export const AUDIT_SWEEP_INTERVAL_MS = 3_600_000;

const DAY_MS = 86_400_000;

export async function auditSweep(app: FastifyInstance, opts: { deps: ApiContext }) {
  const { deps } = opts;
  const days = deps.config.auditRetentionDays;
  if (days === 0) return;
  runPeriodically(app, AUDIT_SWEEP_INTERVAL_MS, async () => {
    try {
      const removed = await deleteAuditBefore(deps.db, new Date(Date.now() - days * DAY_MS));
      if (removed > 0)
        app.log.info({ removed }, `removed audit rows older than ${days} days (AUDIT_RETENTION_DAYS)`);
    } catch (err) {
      app.log.warn({ err }, 'audit sweep skipped');
    }
  });
}
