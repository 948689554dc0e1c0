/** What a completed PDF job leaves in the stores, checked the same way by every outage test. */
import assert from 'node:assert/strict';
import { HashEmbedder } from '../../src/pipeline/embed.ts';
import type { Database, VectorStore } from '../../src/store/types.ts';

const HASH = { name: new HashEmbedder().name, dimension: new HashEmbedder().dimension };

/** The document has chunks, a vector for each in the offline embedder's space, and one course. */
export async function assertDocumentStored(
  db: Database,
  vectors: VectorStore,
  documentId: string,
  label: string,
): Promise<void> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM chunks WHERE document_id = $1',
    [documentId],
  );
  const chunks = rows[0]!.n;
  assert.ok(chunks > 0, `${label} has chunks`);
  assert.equal(await vectors.count(HASH, documentId), chunks, `${label}: vectors = chunks`);
  const courses = await db.query('SELECT 1 FROM courses WHERE document_id = $1', [documentId]);
  assert.equal(courses.rows.length, 1, `${label}: one course`);
}
