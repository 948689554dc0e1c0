/**
 * How much running text a document has, to refuse what cannot be a course: a one-word banner, a form, a flyer
 * (see {@link MIN_PROSE}). Front and back matter do not count.
 */
import type { DocumentStructure } from '../domain/document.ts';
import { isGoodSentence } from './rules/sentences/shape.ts';
import { isSkippedMatter, matterOfTitle } from './structure/matter.ts';
import { splitSentences } from './text/sentences.ts';
import { countCjk, hasCjk, isBreak, scan } from './text/words.ts';

/** Running text of a document: words (two CJK characters count as one) and sentences fit for a summary. */
export interface ProseAmount {
  words: number;
  sentences: number;
  /** Words of all the text, front and back matter included (what a user sees of a one-line notice). */
  allWords: number;
}

/**
 * A document is refused (`not enough text for a course (N words)`) below 50 words, or below 3 sentences fit for a
 * summary unless it has 200 words in other forms (slides and manuals in Japanese state things in list items
 * and long runs the sentence filter does not take).
 */
export const MIN_PROSE = { words: 50, sentences: 3, wordsWithoutSentences: 200 } as const;

export function proseAmount(structure: DocumentStructure): ProseAmount {
  return countProse(structure, false);
}

/**
 * The document's {@link ProseAmount} when it has too little running text for a course ({@link tooLittleProse}),
 * else null. Reads sentences only until it has seen enough: the counts only grow, so a document past the minimum
 * stays past it, and a manual need not have every sentence split, scanned and judged again for this (0.3 ms a
 * page of the 397-page valgrind manual, outside every stage's timer).
 */
export function proseShortfall(structure: DocumentStructure): ProseAmount | null {
  const amount = countProse(structure, true);
  return tooLittleProse(amount) ? amount : null;
}

function countProse(structure: DocumentStructure, stopWhenEnough: boolean): ProseAmount {
  const amount = { words: 0, sentences: 0, allWords: 0 };
  for (const section of structure.sections) {
    const matter = isSkippedMatter(section.matter ?? matterOfTitle(section.title));
    for (const p of section.paragraphs)
      for (const s of splitSentences(p.text)) {
        const tokens = scan(s);
        const cjk = countCjk(s);
        let n = Math.round(cjk / 2);
        for (const t of tokens) if (!isBreak(t) && (cjk === 0 || !hasCjk(t))) n++;
        amount.allWords += n;
        if (matter) continue;
        amount.words += n;
        if (isGoodSentence(s, tokens)) amount.sentences++;
        if (stopWhenEnough && !tooLittleProse(amount)) return amount;
      }
  }
  return amount;
}

/** True when a document has too little running text for a course. */
export const tooLittleProse = (a: ProseAmount) =>
  a.words < MIN_PROSE.words ||
  (a.sentences < MIN_PROSE.sentences && a.words < MIN_PROSE.wordsWithoutSentences);
