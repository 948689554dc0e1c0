/**
 * The text of a document as the course generator sees it: each section's paragraphs cut into sentences, each
 * sentence with its page and the chunk it can cite.
 */
import type { Citation } from '../domain/course.ts';
import type { Chunk, Paragraph, Section } from '../domain/document.ts';
import { clipSentence, isGoodSentence, splitSentences } from './text/sentences.ts';
import { countCjk, hasCjk, isBreak, scan, squash } from './text/words.ts';

/** A sentence of a section, where it stands, and whether it is fit to show. */
export interface Sentence {
  text: string;
  sectionIndex: number;
  /** Index of its paragraph in the section. */
  paragraph: number;
  page: number;
  good: boolean;
  /** The sentence's {@link scan}: words and phrase-breaking punctuation. */
  tokens: string[];
}

/** Reading-time counts: words of space-separated scripts, characters of CJK. */
export interface TextSize {
  words: number;
  cjkChars: number;
}

/** Sentences of one paragraph, and its size. */
export interface ParagraphText {
  sentences: Sentence[];
  size: TextSize;
}

/** Cuts a section's paragraphs into sentences. */
export function analyseSection(section: Section): ParagraphText[] {
  return section.paragraphs.map((p, i) => analyseParagraph(p, section.index, i));
}

function analyseParagraph(paragraph: Paragraph, sectionIndex: number, index: number): ParagraphText {
  const parts = splitSentences(paragraph.text ?? '');
  const total = parts.reduce((n, s) => n + s.length, 0) || 1;
  const size = { words: 0, cjkChars: 0 };
  let before = 0;
  const sentences = parts.map((text) => {
    const page = pageAt(paragraph, before / total);
    before += text.length;
    const tokens = scan(text);
    const cjkChars = countCjk(text);
    size.cjkChars += cjkChars;
    for (const t of tokens) if (!isBreak(t) && (cjkChars === 0 || !hasCjk(t))) size.words++;
    return { text, sectionIndex, paragraph: index, page, good: isGoodSentence(text, tokens), tokens };
  });
  return { sentences, size };
}

/** The page at a fraction of a paragraph's length, assuming text spreads evenly over its pages. */
function pageAt(paragraph: Paragraph, fraction: number): number {
  const last = Math.max(paragraph.page, paragraph.pageEnd ?? paragraph.page);
  return Math.min(last, paragraph.page + Math.floor(fraction * (last - paragraph.page + 1)));
}

/** Minutes to read: 230 words or 500 CJK characters a minute, to one decimal. */
export function readingMinutes(size: TextSize): number {
  return Math.round((size.words / 230 + size.cjkChars / 500) * 10) / 10;
}

/** Adds sizes. */
export function addSizes(sizes: readonly TextSize[]): TextSize {
  return sizes.reduce((a, b) => ({ words: a.words + b.words, cjkChars: a.cjkChars + b.cjkChars }), {
    words: 0,
    cjkChars: 0,
  });
}

/** Finds the chunk a sentence came from, by section and text, to cite it. */
export class ChunkLocator {
  private readonly bySection = new Map<number, { chunk: Chunk; text: string }[]>();

  constructor(
    chunks: readonly Chunk[],
    private readonly pageCount: number,
  ) {
    for (const chunk of chunks) {
      const list = this.bySection.get(chunk.sectionIndex) ?? [];
      list.push({ chunk, text: squash(chunk.text) });
      this.bySection.set(chunk.sectionIndex, list);
    }
  }

  /**
   * The citation of a sentence: the first chunk of its section that contains its opening words, else the one
   * covering its page, else the section's first chunk, else the page alone. The page stays inside the chunk.
   */
  cite(sentence: Sentence): Citation {
    const candidates = this.bySection.get(sentence.sectionIndex) ?? [];
    const probe = squash(sentence.text).slice(0, 60);
    const found =
      candidates.find((c) => c.text.includes(probe)) ??
      candidates.find((c) => c.chunk.pageStart <= sentence.page && sentence.page <= c.chunk.pageEnd) ??
      candidates[0];
    let page = sentence.page;
    if (found) page = Math.min(Math.max(page, found.chunk.pageStart), found.chunk.pageEnd);
    page = Math.min(Math.max(1, page), Math.max(1, this.pageCount));
    return found ? { page, chunkId: found.chunk.id } : { page };
  }
}

/** Text of a sentence for a summary: as written, or clipped when it is a fallback. */
export function summaryText(sentence: Sentence): string {
  return sentence.good ? sentence.text : clipSentence(sentence.text);
}
