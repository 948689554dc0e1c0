/** Storage errors: the store owns them (codes in src/domain/errors.ts). */
import { ProfaiError } from '../domain/errors.ts';

/** Neither Chroma nor pgvector is available to hold chunk vectors. */
export class VectorStoreUnavailableError extends ProfaiError {
  constructor() {
    super(
      'vector_store_unavailable',
      'no vector store: set CHROMA_URL to a Chroma server, or use a database with the pgvector extension (PGlite or Neon)',
    );
  }
}

/** A vector's length differs from its embedding space's dimension. */
export class VectorDimensionError extends ProfaiError {
  constructor(space: string, expected: number, got: number) {
    super(
      'vector_dimension',
      `vector of dimension ${got} does not fit space ${space} (dimension ${expected})`,
    );
  }
}

/** Another process holds the embedded database directory. */
export class DataDirLockedError extends ProfaiError {
  constructor(dir: string, pid: number) {
    super(
      'data_dir_locked',
      `${dir} is in use by another ProfAI process (pid ${pid}); wait for it to finish`,
    );
  }
}

/** A quiz changed since the teacher loaded it: their change would overwrite another one unseen. */
export class QuizRevisionError extends ProfaiError {
  constructor(
    quizId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      'revision_conflict',
      `quiz ${quizId} changed since you loaded it (revision ${actual}, not ${expected}): reload it and edit again`,
    );
  }
}
