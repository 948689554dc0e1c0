/** Reading courses: summaries for lists, the whole course with its quiz ids for one. */
import type { Course } from '../domain/course.ts';
import type { CourseAccess } from '../domain/users.ts';
import { isoTime } from './sql.ts';
import type { CourseSummary, Database, StoredCourse } from './types.ts';

interface SummaryRow {
  id: string;
  document_id: string;
  title: string;
  file_name: string;
  page_count: number;
  modules: number;
  lessons: number;
  created_at: unknown;
  access?: CourseAccess | null;
}

const SUMMARY_COLUMNS = `c.id, c.document_id, c.title, d.file_name, d.page_count, c.created_at,
  (SELECT count(*)::int FROM modules m WHERE m.course_id = c.id) AS modules,
  (SELECT count(*)::int FROM lessons l WHERE l.course_id = c.id) AS lessons`;

function toSummary(r: SummaryRow): CourseSummary {
  return {
    id: r.id,
    documentId: r.document_id,
    title: r.title,
    fileName: r.file_name,
    pageCount: r.page_count,
    modules: r.modules,
    lessons: r.lessons,
    createdAt: isoTime(r.created_at),
    ...(r.access ? { access: r.access } : {}),
  };
}

/**
 * `userId`'s access to course `c` joined with its document `d`, as SQL: `owner` (they uploaded its PDF), a
 * share's access, or NULL. `u` is the placeholder holding the user id, e.g. `$3`.
 */
export const accessSql = (u: string) => `CASE
  WHEN EXISTS (SELECT 1 FROM upload_owners o WHERE o.sha256 = d.sha256 AND o.user_id = ${u}) THEN 'owner'
  ELSE (SELECT s.access FROM course_shares s WHERE s.course_id = c.id AND s.user_id = ${u}) END`;

/**
 * Courses, newest first.
 * @param opts.limit - at most this many. @defaultValue 50
 * @param opts.offset - skip this many. @defaultValue 0
 * @param opts.visibleTo - only the courses this user owns or was shared, each with its `access`. @defaultValue every course
 */
export async function listCourses(
  db: Database,
  opts: { limit?: number; offset?: number; visibleTo?: string } = {},
): Promise<CourseSummary[]> {
  const page = [opts.limit ?? 50, opts.offset ?? 0];
  const { rows } = opts.visibleTo
    ? await db.query<SummaryRow>(
        // The user's courses are found through their own rows (indexed by user), not by asking every course.
        `SELECT ${SUMMARY_COLUMNS}, ${accessSql('$3')} AS access
           FROM courses c JOIN documents d ON d.id = c.document_id
          WHERE d.sha256 IN (SELECT o.sha256 FROM upload_owners o WHERE o.user_id = $3)
             OR c.id IN (SELECT s.course_id FROM course_shares s WHERE s.user_id = $3)
          ORDER BY c.created_at DESC, c.id DESC LIMIT $1 OFFSET $2`,
        [...page, opts.visibleTo],
      )
    : await db.query<SummaryRow>(
        `SELECT ${SUMMARY_COLUMNS} FROM courses c JOIN documents d ON d.id = c.document_id
          ORDER BY c.created_at DESC, c.id DESC LIMIT $1 OFFSET $2`,
        page,
      );
  return rows.map(toSummary);
}

/** Shortest id prefix {@link getCourse} accepts, so a stray letter never picks a course. */
export const MIN_ID_PREFIX = 4;

/**
 * A course by its id, its document's id, or an unambiguous prefix of either (at least
 * {@link MIN_ID_PREFIX} characters). Null when nothing, or more than one course, matches.
 */
export async function getCourse(db: Database, courseId: string): Promise<StoredCourse | null> {
  const key = courseId.trim();
  if (!/^[A-Za-z0-9]+$/.test(key)) return null;
  const prefix = key.length >= MIN_ID_PREFIX ? `${key}%` : key;
  const { rows } = await db.query<SummaryRow & { body: Course; exact: boolean }>(
    `SELECT ${SUMMARY_COLUMNS}, c.body, (c.id = $1 OR c.document_id = $1) AS exact
       FROM courses c JOIN documents d ON d.id = c.document_id
      WHERE c.id LIKE $2 OR c.document_id LIKE $2
      ORDER BY exact DESC LIMIT 2`,
    [key, prefix],
  );
  const [first, second] = rows;
  if (!first || (second && !first.exact)) return null;
  const quizzes = await db.query<{ id: string }>(
    'SELECT id FROM quizzes WHERE course_id = $1 ORDER BY created_at, id',
    [first.id],
  );
  return { ...toSummary(first), course: first.body, quizIds: quizzes.rows.map((q) => q.id) };
}
