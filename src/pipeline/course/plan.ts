/**
 * How a document's sections become modules and lessons.
 *
 * Modules are the top-level sections, split when one spans more than {@link MAX_MODULE_PAGES} pages (by its
 * sub-sections, or by page ranges when it has none) and merged when neighbours are tiny (a title page, a
 * copyright notice). Lessons are the sections inside a module, each with its sub-sections folded in. Sections
 * with no text fold into the next lesson; in English, a lesson with text but no sentence fit to show (a slide
 * of labels, a table) joins the lesson before it, and a module of such lessons the module before it. Front and
 * back matter (title page, licence, contents, index, bibliography…) gives no text to any lesson; a glossary's
 * entries are definitions (see {@link glossaryParts}).
 */

import type { Matter, Section } from '../../domain/document.ts';
import { isAnalysed, type LanguageProfile } from '../language/index.ts';
import { isSkippedMatter, matterOfTitle } from '../structure/matter.ts';
import { addSizes, analyseSection, type ParagraphText, type Sentence, type TextSize } from './text.ts';

/** A module spans at most this many pages unless a single page range cannot be cut. */
export const MAX_MODULE_PAGES = 30;
/** Neighbouring modules this small (pages and words) are merged. */
const SMALL_MODULE = { pages: 2, words: 500 } as const;
/** Merged small modules stop growing past this many words. */
const MERGED_MODULE_WORDS = 1500;

/** Some paragraphs of one section: the unit of text (and the "document" of key-term statistics). */
export interface Part {
  section: Section;
  paragraphs: ParagraphText[];
}

export interface LessonPlan {
  title: string;
  sectionPath: string[];
  pageStart: number;
  pageEnd: number;
  parts: Part[];
  size: TextSize;
}

export interface ModulePlan {
  title: string;
  pageStart: number;
  pageEnd: number;
  lessons: LessonPlan[];
}

interface Node {
  section: Section;
  texts: ParagraphText[];
  children: Node[];
}

/** The kind of front or back matter a section is, from the structure stage or its title. */
export const matterOfSection = (s: Section) => s.matter ?? matterOfItsTitle(s);

/**
 * The matter a section's title names, worked out once per section: planning asks it two or three times of
 * every section, and its title patterns of every language cost ~120 ms over the 10 bench manuals' courses.
 */
const titleMatters = new WeakMap<Section, Matter | null>();
function matterOfItsTitle(s: Section): Matter | null {
  let matter = titleMatters.get(s);
  if (matter === undefined) {
    matter = matterOfTitle(s.title);
    titleMatters.set(s, matter);
  }
  return matter;
}

/** True when a section's own text is front or back matter that no lesson shows. */
const isMatter = (s: Section) => isSkippedMatter(matterOfSection(s));

/** Plans the modules of a document. Always returns at least one module with at least one lesson. */
export function planModules(
  sections: readonly Section[],
  pageCount: number,
  fallbackTitle: string,
  lang: LanguageProfile,
): ModulePlan[] {
  const clean = sections.map((s) => clampPages(s, pageCount));
  if (clean.length === 0) clean.push(emptySection(fallbackTitle));
  // A document that is all front matter (a one-page notice) keeps its text rather than having none.
  const skip = clean.some(
    (s) => !isMatter(s) && matterOfSection(s) !== 'glossary' && s.paragraphs.length > 0,
  );
  const modules = unwrap(buildTree(clean, lang, skip), pageCount).flatMap((root) => {
    const lessons = lessonsOf(root);
    return packLessons(root.section.title, lessons.length > 0 ? lessons : [ownLesson(root)]);
  });
  const folding = foldingOf(lang);
  const folded = mergeSmall(dropEmpty(modules.map((m) => foldEmptyLessons(m, folding.empty))));
  if (!folding.continuations) return folded;
  // After merging: a slide deck's slides are modules of their own until then.
  return foldModules(folded).map((m) => foldContinuations(m, hasNoGoodSentence));
}

