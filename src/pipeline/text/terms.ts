/**
 * Key terms by TF-IDF, of documents that are not English (English ones get noun phrases, phrases.ts): every
 * text unit (a section, or a slice of one) is a document; candidates are single words and two-word phrases of
 * content words that do not cross punctuation. A term is shown in the spelling it most often has inside
 * sentences ("ATP", "Calvin cycle", "chlorophyll"), not at their start.
 *
 * Built for speed on a 150k-word manual: each distinct spelling is classified once, terms are integer ids,
 * and a two-word term's id is a pair of word ids, so counting allocates no strings.
 */
import type { LanguageProfile } from '../language/index.ts';
import { cjkTermParts, foldPlural, hasCjk, isBreak, scan } from './words.ts';

/** A candidate word: letters (inner hyphens allowed), at least three of them, no digits, no possessive. */
const TERM_WORD = /^\p{L}[\p{L}\p{M}-]*[\p{L}\p{M}]$/u;
/** Weight of a spelling seen at a sentence start, where capitals say nothing about the word. */
const INITIAL_WEIGHT = 0.01;
/** Two-word terms are rarer than single words but more telling. */
const BIGRAM_BOOST = 1.2;
/** Ids below this are words; a pair (a, b) of word ids is `(a + 1) * PAIR + b`. */
const PAIR = 2 ** 24;

/** Options of {@link TermIndex.top}. */
export interface TopTermsOptions {
  /** Terms seen fewer times than this in the selected documents are skipped. @defaultValue 1, or 2 past 300 words */
  minCount?: number;
}

/** A document for {@link TermIndex}: its sentences, each as {@link scan} tokens. */
export type ScannedDocument = readonly (readonly string[])[];

/** TF-IDF statistics over a fixed list of documents. */
export class TermIndex {
  private readonly counts: Map<number, number>[] = [];
  private readonly wordCounts: number[] = [];
  private readonly df = new Map<number, number>();
  /** Spelling → spelling id, or -1 when it cannot be part of a term. */
  private readonly spellings = new Map<string, number>();
  private readonly spellingText: string[] = [];
  private readonly spellingTerm: number[] = [];
  private readonly termKeys = new Map<string, number>();
  private readonly termSpellings: number[][] = [];
  /** Weight of each spelling (single spelling id, or pair of spelling ids) of a term. */
  private readonly spellingWeight = new Map<number, number>();
  private readonly pairSpellings = new Map<number, number[]>();
  private readonly pairTotals = new Map<number, number>();
  private wordTotal = 0;

  private readonly stopwords: ReadonlySet<string>;

  constructor(documents: readonly ScannedDocument[], lang: Pick<LanguageProfile, 'stopwords'>) {
    this.stopwords = lang.stopwords;
    for (const sentences of documents) this.addDocument(sentences);
  }

  /** Index of plain texts (each document a list of sentences), for callers without scanned tokens. */
  static fromTexts(
    documents: readonly (readonly string[])[],
    lang: Pick<LanguageProfile, 'stopwords'>,
  ): TermIndex {
    return new TermIndex(
      documents.map((d) => d.map(scan)),
      lang,
    );
  }

  private addDocument(sentences: ScannedDocument): void {
    const counts = new Map<number, number>();
    let wordCount = 0;
    for (const tokens of sentences) {
      let previous = -1;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        if (isBreak(token)) {
          previous = -1;
          continue;
        }
        wordCount++;
        if (hasCjk(token)) {
          // Parts of a Japanese run are terms on their own: never the first or second word of a pair.
          for (const part of cjkTermParts(token)) this.countSpelling(counts, this.spellingOf(part), 1);
          previous = -1;
          continue;
        }
        const spelling = this.spellingOf(token);
        const weight = i === 0 ? INITIAL_WEIGHT : 1;
        // A word twice in a row ("Percentagem Percentagem", "MESES MESES") is two cells of a table, not a term.
        if (spelling >= 0 && previous >= 0 && this.spellingTerm[spelling] !== this.spellingTerm[previous])
          this.countPair(counts, previous, spelling, weight);
        this.countSpelling(counts, spelling, weight);
        previous = spelling;
      }
    }
    for (const term of counts.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    this.counts.push(counts);
    this.wordCounts.push(wordCount);
    this.wordTotal += wordCount;
  }

  private countSpelling(counts: Map<number, number>, spelling: number, weight: number): void {
    if (spelling < 0) return;
    const term = this.spellingTerm[spelling]!;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    this.spellingWeight.set(spelling, (this.spellingWeight.get(spelling) ?? 0) + weight);
  }

