/** The result of a PDF job rebuilt from what is stored (an LLM stage that saved but did not finish its job). */
import type { Database } from '../store/types.ts';
import type { PdfTaskResult } from './names.ts';

export async function storedResult(
  db: Database,
  courseId: string,
  documentId: string,
): Promise<PdfTaskResult> {
  const { getCourse } = await import('../store/courses.ts');
  const { getQuiz } = await import('../store/quizzes.ts');
  const { loadChunks } = await import('../store/documents.ts');
  const stored = await getCourse(db, courseId);
  const quiz = stored?.quizIds[0] ? await getQuiz(db, stored.quizIds[0]) : null;
  const chunks = await loadChunks(db, documentId);
  return {
    documentId,
    courseId,
    quizId: quiz?.id ?? '',
    created: false,
    pages: stored?.pageCount ?? 0,
    sections: new Set(chunks.map((c) => c.sectionIndex)).size,
    chunks: chunks.length,
    modules: stored?.modules ?? 0,
    lessons: stored?.lessons ?? 0,
    questions: quiz?.quiz.questions.length ?? 0,
  };
}
