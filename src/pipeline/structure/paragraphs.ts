/**
 * Joins body lines into paragraphs. A paragraph ends at a vertical gap wider than ~1.5 line spacings, at a
 * first-line indent, or at a page (or column) change after a line that ended a sentence. Lines are joined
 * with a space, without one between CJK characters, and words hyphenated across lines are rejoined.
 * Running headers and footers and the entries of a printed table of contents are left out: they are
 * navigation, not content.
 */
import type { Paragraph, TextLine } from '../types.ts';
import { isRunningLine, isTocEntry, type Layout } from './layout.ts';
import { hasCjk } from './normalize.ts';

const SENTENCE_END = /[.!?。！？:：)）」』"”]$/u;

/** Paragraphs of `layout.lines[from, to)`, in order. */
export function buildParagraphs(layout: Layout, from: number, to: number): Paragraph[] {
  const out: Paragraph[] = [];
  let current: { parts: string[]; length: number; page: number; pageEnd: number; breaks: number[] } | null =
    null;
  let prev: TextLine | null = null;
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
    const text = line.text.trim().replace(/\s+/g, ' ');
    if (!text || isRunningLine(layout, i) || (layout.tocPages.has(line.page) && isTocEntry(text))) continue;
    if (!current || !prev || startsParagraph(prev, line, layout)) {
      flush();
      current = { parts: [text], length: text.length, page: line.page, pageEnd: line.page, breaks: [] };
    } else {
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
    prev = line;
  }
  flush();
  return out;
}

function startsParagraph(prev: TextLine, line: TextLine, layout: Layout): boolean {
  const endedSentence = SENTENCE_END.test(prev.text.trimEnd());
  if (line.page !== prev.page) return endedSentence;
  const step = prev.y - line.y;
  // Moving up the page: a new column (or a float); a sentence can run on into it.
  if (step < 0) return endedSentence;
  if (step > Math.max(layout.lineSpacing, prev.fontSize) * 1.5) return true;
  const indent = line.x - prev.x;
  return endedSentence && indent > line.fontSize * 0.8 && indent < line.fontSize * 6;
}

/** How a line continues the text before it: a rejoined hyphenated word, no space between CJK, or a space. */
function joinLine(previous: string, next: string): { previous: string; separator: string } {
  if (/\p{L}-$/u.test(previous) && /^\p{Ll}/u.test(next))
    return { previous: previous.slice(0, -1), separator: '' };
  if (hasCjk(previous.slice(-1)) && hasCjk(next[0]!)) return { previous, separator: '' };
  return { previous, separator: ' ' };
}
