/**
 * What the database holds of each document's chunks, for comparing it with the vector store (`profai doctor`):
 * every document with its chunk ids and the embedding space its vectors were written in.
 */
import type { EmbeddingSpace } from '../domain/generators.ts';
import type { Database } from './types.ts';

/** One stored document as the comparison sees it. */
export interface DocumentInventory {
  documentId: string;
  fileName: string;
  /** The space its vectors were written in; null for documents saved before it was recorded. */
  space: EmbeddingSpace | null;
  /** Its chunk ids, sorted. */
  chunkIds: string[];
}

/** Every stored document with its chunk ids (two queries, whatever the number of documents). */
export async function documentInventory(db: Database): Promise<DocumentInventory[]> {
  const { rows: docs } = await db.query<{
    id: string;
    file_name: string;
    embedding_space: string | null;
    embedding_dim: number | null;
  }>('SELECT id, file_name, embedding_space, embedding_dim FROM documents');
  const { rows: chunks } = await db.query<{ document_id: string; id: string }>(
    'SELECT document_id, id FROM chunks',
  );
  const idsOf = new Map<string, string[]>();
  for (const c of chunks) {
    const ids = idsOf.get(c.document_id);
    if (ids) ids.push(c.id);
    else idsOf.set(c.document_id, [c.id]);
  }
  return docs
    .map((d) => ({
      documentId: d.id,
      fileName: d.file_name,
      space:
        d.embedding_space === null || d.embedding_dim === null
          ? null
          : { name: d.embedding_space, dimension: d.embedding_dim },
      chunkIds: (idsOf.get(d.id) ?? []).sort(),
    }))
    .sort((a, b) => a.documentId.localeCompare(b.documentId));
}

/** True when a document with this id is stored. */
export async function documentExists(db: Database, documentId: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM documents WHERE id = $1', [documentId]);
  return rows.length > 0;
}

/** Every stored document's id and SHA-256 (the name of its kept PDF). */
export async function documentHashes(db: Database): Promise<{ documentId: string; sha256: string }[]> {
  const { rows } = await db.query<{ id: string; sha256: string }>('SELECT id, sha256 FROM documents');
  return rows.map((r) => ({ documentId: r.id, sha256: r.sha256 }));
}
