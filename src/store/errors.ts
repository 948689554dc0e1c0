/** Storage errors that are not in `src/errors.ts` (kept here so the store owns them). */
import { ProfaiError } from '../errors.ts';

/** Neither Chroma nor pgvector is available to hold chunk vectors. */
export class VectorStoreUnavailableError extends ProfaiError {
  constructor() {
    super(
      'vector_store_unavailable',
      'no vector store: set CHROMA_URL to a Chroma server, or use a database with the pgvector extension (PGlite or Neon)',
      true,
    );
  }
}

/** A vector's length differs from its embedding space's dimension. */
export class VectorDimensionError extends ProfaiError {
  constructor(space: string, expected: number, got: number) {
    super(
      'vector_dimension',
      `vector of dimension ${got} does not fit space ${space} (dimension ${expected})`,
      true,
    );
  }
}
