/**
 * Stage 6: document structure + chunks → course.
 *
 * {@link OfflineCourseGenerator} is extractive: every summary sentence is a sentence of the document, chosen by
 * TextRank and cited with its page and chunk; it needs no model and is deterministic.
 *
 * The document's language (told once, see language/detect.ts) chooses how its text is read. Where the language
 * has an analyser (English) key terms are noun phrases, the terms the text defines make a glossary per module
 * and its objectives, sentences that cannot stand alone are not shown, and the description is the document's
 * own account of itself when it has one. Other languages keep TF-IDF key terms over words and phrase patterns
 * for objectives.
 */

import {
  type Course,
  checkCourse,
  type Lesson,
  type Module,
  type SummarySentence,
} from '../domain/course.ts';
import type { CourseGenerator, CourseInput } from '../domain/generators.ts';
import { type Definition, definitionsIn, glossaryDefinitions, glossaryOf } from './course/glossary.ts';
import { analysedObjectives, type ObjectiveMaterial, statisticalObjectives } from './course/objectives.ts';
import {
  glossaryParts,
  type LessonPlan,
  type ModulePlan,
  type Part,
  planModules,
  sentencesOfParts,
} from './course/plan.ts';
import { ChunkLocator, readingMinutes, type Sentence, summaryText } from './course/text.ts';
import {
  type AnalysedLanguage,
  documentLanguage,
  isAnalysed,
  type LanguageCode,
  type LanguageProfile,
  loadProfile,
  type Token,
} from './language/index.ts';
import { hasVerb, isContentsEntry, repeatsItself } from './rules/sentences/standalone.ts';
import { termProblem } from './rules/terms/index.ts';
import { containsTerm } from './text/cloze.ts';
import { FirstUse } from './text/first-use.ts';
import { nounPhrases, PhraseIndex } from './text/phrases.ts';
import { TermIndex } from './text/terms.ts';
import { bagOf, keySentences, spread } from './text/textrank.ts';

/** How many key terms the course, a module and a lesson get. */
const TERMS = { course: 15, module: 8, lesson: 5 } as const;
/** TextRank is quadratic: at most this many sentences (evenly spread) compete per lesson. */
const MAX_RANKED_SENTENCES = 200;
/** Extractive course generator: no model, no network, same input → same course. */
export class OfflineCourseGenerator implements CourseGenerator {
  readonly name = 'offline-extractive';
  readonly version = '2';

  async generateCourse(input: CourseInput): Promise<Course> {
    const lang = await loadProfile(languageOf(input), { document: input.documentId, stage: 'course' });
    return buildCourse(input, { name: this.name, version: this.version }, lang);
  }
}

/** The document's language: as detected with its structure, or (a document prepared before) told now. */
export const languageOf = (input: Pick<CourseInput, 'structure' | 'language'>): LanguageCode =>
  input.language ?? documentLanguage(input.structure);

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

/** Ranks the key terms of some parts of the document. */
interface TermRanking {
  top(partIds: readonly number[], k: number): string[];
}

/**
 * What a course makes of its language's text: with an analyser, noun-phrase key terms, definitions and their
 * glossary, objectives from what the text does, the document's own description; statistically, word key terms
 * and objectives from patterns.
 */
interface CourseMethod {
  /** Definitions of the document's glossary sections. */
  glossary(sections: CourseInput['structure']['sections']): Definition[];
  terms(parts: readonly Part[], input: CourseInput, glossary: readonly Definition[]): TermRanking;
  /** Sentences of the opening parts where the document says what it is. */
  description(opening: readonly Sentence[]): Sentence[];
  /** Definitions a module's sentences state, for its glossary and objectives. */
  definitions(sentences: readonly Sentence[], ctx: Context): Definition[];
  objectives(m: ObjectiveMaterial): string[];
}

function analysedMethod(lang: AnalysedLanguage): CourseMethod {
  return {
    glossary: (sections) => glossaryDefinitions(sentencesOf(glossaryParts(sections, lang)), lang),
    terms: (parts, input, glossary) => phraseIndex(parts, input, glossary, lang),
    description: selfDescription,
    definitions: (sentences, ctx) => moduleDefinitions(sentences, ctx, lang),
    objectives: (m) => analysedObjectives(m, lang),
  };
}

