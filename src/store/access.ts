/**
 * Who may reach which course: the owners of a course are the users who uploaded its PDF (upload_owners, by
 * SHA-256, so the same PDF uploaded by two teachers is one document and one course with two owners); a share
 * gives another user `read` or `edit` (course_shares). Quizzes, reviews, exports and the kept PDF follow their
 * course. Jobs belong to who asked for them (job_owners).
 */
import { NotFoundError } from '../domain/errors.ts';
import type { CourseAccess, ShareAccess } from '../domain/users.ts';
import { accessSql, MIN_ID_PREFIX } from './courses.ts';
import { isoTime } from './sql.ts';
import type { Sql } from './types.ts';

/** Records that `userId` uploaded the content `sha256` (again: nothing changes). */
export async function addUploadOwner(db: Sql, sha256: string, userId: string): Promise<void> {
  await db.query('INSERT INTO upload_owners (sha256, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    sha256,
    userId,
  ]);
}

/** Records that `userId` asked for job `jobId`. */
export async function addJobOwner(db: Sql, jobId: string, userId: string): Promise<void> {
  await db.query('INSERT INTO job_owners (job_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    jobId,
    userId,
  ]);
}

/** True when `userId` asked for job `jobId`. */
export async function ownsJob(db: Sql, jobId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM job_owners WHERE job_id = $1 AND user_id = $2', [
    jobId,
    userId,
  ]);
  return rows.length > 0;
}

/** A course as an access check sees it: its canonical id and what the user may do with it (null: nothing). */
export interface CourseGrant {
  courseId: string;
  access: CourseAccess | null;
}

/**
 * The course named by `key` (its id, its document's id, or an unambiguous prefix of either, as getCourse
 * resolves it) and `userId`'s access to it; null when no single course matches.
 */
export async function courseGrant(db: Sql, key: string, userId: string): Promise<CourseGrant | null> {
  const k = key.trim();
  if (!/^[A-Za-z0-9]+$/.test(k)) return null;
  const prefix = k.length >= MIN_ID_PREFIX ? `${k}%` : k;
  const { rows } = await db.query<{ id: string; access: CourseAccess | null; exact: boolean }>(
    `SELECT c.id, ${accessSql('$3')} AS access, (c.id = $1 OR c.document_id = $1) AS exact
       FROM courses c JOIN documents d ON d.id = c.document_id
      WHERE c.id LIKE $2 OR c.document_id LIKE $2
      ORDER BY exact DESC LIMIT 2`,
    [k, prefix, userId],
  );
  const [first, second] = rows;
  if (!first || (second && !first.exact)) return null;
  return { courseId: first.id, access: first.access };
}

/** The course of quiz `quizId` and `userId`'s access to it; null when there is no such quiz. */
export async function quizGrant(db: Sql, quizId: string, userId: string): Promise<CourseGrant | null> {
  const { rows } = await db.query<{ id: string; access: CourseAccess | null }>(
    `SELECT c.id, ${accessSql('$2')} AS access
       FROM quizzes q JOIN courses c ON c.id = q.course_id JOIN documents d ON d.id = c.document_id
      WHERE q.id = $1`,
    [quizId, userId],
  );
  return rows[0] ? { courseId: rows[0].id, access: rows[0].access } : null;
}

/** The course of document `documentId` and `userId`'s access to it; null when there is no such document. */
export async function documentGrant(
  db: Sql,
  documentId: string,
  userId: string,
): Promise<CourseGrant | null> {
  const { rows } = await db.query<{ id: string; access: CourseAccess | null }>(
    `SELECT c.id, ${accessSql('$2')} AS access
       FROM documents d JOIN courses c ON c.document_id = d.id WHERE d.id = $1`,
    [documentId, userId],
  );
  return rows[0] ? { courseId: rows[0].id, access: rows[0].access } : null;
}

export interface Share {
  userId: string;
  /** The user's name (their current one). */
  name: string;
  access: ShareAccess;
  grantedBy: string;
  createdAt: string;
}

/** The shares of a course, oldest first. */
export async function listShares(db: Sql, courseId: string): Promise<Share[]> {
  const { rows } = await db.query<{
    user_id: string;
    name: string | null;
    access: ShareAccess;
    granted_by: string;
    created_at: unknown;
  }>(
    `SELECT s.user_id, u.name, s.access, s.granted_by, s.created_at
       FROM course_shares s LEFT JOIN users u ON u.id = s.user_id
      WHERE s.course_id = $1 ORDER BY s.created_at, s.user_id`,
    [courseId],
  );
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name ?? r.user_id,
    access: r.access,
    grantedBy: r.granted_by,
    createdAt: isoTime(r.created_at),
  }));
}

/** Shares a course with a user, or changes the access of an existing share. */
export async function shareCourse(
  db: Sql,
  courseId: string,
  userId: string,
  access: ShareAccess,
  grantedBy: string,
): Promise<void> {
  await db.query(
    `INSERT INTO course_shares (course_id, user_id, access, granted_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (course_id, user_id) DO UPDATE SET access = EXCLUDED.access, granted_by = EXCLUDED.granted_by`,
    [courseId, userId, access, grantedBy],
  );
}

/** Ends a share; false when there was none. */
export async function unshareCourse(db: Sql, courseId: string, userId: string): Promise<boolean> {
  const { rows } = await db.query(
    'DELETE FROM course_shares WHERE course_id = $1 AND user_id = $2 RETURNING user_id',
    [courseId, userId],
  );
  return rows.length > 0;
}

/**
 * Makes `userId` an owner of these courses (ids, document ids or prefixes, as getCourse takes them), or with
 * `'unowned'` of every course no user owns (none, or only the API_KEY admin): how the courses of a deployment
 * from before users existed find their teacher. Returns the ids of the courses it now owns that it did not.
 */
export async function giveCourses(
  db: Sql,
  userId: string,
  courses: readonly string[] | 'unowned',
): Promise<string[]> {
  const given = `INSERT INTO upload_owners (sha256, user_id) SELECT d.sha256, $1 FROM documents d`;
  const back = `ON CONFLICT DO NOTHING RETURNING sha256`;
  const shas: string[] = [];
  if (courses === 'unowned') {
    const { rows } = await db.query<{ sha256: string }>(
      `${given} JOIN courses c ON c.document_id = d.id
        WHERE NOT EXISTS (SELECT 1 FROM upload_owners o WHERE o.sha256 = d.sha256 AND o.user_id <> 'admin') ${back}`,
      [userId],
    );
    shas.push(...rows.map((r) => r.sha256));
  } else {
    for (const key of courses) {
      const grant = await courseGrant(db, key, userId);
      if (!grant) throw new NotFoundError('course', key);
      const { rows } = await db.query<{ sha256: string }>(
        `${given} JOIN courses c ON c.document_id = d.id WHERE c.id = $2 ${back}`,
        [userId, grant.courseId],
      );
      shas.push(...rows.map((r) => r.sha256));
    }
  }
  if (shas.length === 0) return [];
  const { rows } = await db.query<{ id: string }>(
    `SELECT c.id FROM courses c JOIN documents d ON d.id = c.document_id WHERE d.sha256 = ANY($1::text[]) ORDER BY c.id`,
    [shas],
  );
  return rows.map((r) => r.id);
}
