/**
 * The section tree: outline entries placed on their heading lines, and headings turned into sections with
 * paths, page ranges and their own paragraphs.
 */
import type { Matter, OutlineEntry, Section } from '../../domain/document.ts';
import { matterOfLines, matterOfTitle } from '../structure/matter.ts';
import type { Heading } from './headings.ts';
import type { Layout } from './layout.ts';
import { normalizeTitle, titlesMatch } from './normalize.ts';
import { buildParagraphs } from './paragraphs.ts';

/** Lines after a matched line that may still hold the rest of a wrapped title. */
const MAX_TITLE_LINES = 3;

/**
 * Places each outline entry on the line of its page that holds its title (fuzzy: normalised, wrapped over
 * up to three lines), searching forward from the previous entry so repeated titles land in order. Entries
 * without a matching line start at their page's top (or where the previous entry ends, when that is further
 * down); entries without a page start where the next entry with a page does.
 */
export function locateOutline(outline: OutlineEntry[], layout: Layout, pageCount: number): Heading[] {
  const pages = resolvePages(outline, pageCount);
  const headings: Heading[] = [];
  const lineTitle = lineTitles(layout);
  let cursor = 0;
  outline.forEach((entry, i) => {
    const title = entry.title.trim() || `Section ${i + 1}`;
    const page = pages[i]!;
    if (page > pageCount) {
      headings.push({
        start: layout.lines.length,
        end: layout.lines.length,
        title,
        level: entry.level,
        page: pageCount,
      });
      return;
    }
    const from = Math.max(cursor, layout.pageStart[page]!);
    const match = hasPage(entry, pageCount)
      ? findTitle(lineTitle, normalizeTitle(entry.title), from, layout.pageStart[page + 1]!)
      : null;
    const start = match ? match.start : from;
    const end = match ? match.end : start;
    headings.push({ start, end, title, level: entry.level, page });
    cursor = end;
  });
  return headings;
}

function hasPage(entry: OutlineEntry, pageCount: number): boolean {
  return entry.page !== null && entry.page >= 1 && entry.page <= pageCount;
}

/**
 * Each entry's page: its own, else the next entry's that has one (a parent without a destination starts
 * with its first child), else `pageCount + 1` (the end). Pages never decrease: an entry out of page order
 * cannot take back text already given to an earlier one.
 */
function resolvePages(outline: OutlineEntry[], pageCount: number): number[] {
  const pages = new Array<number>(outline.length);
  let next = pageCount + 1;
  for (let i = outline.length - 1; i >= 0; i--) {
    const entry = outline[i]!;
    if (hasPage(entry, pageCount)) next = entry.page!;
    pages[i] = next;
  }
  for (let i = 1; i < pages.length; i++) pages[i] = Math.max(pages[i]!, pages[i - 1]!);
  return pages;
}

/**
 * Each line's {@link normalizeTitle}, made when first asked: the entries of one page search its lines again and
 * again (each line alone and joined with the next two).
 */
function lineTitles(layout: Layout): (line: number) => string {
  const titles: (string | undefined)[] = [];
  return (line) => (titles[line] ??= normalizeTitle(layout.lines[line]!.text));
}

/** The first line in `[from, to)` whose text (alone or with the next lines) matches the title. */
function findTitle(
  lineTitle: (line: number) => string,
  title: string,
  from: number,
  to: number,
): { start: number; end: number } | null {
  if (!title) return null;
  let containing: { start: number; end: number } | null = null;
  for (let i = from; i < to; i++) {
    let text = '';
    for (let j = i; j < Math.min(to, i + MAX_TITLE_LINES); j++) {
      text += lineTitle(j);
      if (text === title) return { start: i, end: j + 1 };
      if (!title.startsWith(text)) {
        if (!containing && j === i && text.length <= title.length * 2 + 8 && titlesMatch(text, title)) {
          containing = { start: i, end: i + 1 };
        }
        break;
      }
    }
  }
  return containing;
}

