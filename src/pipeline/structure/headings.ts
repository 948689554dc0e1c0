/**
 * Heading detection for PDFs without an outline: a line is a heading when it is drawn larger than the body
 * text, or bold, or starts with a chapter keyword; and it reads like a title (short, mostly letters, not
 * ending like a sentence, not a table row, page number, running header or table-of-contents entry).
 * Levels come from the distinct heading sizes (largest = 1), refined by section numbering depth.
 */

import type { TextLine } from '../../domain/document.ts';
import { MATTER_HEADING } from '../language/xx/index.ts';
import {
  isDotLeaderEntry,
  isRunningLine,
  isTocEntry,
  isTocTitle,
  type Layout,
  sizeKey,
  titleKey,
  tocEntryKey,
} from './layout.ts';
import { hasCjk, type Numbering, parseNumbering } from './normalize.ts';

/** A heading found in the text: lines `[start, end)` of `Layout.lines` (end = start when it has no line). */
export interface Heading {
  start: number;
  end: number;
  title: string;
  level: number;
  page: number;
}

interface Candidate {
  index: number;
  line: TextLine;
  text: string;
  size: number;
  numbering: Numbering | null;
  /** The line is only a number or keyword ("Chapter 4", "第1章", "4"): it needs a title line after it. */
  numberOnly: boolean;
}

/** Lines a heading may span (wrapped titles). */
const MAX_HEADING_LINES = 3;

/** Headings of the document in reading order, with levels 1…n. */
export function detectHeadings(layout: Layout): Heading[] {
  const bodyStyles = bodyLikeStyles(layout);
  const candidates: Candidate[] = [];
  for (let i = 0; i < layout.lines.length; i++) {
    const candidate = asCandidate(layout, i, bodyStyles);
    if (candidate) candidates.push(candidate);
  }
  const listed = contentsTitles(layout);
  const groups = groupCandidates(candidates, layout).filter((group) => isTitle(group, listed));
  return assignLevels(groups, layout.bodySize);
}

/** The titles the document's printed table of contents lists (as {@link tocEntryKey}s). */
function contentsTitles(layout: Layout): Set<string> {
  const out = new Set<string>();
  if (layout.tocPages.size === 0) return out;
  for (const line of layout.lines) {
    if (!layout.tocPages.has(line.page)) continue;
    const key = tocEntryKey(line.text);
    if (key) out.add(key);
  }
  return out;
}

const styleKey = (line: TextLine) => `${sizeKey(line.fontSize)}|${line.bold}`;

/**
 * Styles that run on from line to line like body text: most of their lines are followed, at line spacing,
 * by another line of the same style. Text in them is not a heading however large it is (a document whose
 * most frequent size is a table font has its prose in such a style). Table-of-contents pages don't count.
 */
function bodyLikeStyles(layout: Layout): Set<string> {
  const stats = new Map<string, { lines: number; continued: number }>();
  const { lines } = layout;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (layout.tocPages.has(line.page)) continue;
    const key = styleKey(line);
    const stat = stats.get(key) ?? { lines: 0, continued: 0 };
    stats.set(key, stat);
    stat.lines++;
    const next = lines[i + 1];
    if (!next || next.page !== line.page || styleKey(next) !== key) continue;
    const gap = line.y - next.y;
    if (gap > 0 && gap <= Math.max(line.fontSize * 1.6, layout.lineSpacing * 1.3)) stat.continued++;
  }
  const out = new Set<string>();
  for (const [key, { lines: n, continued }] of stats) if (n >= 8 && continued >= n * 0.6) out.add(key);
  return out;
}

function asCandidate(layout: Layout, index: number, bodyStyles: Set<string>): Candidate | null {
  const line = layout.lines[index]!;
  const text = line.text.trim().replace(/\s+/g, ' ');
  const size = sizeKey(line.fontSize);
  if (size < layout.bodySize || text.length > 200) return null;
  const numbering = parseNumbering(text);
  const larger = size >= layout.bodySize * 1.15;
  if (!larger && !line.bold && !numbering?.keyword) return null;
  if (bodyStyles.has(styleKey(line)) && !numbering?.keyword) return null;
  if (isRunningLine(layout, index) || isDotLeaderEntry(text)) return null;
  if (layout.tocPages.has(line.page) && !isTocPageTitle(layout, index, size)) return null;
  const title = numbering ? text.slice(numbering.length) : text;
  const numberOnly = title.replace(/^[\s.:\-–—)]+/u, '').length === 0;
  if (numberOnly && !numbering?.keyword && !(numbering && size >= layout.bodySize * 1.3)) return null;
  return { index, line, text, size, numbering, numberOnly };
}

