/**
 * The audit trail (migrations/055_audit_log.sql): who did what to which target, and when. Written after an action
 * succeeded; read by admins (`GET /api/audit`, `profai audit`). Deleting a course erases its ids from the trail
 * ({@link eraseCourseFromAudit}): the rows stay, their target becomes {@link erasedLabel} of the course.
 */
import { createHash } from 'node:crypto';
import { isoTime, jsonParam } from './sql.ts';
import type { Sql } from './types.ts';

/**
 * What the trail records. `share`/`unshare`: the share routes (a course given to or taken from a user); `user`:
 * `profai users` (added, revoked, a key rotated; detail.change says which).
 */
export const AUDIT_ACTIONS = [
  'upload',
  'edit',
  'export',
  'share',
  'unshare',
  'delete',
  'replay',
  'user',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** One action, as written. */
export interface AuditEntry {
  actor: { id: string; name: string; role: string };
  action: AuditAction;
  /** What was acted on: `course`, `quiz`, `pdf` (by SHA-256), `job`. */
  targetKind: string;
  targetId: string;
  /** The course the action concerns, when there is one (erased with the course). */
  courseId?: string | undefined;
  /** A few facts worth keeping (an export's format, an upload's file name); never content. */
  detail?: Record<string, unknown> | undefined;
  /** The client's address. */
  ip?: string | undefined;
}

/** One row of the trail, as read. */
export interface AuditRecord {
  id: number;
  at: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  targetKind: string;
  targetId: string;
  courseId: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

export async function insertAudit(db: Sql, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_id, actor_name, actor_role, action, target_kind, target_id, course_id, detail, ip)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ($8::text)::jsonb, $9)`,
    [
      entry.actor.id,
      entry.actor.name,
      entry.actor.role,
      entry.action,
      entry.targetKind,
      entry.targetId,
      entry.courseId ?? null,
      entry.detail ? jsonParam(entry.detail) : null,
      entry.ip ?? null,
    ],
  );
}

interface AuditRow {
  id: string | number;
  at: unknown;
  actor_id: string;
  actor_name: string;
  actor_role: string;
  action: string;
  target_kind: string;
  target_id: string;
  course_id: string | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
}

/**
 * The actions since `since`, newest first.
 * @param opts.limit - at most this many. @defaultValue 1000
 */
export async function listAudit(db: Sql, since: Date, opts: { limit?: number } = {}): Promise<AuditRecord[]> {
  const { rows } = await db.query<AuditRow>(
    `SELECT id, at, actor_id, actor_name, actor_role, action, target_kind, target_id, course_id, detail, ip
       FROM audit_log WHERE at >= $1 ORDER BY at DESC, id DESC LIMIT $2`,
    [since.toISOString(), opts.limit ?? 1000],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: isoTime(r.at),
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    targetKind: r.target_kind,
    targetId: r.target_id,
    courseId: r.course_id,
    detail: r.detail,
    ip: r.ip,
  }));
}

/**
 * What a deleted course is called in the trail: `erased-` and 12 hex digits of a hash of its id. The id itself
 * leaves the database with the course; someone who holds the id (or the PDF it came from) can still find what
 * happened to it by hashing, nobody else can tell it from the trail.
 */
export function erasedLabel(courseId: string): string {
  return `erased-${createHash('sha256').update(`profai-course:${courseId}`).digest('hex').slice(0, 12)}`;
}

/**
 * Replaces the ids of a deleted course in the trail: rows about the course (`course_id`) or naming one of `ids`
 * (its document, SHA-256, quizzes, jobs) keep who, what and when; their target becomes the erased label and their
 * detail (a file name) goes.
 */
export async function eraseCourseFromAudit(tx: Sql, courseId: string, ids: readonly string[]): Promise<void> {
  await tx.query(
    `UPDATE audit_log SET target_id = $3, course_id = NULL, detail = NULL
      WHERE course_id = $1 OR target_id = ANY($2::text[])`,
    [courseId, [courseId, ...ids], erasedLabel(courseId)],
  );
}

/** Rows one statement of {@link deleteAuditBefore} removes at most, so that no statement holds its locks long. */
export const AUDIT_DELETE_BATCH = 5000;

/**
 * Removes the trail's rows older than `before` (AUDIT_RETENTION_DAYS), oldest first, a batch a statement; returns
 * how many went. Idempotent: API processes sweeping at once each remove what is left.
 */
export async function deleteAuditBefore(
  db: Sql,
  before: Date,
  opts: { batch?: number } = {},
): Promise<number> {
  const batch = opts.batch ?? AUDIT_DELETE_BATCH;
  let removed = 0;
  for (;;) {
    const { rows } = await db.query<{ n: number }>(
      `WITH gone AS (
         DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $1 ORDER BY at LIMIT $2)
         RETURNING 1)
       SELECT count(*)::int AS n FROM gone`,
      [before.toISOString(), batch],
    );
    const n = Number(rows[0]?.n ?? 0);
    removed += n;
    if (n < batch) return removed;
  }
}
