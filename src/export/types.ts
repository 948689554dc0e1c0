/**
 * What every exporter takes: a stored course and (optionally) one of its quizzes, as plain data. Exporters are
 * pure functions of this (data in, string or bytes out) and import only src/domain, so they run the same in the
 * API, in `profai export` and in a test.
 */
import type { Course, Quiz } from '../domain/course.ts';

/** A stored quiz as the exporters see it. */
export interface ExportQuiz {
  /** The quiz's stored id (`q…`). */
  id: string;
  quiz: Quiz;
  /**
   * One stable key per question, in question order: given when the question was generated and kept through
   * edits and deletions of other questions, so an LMS or Anki re-import updates the same item.
   */
  questionKeys: readonly string[];
  /** True when a teacher marked the quiz reviewed. */
  reviewed: boolean;
}

/** Input of every exporter. */
export interface ExportInput {
  /** The stored course id (`c…`). */
  courseId: string;
  /** The source PDF's file name, for "Source:" lines. */
  fileName: string;
  course: Course;
  /** The quiz to export with the course, or null for the course alone. */
  quiz: ExportQuiz | null;
}

/** What an exporter returns: text (UTF-8) or bytes (a zip). */
export type ExportOutput = string | Uint8Array;
