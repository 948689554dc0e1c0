/** Finding a term in a text as whole words, fast enough to do for every candidate term of a long document. */
import { escapeRegExp } from './regexp.ts';

const wordChars = new Map<string, RegExp>();

/**
 * Where `phrase` stands in `text` as whole words, in any case; `joiners` are characters that also join words
 * ("_-": `student_id` holds no "student"). A fresh RegExp per phrase would do the same, but compiling one with
 * Unicode classes and a look-behind costs ~0.3 ms, and a course checks thousands of terms; the RegExp stays
 * for texts whose spacing or lower case differ in length from the plain search's.
 */
export function findWhole(text: string, phrase: string, joiners = ''): { at: number; length: number } | null {
  const needle = needleOf(phrase);
  if (!needle) return null;
  const extra = joiners.replace(/[\\\]^-]/g, '\\$&');
  const lower = text.toLowerCase();
  if (!isPlainLower(text, lower)) {
    const escaped = escapeRegExp(needle).replace(/ /g, '\\s+');
    const re = new RegExp(`(?<![\\p{L}\\p{N}${extra}])${escaped}(?![\\p{L}\\p{N}${extra}])`, 'iu');
    const m = re.exec(text);
    return m ? { at: m.index, length: m[0].length } : null;
  }
  let word = wordChars.get(joiners);
  if (!word) {
    word = new RegExp(`[\\p{L}\\p{N}${extra}]`, 'u');
    wordChars.set(joiners, word);
  }
  const at = indexOfWhole(lower, needle, word);
  return at >= 0 ? { at, length: needle.length } : null;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A phrase as {@link findWhole} looks for it: trimmed, single spaces, lower case. */
const needleOf = (phrase: string) => phrase.trim().replace(/\s+/gu, ' ').toLowerCase();

/** True when the plain search of `lower` (`text` lower-cased) finds what the RegExp would in `text`. */
const isPlainLower = (text: string, lower: string) =>
  lower.length === text.length && !/\s\s|[\t\n\r\f\v\u00a0]/u.test(text);

/**
 * Texts searched for many phrases: each is lower-cased (and its spacing checked) once, however many phrases
 * are looked for in it. `indexOf(phrase)` is the first `i` where `findWhole(texts[i], phrase) !== null`.
 */
export class WholeWordTexts {
  /** Each text lower-cased, or null where only findWhole's RegExp finds what it would. */
  private readonly lowered: (string | null | undefined)[];

  constructor(private readonly texts: readonly string[]) {
    this.lowered = new Array<string | null | undefined>(texts.length);
  }

  /** The first text from `from` on where `phrase` stands as whole words, in any case, or -1. */
  indexOf(phrase: string, from = 0): number {
    const needle = needleOf(phrase);
    if (!needle) return -1;
    for (let i = from; i < this.texts.length; i++) {
      const lower = this.lowerOf(i);
      if (lower === null ? findWhole(this.texts[i]!, needle) !== null : indexOfWhole(lower, needle) >= 0)
        return i;
    }
    return -1;
  }

  private lowerOf(i: number): string | null {
    let lower = this.lowered[i];
    if (lower === undefined) {
      const text = this.texts[i]!;
      lower = text.toLowerCase();
      if (!isPlainLower(text, lower)) lower = null;
      this.lowered[i] = lower;
    }
    return lower;
  }
}

/**
 * Where `needle` (lower case, single spaces) first stands in `lower` (a lower-cased text) with no character of
 * `word` on either side, or -1. The loop behind {@link findWhole}, for callers that lower-case a long text once.
 */
export function indexOfWhole(lower: string, needle: string, word: RegExp = WORD_CHAR): number {
  for (let at = lower.indexOf(needle); needle && at >= 0; at = lower.indexOf(needle, at + 1)) {
    const before = lower[at - 1];
    const after = lower[at + needle.length];
    if ((before && word.test(before)) || (after && word.test(after))) continue;
    return at;
  }
  return -1;
}
