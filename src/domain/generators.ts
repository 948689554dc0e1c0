/**
 * What makes courses, quizzes and vectors: the interfaces the offline generators (src/pipeline) and the model's
 * (src/llm) both implement, so that the code running them never needs to know which it has.
 */
import type { Course, QuizDraft } from './course.ts';
import type { Chunk, DocumentStructure, LanguageCode } from './document.ts';
import type { QuestionFilters } from './questions.ts';

/** What a course generator gets: the document's structure and its chunks (with ids for citations). */
export interface CourseInput {
  documentId: string;
  fileName: string;
  pageCount: number;
  structure: DocumentStructure;
  chunks: readonly Chunk[];
  /** The document's language, as told with its structure; absent for a document prepared before. */
  language?: LanguageCode;
}

/** Makes a course from a document. Result must pass {@link CourseSchema} and {@link checkCourse}. */
export interface CourseGenerator {
  readonly name: string;
  generateCourse(input: CourseInput): Promise<Course>;
}

export interface QuizInput extends QuestionFilters {
  course: Course;
  chunks: readonly Chunk[];
  /** Number of questions wanted. */
  count: number;
  seed: number;
  /** Restrict to one module. */
  moduleIndex?: number;
  /** The course's language; absent for a course made before it was recorded (then told from its text). */
  language?: LanguageCode;
}

/**
 * Makes a quiz from a course: its questions without their levels, which the quiz stage gives them (see
 * src/domain/levels.ts). With its levels, the result must pass {@link QuizSchema} and {@link checkQuiz}.
 */
export interface QuizGenerator {
  readonly name: string;
  generateQuiz(input: QuizInput): Promise<QuizDraft>;
}

/** Turns texts into vectors. Implementations must be deterministic for a given name. */
export interface Embedder {
  /** Identifies the vector space, e.g. `hash-ngram-v1`; stored with every vector. */
  readonly name: string;
  readonly dimension: number;
  /** One L2-normalised vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** A vector space: one per embedder (`name` + `dimension`), so switching embedder never mixes vectors. */
export interface EmbeddingSpace {
  name: string;
  dimension: number;
}
