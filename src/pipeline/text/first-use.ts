import { indexOfWhole } from './whole-words.ts';

/**
 * The first sentence of a document that uses a term, found the way a reader scanning the text would: the term
 * as whole words, in any case. A term is judged in that sentence (a noun there, or not), not in a sentence
 * picked because it suits the term.
 */
export class FirstUse {
  private readonly text: string;
  private readonly starts: number[] = [];
  private readonly found = new Map<string, string | undefined>();
  /** Where each word of the text starts, made on the first question (see {@link wordStarts}). */
  private words: Map<string, number[]> | null = null;

  constructor(private readonly sentences: readonly string[]) {
    // Lower case first: it can change a text's length ("İ" becomes two code units).
    const lower = sentences.map((s) => s.toLowerCase());
    let at = 0;
    for (const s of lower) {
      this.starts.push(at);
      at += s.length + 1;
    }
    this.text = lower.join('\n');
  }

  /** The first sentence containing `term` as whole words, or undefined. */
  of(term: string): string | undefined {
    const needle = term.trim().replace(/\s+/gu, ' ').toLowerCase();
    if (this.found.has(needle)) return this.found.get(needle);
    const at = this.indexOf(needle);
    const sentence = at >= 0 ? this.sentences[this.indexAt(at)] : undefined;
    this.found.set(needle, sentence);
    return sentence;
  }

  /**
   * Where `needle` first stands as whole words: the same answer as {@link indexOfWhole}, without searching the
   * whole text for each of a long document's candidate terms. A whole-word match of a needle that opens with a
   * word character starts a word of the text equal to the needle's first word, so only those places are tried.
   */
  private indexOf(needle: string): number {
    const first = firstWord(needle);
    if (!first) return indexOfWhole(this.text, needle);
    this.words ??= wordStarts(this.text);
    for (const at of this.words.get(first) ?? []) {
      if (!this.text.startsWith(needle, at)) continue;
      const after = this.text.charCodeAt(at + needle.length);
      if (Number.isNaN(after) || !isWordUnit(after)) return at;
    }
    return -1;
  }

  private indexAt(offset: number): number {
    let [lo, hi] = [0, this.starts.length - 1];
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A code unit that {@link indexOfWhole} counts as part of a word (a lone surrogate is not). */
function isWordUnit(code: number): boolean {
  if (code < 128)
    return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57);
  return WORD_CHAR.test(String.fromCharCode(code));
}

/** The run of word code units `text` opens with, or '' when it opens with another character. */
function firstWord(text: string): string {
  let end = 0;
  while (end < text.length && isWordUnit(text.charCodeAt(end))) end++;
  return text.slice(0, end);
}

/** Each run of word code units of `text`, with the offsets where it stands, in order. */
function wordStarts(text: string): Map<string, number[]> {
  const out = new Map<string, number[]>();
  let i = 0;
  while (i < text.length) {
    if (!isWordUnit(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && isWordUnit(text.charCodeAt(i))) i++;
    const word = text.slice(start, i);
    const starts = out.get(word);
    if (starts) starts.push(start);
    else out.set(word, [start]);
  }
  return out;
}
