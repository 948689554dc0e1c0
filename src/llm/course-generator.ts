/**
 * The LLM course generator, map-reduce so any document fits the context window:
 * 1. plan modules and lessons from the document's sections (the offline planner: same shape, same pages);
 * 2. map: one call per lesson with its own chunks (a lesson too long for one request is summarised in parts,
 *    then the parts' notes are merged by one more call);
 * 3. reduce: one call per module from its lessons' summaries, then one for the course from the modules.
 * Every answer cites chunk ids checked against the chunks it was given; pages, reading times and section
 * paths come from the document, not the model.
 */

import type { Course, Lesson, Module } from '../domain/course.ts';
import type { Chunk } from '../domain/document.ts';
import type { CourseGenerator, CourseInput } from '../domain/generators.ts';
import { type LessonPlan, type ModulePlan, planModules } from '../pipeline/course/plan.ts';
import { readingMinutes } from '../pipeline/course/text.ts';
import { languageOf } from '../pipeline/course.ts';
import { profileOf } from '../pipeline/language/index.ts';
import { mapLimit, packGroups, thinToFit } from './budget.ts';
import type { LlmClient } from './client.ts';
import { LlmContextError } from './errors.ts';
import { allowedOf, checkChunkIds, checkSentences, pinSentences } from './grounding.ts';
import {
  CourseDraftSchema,
  coursePrompt,
  type LessonDraft,
  LessonDraftSchema,
  lessonPrompt,
  lessonReducePrompt,
  ModuleDraftSchema,
  modulePrompt,
  type Note,
  type Passage,
  passagesText,
  SYSTEM,
} from './prompts.ts';
import { countModelTokens, fitsTokens } from './token-count.ts';

export interface LlmCourseGeneratorOptions {
  client: LlmClient;
  /** `openai-compatible:<model>` is stored as the course's generator. */
  modelId: string;
  /** Calls of one course in flight at once. @defaultValue 4 */
  parallel?: number;
  /** Calls done of the calls planned so far. */
  onProgress?: (done: number, total: number) => void;
}

export class LlmCourseGenerator implements CourseGenerator {
  readonly name: string;
  readonly version = '1';

  constructor(private readonly o: LlmCourseGeneratorOptions) {
    this.name = `openai-compatible:${o.modelId}`;
  }

  async generateCourse(input: CourseInput): Promise<Course> {
    const doc = input.structure.title.trim() || input.fileName.trim() || 'Untitled course';
    // The document's language, without its analyser: the model reads the text; the plan needs only its sentences.
    const language = languageOf(input);
    const plans = planModules(input.structure.sections, input.pageCount, doc, profileOf(language));
    const lessonPlans = plans.flatMap((m) => m.lessons);
    const calls = { done: 0, total: lessonPlans.length + plans.length + 1 };
    const tick = () => this.o.onProgress?.(++calls.done, calls.total);
    const parallel = this.o.parallel ?? 4;
    const lessons = await mapLimit(lessonPlans, parallel, async (plan) => {
      const lesson = await this.lesson(doc, plan, lessonChunks(plan, input.chunks), calls);
      tick();
      return lesson;
    });
    const starts = plans.map((_, i) => plans.slice(0, i).reduce((n, p) => n + p.lessons.length, 0));
    const grouped = plans.map((plan, i) => ({
      plan,
      lessons: lessons.slice(starts[i], starts[i]! + plan.lessons.length),
    }));
    const modules = await mapLimit(grouped, parallel, async ({ plan, lessons }) => {
      const module = await this.module(doc, plan, lessons);
      tick();
      return module;
    });
    const { title, ...course } = await this.course(doc, modules);
    tick();
    return { title, language, ...course };
  }

  private fits(prompt: string, schema: Parameters<LlmClient['fits']>[2]): boolean {
    return this.o.client.fits(SYSTEM, prompt, schema);
  }

  /** Map: a lesson from its chunks, in parts when they do not fit one request. */
  private async lesson(
    doc: string,
    plan: LessonPlan,
    chunks: Chunk[],
    calls: { total: number },
  ): Promise<Lesson> {
    const pages = `${plan.pageStart}-${plan.pageEnd}`;
    const passages = chunks.map((c) => this.shortened(passageOf(c)));
    const prompt = (group: readonly Passage[]) => lessonPrompt(doc, plan.title, pages, group);
    const groups = this.fits(prompt(passages), LessonDraftSchema)
      ? [passages]
      : this.packed(passages, prompt);
    let draft: LessonDraft;
    if (groups.length === 1) {
      draft = await this.summarise(`lesson summary "${plan.title}"`, prompt(groups[0]!), groups[0]!);
    } else {
      calls.total += groups.length;
      const parts = await Promise.all(
        groups.map((g, i) => this.summarise(`lesson summary "${plan.title}" part ${i + 1}`, prompt(g), g)),
      );
      const notes = thinToFit(parts.flatMap(notesOf), (n) =>
        this.fits(lessonReducePrompt(doc, plan.title, n), LessonDraftSchema),
      );
      const allowed = passages.filter((p) => notes.some((n) => n.chunkIds.includes(p.chunkId)));
      draft = await this.summarise(
        `lesson summary "${plan.title}"`,
        lessonReducePrompt(doc, plan.title, notes),
        allowed,
      );
    }
    return {
      title: plan.title,
      sectionPath: plan.sectionPath,
      pageStart: plan.pageStart,
      pageEnd: plan.pageEnd,
      summary: draft.summary,
      keyTerms: draft.keyTerms.slice(0, 5),
      readingMinutes: readingMinutes(plan.size),
    };
  }

