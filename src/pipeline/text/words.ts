/**
 * Unicode-aware word tokenisation shared by the embedder, the summariser and the term extractor.
 *
 * Scripts written without spaces (Chinese, Japanese) come out of the word pattern as one long run; they are
 * cut into overlapping character bigrams, the usual bag-of-words stand-in for CJK words.
 */

/** Letters, digits and combining marks, with inner apostrophes or hyphens ("don't", "light-dependent"). */
const WORD = /[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
const CJK_ANY = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const LETTER = /\p{L}/u;

/** Punctuation that ends a phrase: a two-word term never spans one. */
const BREAK_CHARS = ',;:()[]{}"“”«»!?.。．、，；：·•–—/\\|';
const BREAKS = new Set(BREAK_CHARS);
const WORD_OR_BREAK = new RegExp(`${WORD.source}|[${BREAK_CHARS.replace(/[\]\\[-]/g, '\\$&')}]`, 'gu');

/**
 * Words of `text` as written, in order, with phrase-breaking punctuation kept as one-character tokens
 * (see {@link isBreak}). One pass serves word counts, sentence checks, key terms and ranking.
 */
export function scan(text: string): string[] {
  return text.match(WORD_OR_BREAK) ?? [];
}

/** True for a punctuation token of {@link scan}. */
export function isBreak(token: string): boolean {
  return token.length === 1 && BREAKS.has(token);
}

/** Words of `text` as written (case kept), in order. CJK runs stay whole here; see {@link splitCjk}. */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** True when the word contains a Han, Hiragana or Katakana character. */
export function hasCjk(word: string): boolean {
  return mayHaveCjk(word) && CJK_CHAR.test(word);
}

/** No Han, Hiragana or Katakana character lies below U+2E80: text without one needs no Unicode pattern. */
const FIRST_CJK = 0x2e80;

/** False when no character of `text` could be CJK (most text, checked without a RegExp: this runs per word). */
function mayHaveCjk(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= FIRST_CJK) return true;
  return false;
}

/** Number of CJK characters in `text` (for reading time: they are read per character, not per word). */
export function countCjk(text: string): number {
  return mayHaveCjk(text) ? (text.match(CJK_ANY)?.length ?? 0) : 0;
}

/**
 * A word with CJK characters as its non-CJK parts plus the character bigrams of its CJK runs
 * (a lone CJK character stays a unigram).
 */
export function splitCjk(word: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of word.matchAll(CJK_RUN)) {
    const start = m.index ?? 0;
    if (start > last) out.push(word.slice(last, start));
    const run = m[0];
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    last = start + run.length;
  }
  if (last < word.length) out.push(word.slice(last));
  return out;
}

/**
 * Term candidates in a Japanese word run, which has no spaces to find words by: katakana runs of two or more
 * characters (loanwords: フォント, ディレクトリ) and kanji runs of two to eight (compounds: 漢字, 日本語組版), the
 * kana between them being particles and inflections. Latin parts ("JFM" in "JFM用") are returned as they are;
 * longer kanji runs (Chinese clauses) and single characters are dropped.
 */
export function cjkTermParts(word: string): string[] {
  return word.match(CJK_TERM_PART)?.filter((part) => !HAN_RUN.test(part) || part.length <= 8) ?? [];
}

const CJK_TERM_PART =
  /[\p{Script=Katakana}ー]{2,}|\p{Script=Han}{2,}|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+/gu;
const HAN_RUN = /^\p{Script=Han}+$/u;

/** Lower-case tokens of a text (or of its {@link scan}): words, with CJK runs cut into bigrams. */
export function tokens(text: string | readonly string[]): string[] {
  const out: string[] = [];
  for (const w of typeof text === 'string' ? words(text) : text) {
    if (isBreak(w)) continue;
    const lower = w.toLowerCase();
    if (hasCjk(lower)) out.push(...splitCjk(lower));
    else out.push(lower);
  }
  return out;
}

const NOT_PLURAL = /(ss|us|is)$/;

/** Crude plural folding so "enzyme" and "enzymes" count as one term ("processes" → "processe" is fine: it is a key). */
export function foldPlural(lower: string): string {
  if (lower.length > 4 && lower.endsWith('ies')) return `${lower.slice(0, -3)}y`;
  if (lower.length > 3 && lower.endsWith('s') && !NOT_PLURAL.test(lower)) return lower.slice(0, -1);
  return lower;
}

/** True when `word` has at least one letter (not just digits). */
export function hasLetter(word: string): boolean {
  // An ASCII letter answers at once; anything else asks the Unicode pattern.
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) | 0x20;
    if (c >= 0x61 && c <= 0x7a) return true;
  }
  return LETTER.test(word);
}

const squashedTexts = new WeakMap<{ readonly text: string }, string>();

/**
 * {@link squash} of a chunk's text, made once per chunk: the course finds its citations in it, and the quiz reads
 * the same chunks for its sources and its terms' uses (each had squashed every chunk again).
 */
export function squashedText(chunk: { readonly text: string }): string {
  let text = squashedTexts.get(chunk);
  if (text === undefined) {
    text = squash(chunk.text);
    squashedTexts.set(chunk, text);
  }
  return text;
}

/** White space other than a lone space: what {@link squash} has to replace. */
const UNSQUASHED = /[^\S ]| {2}/;

/** Collapses runs of white space to one space and trims, for comparing texts that were re-flowed. */
export function squash(text: string): string {
  // Most text is already spaced so (chunks, sentences): replacing each of its spaces by itself copied it.
  return UNSQUASHED.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}