/**
 * Which lessons fold into their neighbours. Where sentences are analysed, whether one is fit to show is known
 * well enough to fold a lesson without any (a slide of labels, a table) into the one before it; elsewhere only a
 * lesson without text folds.
 */
interface Folding {
  /** A lesson with nothing to summarise: it gives its pages to the next lesson. */
  empty: (l: LessonPlan) => boolean;
  /** Lessons and modules with no sentence fit to show join the ones before them. */
  continuations: boolean;
}

const foldingOf = (lang: LanguageProfile): Folding =>
  isAnalysed(lang) ? { empty: isThin, continuations: true } : { empty: isEmpty, continuations: false };

function clampPages(section: Section, pageCount: number): Section {
  const last = Math.max(1, pageCount);
  const pageStart = Math.min(Math.max(1, section.pageStart || 1), last);
  const pageEnd = Math.min(Math.max(pageStart, section.pageEnd || pageStart), last);
  const paragraphs = section.paragraphs.map((p) => {
    const page = Math.min(Math.max(pageStart, p.page || pageStart), pageEnd);
    return { ...p, page, pageEnd: Math.min(Math.max(page, p.pageEnd || page), pageEnd) };
  });
  return { ...section, title: section.title.trim() || 'Untitled', pageStart, pageEnd, paragraphs };
}

function emptySection(title: string): Section {
  return { index: 0, title, level: 1, path: [title], pageStart: 1, pageEnd: 1, paragraphs: [] };
}

/** The sections of a glossary, each as a part whose sentences hold its entries. */
export function glossaryParts(sections: readonly Section[], lang: LanguageProfile): Part[] {
  return sections
    .filter((s) => matterOfSection(s) === 'glossary')
    .map((section) => ({ section, paragraphs: analyseSection(section, lang) }));
}

/**
 * Sections in document order → trees by level (a deeper section belongs to the last shallower one). With
 * `skipMatter`, front and back matter and glossaries keep their place in the tree but bring no text.
 */
function buildTree(sections: readonly Section[], lang: LanguageProfile, skipMatter: boolean): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  for (const section of sections) {
    const noText = skipMatter && (isMatter(section) || matterOfSection(section) === 'glossary');
    const node: Node = { section, texts: noText ? [] : analyseSection(section, lang), children: [] };
    while (stack.length > 0 && stack[stack.length - 1]!.section.level >= section.level) stack.pop();
    if (stack.length === 0) roots.push(node);
    else stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  }
  return roots;
}

/** A section this long (and not longer than a module) that wraps the document has its modules one level down. */
const WRAPPER_PAGES = 20;

/**
 * Top-level sections, with a wrapper replaced by its children: the one long section over everything (the
 * title over a whole bill, "An Act" over its titles) would be a single module whose chapters are lessons.
 * Its own text stays, as a section of its own before them.
 */
function unwrap(roots: Node[], pageCount: number): Node[] {
  let current = roots;
  for (;;) {
    const long = current.filter((r) => pagesOf(spanOf(subtree(r))) > 2);
    const wrapper = long.length === 1 ? long[0]! : undefined;
    // A longer one is cut into several modules anyway (see lessonsOf and packLessons); a shorter one, or one
    // that leaves a fifth of the document out, is a chapter among others.
    const pages = wrapper ? pagesOf(spanOf(subtree(wrapper))) : 0;
    if (
      !wrapper ||
      wrapper.children.length === 0 ||
      pages < WRAPPER_PAGES ||
      pages > MAX_MODULE_PAGES ||
      pages < pageCount * 0.8
    )
      return current;
    const own: Node = {
      section: { ...wrapper.section, pageEnd: pageEndOfText(wrapper) },
      texts: wrapper.texts,
      children: [],
    };
    current = current.flatMap((r) =>
      r === wrapper ? [...(own.texts.length > 0 ? [own] : []), ...wrapper.children] : [r],
    );
  }
}

