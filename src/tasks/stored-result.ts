/** The result of a PDF job rebuilt from what is stored (an LLM stage that saved but did not finish its job). */
import { quizShortfall } from '../domain/shortfall.ts';
import type { Database } from '../store/types.ts';
import type { ProcessOutcome } from '../workflows/document.ts';
import type { PdfTaskResult } from './names.ts';

/** A PDF job's result from its outcome: ids, counts and, when the first quiz came out short, the line that says so. */
export const pdfResultOf = (outcome: ProcessOutcome): PdfTaskResult => ({
  ...outcome.saved,
  ...outcome.counts,
  ...(outcome.shortfall ? { shortfall: outcome.shortfall } : {}),
});

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
  const requested = quiz?.quiz.requested;
  const shortfall =
    requested && quizShortfall({ questions: requested }, quiz.quiz.questions.length, quiz.quiz.generator);
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
    ...(shortfall ? { shortfall } : {}),
  };
}
