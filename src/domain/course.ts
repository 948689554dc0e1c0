/**
 * The shape of a course and a quiz: what every generator (offline or LLM) must produce, what is stored,
 * what `--out` writes as `course.json` and what the API returns. Exported so users can validate files.
 *
 * Invariants a schema cannot express are checked by {@link checkCourse} / {@link checkQuiz}.
 */

import { z } from 'zod';
import { InvalidCourseError } from './errors.ts';
import { withLevels } from './levels.ts';
import { type Question, type QuestionDraft, QuestionDraftSchema, QuestionSchema } from './questions.ts';

export {
  type Question,
  type QuestionDraft,
  QuestionDraftSchema,
  QuestionSchema,
} from './questions.ts';

import { LANGUAGE_CODES } from './language.ts';

/** A page (1-based) of the source document, optionally the chunk the sentence came from. */
export const CitationSchema = z.object({
  page: z.number().int().min(1),
  chunkId: z.string().optional(),
});

/** A sentence of a summary, taken from (or grounded in) the document, with where it stands. */
export const SummarySentenceSchema = z.object({
  text: z.string().min(1),
  citations: z.array(CitationSchema).min(1),
});

export const LessonSchema = z.object({
  title: z.string().min(1),
  /** Titles of the section and its ancestors. */
  sectionPath: z.array(z.string()),
  pageStart: z.number().int().min(1),
  pageEnd: z.number().int().min(1),
  summary: z.array(SummarySentenceSchema).min(1),
  keyTerms: z.array(z.string()),
  /** Estimated minutes to read the lesson's pages (about 230 words a minute). */
  readingMinutes: z.number().min(0),
});

/** A term the document defines, with its definition as the document states it. */
export const GlossaryEntrySchema = z.object({
  term: z.string().min(1),
  /** The defining sentence or glossary entry, as written in the document. */
  definition: z.string().min(1),
  citations: z.array(CitationSchema).min(1),
});

export const ModuleSchema = z.object({
  title: z.string().min(1),
  pageStart: z.number().int().min(1),
  pageEnd: z.number().int().min(1),
  /** Two to four objectives built from the module's key terms. */
  objectives: z.array(z.string().min(1)).min(2).max(4),
  keyTerms: z.array(z.string()),
  /** Terms the module's text (or the document's glossary) defines; absent in courses made before it existed. */
  glossary: z.array(GlossaryEntrySchema).optional(),
  lessons: z.array(LessonSchema).min(1),
  readingMinutes: z.number().min(0),
});

export const CourseSchema = z.object({
  title: z.string().min(1),
  /**
   * The language of the document (ISO 639-1, `und` when none ProfAI knows): absent in courses made before it was
   * recorded.
   */
  language: z.enum(LANGUAGE_CODES).optional(),
  description: z.string().min(1),
  /** The document's key terms, most important first. */
  keyTerms: z.array(z.string()),
  modules: z.array(ModuleSchema).min(1),
  readingMinutes: z.number().min(0),
  /** Which generator made it, e.g. `{ name: 'offline-extractive', version: '1' }`. */
  generator: z.object({ name: z.string(), version: z.string() }),
  /** Present when pages were read by OCR: which, and how sure the recogniser was (0–100). */
  ocr: z
    .object({
      pages: z.array(z.number().int().min(1)),
      meanConfidence: z.number().min(0).max(100),
      /** Pages read with a mean confidence below the low-confidence mark: check them against the PDF. */
      lowConfidence: z.array(
        z.object({ page: z.number().int().min(1), confidence: z.number().min(0).max(100) }),
      ),
    })
    .optional(),
});

export const QuizSchema = z.object({
  title: z.string().min(1),
  seed: z.number().int(),
  /** Module the quiz covers, or absent for the whole course. */
  moduleIndex: z.number().int().min(0).optional(),
  /**
   * How many questions the teacher asked for: more than `questions` holds when the text supports fewer. Absent in
   * quizzes made before it was recorded.
   */
  requested: z.number().int().min(1).optional(),
  questions: z.array(QuestionSchema).min(1),
  generator: z.object({ name: z.string(), version: z.string() }),
});

/** A quiz as a generator makes it: its questions without their levels (see ./levels.ts). */
export const QuizDraftSchema = QuizSchema.extend({ questions: z.array(QuestionDraftSchema).min(1) });

export type Citation = z.infer<typeof CitationSchema>;
export type SummarySentence = z.infer<typeof SummarySentenceSchema>;
export type GlossaryEntry = z.infer<typeof GlossaryEntrySchema>;
export type Lesson = z.infer<typeof LessonSchema>;
export type Module = z.infer<typeof ModuleSchema>;
export type Course = z.infer<typeof CourseSchema>;
export type Quiz = z.infer<typeof QuizSchema>;
export type QuizDraft = z.infer<typeof QuizDraftSchema>;

/**
 * A quiz with every question's levels: those it has (a teacher's, or stored), else the rule's. Quizzes stored
 * before questions had levels get them here when they are read.
 */
export function withQuizLevels<
  Q extends { questions: readonly (QuestionDraft & { difficulty?: unknown })[] },
>(quiz: Q): Omit<Q, 'questions'> & { questions: Question[] } {
  return { ...quiz, questions: quiz.questions.map((q) => withLevels(q as Parameters<typeof withLevels>[0])) };
}

/** Validates the schema and that every page cited exists in the document (1..pageCount). */
export function checkCourse(value: unknown, pageCount: number, chunkIds?: ReadonlySet<string>): Course {
  const parsed = CourseSchema.safeParse(value);
  if (!parsed.success)
    throw new InvalidCourseError(`course: ${z.prettifyError(parsed.error).split('\n')[0]}`);
  const course = parsed.data;
  for (const m of course.modules) {
    for (const l of m.lessons)
      for (const s of l.summary)
        for (const c of s.citations) checkCitation(c, pageCount, chunkIds, `lesson "${l.title}"`);
    for (const g of m.glossary ?? [])
      for (const c of g.citations) checkCitation(c, pageCount, chunkIds, `glossary entry "${g.term}"`);
  }
  return course;
}

/** Validates the schema, that no two prompts repeat, and that cited pages exist. */
export function checkQuiz(value: unknown, pageCount: number, chunkIds?: ReadonlySet<string>): Quiz {
  const parsed = QuizSchema.safeParse(value);
  if (!parsed.success) throw new InvalidCourseError(`quiz: ${z.prettifyError(parsed.error).split('\n')[0]}`);
  const quiz = parsed.data;
  const prompts = new Set<string>();
  for (const q of quiz.questions) {
    const key = q.prompt.toLowerCase();
    if (prompts.has(key)) throw new InvalidCourseError(`quiz: duplicate question "${q.prompt}"`);
    prompts.add(key);
    checkCitation({ page: q.sourcePage, chunkId: q.chunkId }, pageCount, chunkIds, `question "${q.prompt}"`);
  }
  return quiz;
}

function checkCitation(
  c: Citation,
  pageCount: number,
  chunkIds: ReadonlySet<string> | undefined,
  where: string,
) {
  if (c.page > pageCount) throw new InvalidCourseError(`${where} cites page ${c.page} of ${pageCount}`);
  if (c.chunkId && chunkIds && !chunkIds.has(c.chunkId))
    throw new InvalidCourseError(`${where} cites chunk ${c.chunkId}, which is not in the document`);
}
