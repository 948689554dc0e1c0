/** Documents and what hangs off them: sections, chunks, and the one-transaction save of a whole result. */
import { performance } from 'node:perf_hooks';
import type { Course } from '../domain/course.ts';
import type { Chunk, ProcessedDocument } from '../domain/document.ts';
import type { EmbeddingSpace } from '../domain/generators.ts';
import { binaryCopy, COPY_ROWS, jsonb } from './copy-binary.ts';
import { courseIdFor, quizIdFor } from './ids.ts';
import { writeQuiz } from './quizzes.ts';
import { batches, generatorName, jsonParam, SQL_BATCH } from './sql.ts';
import type { Database, SavedIds, Sql } from './types.ts';

/**
 * Saves everything the pipeline produced for one document in ONE transaction: document, sections, chunks,
 * course (with module and lesson rows) and its first quiz. Idempotent by `sha256`: when the document is
 * already stored (also when a concurrent call stored it first) nothing is written and the stored ids are
 * returned with `created: false`. A failure anywhere leaves no row behind.
 * @param space - the embedding space its chunk vectors were written in, recorded with the document.
 * @param writeVectors - writes the chunks' vectors through the same transaction (a store in the database):
 *   run only when the document is new, and timed into its stats as `vectorsSeconds`.
 */
export async function saveProcessedDocument(
  db: Database,
  doc: ProcessedDocument,
  space?: EmbeddingSpace,
  writeVectors?: (tx: Sql) => Promise<void>,
): Promise<SavedIds> {
  const courseId = courseIdFor(doc.documentId);
  const quizId = quizIdFor(courseId, { ...doc.quiz, size: doc.quiz.questions.length });
  return db.transaction(async (tx) => {
    if (!(await insertDocument(tx, doc, space))) return existingIds(tx, doc.sha256, quizId);
    await insertSections(tx, doc);
    await insertChunks(tx, doc.documentId, doc.chunks);
    if (writeVectors) {
      const start = performance.now();
      await writeVectors(tx);
      const stats = { ...doc.stats, vectorsSeconds: (performance.now() - start) / 1000 };
      await tx.query('UPDATE documents SET stats = ($2::text)::jsonb WHERE id = $1', [
        doc.documentId,
        jsonParam(stats),
      ]);
      doc.stats.vectorsSeconds = stats.vectorsSeconds;
    }
    await insertCourse(tx, courseId, doc.documentId, doc.course);
    await writeQuiz(tx, courseId, quizId, doc.quiz);
    return { documentId: doc.documentId, courseId, quizId, created: true };
  });
}