/** On a printed table of contents only its own title may be a heading ("Contents", or a large first line). */
function isTocPageTitle(layout: Layout, index: number, size: number): boolean {
  const text = layout.lines[index]!.text;
  if (isTocTitle(text)) return true;
  const first = index - layout.pageStart[layout.lines[index]!.page]! < 2;
  return first && size >= layout.bodySize * 1.3 && !isTocEntry(text);
}

/**
 * A candidate group whose joined text reads like a title. A run-in heading set in TeX's style ends with a full
 * stop ("1. Greetings!."): it is still one when the printed table of contents lists its title.
 */
function isTitle(group: Candidate[], listed: Set<string>): boolean {
  if (group.length === 1 && group[0]!.numberOnly) return false;
  const text = joinTitle(group);
  const numbering = parseNumbering(text);
  const title = numbering ? text.slice(numbering.length).replace(/^[\s.:\-–—)]+/u, '') : text;
  if (readsLikeTitle(text, title)) return true;
  return /[.:]$/u.test(title) && listed.has(titleKey(title)) && readsLikeTitle(text, title.slice(0, -1));
}

/**
 * Run-in labels of theorems, examples and captions ("Definition 2", "Beispiel 6 (Lie-Gruppen)", "Table 3:",
 * "図 1"): bold and set apart, but a course would drown in them as sections.
 */
