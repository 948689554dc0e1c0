/** Quizzes: the body as generated, plus one row per question so SQL can count and filter them. */

import type { Quiz } from '../domain/course.ts';
import { NotFoundError } from '../domain/errors.ts';
import { quizIdFor } from './ids.ts';
import { generatorName, isoTime, jsonParam } from './sql.ts';
import type { Database, Sql, StoredQuiz } from './types.ts';

/**
 * Writes a quiz under `quizId`, replacing a stored one with the same id (a retried job with the same
 * request gets the same id, so the latest result wins and nothing is duplicated).
 */
export async function writeQuiz(tx: Sql, courseId: string, quizId: string, quiz: Quiz): Promise<void> {
  await tx.query(
    `INSERT INTO quizzes (id, course_id, seed, module_index, title, body, generator)
     VALUES ($1, $2, $3, $4, $5, ($6::text)::jsonb, $7)
     ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body, generator = EXCLUDED.generator`,
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
  await tx.query('DELETE FROM questions WHERE quiz_id = $1', [quizId]);
  const questions = quiz.questions.map((q, idx) => ({
    idx,
    kind: q.kind,
    prompt: q.prompt,
    source_page: q.sourcePage,
    body: q,
  }));
  await tx.query(
    `INSERT INTO questions (quiz_id, idx, kind, prompt, source_page, body)
     SELECT $1, x.idx, x.kind, x.prompt, x.source_page, x.body
       FROM jsonb_to_recordset(($2::text)::jsonb)
         AS x(idx int, kind text, prompt text, source_page int, body jsonb)`,
    [quizId, jsonParam(questions)],
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

/** A stored quiz, or null. */
export async function getQuiz(db: Database, quizId: string): Promise<StoredQuiz | null> {
  const { rows } = await db.query<{ id: string; course_id: string; body: Quiz; created_at: unknown }>(
    'SELECT id, course_id, body, created_at FROM quizzes WHERE id = $1',
    [quizId],
  );
  const row = rows[0];
  return row
    ? { id: row.id, courseId: row.course_id, quiz: row.body, createdAt: isoTime(row.created_at) }
    : null;
}