function statisticalMethod(lang: LanguageProfile): CourseMethod {
  return {
    glossary: () => [],
    terms: (parts) =>
      new TermIndex(
        parts.map((p) => sentencesOf([p]).map((s) => s.tokens)),
        lang,
      ),
    description: () => [],
    definitions: () => [],
    objectives: statisticalObjectives,
  };
}

const methodOf = (lang: LanguageProfile): CourseMethod =>
  isAnalysed(lang) ? analysedMethod(lang) : statisticalMethod(lang);

interface Context {
  terms: TermRanking;
  partIds: Map<Part, number>;
  locator: ChunkLocator;
  method: CourseMethod;
  /** Definitions of a glossary section, given to the first module whose text uses the term. */
  glossary: Definition[];
  /** Keys of the terms a module's glossary already has. */
  defined: Set<string>;
  courseTitle: string;
}

const sentencesOf = sentencesOfParts;

function buildCourse(input: CourseInput, generator: Course['generator'], lang: LanguageProfile): Course {
  const title = input.structure.title.trim() || input.fileName.trim() || 'Untitled course';
  const method = methodOf(lang);
  const plans = planModules(input.structure.sections, input.pageCount, title, lang);
  const parts = plans.flatMap((m) => m.lessons.flatMap((l) => l.parts));
  const glossary = method.glossary(input.structure.sections);
  const ctx: Context = {
    terms: method.terms(parts, input, glossary),
    partIds: new Map(parts.map((p, i) => [p, i])),
    locator: new ChunkLocator(input.chunks, input.pageCount),
    method,
    glossary,
    defined: new Set(),
    courseTitle: title,
  };
  const keySentencesOfDocument: Sentence[] = [];
  const modules = plans.map((plan, i) => buildModule(plan, i, ctx, keySentencesOfDocument));
  const minutes = round1(modules.reduce((n, m) => n + m.readingMinutes, 0));
  const lessonCount = modules.reduce((n, m) => n + m.lessons.length, 0);
  const described = method.description(sentencesOf(parts.slice(0, 12)));
  return {
    title,
    language: lang.code,
    description: describe(
      described.length > 0
        ? described
        : rank(keySentencesOfDocument, keySentencesOfDocument.length >= 6 ? 3 : 2),
      modules.length,
      lessonCount,
      minutes,
    ),
    keyTerms: ctx.terms.top(
      parts.map((_, i) => i),
      TERMS.course,
    ),
    modules,
    readingMinutes: minutes,
    generator,
  };
}

/** Noun-phrase statistics of an English document, boosted by headings and by the terms it defines. */
function phraseIndex(
  parts: readonly Part[],
  input: CourseInput,
  glossary: readonly Definition[],
  lang: AnalysedLanguage,
) {
  const headings = new Set<string>();
  for (const s of input.structure.sections) for (const p of nounPhraseKeys(s.title, lang)) headings.add(p);
  const defined = new Set([...glossary, ...definitionsIn(sentencesOf(parts), lang)].map((d) => d.key));
  const prose = parts.map((p) =>
    sentencesOf([p]).filter((s) => s.prose && !isTableText(s.tags ?? []) && !isContentsEntry(s.text)),
  );
  // The checks eval:quality makes of a key term, made here before it is shown: a content noun phrase where
  // the document first uses it.
  const firstUse = new FirstUse(prose.flat().map((s) => s.text));
  const accept = (term: string) => termProblem(term, lang, firstUse.of(term)) === null;
  return new PhraseIndex(
    prose.map((sentences) => sentences.map((s) => s.tags ?? [])),
    { headings, defined, accept },
    lang,
  );
}

/**
 * A table's header or row read as a line: words repeated (cells of the same kind side by side), or a run of
 * capitalised labels and numbers with no verb. Its word pairs are neighbouring cells, not terms.
 */
