/**
 * Stage 4: cuts each section's text into chunks of about `targetTokens`, the unit that is embedded and
 * cited. A chunk never holds text of two sections. Sections are cut at paragraph boundaries when a chunk
 * is already big enough, otherwise at sentence boundaries; a sentence too long for a chunk is cut at
 * words (or characters, for text without spaces). Each chunk after the first of its section starts with
 * the last ~`overlapTokens` of the previous one, so a sentence cut off by a boundary keeps its context.
 */

import type { Chunk, DocumentStructure, Paragraph, Section } from '../domain/document.ts';
import { estimateTokens } from './text/token-estimate.ts';

export { estimateTokens } from './text/token-estimate.ts';

/** Options of {@link chunkDocument}. */
export interface ChunkOptions {
  documentId: string;
  /** Target chunk size in tokens; chunks fall within 0.6×–1.25× of it except a section's only chunk.
   * @defaultValue 400 (config `CHUNK_TOKENS`) */
  targetTokens?: number;
  /** Tokens repeated from the end of the previous chunk of the same section.
   * @defaultValue 50 (config `CHUNK_OVERLAP_TOKENS`) */
  overlapTokens?: number;
}

/** A sentence (or a piece of a long one): the smallest thing a chunk boundary falls between. */
interface Unit {
  text: string;
  tokens: number;
  /** What joins it to the unit before: a paragraph break, a space, or nothing (CJK). */
  sep: string;
  pageStart: number;
  pageEnd: number;
}

/** A chunk as a range of units: `[from, to)`, plus the overlap drawn from the units before `from`. */
interface Span {
  from: number;
  to: number;
}

const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Stage 4: the chunks of every non-empty section, in document order, with deterministic ids. */
export function chunkDocument(structure: DocumentStructure, opts: ChunkOptions): Chunk[] {
  const target = Math.max(20, opts.targetTokens ?? 400);
  const overlap = Math.max(0, Math.min(opts.overlapTokens ?? 50, Math.floor(target / 2)));
  const chunks: Chunk[] = [];
  for (const section of structure.sections) {
    const units = sectionUnits(section, Math.max(10, Math.floor(target / 2)));
    if (units.length === 0) continue;
    for (const span of planSpans(units, target, overlap)) {
      const text = (overlapText(units, span.from, overlap) + joinUnits(units, span.from, span.to)).trim();
      const index = chunks.length;
      chunks.push({
        id: `${opts.documentId}:${index}`,
        documentId: opts.documentId,
        index,
        sectionIndex: section.index,
        sectionPath: section.path,
        pageStart: units[span.from - overlapUnitsUsed(units, span.from, overlap)]!.pageStart,
        pageEnd: units[span.to - 1]!.pageEnd,
        text,
        tokenCount: estimateTokens(text),
      });
    }
  }
  return chunks;
}

/** Greedy packing of units into spans of about `target` tokens (overlap included), then a small tail fix. */
function planSpans(units: Unit[], target: number, overlap: number): Span[] {
  const min = Math.floor(target * 0.75);
  const spans: Span[] = [];
  let from = 0;
  let size = 0;
  for (let i = 0; i < units.length; i++) {
    const unit = units[i]!;
    if (i > from) {
      const full = size + unit.tokens > target;
      const goodBreak = unit.sep === PARAGRAPH_BREAK && size >= min;
      if ((full && size >= min) || goodBreak || size + unit.tokens > target * 1.25) {
        spans.push({ from, to: i });
        from = i;
        size = overlapTokensBefore(units, i, overlap);
      }
    }
    size += unit.tokens;
  }
  spans.push({ from, to: units.length });
  return fixTail(spans, units, target, overlap);
}

/** A last span under a quarter of the target joins the one before, or both are split evenly when too big. */
function fixTail(spans: Span[], units: Unit[], target: number, overlap: number): Span[] {
  if (spans.length < 2) return spans;
  const last = spans[spans.length - 1]!;
  if (sumTokens(units, last.from, last.to) >= target * 0.25) return spans;
  const prev = spans[spans.length - 2]!;
  const merged = { from: prev.from, to: last.to };
  const total = sumTokens(units, merged.from, merged.to) + (spans.length > 2 ? overlap : 0);
  if (total <= target * 1.25) return [...spans.slice(0, -2), merged];
  let cut = merged.from + 1;
  for (
    let acc = units[merged.from]!.tokens;
    cut < merged.to - 1 && acc + units[cut]!.tokens <= total / 2;
    cut++
  ) {
    acc += units[cut]!.tokens;
  }
  return [...spans.slice(0, -2), { from: merged.from, to: cut }, { from: cut, to: merged.to }];
}

const PARAGRAPH_BREAK = '\n\n';

function sumTokens(units: Unit[], from: number, to: number): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += units[i]!.tokens;
  return sum;
}

function joinUnits(units: Unit[], from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++) text += (i === from ? '' : units[i]!.sep) + units[i]!.text;
  return text;
}

/** How many of the units before `index` the overlap repeats (whole sentences, latest first). */
function overlapUnitCount(units: Unit[], index: number, overlap: number): number {
  let count = 0;
  for (let acc = 0, i = index - 1; i >= 0 && acc + units[i]!.tokens <= overlap; i--, count++)
    acc += units[i]!.tokens;
  return count;
}

