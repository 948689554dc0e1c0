/**
 * Deleting a course, the database part: its rows in ONE transaction (course, modules, lessons, quizzes,
 * questions and reviews by cascade; when no other course uses its document, the document, sections and chunks
 * too), its ids erased from the audit trail, and a `pending_deletions` row saying that its vectors and files are
 * still to go (migrations/056). The caller removes those after the commit, then {@link clearPendingDeletion}.
 */
import { type AuditEntry, eraseCourseFromAudit, erasedLabel, insertAudit } from './audit.ts';
import type { Database, Sql } from './types.ts';

/** What is left to remove of a deleted document outside the database: vectors, kept PDF, upload, jobs. */
export interface PendingDeletion {
  documentId: string;
  sha256: string;
  courseId: string;
  quizIds: string[];
}

/** A course whose rows are deleted (or, for one of several owners, left to the others). */
export interface DeletedCourse extends PendingDeletion {
  title: string;
  /**
   * `document`: nobody else used its document, which went too ({@link PendingDeletion} to finish);
   * `course`: another course uses the document, only this course's rows went;
   * `released`: other users own its upload too: only the acting user's ownership went, the course stays theirs.
   */
  scope: 'document' | 'course' | 'released';
}

/** Options of {@link deleteCourseRows}. */
export interface DeleteRowsOptions {
  /** The ids of the jobs that made a document of this SHA-256 (their owner rows go too). @defaultValue none */
  jobIdsOf?: (sha256: string) => string[];
  /**
   * The user deleting, when ownership applies to them (a teacher; not an admin): where other users own the same
   * upload (`upload_owners`, issue #25's ownership), only this user's ownership goes. @defaultValue everyone's
   */
  ownerId?: string | undefined;
  /**
   * Who deletes: the trail's `delete` row is written in the same transaction (so a delete finished later by a retry
   * is recorded once), inside a savepoint, so that a row that cannot be written never stops the delete.
   * @defaultValue not recorded
   */
  actor?: Pick<AuditEntry, 'actor' | 'ip' | 'detail'>;
  /** Told when the trail's row could not be written. @defaultValue ignored */
  onAuditError?: (err: unknown) => void;
}

interface CourseRow {
  id: string;
  document_id: string;
  title: string;
  sha256: string;
}

/** Tables of other features that name a document's content or jobs, removed with it where they exist. */
const OPTIONAL_REFERENCES = [
  { table: 'upload_owners', column: 'sha256', by: 'sha256' },
  { table: 'job_owners', column: 'job_id', by: 'jobs' },
] as const;

/**
 * Deletes the course whose id, or whose document's id, is exactly `id` (never a prefix: this is for good).
 * Null when there is none. The rows go in one transaction with the audit erasure and the pending row.
 */
export async function deleteCourseRows(
  db: Database,
  id: string,
  opts: DeleteRowsOptions = {},
): Promise<DeletedCourse | null> {
  const jobIdsOf = opts.jobIdsOf ?? (() => []);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<CourseRow>(
      `SELECT c.id, c.document_id, c.title, d.sha256
         FROM courses c JOIN documents d ON d.id = c.document_id
        WHERE c.id = $1 OR c.document_id = $1
        ORDER BY (c.id = $1) DESC LIMIT 1 FOR UPDATE OF c`,
      [id.trim()],
    );
    const row = rows[0];
    if (!row) return null;
    const quizzes = await tx.query<{ id: string }>('SELECT id FROM quizzes WHERE course_id = $1', [row.id]);
    const quizIds = quizzes.rows.map((q) => q.id);
    const jobIds = jobIdsOf(row.sha256);
    const base = {
      courseId: row.id,
      documentId: row.document_id,
      sha256: row.sha256,
      title: row.title,
      quizIds,
    };
    if (opts.ownerId && (await releasedToOthers(tx, row, opts.ownerId, jobIds))) {
      await recordDelete(tx, opts, { targetId: row.id, courseId: row.id, scope: 'released' });
      return { ...base, scope: 'released' };
    }
    const others = await tx.query('SELECT 1 FROM courses WHERE document_id = $1 AND id <> $2 LIMIT 1', [
      row.document_id,
      row.id,
    ]);
    const scope = others.rows.length > 0 ? 'course' : 'document';
    await tx.query('DELETE FROM courses WHERE id = $1', [row.id]);
    const gone: DeletedCourse = { ...base, scope };
    if (scope === 'document') {
      await tx.query('DELETE FROM documents WHERE id = $1', [row.document_id]);
      await deleteOptionalReferences(tx, row.sha256, jobIds);
      await tx.query(
        `INSERT INTO pending_deletions (document_id, sha256, course_id, quiz_ids)
         VALUES ($1, $2, $3, ($4::text)::jsonb)
         ON CONFLICT (document_id) DO UPDATE SET course_id = EXCLUDED.course_id, quiz_ids = EXCLUDED.quiz_ids`,
        [row.document_id, row.sha256, row.id, JSON.stringify(quizIds)],
      );
    }
    await eraseCourseFromAudit(tx, row.id, [
      ...quizIds,
      ...(scope === 'document' ? [row.document_id, row.sha256, ...jobIds] : []),
    ]);
    await recordDelete(tx, opts, { targetId: erasedLabel(row.id), scope });
    return gone;
  });
}