function isTableText(tags: readonly Token[]): boolean {
  if (repeatsItself(tags)) return true;
  if (hasVerb(tags)) return false;
  const words = tags.filter((t) => WORD_CHARACTER.test(t.text));
  const labels = words.filter((t) => LABEL_START.test(t.text)).length;
  return words.length >= 3 && labels * 2 > words.length;
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const LABEL_START = /^[\p{Lu}\p{N}]/u;

function nounPhraseKeys(title: string, lang: AnalysedLanguage): string[] {
  const key = PhraseIndex.keyOf(title.replace(/^[0-9.]+\s+/u, ''), lang);
  return key ? [key] : [];
}

function buildModule(plan: ModulePlan, index: number, ctx: Context, keyOfDocument: Sentence[]): Module {
  const lessons = plan.lessons.map((l) => buildLesson(l, ctx, keyOfDocument));
  const keyTerms = ctx.terms.top(idsOf(plan.lessons, ctx), TERMS.module);
  const sentences = sentencesOf(plan.lessons.flatMap((l) => l.parts));
  const definitions = ctx.method.definitions(sentences, ctx);
  const module: Module = {
    title: plan.title,
    pageStart: plan.pageStart,
    pageEnd: plan.pageEnd,
    objectives: ctx.method.objectives({
      title: plan.title,
      firstLessonTitle: plan.lessons[0]?.title ?? plan.title,
      courseTitle: ctx.courseTitle,
      pages: plan.pageStart === plan.pageEnd ? `${plan.pageStart}` : `${plan.pageStart}–${plan.pageEnd}`,
      keyTerms,
      index,
      definitions,
      sentences,
    }),
    keyTerms,
    lessons,
    readingMinutes: round1(lessons.reduce((n, l) => n + l.readingMinutes, 0)),
  };
  if (definitions.length > 0) module.glossary = glossaryOf(definitions, ctx.locator);
  return module;
}

/**
 * The module's own definitions of terms no earlier module defined, then the glossary section's entries for
 * terms its text uses: each term in one module's glossary.
 */
function moduleDefinitions(
  sentences: readonly Sentence[],
  ctx: Context,
  lang: AnalysedLanguage,
): Definition[] {
  const own = definitionsIn(sentences, lang).filter((d) => !ctx.defined.has(d.key));
  const keys = ctx.defined;
  for (const d of own) keys.add(d.key);
  const taken: Definition[] = [];
  const used = new Set(sentences.flatMap((s) => (s.tags ? nounPhrases(s.tags, lang).map((p) => p.key) : [])));
  for (const d of ctx.glossary)
    if (!keys.has(d.key) && (used.has(d.key) || sentences.some((s) => containsTerm(s.text, d.term)))) {
      taken.push(d);
      keys.add(d.key);
    }
  ctx.glossary = ctx.glossary.filter((d) => !taken.includes(d));
  return [...own, ...taken];
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
  const all = sentencesOf(plan.parts);
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

/** What the document says it is: "This manual describes…", "This course is about…" (at most two). */
const SELF =
  /^(?:This|The present) (?:manual|guide|document|documentation|book|handbook|report|paper|tutorial|course|text|chapter|thesis|specification|study|article|reference|booklet|brochure|newsletter|issue|presentation|section|appendix)s? (?:is|are|describes?|explains?|covers?|introduces?|presents?|provides?|documents?|gives?|contains?|shows?|discusses?|summari[sz]es?|outlines?|focuses|aims|will)\b/u;

function selfDescription(sentences: readonly Sentence[]): Sentence[] {
  return sentences.filter((s) => s.good && SELF.test(s.text)).slice(0, 2);
}

/** The description's sentences, then the course's size. */
function describe(picked: readonly Sentence[], modules: number, lessons: number, minutes: number): string {
  const size = `${plural(modules, 'module')}, ${plural(lessons, 'lesson')}, about ${plural(Math.max(1, Math.round(minutes)), 'minute')} of reading.`;
  return [...picked.map((s) => s.text), size].join(' ');
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const round1 = (x: number) => Math.round(x * 10) / 10;
