/**
 * The text of a document as the course generator sees it: each section's paragraphs cut into sentences, each
 * sentence with its page and the chunk it can cite.
 *
 * In English the sentences are also tagged (parts of speech, lemmas), words split apart by the PDF's text
 * extraction are joined again ("op erations" → "operations"), a sentence that opens with a pointer to the one
 * before ("It", "This is") is joined to it when they read well together and is otherwise not shown alone, and
 * sentences that are two glued together are not shown.
 */
import type { Citation } from '../../domain/course.ts';
import type { Chunk, Paragraph, Section } from '../../domain/document.ts';
import { type AnalysedLanguage, isAnalysed, type LanguageProfile, type Token } from '../language/index.ts';
import { isStatementItem, LIST_MARK, listItems, looksLikeCode } from '../rules/sentences/items.ts';
import { endsLikeSentence, isGoodSentence, SENTENCE_WORDS } from '../rules/sentences/shape.ts';
import {
  isGlued,
  joinSplitWords,
  objectPointer,
  opensWithPointer,
  standaloneProblem,
} from '../rules/sentences/standalone.ts';
import { clipSentence, splitSentences } from '../text/sentences.ts';
import { countCjk, hasCjk, isBreak, scan, squash, squashedText } from '../text/words.ts';

/** A sentence of a section, where it stands, and whether it is fit to show. */
export interface Sentence {
  text: string;
  sectionIndex: number;
  /** Index of its paragraph in the section. */
  paragraph: number;
  page: number;
  good: boolean;
  /** Running text (a sentence, or a list item without its full stop), not a table row or code: key terms
   * are counted in these. */
  prose: boolean;
  /** The sentence's {@link scan}: words and phrase-breaking punctuation. */
  tokens: string[];
  /** Its tags, in an English document. */
  tags?: readonly Token[];
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

/** A sentence as read: its text as shown, its scan, and its tags where the language has an analyser. */
interface Read {
  text: string;
  tokens: string[];
  tags?: readonly Token[];
}

/**
 * How a language's sentences are read. Analysed (English): running text is tagged and its split words joined,
 * a list item that states something becomes a sentence, and a sentence that leans on the one before is joined
 * to it or not shown. As they stand (the other languages): none of that.
 */
interface SentenceReader {
  /** The sentence to show: `part` as it stands, or analysed when it is running text (`prose`). */
  read(part: string, scanned: string[], prose: boolean): Read;
  /**
   * A list item that says something, as a sentence with its full stop; null when it does not. `next` is the
   * paragraph after the item's when the item ends its paragraph: a sentence broken at a displayed line goes on there.
   */
  statement(item: Read, next?: string): Read | null;
  /** Whether a sentence fit to show stands alone, leans on the one before, or cannot be shown alone. */
  standing(sentence: Read): 'stands' | 'leans' | 'falls';
  /** The two as one sentence, when they read well together; else null. */
  join(previous: Read, next: Read): Read | null;
}

const AS_THEY_STAND: SentenceReader = {
  read: (text, tokens) => ({ text, tokens }),
  statement: () => null,
  standing: () => 'stands',
  join: () => null,
};

function analysedReader(lang: AnalysedLanguage): SentenceReader {
  // Only running text is tagged: tables and code would cost the model's time for nothing.
  const read = (text: string, tokens: string[], prose: boolean) =>
    prose ? englishSentence(text, lang, tokens) : { text, tokens };
  return {
    read,
    // A slide's bullet that says something ("Examine factors that explain…") is a sentence without its full
    // stop: it is shown with one.
    statement: (item, next) =>
      isStatementItem(item.text, item.tags ?? [], next) ? englishSentence(`${item.text}.`, lang) : null,
    standing: (s) =>
      opensWithPointer(s.text) || objectPointer(s.tags ?? [])
        ? 'leans'
        : standaloneProblem(s.text, lang, s.tags ?? lang.analyser.tag(s.text))
          ? 'falls'
          : 'stands',
    join(previous, next) {
      const pair = englishSentence(
        `${previous.text} ${next.text}`,
        lang,
        undefined,
        lang.analyser.tagJoined(previous.text, next.text),
      );
      return isGlued(pair.text, pair.tags) ? null : pair;
    },
  };
}

/** The reader of a language's sentences. */
export const readerOf = (lang: LanguageProfile): SentenceReader =>
  isAnalysed(lang) ? analysedReader(lang) : AS_THEY_STAND;

/** Cuts a section's paragraphs into sentences, read as `lang` reads them. */
export function analyseSection(section: Section, lang: LanguageProfile): ParagraphText[] {
  const reader = readerOf(lang);
  return section.paragraphs.map((p, i) =>
    analyseParagraph(p, section.index, i, reader, section.paragraphs[i + 1]?.text ?? undefined),
  );
}

function analyseParagraph(
  paragraph: Paragraph,
  sectionIndex: number,
  index: number,
  reader: SentenceReader,
  next?: string,
): ParagraphText {
  const text = paragraph.text ?? '';
  const size = { words: 0, cjkChars: 0 };
  const sentences: Sentence[] = [];
  // A sentence takes at most one follower that leans on it: chains of pronouns read worse joined than apart.
  const joined = new Set<Sentence>();
  let cursor = 0;
  const raws = splitSentences(text);
  // A line without a full stop is a list item when it is the whole paragraph (a slide's bullet) or one of the
  // items a line was split into; after sentences that end, it is text cut off by a column or a page.
  const items = new Set<string>();
  const split = raws.flatMap((raw) => {
    const parts = listItems(raw);
    if (parts.length > 1 || raws.length === 1) for (const p of parts) items.add(p);
    return parts;
  });
  for (const [k, raw] of split.entries()) {
    const at = text.indexOf(raw.slice(0, 20), cursor);
    // A list item's bullet or enumerator is not part of its sentence: "• Valgrind has…", "(b) When more…".
    const part = raw.replace(LIST_MARK, '');
    if (at >= 0) cursor = at;
    const page = pageAt(paragraph, cursor, text.length);
    const scanned = scan(part);
    const code = looksLikeCode(part, scanned);
    const prose = !code && isGoodSentence(part, scanned, true);
    let sentence = reader.read(part, scanned, prose);
    const cjkChars = countCjk(sentence.text);
    size.cjkChars += cjkChars;
    for (const t of sentence.tokens) if (!isBreak(t) && (cjkChars === 0 || !hasCjk(t))) size.words++;
    // Text that is no prose even as a list item is no sentence either; prose read as it stands is a sentence
    // when it ends like one (the shape rules' only difference between the two), so they need not run again.
    let good =
      prose &&
      (sentence.text === part ? endsLikeSentence(part) : isGoodSentence(sentence.text, sentence.tokens));
    const last = k === split.length - 1;
    const statement =
      !good && prose && items.has(raw) ? reader.statement(sentence, last ? next : undefined) : null;
    if (statement) {
      sentence = statement;
      good = isGoodSentence(sentence.text, sentence.tokens);
    }
    const standing = good ? reader.standing(sentence) : 'falls';
    if (standing === 'leans') {
      const previous = sentences.at(-1);
      const fits = previous && wordCount(previous) + wordCount(sentence) <= SENTENCE_WORDS.max;
      const both = previous?.good && fits && !joined.has(previous);
      const pair = both ? reader.join(previous, sentence) : null;
      if (previous && pair) {
        previous.text = pair.text;
        previous.tokens = pair.tokens;
        previous.tags = pair.tags;
        joined.add(previous);
        continue;
      }
    }
    good = standing === 'stands';
    // Written out, not spread: one shape for every sentence of the document, which V8 builds fast.
    const { text: shown, tokens, tags } = sentence;
    sentences.push({ text: shown, sectionIndex, paragraph: index, page, good, prose, tokens, tags });
  }
  return { sentences, size };
}

/**
 * An English sentence with its split words joined, scanned (unless `scanned`, the scan of `raw`) and tagged
 * (unless `tagged`, the tags of `raw` made another way: a joined pair's, see Analyser.tagJoined).
 */
function englishSentence(
  raw: string,
  lang: AnalysedLanguage,
  scanned?: string[],
  tagged?: readonly Token[],
): Read & { tags: readonly Token[] } {
  let tags = tagged ?? lang.analyser.tag(raw);
  const text = joinSplitWords(raw, tags, lang);
  if (text !== raw) tags = lang.analyser.tag(text);
  return { text, tokens: text === raw && scanned ? scanned : scan(text), tags };
}

const wordCount = (s: { tokens: readonly string[] }) => s.tokens.filter((t) => !isBreak(t)).length;

/**
 * The page at character `offset` of a paragraph: from its page breaks when it has them, else assuming text
 * spreads evenly over its pages.
 */
function pageAt(paragraph: Paragraph, offset: number, length: number): number {
  const last = Math.max(paragraph.page, paragraph.pageEnd ?? paragraph.page);
  if (paragraph.pageBreaks && paragraph.pageBreaks.length > 0)
    return Math.min(last, paragraph.page + paragraph.pageBreaks.filter((b) => b <= offset).length);
  const fraction = length > 0 ? offset / length : 0;
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
      list.push({ chunk, text: squashedText(chunk) });
      this.bySection.set(chunk.sectionIndex, list);
    }
  }

  /**
   * The citation of a sentence: the first chunk of its section that contains its opening words and covers its
   * page, else the first that contains them, else the one covering its page, else the section's first chunk,
   * else the page alone. The page stays inside the chunk.
   */
  cite(sentence: Sentence): Citation {
    const candidates = this.bySection.get(sentence.sectionIndex) ?? [];
    // Without the full stop a list item was given (see isStatementItem): it is not in the chunk.
    const probe = squash(sentence.text)
      .slice(0, 60)
      .replace(/[.!?]$/u, '');
    // Sentences of a list may open alike ("Valgrind has the following limitations…"): the chunk on the
    // sentence's own page first.
    const covers = (c: { chunk: Chunk }) =>
      c.chunk.pageStart <= sentence.page && sentence.page <= c.chunk.pageEnd;
    const found =
      candidates.find((c) => c.text.includes(probe) && covers(c)) ??
      candidates.find((c) => c.text.includes(probe)) ??
      candidates.find(covers) ??
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