function subtree(node: Node): Node[] {
  return [node, ...node.children.flatMap(subtree)];
}

function spanOf(nodes: readonly Node[]): { pageStart: number; pageEnd: number } {
  return {
    pageStart: Math.min(...nodes.map((n) => n.section.pageStart)),
    pageEnd: Math.max(...nodes.map((n) => n.section.pageEnd)),
  };
}

const pagesOf = (x: { pageStart: number; pageEnd: number }) => x.pageEnd - x.pageStart + 1;

function lesson(
  title: string,
  section: Section,
  parts: Part[],
  span: { pageStart: number; pageEnd: number },
) {
  const size = sizeOfParts(parts);
  return { title, sectionPath: section.path.length > 0 ? section.path : [title], ...span, parts, size };
}

/**
 * Lessons of a subtree: its own text, then one per child with the child's descendants folded in. A child too
 * long for a module contributes its own lessons instead; text too long for a module is cut by page ranges.
 */
function lessonsOf(node: Node): LessonPlan[] {
  const whole = spanOf(subtree(node));
  if (pagesOf(whole) <= MAX_MODULE_PAGES) {
    const own = node.texts.length > 0 ? [ownLesson(node)] : [];
    const children = node.children.map((c) => {
      const nodes = subtree(c);
      const parts = nodes.map((n) => ({ section: n.section, paragraphs: n.texts }));
      return lesson(c.section.title, c.section, parts, spanOf(nodes));
    });
    return [...own, ...children];
  }
  const own = node.texts.length > 0 ? splitByPages(node) : [];
  return [...own, ...node.children.flatMap(lessonsOf)];
}

function ownLesson(node: Node): LessonPlan {
  return lesson(node.section.title, node.section, [{ section: node.section, paragraphs: node.texts }], {
    pageStart: node.section.pageStart,
    pageEnd: node.children.length > 0 ? pageEndOfText(node) : node.section.pageEnd,
  });
}

/** Last page of a section's own paragraphs (its children may run on far beyond). */
function pageEndOfText(node: Node): number {
  const last = node.section.paragraphs.at(-1);
  return last ? Math.max(last.pageEnd, node.section.pageStart) : node.section.pageStart;
}

/** A section's own text in windows of at most MAX_MODULE_PAGES pages, one lesson each. */
function splitByPages(node: Node): LessonPlan[] {
  const { section } = node;
  const windows: { pageStart: number; pageEnd: number; from: number; to: number }[] = [];
  section.paragraphs.forEach((p, i) => {
    const current = windows.at(-1);
    if (current && p.page < current.pageStart + MAX_MODULE_PAGES) {
      current.pageEnd = Math.max(
        current.pageEnd,
        Math.min(p.pageEnd, current.pageStart + MAX_MODULE_PAGES - 1),
      );
      current.to = i + 1;
    } else windows.push({ pageStart: p.page, pageEnd: Math.max(p.page, p.pageEnd), from: i, to: i + 1 });
  });
  if (windows.length <= 1) return [ownLesson(node)];
  return windows.map((w) => {
    const title = `${section.title} (pages ${w.pageStart}–${w.pageEnd})`;
    const parts = [{ section, paragraphs: node.texts.slice(w.from, w.to) }];
    return lesson(title, section, parts, { pageStart: w.pageStart, pageEnd: w.pageEnd });
  });
}

/** Consecutive lessons (at least one) of one top-level section packed into modules of at most MAX_MODULE_PAGES pages. */
function packLessons(rootTitle: string, lessons: LessonPlan[]): ModulePlan[] {
  const groups: LessonPlan[][] = [];
  for (const l of lessons) {
    const group = groups.at(-1);
    if (group && pagesOf(spanOfLessons([...group, l])) <= MAX_MODULE_PAGES) group.push(l);
    else groups.push([l]);
  }
  return groups.map((group) => {
    const first = group[0]!;
    const title =
      groups.length === 1
        ? rootTitle
        : first.title.startsWith(rootTitle)
          ? first.title
          : `${rootTitle}: ${first.title}`;
    return { title, ...spanOfLessons(group), lessons: group };
  });
}

