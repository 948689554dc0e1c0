/**
 * The audit trail as the routes write it: `await audit(request, 'export', { kind: 'course', id, courseId })` after
 * an action succeeded. Who acts is the request's principal (src/api/principal.ts); without one (no credential
 * configured: loopback only) the admin, {@link LEGACY_ADMIN}, as the authentication sees it. A failed insert never
 * fails the request: it is logged, and the answer goes out as it would have.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { type AuditAction, insertAudit } from '../store/index.ts';
import type { Database } from '../store/types.ts';
import { LEGACY_ADMIN, type Principal } from './principal.ts';

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

/** The principal of a request, or the admin when no credential is configured (the person at the machine). */
export const actorOf = (request: FastifyRequest): Principal => request.principal ?? LEGACY_ADMIN;

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
