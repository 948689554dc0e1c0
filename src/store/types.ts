/**
 * Storage contracts. Two database adapters (PGlite, PostgreSQL via `pg`) and two vector stores
 * (the database's `chunk_vectors`, Chroma) sit behind these; everything above `src/store/` sees only these types.
 */
import type { Course, Quiz } from '../domain/course.ts';
import type { EmbeddingSpace } from '../domain/generators.ts';

/** How a database keeps chunk vectors: pgvector's type, or an array of float4 (exact cosine in SQL). */
export type VectorColumn = 'vector' | 'real[]';

/** A SQL connection (or transaction). Parameters are `$1, $2…` as in PostgreSQL. */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
  /**
   * Runs `sql`, a `COPY … FROM '/dev/blob'`, reading `data` (see copy-binary.ts). Only PGlite has it; the
   * `pg` driver has no COPY, so callers fall back to an INSERT.
   */
  copyFrom?(sql: string, data: Uint8Array): Promise<void>;
}

/** A database: PGlite or PostgreSQL, with migrations applied. */
export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /**
   * The type of `chunk_vectors.embedding`: `vector` where pgvector is installed (PGlite, Neon, the compose
   * image), else `real[]` (src/store/migrate.ts).
   */
  readonly vectorColumn: VectorColumn;
  /** Runs `fn` in one transaction: all of it commits, or none. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** One vector to store: the chunk it embeds and which document it belongs to. */
export interface VectorRecord {
  chunkId: string;
  documentId: string;
  embedding: Float32Array;
  /** Kept beside the vector so a search can cite without another query. */
  page: number;
  sectionPath: string;
  text: string;
}

export interface VectorHit {
  chunkId: string;
  documentId: string;
  page: number;
  text: string;
  /** Cosine similarity, higher is closer. */
  score: number;
}

/**
 * Where chunk vectors live, by embedding space, so switching embedder
 * never mixes vectors. Writes are upserts by chunk id: a retried job never duplicates.
 */
export interface VectorStore {
  /** `postgres`: `chunk_vectors` in the database (VECTOR_STORE=postgres); `chroma`: a Chroma server. */
  readonly kind: 'postgres' | 'chroma';
  upsert(space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void>;
  /**
   * A store in the database only: upserts through `tx`, a transaction of that database, so the vectors
   * commit or roll back with the rest of it (a document's chunks).
   */
  upsertIn?(tx: Sql, space: EmbeddingSpace, records: readonly VectorRecord[]): Promise<void>;
  query(space: EmbeddingSpace, embedding: Float32Array, k: number, documentId?: string): Promise<VectorHit[]>;
  count(space: EmbeddingSpace, documentId?: string): Promise<number>;
  deleteDocument(space: EmbeddingSpace, documentId: string): Promise<void>;
  /** Deletes these chunks' vectors in the space; ids that are not stored are ignored. */
  deleteChunks(space: EmbeddingSpace, chunkIds: readonly string[]): Promise<void>;
  /** The chunk ids stored for one document in the space, sorted. */
  chunkIds(space: EmbeddingSpace, documentId: string): Promise<string[]>;
  /** Every document with vectors in the space, with how many it has (read page by page where the store pages). */
  documentCounts(space: EmbeddingSpace): Promise<Map<string, number>>;
  /** The spaces this store keeps vectors of (for Chroma: every collection ProfAI made, even an empty one). */
  spaces(): Promise<EmbeddingSpace[]>;
  /** Throws when the store does not answer (for health checks). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface SavedIds {
  documentId: string;
  courseId: string;
  quizId: string;
  /** False when the document was already stored (nothing was written). */
  created: boolean;
}

export interface CourseSummary {
  id: string;
  documentId: string;
  title: string;
  fileName: string;
  pageCount: number;
  modules: number;
  lessons: number;
  createdAt: string;
  /** What the user asking may do with it (lists for one user; see src/domain/users.ts). */
  access?: import('../domain/users.ts').CourseAccess;
}

export interface StoredCourse extends CourseSummary {
  course: Course;
  quizIds: string[];
}

export interface StoredQuiz {
  id: string;
  courseId: string;
  quiz: Quiz;
  createdAt: string;
  /** Edits so far (0 as generated): the ETag of the review API. */
  revision: number;
  /** When a teacher last changed a question, or null. */
  editedAt: string | null;
  /** When a teacher marked the quiz reviewed, or null. */
  reviewedAt: string | null;
  /** The stable key of each question, in question order (see migrations/002_quiz_review.sql). */
  questionKeys: string[];
}
