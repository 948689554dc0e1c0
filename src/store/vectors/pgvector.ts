/**
 * {@link VectorStore} in the database's `chunk_vectors` table (pgvector; PGlite or Neon). Search is an
 * exact cosine scan of one space (fast enough below ~50k chunks, and no index build on write).
 */

import type { EmbeddingSpace } from '../../domain/generators.ts';
import { binaryCopy, COPY_ROWS } from '../copy-binary.ts';
import { batches, jsonParam, SQL_BATCH } from '../sql.ts';
import type { Database, Sql, VectorHit, VectorRecord, VectorStore } from '../types.ts';
import { checkDimension, checkRecords, parseSpaceKey, spaceKey, UPSERT_BATCH } from './common.ts';

/** pgvector's text form of a vector: `[0.1,0.2,…]`. */
export const vectorText = (v: Float32Array) => `[${Array.from(v).join(',')}]`;

interface HitRow {
  chunk_id: string;
  document_id: string;
  page: number;
  text: string;
  score: number;
}

const COLUMNS = ['chunk_id', 'space', 'document_id', 'embedding', 'page', 'section_path', 'text'];
const ON_CONFLICT = `ON CONFLICT (chunk_id, space) DO UPDATE SET document_id = EXCLUDED.document_id,
  embedding = EXCLUDED.embedding, page = EXCLUDED.page, section_path = EXCLUDED.section_path, text = EXCLUDED.text`;

/**
 * An upsert through binary COPY (PGlite): the rows go into a temporary table without parsing a number, then
 * into `chunk_vectors` with the same conflict rule as the INSERT path: 5–10× faster than the vectors' text
 * form (copy-binary.ts says why); `tx` is a transaction, so the temporary table goes with its commit.
 */
async function copyUpsert(tx: Sql, space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void> {
  await tx.query(
    `CREATE TEMPORARY TABLE staged_vectors (chunk_id text, document_id text, embedding vector, page int,
       section_path text, text text) ON COMMIT DROP`,
  );
  const rows = records.map((r) => [r.chunkId, r.documentId, r.embedding, r.page, r.sectionPath, r.text]);
  await tx.copyFrom!(`COPY staged_vectors FROM '/dev/blob' WITH (FORMAT binary)`, binaryCopy(rows));
  await tx.query(
    `INSERT INTO chunk_vectors (${COLUMNS.join(', ')})
     SELECT chunk_id, $1, document_id, embedding, page, section_path, text FROM staged_vectors ${ON_CONFLICT}`,
    [spaceKey(space)],
  );
}

/** A pgvector store over `db` (which must have `hasVector`). Closing it leaves `db` open. */
export function pgvectorStore(db: Database): VectorStore {
  if (!db.hasVector) throw new Error('pgvector store needs a database with the vector extension');
  const byDoc = (documentId?: string) => (documentId === undefined ? '' : 'AND document_id = $2');
  const docParam = (documentId?: string) => (documentId === undefined ? [] : [documentId]);
  return {
    kind: 'pgvector',
    async upsert(space: EmbeddingSpace, records: readonly VectorRecord[]) {
      checkRecords(space, records);
      if (records.length === 0) return;
      if (db.copyFrom) {
        for (const batch of batches(records, COPY_ROWS))
          await db.transaction((tx) => copyUpsert(tx, space, batch));
        return;
      }
      for (const batch of batches(records, SQL_BATCH)) {
        const rows = batch.map((r) => ({
          chunk_id: r.chunkId,
          document_id: r.documentId,
          embedding: vectorText(r.embedding),
          page: r.page,
          section_path: r.sectionPath,
          text: r.text,
        }));
        await db.query(
          `INSERT INTO chunk_vectors (${COLUMNS.join(', ')})
           SELECT x.chunk_id, $1, x.document_id, x.embedding::vector, x.page, x.section_path, x.text
             FROM jsonb_to_recordset(($2::text)::jsonb) AS x(chunk_id text, document_id text, embedding text,
                  page int, section_path text, text text)
           ${ON_CONFLICT}`,
          [spaceKey(space), jsonParam(rows)],
        );
      }
    },
    async query(space, embedding, k, documentId) {
      checkDimension(space, embedding);
      const filter = documentId === undefined ? '' : 'AND document_id = $4';
      const { rows } = await db.query<HitRow>(
        `SELECT chunk_id, document_id, page, text, 1 - (embedding <=> $1::vector) AS score
           FROM chunk_vectors WHERE space = $2 ${filter}
          ORDER BY embedding <=> $1::vector, chunk_id LIMIT $3`,
        [vectorText(embedding), spaceKey(space), k, ...docParam(documentId)],
      );
      return rows.map(
        (r): VectorHit => ({
          chunkId: r.chunk_id,
          documentId: r.document_id,
          page: r.page,
          text: r.text,
          score: Number(r.score),
        }),
      );
    },
    async count(space, documentId) {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM chunk_vectors WHERE space = $1 ${byDoc(documentId)}`,
        [spaceKey(space), ...docParam(documentId)],
      );
      return rows[0]?.n ?? 0;
    },
    async deleteDocument(space, documentId) {
      await db.query('DELETE FROM chunk_vectors WHERE space = $1 AND document_id = $2', [
        spaceKey(space),
        documentId,
      ]);
    },
    async deleteChunks(space, chunkIds) {
      for (const ids of batches(chunkIds, UPSERT_BATCH)) {
        await db.query('DELETE FROM chunk_vectors WHERE space = $1 AND chunk_id = ANY($2::text[])', [
          spaceKey(space),
          ids,
        ]);
      }
    },
    async chunkIds(space, documentId) {
      const { rows } = await db.query<{ chunk_id: string }>(
        'SELECT chunk_id FROM chunk_vectors WHERE space = $1 AND document_id = $2',
        [spaceKey(space), documentId],
      );
      // Sorted here, not by the database's collation, so both stores give the same order.
      return rows.map((r) => r.chunk_id).sort();
    },
    async documentCounts(space) {
      const { rows } = await db.query<{ document_id: string; n: number }>(
        'SELECT document_id, count(*)::int AS n FROM chunk_vectors WHERE space = $1 GROUP BY document_id',
        [spaceKey(space)],
      );
      return new Map(rows.map((r) => [r.document_id, r.n]));
    },
    async spaces() {
      const { rows } = await db.query<{ space: string }>('SELECT DISTINCT space FROM chunk_vectors');
      return rows.map((r) => parseSpaceKey(r.space));
    },
    async ping() {
      await db.query('SELECT 1');
    },
    async close() {},
  };
}
