/**
 * {@link VectorStore} in the database's `chunk_vectors` table: pgvector's `vector` column where the extension
 * exists (PGlite, Neon, the compose image), else a portable `real[]` (pg-columns.ts). Its `upsertIn` writes
 * through the document's own transaction, so vectors commit or roll back with their chunks. Search is an
 * exact cosine over the rows of one space (of one document, as every search ProfAI makes): no index to build
 * on write.
 */

import { batches } from '../sql.ts';
import type { Database, VectorHit, VectorStore } from '../types.ts';
import { checkDimension, checkRecords, parseSpaceKey, spaceKey, UPSERT_BATCH } from './common.ts';
import { searchParam, searchSql, writeVectors } from './pg-columns.ts';

interface HitRow {
  chunk_id: string;
  document_id: string;
  page: number;
  text: string;
  score: number | null;
}

/**
 * A store over `db`. The column type is read from `db` at each call (a database opened in the background
 * knows it only once connected). Closing the store leaves `db` open.
 */
export function postgresVectorStore(db: Database): VectorStore {
  const byDoc = (documentId?: string) => (documentId === undefined ? '' : 'AND document_id = $2');
  const docParam = (documentId?: string) => (documentId === undefined ? [] : [documentId]);
  return {
    kind: 'postgres',
    async upsertIn(tx, space, records) {
      checkRecords(space, records);
      await writeVectors(tx, db.vectorColumn, space, records);
    },
    async upsert(space, records) {
      checkRecords(space, records);
      if (records.length === 0) return;
      await db.transaction((tx) => writeVectors(tx, db.vectorColumn, space, records));
    },
    async query(space, embedding, k, documentId) {
      checkDimension(space, embedding);
      const column = db.vectorColumn;
      const { rows } = await db.query<HitRow>(searchSql(column, documentId !== undefined), [
        searchParam(column, embedding),
        spaceKey(space),
        k,
        ...docParam(documentId),
      ]);
      return rows.map(
        (r): VectorHit => ({
          chunkId: r.chunk_id,
          documentId: r.document_id,
          page: r.page,
          text: r.text,
          score: Number(r.score ?? 0),
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
