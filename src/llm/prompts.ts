/**
 * What each LLM call asks for: the answer schemas (cut from the course schema itself, so an accepted answer
 * slots into a {@link Course} or {@link Quiz} unchanged) and the prompts. Every prompt carries the passages the
 * answer must come from, each tagged `[chunk <id> p.<pages>]`, and a `Task:` line naming the call.
 */
import { z } from 'zod';
import {
  CourseSchema,
  LessonSchema,
  ModuleSchema,
  QuestionDraftSchema,
  SummarySentenceSchema,
} from '../domain/course.ts';
import type { QuestionKind } from '../domain/questions.ts';

/** Citations as chunk ids: the grounding of parts of the course that have no citation field. */
const ChunkIdsSchema = z.array(z.string().min(1)).min(1);

/** A lesson: 1–6 summary sentences, each citing the chunks it comes from, and its key terms. */
export const LessonDraftSchema = z.object({
  summary: z.array(SummarySentenceSchema).min(1).max(6),
  keyTerms: LessonSchema.shape.keyTerms,
});

/** A module: objectives and key terms, with the chunks they rest on. */
export const ModuleDraftSchema = z.object({
  objectives: ModuleSchema.shape.objectives,
  keyTerms: ModuleSchema.shape.keyTerms,
  chunkIds: ChunkIdsSchema,
});

/** The course: title, description and key terms, with the chunks they rest on. */
export const CourseDraftSchema = CourseSchema.pick({ title: true, description: true, keyTerms: true }).extend(
  {
    chunkIds: ChunkIdsSchema,
  },
);

/** Questions as the quiz stores them (each citing its chunk and page). */
export const QuizDraftSchema = z.object({ questions: z.array(QuestionDraftSchema).min(1) });

export type LessonDraft = z.infer<typeof LessonDraftSchema>;

/** A passage as prompts show it. */
export interface Passage {
  chunkId: string;
  pageStart: number;
  pageEnd: number;
  text: string;
}

export const SYSTEM = [
  'You are a careful teacher who turns a document into a course.',
  'Use ONLY the passages and notes given in the request: never add facts from elsewhere.',
  'Every statement cites the chunk ids (and pages) it comes from, exactly as tagged in the request.',
].join(' ');

export function passageTag(p: Pick<Passage, 'chunkId' | 'pageStart' | 'pageEnd'>): string {
  const pages = p.pageStart === p.pageEnd ? `${p.pageStart}` : `${p.pageStart}-${p.pageEnd}`;
  return `[chunk ${p.chunkId} p.${pages}]`;
}

export function passagesText(passages: readonly Passage[]): string {
  return passages.map((p) => `${passageTag(p)}\n${p.text}`).join('\n\n');
}

export function lessonPrompt(
  doc: string,
  lesson: string,
  pages: string,
  passages: readonly Passage[],
): string {
  return [
    'Task: lesson_summary',
    `Document: ${doc}`,
    `Lesson: ${lesson} (pages ${pages})`,
    'Write 2 to 5 summary sentences of this lesson, in the order of the text, and up to 5 key terms.',
    'Each sentence has citations: [{ "page": <a page of the chunk>, "chunkId": "<chunk id>" }].',
    '',
    'Passages:',
    passagesText(passages),
  ].join('\n');
}

/** Notes are earlier summary sentences, each tagged with the chunks it cited. */
export interface Note {
  text: string;
  chunkIds: string[];
  page: number;
}

export function notesText(notes: readonly Note[]): string {
  return notes.map((n) => `- ${n.text} [chunks ${n.chunkIds.join(', ')} p.${n.page}]`).join('\n');
}

export function lessonReducePrompt(doc: string, lesson: string, notes: readonly Note[]): string {
  return [
    'Task: lesson_summary',
    `Document: ${doc}`,
    `Lesson: ${lesson}`,
    'These notes summarise parts of one long lesson. Merge them into 2 to 5 summary sentences and up to 5 key terms.',
    'Each sentence has citations: [{ "page": <page>, "chunkId": "<chunk id>" }] taken from the notes it merges.',
    '',
    'Notes:',
    notesText(notes),
  ].join('\n');
}

export function modulePrompt(
  doc: string,
  module: string,
  lessons: readonly { title: string; notes: Note[] }[],
) {
  return [
    'Task: module_outline',
    `Document: ${doc}`,
    `Module: ${module}`,
    'From these lesson summaries, write 2 to 4 learning objectives and up to 8 key terms of the module,',
    'and list in "chunkIds" the chunk ids the objectives rest on.',
    '',
    ...lessons.flatMap((l) => [`Lesson: ${l.title}`, notesText(l.notes), '']),
  ].join('\n');
}

export function coursePrompt(
  doc: string,
  modules: readonly { title: string; objectives: string[]; notes: Note[] }[],
): string {
  return [
    'Task: course_outline',
    `Document: ${doc}`,
    'From this outline, write the course title, a 2 to 4 sentence description and up to 15 key terms,',
    'and list in "chunkIds" the chunk ids the description rests on.',
    '',
    ...modules.flatMap((m) => [
      `Module: ${m.title}`,
      ...m.objectives.map((o) => `Objective: ${o}`),
      notesText(m.notes),
      '',
    ]),
  ].join('\n');
}

/** What each kind asks of the model, for the kinds the quiz may hold. */
const KIND_RULES: Record<QuestionKind, string> = {
  multiple_choice: '"multiple_choice": exactly four options, one right (answerIndex 0-3)',
  true_false: '"true_false": a statement, answer true or false',
  multiple_answer:
    '"multiple_answer": 3 to 8 options, two or more right and one or more wrong (answerIndexes, increasing), each a statement the passages make or do not make',
  matching:
    '"matching": 3 to 6 pairs of a term and its definition from the passages, definitions distinct so each has one match',
  short_answer:
    '"short_answer": the term a definition defines; answers: the term and its accepted variants (plural, hyphenation, the abbreviation the passage gives)',
  numerical:
    '"numerical": a quantity a passage states, with its unit and a tolerance when the text rounds (0 otherwise); never a page number, a version, a year of a citation or a number inside code',
  ordering:
    '"ordering": 3 to 8 steps of a procedure or numbered list the passages give, in their order (items)',
};

export function quizPrompt(
  topic: string,
  count: number,
  passages: readonly Passage[],
  kinds: readonly QuestionKind[] = ['multiple_choice', 'true_false'],
): string {
  return [
    'Task: quiz_questions',
    `Topic: ${topic}`,
    `Write ${count} quiz question(s) on this topic, answerable from the passages alone.`,
    `Use these kinds where the passages support them, the first ones most: ${kinds.map((k) => KIND_RULES[k]).join('; ')}.`,
    'Each question has an explanation, "chunkId" (the chunk that answers it) and "sourcePage" (a page of that chunk).',
    '',
    'Passages:',
    passagesText(passages),
  ].join('\n');
}