function spanOfLessons(lessons: readonly LessonPlan[]): { pageStart: number; pageEnd: number } {
  if (lessons.length === 0) return { pageStart: 1, pageEnd: 1 };
  return {
    pageStart: Math.min(...lessons.map((l) => l.pageStart)),
    pageEnd: Math.max(...lessons.map((l) => l.pageEnd)),
  };
}

const wordsOf = (lessons: readonly LessonPlan[]) =>
  lessons.reduce((n, l) => n + l.size.words + l.size.cjkChars / 2, 0);
const isEmpty = (l: LessonPlan) => l.size.words === 0 && l.size.cjkChars === 0;
const sentencesOf = (l: LessonPlan) => sentencesOfParts(l.parts);

/** The sentences of some parts, in order (a loop: nested flatMaps cost more than the rest of a module). */
export function sentencesOfParts(parts: readonly Part[]): Sentence[] {
  const out: Sentence[] = [];
  for (const p of parts) for (const t of p.paragraphs) for (const s of t.sentences) out.push(s);
  return out;
}
/**
 * English: a lesson with no sentence fit to show and hardly a list item (a part's title page, a table) has
 * nothing to summarise either.
 */
const isThin = (l: LessonPlan) => {
  const sentences = sentencesOf(l);
  return !sentences.some((s) => s.good) && sentences.filter((s) => s.prose).length < 2;
};
/**
 * English: a lesson with text but no sentence fit to show (a slide of bullet points, a table, a list) cannot
 * be summarised by itself; it reads as the continuation of the lesson before it.
 */
const hasNoGoodSentence = (l: LessonPlan) => !sentencesOf(l).some((s) => s.good);

/** Lessons with no text give their pages to the next lesson (the previous one when last). */
function foldEmptyLessons(module: ModulePlan, foldable: (l: LessonPlan) => boolean): ModulePlan {
  const kept: LessonPlan[] = [];
  let pendingStart: number | null = null;
  for (const l of module.lessons) {
    if (foldable(l)) {
      pendingStart = Math.min(pendingStart ?? l.pageStart, l.pageStart);
      continue;
    }
    kept.push(pendingStart === null ? l : { ...l, pageStart: Math.min(pendingStart, l.pageStart) });
    pendingStart = null;
  }
  const last = kept.at(-1);
  if (last && pendingStart !== null) kept[kept.length - 1] = { ...last, pageEnd: module.pageEnd };
  return { ...module, lessons: kept.length > 0 ? kept : module.lessons.slice(0, 1) };
}

/**
 * English: lessons that cannot stand alone (`continues`) give their text and pages to the lesson before them
 * (the next one when first), unless no lesson of the module can stand alone.
 */
function foldContinuations(module: ModulePlan, continues: (l: LessonPlan) => boolean): ModulePlan {
  if (module.lessons.every(continues)) return module;
  const kept: LessonPlan[] = [];
  let leading: LessonPlan[] = [];
  for (const l of module.lessons) {
    const previous = kept.at(-1);
    if (continues(l)) {
      if (previous) kept[kept.length - 1] = joinLessons(previous, l);
      else leading.push(l);
      continue;
    }
    const parts = [...leading.flatMap((x) => x.parts), ...l.parts];
    const pageStart = Math.min(l.pageStart, ...leading.map((x) => x.pageStart));
    kept.push({ ...l, pageStart, parts, size: sizeOfParts(parts) });
    leading = [];
  }
  return { ...module, lessons: kept };
}

/**
 * English: a module with no sentence fit to show (a run of tables) gives its text and pages to the last lesson
 * of the module before it (the first lesson of the next when it is first), unless no module has one.
 */