  private countPair(counts: Map<number, number>, first: number, second: number, weight: number): void {
    const term = (this.spellingTerm[first]! + 1) * PAIR + this.spellingTerm[second]!;
    counts.set(term, (counts.get(term) ?? 0) + 1);
    this.pairTotals.set(term, (this.pairTotals.get(term) ?? 0) + 1);
    const pair = (first + 1) * PAIR + second;
    const seen = this.spellingWeight.get(pair);
    if (seen === undefined) {
      const list = this.pairSpellings.get(term);
      if (list) list.push(pair);
      else this.pairSpellings.set(term, [pair]);
    }
    this.spellingWeight.set(pair, (seen ?? 0) + weight);
  }

  /** The id of a spelling, classifying it (term word or not) the first time it is seen. */
  private spellingOf(word: string): number {
    const known = this.spellings.get(word);
    if (known !== undefined) return known;
    const key = termKey(word, this.stopwords);
    let id = -1;
    if (key !== null) {
      id = this.spellingText.length;
      let term = this.termKeys.get(key);
      if (term === undefined) {
        term = this.termSpellings.length;
        this.termKeys.set(key, term);
        this.termSpellings.push([]);
      }
      this.spellingText.push(word);
      this.spellingTerm.push(term);
      this.termSpellings[term]!.push(id);
    }
    this.spellings.set(word, id);
    return id;
  }

  /**
   * The `k` best terms of the given documents, best first: (1 + ln tf) · ln(1 + N/df) · (1 + ln spread), tf
   * counted over them and spread the number of them the term occurs in (topic words recur across sections),
   * skipping a term that shares a word with a better one ("cycle" after "Calvin cycle").
   */
  top(documentIds: readonly number[], k: number, options: TopTermsOptions = {}): string[] {
    const n = this.counts.length;
    const words = documentIds.reduce((sum, d) => sum + (this.wordCounts[d] ?? 0), 0);
    const minCount = options.minCount ?? (words > 300 ? 2 : 1);
    const { totals, spreads } = tally(this.counts, documentIds);
    const scored: [number, number][] = [];
    for (const [term, tf] of totals) {
      if (tf < minCount) continue;
      // A two-word phrase seen once in the whole document is more often a chance pairing than a term.
      if (term >= PAIR && (this.pairTotals.get(term) ?? 0) < 2 && this.wordTotal > 300) continue;
      const idf = Math.log(1 + n / (this.df.get(term) ?? 1));
      const spread = 1 + Math.log(spreads.get(term)!);
      scored.push([term, (1 + Math.log(tf)) * idf * spread * (term >= PAIR ? BIGRAM_BOOST : 1)]);
    }
    const ranked = scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    const chosen: number[][] = [];
    const out: string[] = [];
    for (const [term] of ranked) {
      if (out.length >= k) break;
      const parts = term >= PAIR ? [Math.floor(term / PAIR) - 1, term % PAIR] : [term];
      if (chosen.some((c) => c.some((w) => parts.includes(w)))) continue;
      chosen.push(parts);
      out.push(this.surfaceOf(term));
    }
    return out;
  }

  /** The spelling of a term seen most often (ties: the first seen, for determinism). */
  private surfaceOf(term: number): string {
    const isPair = term >= PAIR;
    const candidates = isPair ? (this.pairSpellings.get(term) ?? []) : (this.termSpellings[term] ?? []);
    let best = candidates[0] ?? 0;
    for (const c of candidates)
      if ((this.spellingWeight.get(c) ?? 0) > (this.spellingWeight.get(best) ?? 0)) best = c;
    if (!isPair) return this.spellingText[best]!;
    return `${this.spellingText[Math.floor(best / PAIR) - 1]} ${this.spellingText[best % PAIR]}`;
  }
}

/**
 * Occurrences of each term over the chosen documents (`totals`) and the number of them it occurs in
 * (`spreads`): the statistics both key-term rankings (words here, noun phrases in phrases.ts) start from.
 */
export function tally<K>(counts: readonly Map<K, number>[], ids: readonly number[]) {
  const totals = new Map<K, number>();
  const spreads = new Map<K, number>();
  for (const d of ids)
    for (const [term, tf] of counts[d] ?? []) {
      totals.set(term, (totals.get(term) ?? 0) + tf);
      spreads.set(term, (spreads.get(term) ?? 0) + 1);
    }
  return { totals, spreads };
}

/** The grouping key of a candidate word (lower case, plural folded), or null when it cannot be a term. */
function termKey(word: string, stopwords: ReadonlySet<string>): string | null {
  if (hasCjk(word)) return word.length >= 2 && !stopwords.has(word) ? word : null;
  if (word.length < 3 || !TERM_WORD.test(word)) return null;
  const lower = word.toLowerCase();
  if (stopwords.has(lower)) return null;
  return foldPlural(lower);
}