/** Inserts the document row; false when a document with this sha256 (or id) exists. */
async function insertDocument(tx: Sql, doc: ProcessedDocument, space?: EmbeddingSpace): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO documents (id, sha256, file_name, size_bytes, page_count, title, source, stats,
                            embedding_space, embedding_dim, language)
     VALUES ($1, $2, $3, $4, $5, $6, $7, ($8::text)::jsonb, $9, $10, $11)
     ON CONFLICT DO NOTHING RETURNING id`,
    [
      doc.documentId,
      doc.sha256,
      doc.fileName,
      doc.sizeBytes,
      doc.pageCount,
      doc.title,
      doc.structure.source,
      jsonParam(doc.stats),
      space?.name ?? null,
      space?.dimension ?? null,
      doc.language ?? null,
    ],
  );
  return rows.length > 0;
}

/** The ids stored for `sha256`; the quiz is `preferredQuizId` when stored, else the course's first one. */
async function existingIds(tx: Sql, sha256: string, preferredQuizId: string): Promise<SavedIds> {
  const { rows } = await tx.query<{ document_id: string; course_id: string; quiz_id: string | null }>(
    `SELECT d.id AS document_id, c.id AS course_id,
            (SELECT q.id FROM quizzes q WHERE q.course_id = c.id
              ORDER BY (q.id = $2) DESC, q.created_at, q.id LIMIT 1) AS quiz_id
       FROM documents d JOIN courses c ON c.document_id = d.id
      WHERE d.sha256 = $1`,
    [sha256, preferredQuizId],
  );
  const row = rows[0];
  if (!row) throw new Error(`document ${sha256.slice(0, 16)} exists without a course`);
  return { documentId: row.document_id, courseId: row.course_id, quizId: row.quiz_id ?? '', created: false };
}

async function insertSections(tx: Sql, doc: ProcessedDocument): Promise<void> {
  const sections = doc.structure.sections.map((s) => ({
    idx: s.index,
    title: s.title,
    level: s.level,
    path: s.path,
    page_start: s.pageStart,
    page_end: s.pageEnd,
  }));
  await tx.query(
    `INSERT INTO sections (document_id, idx, title, level, path, page_start, page_end)
     SELECT $1, x.idx, x.title, x.level, x.path, x.page_start, x.page_end
       FROM jsonb_to_recordset(($2::text)::jsonb)
         AS x(idx int, title text, level int, path jsonb, page_start int, page_end int)`,
    [doc.documentId, jsonParam(sections)],
  );
}

async function insertChunks(tx: Sql, documentId: string, chunks: readonly Chunk[]): Promise<void> {
  if (tx.copyFrom) {
    // PGlite: binary COPY, which skips parsing the rows as one JSON document (see copy-binary.ts).
    const rows = chunks.map((c) => [
      c.id,
      documentId,
      c.index,
      c.sectionIndex,
      jsonb(c.sectionPath),
      c.pageStart,
      c.pageEnd,
      c.text,
      c.tokenCount,
    ]);
    for (const batch of batches(rows, COPY_ROWS))
      await tx.copyFrom(
        `COPY chunks (${CHUNK_COLUMNS.join(', ')}) FROM '/dev/blob' WITH (FORMAT binary)`,
        binaryCopy(batch),
      );
    return;
  }
  const rows = chunks.map((c) => ({
    id: c.id,
    idx: c.index,
    section_idx: c.sectionIndex,
    section_path: c.sectionPath,
    page_start: c.pageStart,
    page_end: c.pageEnd,
    text: c.text,
    token_count: c.tokenCount,
  }));
  for (const batch of batches(rows, SQL_BATCH))
    await tx.query(
      `INSERT INTO chunks (${CHUNK_COLUMNS.join(', ')})
       SELECT x.id, $1, x.idx, x.section_idx, x.section_path, x.page_start, x.page_end, x.text, x.token_count
         FROM jsonb_to_recordset(($2::text)::jsonb) AS x(id text, idx int, section_idx int, section_path jsonb,
              page_start int, page_end int, text text, token_count int)`,
      [documentId, jsonParam(batch)],
    );
}

const CHUNK_COLUMNS = [
  'id',
  'document_id',
  'idx',
  'section_idx',
  'section_path',
  'page_start',
  'page_end',
  'text',
  'token_count',
];

/** The course row with its body, plus one row per module and lesson so SQL can count and filter them. */
async function insertCourse(tx: Sql, courseId: string, documentId: string, course: Course): Promise<void> {
  await tx.query(
    `INSERT INTO courses (id, document_id, title, body, generator)
     VALUES ($1, $2, $3, ($4::text)::jsonb, $5)`,
    [courseId, documentId, course.title, jsonParam(course), generatorName(course.generator)],
  );
  const modules = course.modules.map((m, idx) => ({
    idx,
    title: m.title,
    page_start: m.pageStart,
    page_end: m.pageEnd,
    reading_minutes: m.readingMinutes,
  }));
  await tx.query(
    `INSERT INTO modules (course_id, idx, title, page_start, page_end, reading_minutes)
     SELECT $1, x.idx, x.title, x.page_start, x.page_end, x.reading_minutes
       FROM jsonb_to_recordset(($2::text)::jsonb)
         AS x(idx int, title text, page_start int, page_end int, reading_minutes float8)`,
    [courseId, jsonParam(modules)],
  );
  const lessons = course.modules.flatMap((m, moduleIdx) =>
    m.lessons.map((l, idx) => ({
      module_idx: moduleIdx,
      idx,
      title: l.title,
      section_path: l.sectionPath,
      page_start: l.pageStart,
      page_end: l.pageEnd,
      reading_minutes: l.readingMinutes,
    })),
  );
  await tx.query(
    `INSERT INTO lessons (course_id, module_idx, idx, title, section_path, page_start, page_end, reading_minutes)
     SELECT $1, x.module_idx, x.idx, x.title, x.section_path, x.page_start, x.page_end, x.reading_minutes
       FROM jsonb_to_recordset(($2::text)::jsonb) AS x(module_idx int, idx int, title text, section_path jsonb,
            page_start int, page_end int, reading_minutes float8)`,
    [courseId, jsonParam(lessons)],
  );
}

/** A stored document's identity and size, by its id, or null. */
export async function getDocument(
  db: Sql,
  documentId: string,
): Promise<{ documentId: string; sha256: string; fileName: string; pageCount: number } | null> {
  const { rows } = await db.query<{ id: string; sha256: string; file_name: string; page_count: number }>(
    'SELECT id, sha256, file_name, page_count FROM documents WHERE id = $1',
    [documentId],
  );
  const row = rows[0];
  return row
    ? { documentId: row.id, sha256: row.sha256, fileName: row.file_name, pageCount: row.page_count }
    : null;
}

/** The stored ids of the document with this SHA-256, or null. */
export async function findDocumentBySha(
  db: Database,
  sha256: string,
): Promise<{ documentId: string; courseId: string | null } | null> {
  const { rows } = await db.query<{ document_id: string; course_id: string | null }>(
    `SELECT d.id AS document_id, c.id AS course_id
       FROM documents d LEFT JOIN courses c ON c.document_id = d.id WHERE d.sha256 = $1`,
    [sha256.toLowerCase()],
  );
  const row = rows[0];
  return row ? { documentId: row.document_id, courseId: row.course_id } : null;
}

interface ChunkRow {
  id: string;
  document_id: string;
  idx: number;
  section_idx: number;
  section_path: string[];
  page_start: number;
  page_end: number;
  text: string;
  token_count: number;
}

/** The chunks of a document in order (empty when it is not stored). */
export async function loadChunks(db: Database, documentId: string): Promise<Chunk[]> {
  const { rows } = await db.query<ChunkRow>(
    `SELECT id, document_id, idx, section_idx, section_path, page_start, page_end, text, token_count
       FROM chunks WHERE document_id = $1 ORDER BY idx`,
    [documentId],
  );
  return rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    index: r.idx,
    sectionIndex: r.section_idx,
    sectionPath: r.section_path,
    pageStart: r.page_start,
    pageEnd: r.page_end,
    text: r.text,
    tokenCount: r.token_count,
  }));
}

/** Tables counted by {@link countRows}. */
export const COUNTED_TABLES = [
  'documents',
  'sections',
  'chunks',
  'courses',
  'modules',
  'lessons',
  'quizzes',
  'questions',
  'chunk_vectors',
] as const;

/** Row count of every ProfAI table (for tests and health). */
export async function countRows(db: Database): Promise<Record<string, number>> {
  const select = COUNTED_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(', ');
  const { rows } = await db.query<Record<string, number>>(`SELECT ${select}`);
  return { ...rows[0] };
}

/** How many sections and chunks a stored document has (for the summary of a document processed before). */
export async function documentCounts(
  db: Database,
  documentId: string,
): Promise<{ sections: number; chunks: number }> {
  const { rows } = await db.query<{ sections: number; chunks: number }>(
    `SELECT (SELECT count(*)::int FROM sections WHERE document_id = $1) AS sections,
            (SELECT count(*)::int FROM chunks WHERE document_id = $1) AS chunks`,
    [documentId],
  );
  return rows[0] ?? { sections: 0, chunks: 0 };
}
