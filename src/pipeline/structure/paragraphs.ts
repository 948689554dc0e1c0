/**
 * Joins body lines into paragraphs. A paragraph ends at a vertical gap wider than ~1.5 line spacings (or a
 * fifth wider than between its own lines, before a capital: list items), at a first-line indent, or at a page
 * (or column) change after a line that ended a sentence. Lines are joined
 * with a space, without one between CJK characters, and words hyphenated across lines are rejoined.
 * Running headers and footers and the entries of a printed table of contents are left out: they are
 * navigation, not content.
 */
import type { Paragraph, TextLine } from '../../domain/document.ts';
import { collapseWhitespace } from '../pdf/text.ts';
import { isRunningLine, isTocEntry, type Layout } from './layout.ts';
import { hasCjk } from './normalize.ts';

/** Text at least this large (points) is a slide's: lists there are told by spacing alone. */
const SLIDE_TEXT_PT = 16;
/** Characters that end a sentence (or a clause a new paragraph may follow), looked up as a line's last one. */
const SENTENCE_END = new Set('.!?。！？:：)）」』"”');

/** Paragraphs of `layout.lines[from, to)`, in order. */
export function buildParagraphs(layout: Layout, from: number, to: number): Paragraph[] {
  const out: Paragraph[] = [];
  let current: { parts: string[]; length: number; page: number; pageEnd: number; breaks: number[] } | null =
    null;
  let prev: TextLine | null = null;
  let rhythm: PageRhythm = { page: 0, step: 0, right: 0 };
  const flush = () => {
    if (!current) return;
    const text = current.parts.join('').trim();
    if (text) {
      const paragraph: Paragraph = { text, page: current.page, pageEnd: current.pageEnd };
      if (current.breaks.length > 0) paragraph.pageBreaks = current.breaks;
      out.push(paragraph);
    }
    current = null;
  };
  for (let i = from; i < to; i++) {
    const line = layout.lines[i]!;
    const text = collapseWhitespace(line.text);
    if (!text || isRunningLine(layout, i) || (layout.tocPages.has(line.page) && isTocEntry(text))) continue;
    if (rhythm.page !== line.page) rhythm = { page: line.page, step: 0, right: 0 };
    if (!current || !prev || startsParagraph(prev, line, layout, rhythm)) {
      flush();
      current = { parts: [text], length: text.length, page: line.page, pageEnd: line.page, breaks: [] };
    } else {
      if (line.page === prev.page) rhythm.step = lineStep(rhythm.step, prev.y - line.y, prev.fontSize);
      const last = current.parts[current.parts.length - 1]!;
      const joined = joinLine(last, text);
      current.parts[current.parts.length - 1] = joined.previous;
      current.length += joined.previous.length - last.length;
      if (line.page !== current.pageEnd) {
        const offset = current.length + joined.separator.length;
        for (let p = current.pageEnd; p < line.page; p++) current.breaks.push(offset);
        current.pageEnd = line.page;
      }
      current.parts.push(joined.separator + text);
      current.length += joined.separator.length + text.length;
    }
    rhythm.right = Math.max(rhythm.right, line.right ?? 0);
    prev = line;
  }
  flush();
  return out;
}

/**
 * What the lines of a page so far say about its lists: the step between the lines of one paragraph (a full
 * line advance: sub- and superscripts make smaller ones, list items larger), and where the longest line ends.
 */
interface PageRhythm {
  page: number;
  step: number;
  right: number;
}

function startsParagraph(prev: TextLine, line: TextLine, layout: Layout, rhythm: PageRhythm): boolean {
  const endedSentence = endsSentence(prev.text.trimEnd());
  if (line.page !== prev.page) return endedSentence;
  const step = prev.y - line.y;
  // Moving up the page: a new column (or a float); a sentence can run on into it.
  if (step < 0) return endedSentence;
  if (step > Math.max(layout.lineSpacing, prev.fontSize) * 1.5) return true;
  if (startsListItem(prev, line, step, rhythm)) return true;
  const indent = line.x - prev.x;
  return endedSentence && indent > line.fontSize * 0.8 && indent < line.fontSize * 6;
}

/**
 * A list without bullet glyphs (slides): this line starts with a capital or a digit a fifth further down than
 * the lines of one paragraph are apart, and the item before ends short of the page's longest line (by two
 * characters' width at least) unless its text is slide-sized, where ragged lines say nothing.
 */
function startsListItem(prev: TextLine, line: TextLine, step: number, rhythm: PageRhythm): boolean {
  if (rhythm.step === 0 || step < rhythm.step * 1.2 || step - rhythm.step <= 2) return false;
  const endsShort = prev.right !== undefined && prev.right <= rhythm.right - prev.fontSize * 2;
  if (!endsShort && prev.fontSize < SLIDE_TEXT_PT) return false;
  return /^[\p{Lu}\p{N}]/u.test(line.text.trimStart());
}

/** The page's line step after one more step between lines of a paragraph. */
function lineStep(known: number, step: number, fontSize: number): number {
  if (step < fontSize * 0.8 || (known > 0 && step > known * 1.2)) return known;
  return step;
}

/**
 * True when the last character is one of {@link SENTENCE_END}: looked up, because an end-anchored pattern is
 * tried at every position of the line.
 */
function endsSentence(text: string): boolean {
  return text.length > 0 && SENTENCE_END.has(text[text.length - 1]!);
}

const HYPHEN_END = /\p{L}-$/u;
const STARTS_LOWER = /^\p{Ll}/u;

/** How a line continues the text before it: a rejoined hyphenated word, no space between CJK, or a space. */
function joinLine(previous: string, next: string): { previous: string; separator: string } {
  // endsWith first: the end-anchored pattern alone is tried at every position of the paragraph so far.
  if (previous.endsWith('-') && HYPHEN_END.test(previous) && STARTS_LOWER.test(next))
    return { previous: previous.slice(0, -1), separator: '' };
  if (hasCjk(previous.slice(-1)) && hasCjk(next[0]!)) return { previous, separator: '' };
  return { previous, separator: ' ' };
}