/** The trail's `delete` row, in its own savepoint: when it fails, the delete goes on without it. */
async function recordDelete(
  tx: Sql,
  opts: DeleteRowsOptions,
  what: { targetId: string; courseId?: string; scope: DeletedCourse['scope'] },
): Promise<void> {
  if (!opts.actor) return;
  await tx.query('SAVEPOINT audit_delete');
  try {
    await insertAudit(tx, {
      ...opts.actor,
      action: 'delete',
      targetKind: 'course',
      targetId: what.targetId,
      courseId: what.courseId,
      detail: { scope: what.scope, ...opts.actor.detail },
    });
    await tx.query('RELEASE SAVEPOINT audit_delete');
  } catch (err) {
    await tx.query('ROLLBACK TO SAVEPOINT audit_delete');
    opts.onAuditError?.(err);
  }
}

const tableExists = async (tx: Sql, table: string) =>
  (await tx.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [table])).rows[0]
    ?.present === true;

/**
 * When other users own the upload too, removes only `ownerId`'s ownership (of the upload and of its jobs) and the
 * shares of the course they gave, and says so; false when nobody else owns it (or ownership is not recorded), and
 * the course is to be deleted.
 */
async function releasedToOthers(
  tx: Sql,
  course: Pick<CourseRow, 'id' | 'sha256'>,
  ownerId: string,
  jobIds: string[],
): Promise<boolean> {
  const sha256 = course.sha256;
  if (!(await tableExists(tx, 'upload_owners'))) return false;
  const others = await tx.query('SELECT 1 FROM upload_owners WHERE sha256 = $1 AND user_id <> $2 LIMIT 1', [
    sha256,
    ownerId,
  ]);
  if (others.rows.length === 0) return false;
  await tx.query('DELETE FROM upload_owners WHERE sha256 = $1 AND user_id = $2', [sha256, ownerId]);
  if (await tableExists(tx, 'course_shares'))
    await tx.query('DELETE FROM course_shares WHERE course_id = $1 AND granted_by = $2', [
      course.id,
      ownerId,
    ]);
  if (await tableExists(tx, 'job_owners'))
    await tx.query('DELETE FROM job_owners WHERE job_id = ANY($1::text[]) AND user_id = $2', [
      jobIds,
      ownerId,
    ]);
  return true;
}

async function deleteOptionalReferences(tx: Sql, sha256: string, jobIds: string[]): Promise<void> {
  for (const ref of OPTIONAL_REFERENCES) {
    if (!(await tableExists(tx, ref.table))) continue;
    if (ref.by === 'sha256') await tx.query(`DELETE FROM ${ref.table} WHERE ${ref.column} = $1`, [sha256]);
    else await tx.query(`DELETE FROM ${ref.table} WHERE ${ref.column} = ANY($1::text[])`, [jobIds]);
  }
}

interface PendingRow {
  document_id: string;
  sha256: string;
  course_id: string;
  quiz_ids: string[];
}

const toPending = (r: PendingRow): PendingDeletion => ({
  documentId: r.document_id,
  sha256: r.sha256,
  courseId: r.course_id,
  quizIds: r.quiz_ids,
});

/** Deletions whose vectors and files are still to go (a crash after the commit); those of `id` only when given. */
export async function pendingDeletions(db: Sql, id?: string): Promise<PendingDeletion[]> {
  const { rows } = id
    ? await db.query<PendingRow>(
        'SELECT document_id, sha256, course_id, quiz_ids FROM pending_deletions WHERE course_id = $1 OR document_id = $1',
        [id.trim()],
      )
    : await db.query<PendingRow>(
        'SELECT document_id, sha256, course_id, quiz_ids FROM pending_deletions ORDER BY created_at LIMIT 100',
      );
  return rows.map(toPending);
}

/** Removes the rows that say who asked for these jobs (`job_owners`, where it exists): the jobs are gone. */
export async function forgetJobOwners(db: Database, jobIds: readonly string[]): Promise<void> {
  if (jobIds.length === 0) return;
  await db.transaction(async (tx) => {
    if (await tableExists(tx, 'job_owners'))
      await tx.query('DELETE FROM job_owners WHERE job_id = ANY($1::text[])', [[...jobIds]]);
  });
}

/** The deletion of this document is finished: nothing of it remains. */
export async function clearPendingDeletion(db: Sql, documentId: string): Promise<void> {
  await db.query('DELETE FROM pending_deletions WHERE document_id = $1', [documentId]);
}
