/** Deterministic ids, so a retried job writes the same rows instead of new ones. */
import { createHash } from 'node:crypto';

const sha256Hex = (s: string) => createHash('sha256').update(s).digest('hex');

/** A document has one course: `c` + the first 11 hex digits of its id (12 characters in all). */
export function courseIdFor(documentId: string): string {
  return `c${documentId.slice(0, 11)}`;
}

/** The course a PDF's content makes: its document's id is the first 16 hex digits of its SHA-256 (pipeline/load.ts). */
export const courseIdOfContent = (sha256: string) => courseIdFor(sha256.toLowerCase().slice(0, 16));

/**
 * What makes two quizzes the same request: seed, module and size (questions asked for, or made), and the kinds,
 * difficulties and Bloom level asked (`filters`, from filtersKey; absent for a quiz of the default mix, whose id
 * is the same as before they existed).
 */
export interface QuizKey {
  seed: number;
  moduleIndex?: number | undefined;
  size: number;
  filters?: string;
}

/** `q` + 15 hex digits of a hash of the course and the {@link QuizKey}. */
export function quizIdFor(courseId: string, key: QuizKey): string {
  const parts = [
    courseId,
    key.seed,
    key.moduleIndex ?? 'all',
    key.size,
    ...(key.filters ? [key.filters] : []),
  ].join('|');
  return `q${sha256Hex(parts).slice(0, 15)}`;
}