  /** Passages in groups that each fit one request (the map step of a lesson too long for one). */
  private packed(passages: Passage[], prompt: (group: readonly Passage[]) => string): Passage[][] {
    // Packed by summed token counts (each passage counted once), then each group checked as sent.
    const base = this.o.client.promptTokens(SYSTEM, prompt([]), LessonDraftSchema);
    const sizes = new Map(passages.map((p) => [p, countModelTokens(passagesText([p])) + 2]));
    const room = this.o.client.inputBudget * 0.98 - base;
    return packGroups(passages, (g) => g.reduce((n, p) => n + sizes.get(p)!, 0) <= room).flatMap((g) =>
      g.length > 1 && !this.fits(prompt(g), LessonDraftSchema) ? g.map((p) => [p]) : [g],
    );
  }

  private async summarise(task: string, prompt: string, passages: readonly Passage[]): Promise<LessonDraft> {
    const allowed = allowedOf(passages);
    const draft = await this.o.client.object({
      task,
      system: SYSTEM,
      prompt,
      schema: LessonDraftSchema,
      check: (d) => checkSentences(d.summary, allowed),
    });
    return { ...draft, summary: pinSentences(draft.summary, allowed) };
  }

  /** Reduce: a module's objectives and terms from its lessons' summaries. */
  private async module(doc: string, plan: ModulePlan, lessons: Lesson[]): Promise<Module> {
    const prompt = (perLesson: number) =>
      modulePrompt(
        doc,
        plan.title,
        lessons.map((l) => ({ title: l.title, notes: lessonNotes(l).slice(0, perLesson) })),
      );
    let perLesson = 5;
    while (perLesson > 1 && !this.fits(prompt(perLesson), ModuleDraftSchema)) perLesson--;
    const text = prompt(perLesson);
    if (!this.fits(text, ModuleDraftSchema))
      throw new LlmContextError(`module "${plan.title}"`, countModelTokens(text), this.o.client.inputBudget);
    const allowed = citedIn(lessons);
    const draft = await this.o.client.object({
      task: `module outline "${plan.title}"`,
      system: SYSTEM,
      prompt: text,
      schema: ModuleDraftSchema,
      check: (d) => checkChunkIds(d.chunkIds, allowed),
    });
    return {
      title: plan.title,
      pageStart: plan.pageStart,
      pageEnd: plan.pageEnd,
      objectives: draft.objectives,
      keyTerms: draft.keyTerms.slice(0, 8),
      lessons,
      readingMinutes: round1(lessons.reduce((n, l) => n + l.readingMinutes, 0)),
    };
  }

  /** Reduce: the course's title, description and terms from the modules. */
  private async course(doc: string, modules: Module[]): Promise<Course> {
    const outline = modules.map((m) => ({
      title: m.title,
      objectives: m.objectives,
      notes: m.lessons.map((l) => lessonNotes(l)[0]!),
    }));
    const fitting = thinToFit(outline, (o) => this.fits(coursePrompt(doc, o), CourseDraftSchema));
    const allowed = citedIn(modules.flatMap((m) => m.lessons));
    const draft = await this.o.client.object({
      task: 'course outline',
      system: SYSTEM,
      prompt: coursePrompt(doc, fitting),
      schema: CourseDraftSchema,
      check: (d) => checkChunkIds(d.chunkIds, allowed),
    });
    return {
      title: draft.title,
      description: draft.description,
      keyTerms: draft.keyTerms.slice(0, 15),
      modules,
      readingMinutes: round1(modules.reduce((n, m) => n + m.readingMinutes, 0)),
      generator: { name: this.name, version: this.version },
    };
  }

  /** A chunk too long for any request on its own (a tiny LLM_CONTEXT_TOKENS) keeps its start. */
  private shortened(p: Passage): Passage {
    const room = this.o.client.inputBudget - 600;
    if (room <= 0 || fitsTokens([p.text], room)) return p;
    return { ...p, text: p.text.slice(0, room * 3) };
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10;

function passageOf(c: Chunk): Passage {
  return { chunkId: c.id, pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text };
}

/**
 * The chunks of a lesson: those of its sections; else those overlapping its pages; else the nearest one, so
 * every lesson has text to be grounded in.
 */
export function lessonChunks(plan: LessonPlan, chunks: readonly Chunk[]): Chunk[] {
  const sections = new Set(plan.parts.map((p) => p.section.index));
  const own = chunks.filter((c) => sections.has(c.sectionIndex));
  if (own.length > 0) return own;
  const overlapping = chunks.filter((c) => c.pageEnd >= plan.pageStart && c.pageStart <= plan.pageEnd);
  if (overlapping.length > 0) return overlapping;
  const distance = (c: Chunk) =>
    Math.min(Math.abs(c.pageStart - plan.pageStart), Math.abs(c.pageEnd - plan.pageEnd));
  const nearest = [...chunks].sort((a, b) => distance(a) - distance(b))[0];
  return nearest ? [nearest] : [];
}

function notesOf(draft: LessonDraft): Note[] {
  return draft.summary.map((s) => ({
    text: s.text,
    chunkIds: s.citations.flatMap((c) => (c.chunkId ? [c.chunkId] : [])),
    page: s.citations[0]?.page ?? 1,
  }));
}

function lessonNotes(lesson: Lesson): Note[] {
  return notesOf({ summary: lesson.summary, keyTerms: [] });
}

/** The chunks the lessons cite, as the set a reduce answer may cite. */
function citedIn(lessons: readonly Lesson[]): Map<string, { pageStart: number; pageEnd: number }> {
  const out = new Map<string, { pageStart: number; pageEnd: number }>();
  for (const l of lessons)
    for (const s of l.summary)
      for (const c of s.citations) if (c.chunkId) out.set(c.chunkId, { pageStart: c.page, pageEnd: c.page });
  return out;
}
