/**
 * What the document around a defined term says of it, for the salience rules (rules/quiz/salience.ts): how often
 * the text writes it outside its defining sentence, whether a heading names it, whether a glossary, definitions or
 * index section lists it, and whether the title names it. Read from the course and its chunks once per quiz.
 */
import type { Course } from '../../../domain/course.ts';
import type { Chunk } from '../../../domain/document.ts';
import type { SaliencePlace } from '../../rules/quiz/salience.ts';
import { escapeRegExp } from '../../text/regexp.ts';
import { squash, squashedText } from '../../text/words.ts';

/** A section whose text lists the document's terms ("Glossary", "1.3 Definitions", "Concept Index"). */
const TERM_LIST_SECTION =
  /^(?:[\d.]+\s+|[A-Z]\.?\s+)?(?:\p{L}+\s+)?(?:glossary|index|terminology|definitions|acronyms|abbreviations)$/iu;

/** A character that continues a word: a term written inside a longer word is not the term. */
const WORD_CHAR = /[\p{L}\p{N}_-]/u;

/**
 * A text's characters in one case, as case-insensitive matching compares them ("Σ", "σ" and "ς" alike), or
 * undefined where the two part: where that changes the text's length ("ß" is "SS" in upper case, which the pattern
 * does not match), and for the dotless "ı", whose upper case "I" turns it into "i", which the pattern does not fold
 * it to (of every character, checked one by one, the only one that differs).
 */
function folded(text: string): string | undefined {
  if (text.includes('\u0131')) return undefined;
  const key = text.toUpperCase().toLowerCase();
  return key.length === text.length ? key : undefined;
}

/** A text with its characters in one case, for counting terms in it by plain search (see {@link countOf}). */
export class Searchable {
  /** The text in one case (see {@link folded}); undefined where terms are counted in it by the pattern. */
  readonly key: string | undefined;

  constructor(readonly text: string) {
    this.key = folded(text);
  }
}

/**
 * Occurrences of any of `variants` as whole words in `text`, case ignored, as a case-insensitive pattern of the
 * variants in turn would count them (leftmost, the first variant that fits there, no overlaps). A document's text
 * is searched for every term its quiz may ask: plain search of its lower case instead of a Unicode pattern over
 * the whole text each time, where the text allows it.
 */
export function countOf(variants: readonly string[], searchable: Searchable): number {
  const { text, key } = searchable;
  const wanted = variants.map(folded);
  if (key === undefined || wanted.some((v) => !v)) return countByPattern(variants, text);
  const wholeWord = (at: number, length: number) =>
    !(at > 0 && WORD_CHAR.test(key[at - 1]!)) && !WORD_CHAR.test(key[at + length] ?? ' ');
  const found: { at: number; which: number; end: number }[] = [];
  wanted.forEach((v, which) => {
    for (let at = key.indexOf(v!); at >= 0; at = key.indexOf(v!, at + 1))
      if (wholeWord(at, v!.length)) found.push({ at, which, end: at + v!.length });
  });
  found.sort((a, b) => a.at - b.at || a.which - b.which);
  let count = 0;
  let cursor = 0;
  for (const f of found)
    if (f.at >= cursor) {
      count++;
      cursor = f.end;
    }
  return count;
}

/** What {@link countOf} counts, by a case-insensitive Unicode pattern of the variants over the whole text. */
export function countByPattern(variants: readonly string[], text: string): number {
  const alternatives = variants.map(escapeRegExp).join('|');
  return (text.match(new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives})(?![\\p{L}\\p{N}_-])`, 'giu')) ?? [])
    .length;
}

/** What the document says of its defined terms (see {@link TermUses.placeOf}), read from a course and its chunks. */
export class TermUses {
  private body?: Searchable;
  private outline?: Searchable;
  private lists?: Searchable;

  constructor(
    private readonly course: Course,
    private readonly chunks: readonly Chunk[],
  ) {}

  /** The document's sentences, each once: chunks that overlap repeat the sentences they share. */
  private text(): Searchable {
    if (this.body === undefined) {
      const sentences = new Set<string>();
      for (const chunk of this.chunks)
        for (const s of squashedText(chunk).split(/(?<=[.!?])\s+/u)) sentences.add(s);
      this.body = new Searchable([...sentences].join('\n'));
    }
    return this.body;
  }

  /** The text of the document's glossary, definitions and index sections. */
  private termLists(): Searchable {
    this.lists ??= new Searchable(
      this.chunks
        .filter((chunk) => TERM_LIST_SECTION.test(chunk.sectionPath.at(-1)?.trim() ?? ''))
        .map((chunk) => squashedText(chunk))
        .join('\n'),
    );
    return this.lists;
  }

  /** The headings of the document and its course. */
  private headings(): Searchable {
    if (this.outline === undefined) {
      const lines = new Set<string>();
      for (const chunk of this.chunks) for (const h of chunk.sectionPath) lines.add(h);
      for (const m of this.course.modules) {
        lines.add(m.title);
        for (const l of m.lessons) {
          lines.add(l.title);
          for (const h of l.sectionPath) lines.add(h);
        }
      }
      this.outline = new Searchable([...lines].join('\n'));
    }
    return this.outline;
  }

  /** The salience place of a term defined in `sentence`, written also as any of `variants`. */
  placeOf(
    term: string,
    gloss: string,
    sentence: string,
    variants: readonly string[],
    isWord: (word: string) => boolean,
  ): SaliencePlace {
    const all = [term, ...variants];
    return {
      term,
      gloss,
      uses: Math.max(0, countOf(all, this.text()) - countOf(all, new Searchable(squash(sentence)))),
      headed: countOf(all, this.headings()) > 0,
      listed: countOf(all, this.termLists()) > 0,
      // A title made of the file name ("doxygen-manual") names its subject between hyphens.
      subject: countOf([term], new Searchable(this.course.title.replace(/[-_]+/gu, ' '))) > 0,
      isWord,
    };
  }
}