/**
 * Sections from headings in document order: text before the first heading goes to a section titled
 * `preambleTitle`; each section holds the paragraphs between its heading and the next one.
 */
export function sectionsFromHeadings(found: Heading[], layout: Layout, preambleTitle: string): Section[] {
  const headings = endContentsAtTheirPages(found, layout, preambleTitle);
  const lineCount = layout.lines.length;
  const first = headings[0]?.start ?? lineCount;
  const parts: { heading: Heading; from: number; to: number }[] = [];
  if (first > 0)
    parts.push({
      heading: { start: 0, end: 0, title: preambleTitle, level: 1, page: 1 },
      from: 0,
      to: first,
    });
  headings.forEach((heading, i) => {
    parts.push({ heading, from: heading.end, to: headings[i + 1]?.start ?? lineCount });
  });
  const stack: Section[] = [];
  const sections = parts.map(({ heading, from, to }, index): Section => {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= heading.level) stack.pop();
    const section: Section = {
      index,
      title: heading.title,
      level: heading.level,
      path: [...stack.map((s) => s.title), heading.title],
      pageStart: heading.page,
      pageEnd: heading.page,
      paragraphs: buildParagraphs(layout, from, to),
    };
    const matter = matterOf(heading, layout, from, to, index);
    if (matter) section.matter = matter;
    stack.push(section);
    return section;
  });
  setPageEnds(sections, parts, layout);
  return sections;
}

/**
 * Lines past the printed table of contents that a "Contents" section may hold: beyond them, the text after
 * the contents pages is a section of its own, titled like the text before the first heading. Without it, a
 * document whose chapters were not found as headings had all its text under "Contents" (PARI's tutorial: 729
 * paragraphs), skipped as front matter, and was refused as having no text.
 */
const CONTENTS_SPILL_LINES = 20;

function endContentsAtTheirPages(headings: Heading[], layout: Layout, title: string): Heading[] {
  const out: Heading[] = [];
  headings.forEach((heading, i) => {
    out.push(heading);
    if (matterOfTitle(heading.title) !== 'contents') return;
    const to = headings[i + 1]?.start ?? layout.lines.length;
    let past = heading.end;
    while (past < to && layout.tocPages.has(layout.lines[past]!.page)) past++;
    if (past === heading.end || to - past <= CONTENTS_SPILL_LINES) return;
    out.push({ start: past, end: past, title, level: heading.level, page: layout.lines[past]!.page });
  });
  return out;
}

/** Front or back matter by the section's title, else by its lines (see matterOfLines). */
function matterOf(heading: Heading, layout: Layout, from: number, to: number, index: number): Matter | null {
  const byTitle = matterOfTitle(heading.title);
  if (byTitle) return byTitle;
  const lines: string[] = [];
  for (let i = from; i < to && lines.length < 400; i++) lines.push(layout.lines[i]!.text);
  const pages = Math.max(1, layout.lines.at(-1)?.page ?? 1);
  return matterOfLines(lines, {
    firstPage: index === 0 && heading.page === 1,
    at: (heading.page - 1) / pages,
  });
}

/**
 * A section's page range covers its subsections: it ends where the next section of the same or a higher
 * level begins (on the page before, when that section starts at the top of its page).
 */
function setPageEnds(sections: Section[], parts: { heading: Heading }[], layout: Layout): void {
  const lastPage = layout.lines[layout.lines.length - 1]?.page ?? 1;
  const open: Section[] = [];
  const close = (section: Section, next: Heading | null) => {
    let end = lastPage;
    if (next) end = layout.pageStart[next.page] === next.start ? next.page - 1 : next.page;
    section.pageEnd = Math.max(section.pageStart, end);
  };
  sections.forEach((section, i) => {
    while (open.length > 0 && open[open.length - 1]!.level >= section.level)
      close(open.pop()!, parts[i]!.heading);
    open.push(section);
  });
  for (const section of open) close(section, null);
}
