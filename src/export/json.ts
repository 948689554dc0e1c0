/**
 * `json`: `course.json`, the course and quiz as validated by the domain schemas (CourseSchema, QuizSchema), so a
 * program can read it back with those schemas; `quizId` and `questionKeys` tell which stored quiz it was.
 */
import { CourseSchema, QuizSchema } from '../domain/course.ts';
import type { ExportInput } from './types.ts';

export function exportJson(input: ExportInput): string {
  const body = {
    courseId: input.courseId,
    source: input.fileName,
    course: CourseSchema.parse(input.course),
    quiz: input.quiz ? QuizSchema.parse(input.quiz.quiz) : null,
    ...(input.quiz
      ? {
          quizId: input.quiz.id,
          reviewed: input.quiz.reviewed,
          questionKeys: [...input.quiz.questionKeys],
        }
      : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}
