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
    const at = indexOfWhole(this.text, needle);
    const sentence = at >= 0 ? this.sentences[this.indexAt(at)] : undefined;
    this.found.set(needle, sentence);
    return sentence;
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
