/** Quizzes: the body as generated, plus one row per question so SQL can count and filter them. */

import { type Question, type Quiz, withQuizLevels } from '../domain/course.ts';
import { NotFoundError } from '../domain/errors.ts';
import { markedWhenRead } from '../domain/rule-check.ts';
import { quizIdFor } from './ids.ts';
import { generatorName, isoTime, jsonParam } from './sql.ts';
import type { Database, Sql, StoredQuiz } from './types.ts';

/**
 * Writes a quiz under `quizId`, replacing a stored one with the same id (a retried job with the same
 * request gets the same id, so the latest result wins and nothing is duplicated), unless a teacher has edited
 * the stored one: edits are never overwritten by a regenerated quiz.
 */
export async function writeQuiz(tx: Sql, courseId: string, quizId: string, quiz: Quiz): Promise<void> {
  const { rows } = await tx.query(
    `INSERT INTO quizzes (id, course_id, seed, module_index, title, body, generator)
     VALUES ($1, $2, $3, $4, $5, ($6::text)::jsonb, $7)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, generator = EXCLUDED.generator
       WHERE quizzes.edited_at IS NULL
     RETURNING id`,
    [
      quizId,
      courseId,
      quiz.seed,
      quiz.moduleIndex ?? null,
      quiz.title,
      jsonParam(quiz),
      generatorName(quiz.generator),
    ],
  );
  if (rows.length === 0) return;
  await writeQuestions(
    tx,
    quizId,
    quiz.questions,
    quiz.questions.map((_, idx) => `${quizId}:${idx}`),
  );
}

/** Replaces the question rows of a quiz; `keys[i]` is the stable key of `questions[i]`. */
export async function writeQuestions(
  tx: Sql,
  quizId: string,
  questions: readonly Question[],
  keys: readonly string[],
): Promise<void> {
  await tx.query('DELETE FROM questions WHERE quiz_id = $1', [quizId]);
  const rows = questions.map((q, idx) => ({
    idx,
    key: keys[idx],
    kind: q.kind,
    prompt: q.prompt,
    source_page: q.sourcePage,
    body: q,
  }));
  await tx.query(
    `INSERT INTO questions (quiz_id, idx, key, kind, prompt, source_page, body)
     SELECT $1, x.idx, x.key, x.kind, x.prompt, x.source_page, x.body
       FROM jsonb_to_recordset(($2::text)::jsonb)
         AS x(idx int, key text, kind text, prompt text, source_page int, body jsonb)`,
    [quizId, jsonParam(rows)],
  );
}

/**
 * Saves a quiz of a stored course and returns its id: `quizId` when given (the id of the request that made it),
 * else one deterministic from (course, seed, module, question count). Saving the same id again updates it.
 * @throws NotFoundError when the course does not exist.
 */
export async function saveQuiz(db: Database, courseId: string, quiz: Quiz, quizId?: string): Promise<string> {
  quizId ??= quizIdFor(courseId, { ...quiz, size: quiz.questions.length });
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('SELECT 1 FROM courses WHERE id = $1 FOR SHARE', [courseId]);
    if (rows.length === 0) throw new NotFoundError('course', courseId);
    await writeQuiz(tx, courseId, quizId, quiz);
  });
  return quizId;
}

interface QuizRow {
  id: string;
  course_id: string;
  body: Quiz;
  created_at: unknown;
  revision: number;
  edited_at: unknown;
  reviewed_at: unknown;
  keys: string[] | null;
}

const QUIZ_COLUMNS = `q.id, q.course_id, q.body, q.created_at, q.revision, q.edited_at, q.reviewed_at,
  (SELECT jsonb_agg(k.key ORDER BY k.idx) FROM questions k WHERE k.quiz_id = q.id) AS keys`;

function toStoredQuiz(row: QuizRow): StoredQuiz {
  return {
    id: row.id,
    courseId: row.course_id,
    // A rule-made quiz stored before the needsCheck marker existed gets it here (never edited: see markedWhenRead).
    quiz: markedWhenRead(withQuizLevels(row.body), row.edited_at !== null),
    createdAt: isoTime(row.created_at),
    revision: row.revision,
    editedAt: row.edited_at === null ? null : isoTime(row.edited_at),
    reviewedAt: row.reviewed_at === null ? null : isoTime(row.reviewed_at),
    questionKeys: row.keys ?? row.body.questions.map((_, i) => `${row.id}:${i}`),
  };
}

/** A stored quiz, or null. */
export async function getQuiz(db: Sql, quizId: string): Promise<StoredQuiz | null> {
  const { rows } = await db.query<QuizRow>(`SELECT ${QUIZ_COLUMNS} FROM quizzes q WHERE q.id = $1`, [quizId]);
  return rows[0] ? toStoredQuiz(rows[0]) : null;
}

/** Every quiz of a course, oldest first (the course's first quiz, made with it, comes first). */
export async function listQuizzes(db: Sql, courseId: string): Promise<StoredQuiz[]> {
  const { rows } = await db.query<QuizRow>(
    `SELECT ${QUIZ_COLUMNS} FROM quizzes q WHERE q.course_id = $1 ORDER BY q.created_at, q.id`,
    [courseId],
  );
  return rows.map(toStoredQuiz);
}