/** How many units before `index` the overlap draws on (one when it is the tail of a long sentence). */
function overlapUnitsUsed(units: Unit[], index: number, overlap: number): number {
  if (index === 0 || overlap === 0) return 0;
  return Math.max(1, overlapUnitCount(units, index, overlap));
}

function overlapTokensBefore(units: Unit[], index: number, overlap: number): number {
  if (index === 0 || overlap === 0) return 0;
  const count = overlapUnitCount(units, index, overlap);
  return count > 0 ? sumTokens(units, index - count, index) : overlap;
}

/** The text repeated at the start of the chunk beginning at `index`, followed by its separator. */
function overlapText(units: Unit[], index: number, overlap: number): string {
  if (index === 0 || overlap === 0) return '';
  const count = overlapUnitCount(units, index, overlap);
  const text = count > 0 ? joinUnits(units, index - count, index) : tailOf(units[index - 1]!.text, overlap);
  return text + units[index]!.sep;
}

/** The end of `text` worth about `budget` tokens: whole words, or characters when there are no spaces. */
function tailOf(text: string, budget: number): string {
  const words = text.split(/(?<=\s)/);
  let start = words.length;
  for (let acc = 0; start > 0; start--) {
    const cost = estimateTokens(words[start - 1]!);
    if (acc + cost > budget) break;
    acc += cost;
  }
  if (start < words.length) return words.slice(start).join('').trimStart();
  return text.slice(Math.max(0, text.length - budget));
}

/** The section's sentences, long ones cut to at most `maxTokens`, each with the pages it lies on. */
function sectionUnits(section: Section, maxTokens: number): Unit[] {
  const units: Unit[] = [];
  for (const paragraph of section.paragraphs) {
    let first = true;
    for (const s of sentenceSegmenter.segment(paragraph.text)) {
      const text = s.segment.trim();
      if (text.length === 0) continue;
      const offset = s.index + (s.segment.length - s.segment.trimStart().length);
      const sep = first ? PARAGRAPH_BREAK : sentenceSeparator(paragraph.text, s.index);
      for (const piece of splitLong(text, maxTokens)) {
        const start = offset + piece.offset;
        units.push({
          text: piece.text,
          tokens: piece.tokens,
          sep: piece.offset === 0 ? sep : piece.sep,
          pageStart: pageAt(paragraph, start),
          pageEnd: pageAt(paragraph, start + piece.text.length - 1),
        });
      }
      first = false;
    }
  }
  return units;
}

function sentenceSeparator(text: string, index: number): string {
  return index > 0 && /\s/.test(text[index - 1]!) ? ' ' : '';
}

/** The page that the character at `offset` of the paragraph's text lies on. */
function pageAt(paragraph: Paragraph, offset: number): number {
  const breaks = paragraph.pageBreaks;
  if (!breaks || breaks.length === 0) return offset <= 0 ? paragraph.page : paragraph.pageEnd;
  let page = paragraph.page;
  for (const b of breaks) {
    if (offset < b) break;
    page++;
  }
  return Math.min(page, paragraph.pageEnd);
}

interface Piece {
  text: string;
  offset: number;
  tokens: number;
  sep: string;
}

/** Cuts a sentence over `maxTokens` at spaces, or every `maxTokens` characters where there are none. */
function splitLong(text: string, maxTokens: number): Piece[] {
  const tokens = estimateTokens(text);
  if (tokens <= maxTokens) return [{ text, offset: 0, tokens, sep: '' }];
  const pieces: Piece[] = [];
  const words = /\S+/g;
  let start = -1;
  let end = 0;
  let acc = 0;
  const flush = () => {
    if (start < 0) return;
    const piece = text.slice(start, end);
    pieces.push({ text: piece, offset: start, tokens: estimateTokens(piece), sep: pieces.length ? ' ' : '' });
    start = -1;
    acc = 0;
  };
  for (let m = words.exec(text); m; m = words.exec(text)) {
    const cost = estimateTokens(m[0]);
    if (cost > maxTokens) {
      flush();
      for (const part of splitChars(m[0], maxTokens, cost)) {
        const offset = m.index + part.offset;
        pieces.push({ ...part, offset, sep: pieces.length && part.offset === 0 ? ' ' : '' });
      }
      continue;
    }
    if (acc + cost > maxTokens) flush();
    if (start < 0) start = m.index;
    end = m.index + m[0].length;
    acc += cost;
  }
  flush();
  return pieces;
}

/** Cuts a run without spaces into pieces of about `maxTokens`, in proportion to its characters. */
function splitChars(word: string, maxTokens: number, tokens: number): Omit<Piece, 'sep'>[] {
  const step = Math.max(1, Math.floor((word.length * maxTokens) / tokens));
  const parts: Omit<Piece, 'sep'>[] = [];
  let i = 0;
  while (i < word.length) {
    let end = Math.min(word.length, i + step);
    // Never split a surrogate pair.
    if (end < word.length && /[\uDC00-\uDFFF]/.test(word[end]!)) end++;
    const text = word.slice(i, end);
    parts.push({ text, offset: i, tokens: estimateTokens(text) });
    i = end;
  }
  return parts;
}
