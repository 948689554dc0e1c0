/**
 * The audit trail as the routes write it: `await audit(request, 'export', { kind: 'course', id, courseId })` after
 * an action succeeded. Who acts is the request's principal as the authentication set it (`actorOf`,
 * authorize.ts): the user's id, and their name and role as they are now (a later rename or revoke leaves the row
 * as it was); `API_KEY` and open mode (no credential: loopback only) are the admin, LEGACY_ADMIN. A failed insert never
 * fails the request: it is logged, and the answer goes out as it would have.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AuditAction, insertAudit } from '../store/index.ts';
import type { Database } from '../store/types.ts';
import { actorOf } from './authorize.ts';

/** What an action was done to. */
export interface AuditTarget {
  /** `course`, `quiz`, `pdf` (by SHA-256), `job`, `user`… */
  kind: string;
  id: string;
  /** The course concerned, so that deleting the course erases its ids from the trail. */
  courseId?: string | undefined;
  /** A few facts (an export's format, a file name); never content. */
  detail?: Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Where {@link audit} writes (set once by buildApi; seen by every route plugin). */
    profaiAuditDb?: Database;
  }
}

/** Makes {@link audit} write to `db` for requests of `app` (done once by buildApi, before the routes). */
export function installAudit(app: FastifyInstance, db: Database): void {
  app.decorate('profaiAuditDb', db);
}

/** Records that the request's principal did `action` to `target`. Never throws. */
export async function audit(
  request: FastifyRequest,
  action: AuditAction,
  target: AuditTarget,
): Promise<void> {
  const db = request.server.profaiAuditDb;
  if (!db) return;
  try {
    await insertAudit(db, {
      actor: actorOf(request),
      action,
      targetKind: target.kind,
      targetId: target.id,
      courseId: target.courseId,
      detail: target.detail,
      ip: request.ip,
    });
  } catch (err) {
    request.log.error({ err, action, target: `${target.kind} ${target.id}` }, 'audit record not written');
  }
}
