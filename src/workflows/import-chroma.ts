/**
 * `profai vectors import-chroma`: every vector ProfAI stored in Chroma, upserted into the database's
 * `chunk_vectors` (VECTOR_STORE=postgres), a page at a time. Idempotent: a record is keyed by chunk id and
 * space, so running it again (after an interruption, or once the fleet has switched stores) rewrites the same
 * rows and adds only what is new. Chroma is only read.
 */
import type { EmbeddingSpace } from '../domain/generators.ts';
import type { VectorStore } from '../store/types.ts';
import type { ChromaExport } from '../store/vectors/chroma-export.ts';

/** Records read from Chroma and written to the database at once. */
export const IMPORT_PAGE = 500;

/** Where an import is: `done` of `total` vectors of `space` written. */
export interface ImportProgress {
  space: EmbeddingSpace;
  done: number;
  total: number;
}

/** What an import moved, per space. */
export interface ImportOutcome {
  spaces: { space: EmbeddingSpace; vectors: number }[];
  vectors: number;
}

/** Copies every space of `source` into `target`, telling `onProgress` after each page. */
export async function importChroma(
  source: ChromaExport,
  target: VectorStore,
  onProgress: (p: ImportProgress) => void = () => {},
  pageSize = IMPORT_PAGE,
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { spaces: [], vectors: 0 };
  for (const space of await source.spaces()) {
    const total = await source.count(space);
    let done = 0;
    onProgress({ space, done, total });
    for await (const records of source.pages(space, pageSize)) {
      await target.upsert(space, records);
      done += records.length;
      onProgress({ space, done, total: Math.max(total, done) });
    }
    outcome.spaces.push({ space, vectors: done });
    outcome.vectors += done;
  }
  return outcome;
}
