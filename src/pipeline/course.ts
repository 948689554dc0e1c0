/**
 * Stage 6: document structure + chunks → course.
 *
 * {@link OfflineCourseGenerator} is extractive: every summary sentence is a sentence of the document, chosen by
 * TextRank and cited with its page and chunk; key terms come from TF-IDF; objectives are built from key terms.
 * It needs no model, is deterministic, and runs in well under a second on a 400-page manual.
 */

import {
  type Course,
  checkCourse,
  type Lesson,
  type Module,
  type SummarySentence,
} from '../domain/course.ts';
import type { CourseGenerator, CourseInput } from '../domain/generators.ts';
import { type LessonPlan, type ModulePlan, type Part, planModules } from './course-plan.ts';
import { ChunkLocator, readingMinutes, type Sentence, summaryText } from './course-text.ts';
import { TermIndex } from './text/terms.ts';
import { bagOf, keySentences, spread } from './text/textrank.ts';

/** How many key terms the course, a module and a lesson get. */
const TERMS = { course: 15, module: 8, lesson: 5 } as const;
/** TextRank is quadratic: at most this many sentences (evenly spread) compete per lesson. */
const MAX_RANKED_SENTENCES = 200;

/** Extractive course generator: no model, no network, same input → same course. */
export class OfflineCourseGenerator implements CourseGenerator {
  readonly name = 'offline-extractive';
  readonly version = '1';

  async generateCourse(input: CourseInput): Promise<Course> {
    return buildCourse(input, { name: this.name, version: this.version });
  }
}

/**
 * Stage 6: makes the course with `generator` and checks it (schema, cited pages exist, cited chunks belong to
 * the document).
 * @throws InvalidCourseError when the generator's result breaks a rule.
 */
export async function generateCourse(
  input: CourseInput,
  generator: CourseGenerator = new OfflineCourseGenerator(),
): Promise<Course> {
  const course = await generator.generateCourse(input);
  return checkCourse(course, input.pageCount, new Set(input.chunks.map((c) => c.id)));
}

interface Context {
  terms: TermIndex;
  partIds: Map<Part, number>;
  locator: ChunkLocator;
}

function buildCourse(input: CourseInput, generator: Course['generator']): Course {
  const title = input.structure.title.trim() || input.fileName.trim() || 'Untitled course';
  const plans = planModules(input.structure.sections, input.pageCount, title);
  const parts = plans.flatMap((m) => m.lessons.flatMap((l) => l.parts));
  const ctx: Context = {
    terms: new TermIndex(parts.map((p) => p.paragraphs.flatMap((t) => t.sentences.map((s) => s.tokens)))),
    partIds: new Map(parts.map((p, i) => [p, i])),
    locator: new ChunkLocator(input.chunks, input.pageCount),
  };
  const keySentencesOfDocument: Sentence[] = [];
  const modules = plans.map((plan, i) => buildModule(plan, i, ctx, keySentencesOfDocument));
  const minutes = round1(modules.reduce((n, m) => n + m.readingMinutes, 0));
  const lessonCount = modules.reduce((n, m) => n + m.lessons.length, 0);
  return {
    title,
    description: describe(keySentencesOfDocument, modules.length, lessonCount, minutes),
    keyTerms: ctx.terms.top(
      parts.map((_, i) => i),
      TERMS.course,
    ),
    modules,
    readingMinutes: minutes,
    generator,
  };
}

function buildModule(plan: ModulePlan, index: number, ctx: Context, keyOfDocument: Sentence[]): Module {
  const lessons = plan.lessons.map((l) => buildLesson(l, ctx, keyOfDocument));
  const keyTerms = ctx.terms.top(idsOf(plan.lessons, ctx), TERMS.module);
  return {
    title: plan.title,
    pageStart: plan.pageStart,
    pageEnd: plan.pageEnd,
    objectives: objectives(plan, keyTerms, index),
    keyTerms,
    lessons,
    readingMinutes: round1(lessons.reduce((n, l) => n + l.readingMinutes, 0)),
  };
}