const LABEL_WORDS = new Set(
  `definition theorem lemma proof corollary proposition example remark exercise figure fig. table listing equation
  definição teorema exemplo observação figura tabela gráfico quadro beispiel bemerkung satz folgerung beweis aufgabe
  korollar abbildung tabelle théorème exemple remarque tableau ejemplo tabla 図 表`.split(/\s+/),
);
const LABEL = /^(\p{L}+\.?)\s*(?:\d+|[IVX]+|[A-Z])(?:[.\-–]\d+)*(?=$|[\s.:(（])/u;

function isLabel(text: string): boolean {
  const m = LABEL.exec(text);
  return m !== null && LABEL_WORDS.has(m[1]!.toLowerCase());
}

/** A title's ending whose stop is its own, not a sentence's: "...", "etc.". */
const OPEN_ENDING = /\.\.\.$|etc\.$/u;

/** Short, starting with a letter, mostly letters, no sentence end, not a label, table row, URL or page number. */
function readsLikeTitle(text: string, title: string): boolean {
  if (isLabel(text)) return false;
  const cjk = hasCjk(title);
  const words = title.split(' ');
  if (cjk ? title.length > 60 : title.length > 150 || words.length > 20) return false;
  if (!/^[\p{L}\p{N}"'“‘(「『【《〈]/u.test(title)) return false;
  if (/[.,;:。．，、：]$/u.test(title) && !OPEN_ENDING.test(title)) return false;
  if (/^[ivxlcdm]+$/iu.test(title) || /https?:|www\.|@\w+\./iu.test(text)) return false;
  const letters = title.match(/\p{L}/gu)?.length ?? 0;
  const digits = title.match(/\p{N}/gu)?.length ?? 0;
  if (letters < (cjk ? 1 : 2) || digits > letters) return false;
  const numericWords = words.filter((w) => /\d/.test(w)).length;
  return numericWords < 3 || numericWords <= words.length * 0.4;
}

/** Merges wrapped headings and "Chapter 4" + title pairs. */
function groupCandidates(candidates: Candidate[], layout: Layout): Candidate[][] {
  const groups: Candidate[][] = [];
  for (const c of candidates) {
    const group = groups[groups.length - 1];
    const last = group?.[group.length - 1];
    if (group && last && continuesHeading(last, c, group.length, layout)) group.push(c);
    else groups.push([c]);
  }
  return groups;
}

function continuesHeading(last: Candidate, next: Candidate, groupSize: number, layout: Layout): boolean {
  if (next.index !== last.index + 1 || next.line.page !== last.line.page || groupSize >= MAX_HEADING_LINES) {
    return false;
  }
  if ((next.numbering && !last.numberOnly) || /[.!?。．！？]$/u.test(last.text)) return false;
  const gap = last.line.y - next.line.y;
  if (gap <= 0 || gap > Math.max(last.size, next.size) * 2.2 + layout.lineSpacing) return false;
  if (last.numberOnly) return true;
  return next.size === last.size && next.line.bold === last.line.bold;
}

/** A heading style: its size, with body-size bold text ranked below every larger size. */
function styleRank(size: number, bodySize: number): number {
  return size > bodySize ? size : 0;
}

function assignLevels(groups: Candidate[][], bodySize: number): Heading[] {
  const ranks = [...new Set(groups.map((g) => styleRank(headingSize(g), bodySize)))].sort((a, b) => b - a);
  const rankLevel = new Map(ranks.map((r, i) => [r, i + 1]));
  const offset = numberingOffset(groups, rankLevel, bodySize);
  const headings = groups.map((group): Heading => {
    const first = group[0]!;
    const last = group[group.length - 1]!;
    const level = rankLevel.get(styleRank(headingSize(group), bodySize))!;
    const numbering = first.numbering;
    const numbered = numbering && !numbering.keyword && offset !== null ? numbering.depth + offset : null;
    const title = withoutRunInStop(joinTitle(group));
    // "Contents", "References"…: siblings of the top numbered sections, whatever their size.
    const matter = !numbering && offset !== null && isFrontOrBackMatter(title) ? 1 + offset : null;
    return {
      start: first.index,
      end: last.index + 1,
      title,
      level: Math.max(1, numbered ?? matter ?? level),
      page: first.line.page,
    };
  });
  return denseLevels(headings);
}

/** A heading of front or back matter, in any language (see src/pipeline/language). */
function isFrontOrBackMatter(title: string): boolean {
  return MATTER_HEADING.test(title.trim());
}

/** The size of a heading's title (the line after a number-only line may be smaller than the number). */
function headingSize(group: Candidate[]): number {
  return group.find((c) => !c.numberOnly)?.size ?? group[0]!.size;
}

/** The most common (style level − numbering depth) among numbered headings, or null when none are numbered. */
function numberingOffset(
  groups: Candidate[][],
  rankLevel: Map<number, number>,
  bodySize: number,
): number | null {
  const counts = new Map<number, number>();
  for (const group of groups) {
    const numbering = group[0]!.numbering;
    if (!numbering || numbering.keyword) continue;
    const offset = rankLevel.get(styleRank(headingSize(group), bodySize))! - numbering.depth;
    counts.set(offset, (counts.get(offset) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestCount = 0;
  for (const [offset, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== null && offset < best))
      [best, bestCount] = [offset, count];
  }
  return best;
}

/** Renumbers the levels in use as 1, 2, 3… keeping their order. */
function denseLevels(headings: Heading[]): Heading[] {
  const used = [...new Set(headings.map((h) => h.level))].sort((a, b) => a - b);
  const dense = new Map(used.map((level, i) => [level, i + 1]));
  return headings.map((h) => ({ ...h, level: dense.get(h.level)! }));
}

/** "1. Greetings!." → "1. Greetings!": the stop of a run-in heading (see {@link isTitle}) is not its title's. */
function withoutRunInStop(title: string): string {
  return /[.:]$/u.test(title) && !OPEN_ENDING.test(title) ? title.slice(0, -1) : title;
}

function joinTitle(group: Candidate[]): string {
  let title = '';
  for (const c of group) {
    if (!title) title = c.text;
    else if (title.endsWith('-') && /^\p{Ll}/u.test(c.text)) title = title.slice(0, -1) + c.text;
    else title += hasCjk(title.slice(-1)) && hasCjk(c.text[0]!) ? c.text : ` ${c.text}`;
  }
  return title;
}
