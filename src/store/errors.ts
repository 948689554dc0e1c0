/** Storage errors: the store owns them (codes in src/domain/errors.ts). */
import { ProfaiError } from '../domain/errors.ts';

/** VECTOR_STORE=chroma names no Chroma server. */
export class VectorStoreUnavailableError extends ProfaiError {
  constructor() {
    super(
      'vector_store_unavailable',
      'VECTOR_STORE=chroma needs CHROMA_URL (the Chroma server, e.g. http://127.0.0.1:8000); or set VECTOR_STORE=postgres to keep vectors in the database',
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

/** Where the embedded database should be there is something else: never removed or written over. */
export class DataDirInvalidError extends ProfaiError {
  constructor(pgdata: string, what: string) {
    super(
      'data_dir_invalid',
      `${pgdata} ${what}, not a database ProfAI made: move it away, or set PROFAI_DATA_DIR to another folder`,
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
