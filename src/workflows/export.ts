/**
 * An export of a stored course: load the course and one of its quizzes from the store, hand them to the
 * exporter of the format (src/export), and name the file. Shared by `GET /api/courses/:id/export` and
 * `profai export`.
 */
import { NotFoundError, ProfaiError } from '../domain/errors.ts';
import {
  EXPORT_FORMATS,
  type ExportFormatName,
  type ExportInput,
  type ExportOutput,
  exportFileName,
  exportNotice,
  renderExport,
} from '../export/index.ts';
import { getCourse } from '../store/courses.ts';
import { getQuiz } from '../store/quizzes.ts';
import type { Database } from '../store/types.ts';

/** The quiz asked for belongs to another course. */
export class QuizOfAnotherCourseError extends ProfaiError {
  constructor(quizId: string, courseId: string) {
    super('not_found', `quiz ${quizId} is not a quiz of course ${courseId}`);
  }
}

/** A rendered export, ready to write or send. */
export interface RenderedExport {
  body: ExportOutput;
  contentType: string;
  fileName: string;
  courseId: string;
  quizId: string | null;
  /** One line saying which questions the format left out and why, or null. */
  notice: string | null;
}

/**
 * The stored course `courseId` (an id, a prefix or its document's id) with quiz `quizId`, or its first quiz
 * (made with the course) when none is named.
 * @throws NotFoundError (course or quiz), QuizOfAnotherCourseError
 */
export async function loadExportInput(db: Database, courseId: string, quizId?: string): Promise<ExportInput> {
  const stored = await getCourse(db, courseId);
  if (!stored) throw new NotFoundError('course', courseId);
  const id = quizId ?? stored.quizIds[0];
  const quiz = id ? await getQuiz(db, id) : null;
  if (quizId && !quiz) throw new NotFoundError('quiz', quizId);
  if (quiz && quiz.courseId !== stored.id) throw new QuizOfAnotherCourseError(quiz.id, stored.id);
  return {
    courseId: stored.id,
    fileName: stored.fileName,
    course: stored.course,
    quiz: quiz
      ? { id: quiz.id, quiz: quiz.quiz, questionKeys: quiz.questionKeys, reviewed: quiz.reviewedAt !== null }
      : null,
  };
}

/** Loads and renders an export. @throws as {@link loadExportInput} */
export async function exportCourse(
  db: Database,
  format: ExportFormatName,
  courseId: string,
  quizId?: string,
): Promise<RenderedExport> {
  const input = await loadExportInput(db, courseId, quizId);
  return {
    body: renderExport(input, format),
    contentType: EXPORT_FORMATS[format].contentType,
    fileName: exportFileName(input, format),
    courseId: input.courseId,
    quizId: input.quiz?.id ?? null,
    notice: exportNotice(input, format),
  };
}
