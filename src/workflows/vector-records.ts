/** A document's chunks as the vector store keeps them: one record per chunk, cited by its first page. */
import type { Chunk } from '../domain/document.ts';
import type { VectorRecord } from '../store/types.ts';

/** One record per chunk, `embeddings[i]` being the vector of `chunks[i]`. */
export function vectorRecords(chunks: readonly Chunk[], embeddings: readonly Float32Array[]): VectorRecord[] {
  return chunks.map((c, i) => ({
    chunkId: c.id,
    documentId: c.documentId,
    embedding: embeddings[i]!,
    page: c.pageStart,
    sectionPath: c.sectionPath.join(' › '),
    text: c.text,
  }));
}
