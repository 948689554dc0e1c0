/**
 * The two ways `chunk_vectors` keeps an embedding (see {@link VectorColumn}): how records are written and how
 * one document's rows are ranked by cosine. Both rank exactly (no index): every search ProfAI makes is within
 * one document, a few hundred rows.
 */

import type { EmbeddingSpace } from '../../domain/generators.ts';
import { binaryCopy, COPY_ROWS, float4ArrayBinary, vectorBinary } from '../copy-binary.ts';
import { batches, SQL_BATCH } from '../sql.ts';
import type { Sql, VectorColumn, VectorRecord } from '../types.ts';
import { spaceKey } from './common.ts';

/** pgvector's text form of a vector: `[0.1,0.2,…]`. */
export const vectorText = (v: Float32Array) => `[${Array.from(v).join(',')}]`;

const COLUMNS = 'chunk_id, space, document_id, embedding, page, section_path, text';
const ON_CONFLICT = `ON CONFLICT (chunk_id, space) DO UPDATE SET document_id = EXCLUDED.document_id,
  embedding = EXCLUDED.embedding, page = EXCLUDED.page, section_path = EXCLUDED.section_path, text = EXCLUDED.text`;

/**
 * An upsert through binary COPY (PGlite): the rows go into a temporary table without parsing a number, then
 * into `chunk_vectors` with the same conflict rule as the INSERT path: 5–10× faster than the vectors' text
 * form (copy-binary.ts says why). `tx` must be a transaction; the staging table is dropped after each batch,
 * so several batches (or documents) can share one transaction.
 */
async function copyUpsert(tx: Sql, space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void> {
  await tx.query(
    `CREATE TEMPORARY TABLE staged_vectors (chunk_id text, document_id text, embedding vector, page int,
       section_path text, text text) ON COMMIT DROP`,
  );
  const rows = records.map((r) => [r.chunkId, r.documentId, r.embedding, r.page, r.sectionPath, r.text]);
  await tx.copyFrom!(`COPY staged_vectors FROM '/dev/blob' WITH (FORMAT binary)`, binaryCopy(rows));
  await tx.query(
    `INSERT INTO chunk_vectors (${COLUMNS})
     SELECT chunk_id, $1, document_id, embedding, page, section_path, text FROM staged_vectors ${ON_CONFLICT}`,
    [spaceKey(space)],
  );
  await tx.query('DROP TABLE staged_vectors');
}

/**
 * An upsert by INSERT … VALUES with each embedding a binary parameter in its column's own form (the `pg` driver
 * sends a Buffer in binary): no number is printed or parsed on either side, ~3× faster than the same rows as
 * JSON, and every float4 arrives exact.
 */
async function binaryUpsert(
  tx: Sql,
  column: VectorColumn,
  space: EmbeddingSpace,
  records: readonly VectorRecord[],
): Promise<void> {
  const encode = column === 'vector' ? vectorBinary : float4ArrayBinary;
  const cast = column === 'vector' ? 'vector' : 'real[]';
  for (const batch of batches(records, SQL_BATCH)) {
    const params: unknown[] = [spaceKey(space)];
    const rows = batch.map((r) => {
      const at = params.length;
      params.push(
        r.chunkId,
        r.documentId,
        Buffer.from(encode(r.embedding)),
        r.page,
        r.sectionPath.replaceAll('\0', ''),
        r.text.replaceAll('\0', ''),
      );
      return `($${at + 1}, $1, $${at + 2}, $${at + 3}::${cast}, $${at + 4}::int, $${at + 5}, $${at + 6})`;
    });
    await tx.query(`INSERT INTO chunk_vectors (${COLUMNS}) VALUES ${rows.join(', ')} ${ON_CONFLICT}`, params);
  }
}

/**
 * Upserts `records` through `tx`, a transaction: they commit or roll back with whatever else it writes.
 * Binary COPY where the connection has it and the column is pgvector's (PGlite), else INSERTs of binary parameters.
 */
export async function writeVectors(
  tx: Sql,
  column: VectorColumn,
  space: EmbeddingSpace,
  records: readonly VectorRecord[],
): Promise<void> {
  if (records.length === 0) return;
  if (column === 'vector' && tx.copyFrom) {
    for (const batch of batches(records, COPY_ROWS)) await copyUpsert(tx, space, batch);
    return;
  }
  await binaryUpsert(tx, column, space, records);
}

/**
 * The SQL of a ranked search: `$1` the query vector (pgvector's text form, or a `real[]`), `$2` the space,
 * `$3` k, `$4` the document when `byDocument`. Ties go by chunk id, so both columns rank alike.
 */
export function searchSql(column: VectorColumn, byDocument: boolean): string {
  const filter = byDocument ? 'AND document_id = $4' : '';
  if (column === 'vector')
    return `SELECT chunk_id, document_id, page, text, 1 - (embedding <=> $1::vector) AS score
              FROM chunk_vectors WHERE space = $2 ${filter}
             ORDER BY embedding <=> $1::vector, chunk_id LIMIT $3`;
  // Cosine in float8 over the pairs of numbers; a zero vector has no direction (score NULL, ranked last).
  return `SELECT chunk_id, document_id, page, text, score FROM (
            SELECT chunk_id, document_id, page, text,
                   (SELECT sum(a::float8 * b) / NULLIF(sqrt(sum(a::float8 * a)) * sqrt(sum(b * b)), 0)
                      FROM unnest(embedding, $1::float8[]) AS pair(a, b)) AS score
              FROM chunk_vectors WHERE space = $2 ${filter}) AS ranked
           ORDER BY score DESC NULLS LAST, chunk_id LIMIT $3`;
}

/** The query vector as `$1` of {@link searchSql}. */
export const searchParam = (column: VectorColumn, embedding: Float32Array): unknown =>
  column === 'vector' ? vectorText(embedding) : `{${Array.from(embedding).join(',')}}`;
