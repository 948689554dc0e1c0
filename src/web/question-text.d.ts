/**
 * The types of question-text.js (the app's plain ES module that the exporters import too): what TypeScript reads
 * for it. tsconfig.web.json checks each export of the .js file against its declaration here.
 */
import type { Question } from '../domain/course.ts';
import type { QuestionKind } from '../domain/question-kinds.ts';

/** Option letters: four for multiple choice, up to eight for multiple answer. */
export declare const LETTERS: readonly ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** What a teacher calls each kind (lower case, as in a sentence). */
export declare const KIND_LABELS: Readonly<Record<QuestionKind, string>>;

/** A line as a sentence begins, its first letter upper case: `made 3 of 10…` → `Made 3 of 10…`. */
export declare function sentenceStart(line: string): string;

/** The kind's label as a heading or a field's label begins: `Multiple choice`. */
export declare function kindTitle(kind: QuestionKind): string;

/** A number as a text writes it: `1024`, `0.5`, `-3.25` (no exponent, no separators). */
export declare function numberText(n: number): string;

/** `1024 MB`, `3.5 s (± 0.5)`: a numerical question's answer as a person reads it. */
export declare function quantityText(
  q: Pick<Extract<Question, { kind: 'numerical' }>, 'answer' | 'unit' | 'tolerance'>,
): string;

/** The right answer's parts for multiple answer, matching and ordering questions; null for the other kinds. */
export declare function answerParts(q: Question): string[] | null;

/** The right answer as a person reads it. */
export declare function answerText(q: Question): string;

/** `medium · understand`: a question's levels. */
export declare function levelsText(q: Pick<Question, 'difficulty' | 'bloom'>): string;
