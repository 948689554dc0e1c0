/** Deterministic ids, so a retried job writes the same rows instead of new ones. */
import { createHash } from 'node:crypto';
import type { Quiz } from '../domain/course.ts';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** A document has one course: `c` + the first 11 hex digits of its id (12 characters in all). */
export function courseIdFor(documentId: string): string {
  return `c${documentId.slice(0, 11)}`;
}

/** `q` + 15 hex digits of a hash of what makes two quizzes the same request: course, seed, module, size. */
export function quizIdFor(courseId: string, quiz: Pick<Quiz, 'seed' | 'moduleIndex' | 'questions'>): string {
  const key = [courseId, quiz.seed, quiz.moduleIndex ?? 'all', quiz.questions.length].join('|');
  return `q${sha256Hex(key).slice(0, 15)}`;
}