function foldModules(modules: readonly ModulePlan[]): ModulePlan[] {
  const stands = (m: ModulePlan) => !m.lessons.every(hasNoGoodSentence);
  if (!modules.some(stands)) return [...modules];
  // Joined, a module still spans at most MAX_MODULE_PAGES; past that a run of tables stays a module of its own.
  const fits = (from: { pageStart: number }, to: { pageEnd: number }) =>
    to.pageEnd - from.pageStart + 1 <= MAX_MODULE_PAGES;
  const out: ModulePlan[] = [];
  let pending: ModulePlan[] = [];
  for (const m of modules) {
    const previous = out.at(-1);
    if (!stands(m)) {
      if (previous && fits(previous, m)) out[out.length - 1] = appendLessons(previous, m.lessons);
      else if (previous) out.push(m);
      else pending.push(m);
      continue;
    }
    const [first, ...rest] = m.lessons;
    if (pending.length === 0 || !fits(pending[0]!, first!)) {
      out.push(...pending, m);
      pending = [];
      continue;
    }
    const joined = pending
      .flatMap((p) => p.lessons)
      .reduceRight((l, before) => joinLessons(before, l), first!);
    out.push({
      ...m,
      pageStart: Math.min(m.pageStart, joined.pageStart),
      lessons: [{ ...joined, title: first!.title, sectionPath: first!.sectionPath }, ...rest],
    });
    pending = [];
  }
  return out;
}

/** `lessons`' text and pages appended to the last lesson of `module`. */
function appendLessons(module: ModulePlan, lessons: readonly LessonPlan[]): ModulePlan {
  const last = lessons.reduce((l, next) => joinLessons(l, next), module.lessons.at(-1)!);
  return {
    ...module,
    pageEnd: Math.max(module.pageEnd, last.pageEnd),
    lessons: [...module.lessons.slice(0, -1), last],
  };
}

/** `next`'s text and pages appended to `lesson`. */
function joinLessons(lesson: LessonPlan, next: LessonPlan): LessonPlan {
  const parts = [...lesson.parts, ...next.parts];
  return {
    ...lesson,
    pageStart: Math.min(lesson.pageStart, next.pageStart),
    pageEnd: Math.max(lesson.pageEnd, next.pageEnd),
    parts,
    size: sizeOfParts(parts),
  };
}

const sizeOfParts = (parts: readonly Part[]) =>
  addSizes(parts.flatMap((p) => p.paragraphs.map((t) => t.size)));

/** Runs of tiny neighbouring modules become one module. */
function mergeSmall(modules: ModulePlan[]): ModulePlan[] {
  const out: ModulePlan[] = [];
  let run: ModulePlan[] = [];
  const flush = () => {
    if (run.length > 0) out.push(run.length === 1 ? run[0]! : mergeRun(run));
    run = [];
  };
  for (const m of modules) {
    const small = pagesOf(m) <= SMALL_MODULE.pages && wordsOf(m.lessons) < SMALL_MODULE.words;
    if (!small) {
      flush();
      out.push(m);
      continue;
    }
    const lessons = [...run.flatMap((r) => r.lessons), ...m.lessons];
    if (
      run.length > 0 &&
      (pagesOf(spanOfLessons(lessons)) > MAX_MODULE_PAGES || wordsOf(lessons) > MERGED_MODULE_WORDS)
    )
      flush();
    run.push(m);
  }
  flush();
  return out;
}

function mergeRun(run: readonly ModulePlan[]): ModulePlan {
  const titles = run.map((m) => m.title);
  const title = titles.length <= 3 ? titles.join(' · ') : `${titles[0]} – ${titles.at(-1)}`;
  const lessons = run.flatMap((m) => m.lessons);
  return { title, ...spanOfLessons(lessons), lessons };
}

/** Modules with no text at all are dropped, unless every module is empty (then the first stays). */
function dropEmpty(modules: ModulePlan[]): ModulePlan[] {
  const kept = modules.filter((m) => m.lessons.some((l) => !isEmpty(l)));
  return kept.length > 0 ? kept : modules.slice(0, 1);
}
