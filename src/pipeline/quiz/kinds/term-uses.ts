/**
 * What the document around a defined term says of it, for the salience rules (rules/quiz/salience.ts): how often
 * the text writes it outside its defining sentence, whether a heading names it, whether a glossary, definitions or
 * index section lists it, and whether the title names it. Read from the course and its chunks once per quiz.
 */
import type { Course } from '../../../domain/course.ts';
import type { Chunk } from '../../../domain/document.ts';
import type { SaliencePlace } from '../../rules/quiz/salience.ts';
import { squash } from '../../text/words.ts';

/** A section whose text lists the document's terms ("Glossary", "1.3 Definitions", "Concept Index"). */
const TERM_LIST_SECTION =
  /^(?:[\d.]+\s+|[A-Z]\.?\s+)?(?:\p{L}+\s+)?(?:glossary|index|terminology|definitions|acronyms|abbreviations)$/iu;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Occurrences of any of `variants` as whole words in `text`, case ignored. */
function countOf(variants: readonly string[], text: string): number {
  const alternatives = variants.map(escapeRegExp).join('|');
  return (text.match(new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${alternatives})(?![\\p{L}\\p{N}_-])`, 'giu')) ?? [])
    .length;
}

export class TermUses {
  private body?: string;
  private outline?: string;
  private lists?: string;

  constructor(
    private readonly course: Course,
    private readonly chunks: readonly Chunk[],
  ) {}

  /** The document's sentences, each once: chunks that overlap repeat the sentences they share. */
  private text(): string {
    if (this.body === undefined) {
      const sentences = new Set<string>();
      for (const chunk of this.chunks)
        for (const s of squash(chunk.text).split(/(?<=[.!?])\s+/u)) sentences.add(s);
      this.body = [...sentences].join('\n');
    }
    return this.body;
  }

  /** The text of the document's glossary, definitions and index sections. */
  private termLists(): string {
    this.lists ??= this.chunks
      .filter((chunk) => TERM_LIST_SECTION.test(chunk.sectionPath.at(-1)?.trim() ?? ''))
      .map((chunk) => squash(chunk.text))
      .join('\n');
    return this.lists;
  }

  /** The headings of the document and its course. */
  private headings(): string {
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
      this.outline = [...lines].join('\n');
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
      uses: Math.max(0, countOf(all, this.text()) - countOf(all, squash(sentence))),
      headed: countOf(all, this.headings()) > 0,
      listed: countOf(all, this.termLists()) > 0,
      // A title made of the file name ("doxygen-manual") names its subject between hyphens.
      subject: countOf([term], this.course.title.replace(/[-_]+/gu, ' ')) > 0,
      isWord,
    };
  }
}