function buildLesson(plan: LessonPlan, ctx: Context, keyOfDocument: Sentence[]): Lesson {
  const chosen = summarySentences(plan);
  keyOfDocument.push(...chosen.filter((s) => s.good));
  const summary: SummarySentence[] =
    chosen.length > 0
      ? chosen.map((s) => ({ text: summaryText(s), citations: [ctx.locator.cite(s)] }))
      : [{ text: plan.title, citations: [{ page: plan.pageStart }] }];
  return {
    title: plan.title,
    sectionPath: plan.sectionPath,
    pageStart: plan.pageStart,
    pageEnd: plan.pageEnd,
    summary,
    keyTerms: ctx.terms.top(idsOf([plan], ctx), TERMS.lesson),
    readingMinutes: readingMinutes(plan.size),
  };
}

function idsOf(lessons: readonly LessonPlan[], ctx: Context): number[] {
  return lessons.flatMap((l) => l.parts.map((p) => ctx.partIds.get(p)!));
}

/**
 * 2–5 key sentences of a lesson in document order (fewer when it has fewer good ones). With no good sentence,
 * the lesson's longest sentence stands in, so a one-line document still gets a summary.
 */
function summarySentences(plan: LessonPlan): Sentence[] {
  const all = plan.parts.flatMap((p) => p.paragraphs.flatMap((t) => t.sentences));
  const good = all.filter((s) => s.good);
  if (good.length === 0) {
    const prose = all.filter((s) => !/\.{4,}/.test(s.text));
    const longest = (prose.length > 0 ? prose : all).reduce<Sentence | null>(
      (best, s) => (!best || s.text.length > best.text.length ? s : best),
      null,
    );
    return longest ? [longest] : [];
  }
  const k = Math.min(good.length, Math.max(2, Math.min(5, 2 + Math.floor(good.length / 10))));
  return rank(good, k);
}

/** The `k` best of `sentences` by TextRank over an even sample, in document order. */
function rank(sentences: readonly Sentence[], k: number): Sentence[] {
  if (sentences.length <= k) return [...sentences];
  const sample = spread(sentences.length, MAX_RANKED_SENTENCES).map((i) => sentences[i]!);
  return keySentences(
    sample.map((s) => bagOf(s.tokens)),
    k,
  ).map((i) => sample[i]!);
}

/** Two or three key sentences of the whole document, then its size. */
function describe(
  keyOfDocument: readonly Sentence[],
  modules: number,
  lessons: number,
  minutes: number,
): string {
  const picked = rank(keyOfDocument, keyOfDocument.length >= 6 ? 3 : 2).map((s) => s.text);
  const size = `${plural(modules, 'module')}, ${plural(lessons, 'lesson')}, about ${plural(Math.max(1, Math.round(minutes)), 'minute')} of reading.`;
  return [...picked, size].join(' ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const round1 = (x: number) => Math.round(x * 10) / 10;

type Objective = { terms: 1 | 2; make: (a: string, b: string, module: string) => string };

/** Objective templates with varied verbs; modules start at different places in the list. */
const OBJECTIVES: readonly Objective[] = [
  { terms: 1, make: (a) => `Explain ${a}.` },
  { terms: 2, make: (a, b) => `Describe how ${a} relates to ${b}.` },
  { terms: 1, make: (a, _, m) => `Identify the role of ${a} in ${m}.` },
  { terms: 1, make: (a) => `Define ${a} and give an example from the text.` },
  { terms: 2, make: (a, b) => `Compare ${a} and ${b}.` },
  { terms: 1, make: (a) => `Summarise what the text says about ${a}.` },
];

/** 2–4 objectives from the module's key terms; the module's title fills in when terms run short. */
function objectives(plan: ModulePlan, terms: readonly string[], moduleIndex: number): string[] {
  const out: string[] = [];
  const queue = [...terms];
  for (let i = 0; i < OBJECTIVES.length && out.length < 4; i++) {
    const template = OBJECTIVES[(moduleIndex + i) % OBJECTIVES.length]!;
    if (queue.length < template.terms) continue;
    const [a, b = ''] = queue.splice(0, template.terms);
    out.push(template.make(a!, b, plan.title));
  }
  const fallbacks = [
    `Summarise the main ideas of ${plan.title}.`,
    `Outline the key points of ${plan.lessons[0]?.title ?? plan.title}.`,
    `Recall the main facts presented in ${plan.title}.`,
  ];
  for (const f of fallbacks) if (out.length < 2 && !out.includes(f)) out.push(f);
  return out;
}
