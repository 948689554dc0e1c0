/**
 * Term matching for quizzes: finding a term as a whole word, blanking or swapping it, and choosing
 * distractors of the same kind (same script, number of words and capitalisation, similar length, no shared
 * word).
 */
import { escapeRegExp } from './regexp.ts';
import { type Rng, shuffled } from './rng.ts';
import { findWhole, WholeWordTexts } from './whole-words.ts';
import { foldPlural, hasCjk, words } from './words.ts';

/** The blank of a fill-in-the-blank question. */
export const BLANK = '_____';

const patterns = new Map<string, RegExp>();

/**
 * A case-insensitive whole-word pattern for `term` (global). A Japanese term is a part of a run of letters
 * without spaces (see cjkTermParts), so it matches anywhere.
 */
function patternOf(term: string): RegExp {
  let re = patterns.get(term);
  if (!re) {
    const escaped = escapeRegExp(term).replace(/\s+/g, '\\s+');
    re = hasCjk(term)
      ? new RegExp(escaped, 'gu')
      : new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu');
    patterns.set(term, re);
  }
  re.lastIndex = 0;
  return re;
}

/** True when `term` occurs in `text` as whole words, in any case. */
export function containsTerm(text: string, term: string): boolean {
  return hasCjk(term) ? patternOf(term).test(text) : findWhole(text, term) !== null;
}

/**
 * Which of some texts use a term ({@link containsTerm}), for many terms: each text is lower-cased once, and
 * each term's users are found once however often they are asked for.
 */
export class TermUses {
  private readonly lowered: WholeWordTexts;
  private readonly found = new Map<string, number[]>();

  constructor(private readonly texts: readonly string[]) {
    this.lowered = new WholeWordTexts(texts);
  }

  /** The first text that uses `term`, or undefined. */
  firstText(term: string): string | undefined {
    const [first] = this.users(term, 1);
    return first === undefined ? undefined : this.texts[first];
  }

  /** How many texts use `term`, counting to `max`. */
  count(term: string, max: number): number {
    return this.users(term, max).length;
  }

  /** For each text, whether it uses `term`. */
  usedIn(term: string): boolean[] {
    const used = new Array<boolean>(this.texts.length).fill(false);
    for (const i of this.users(term, this.texts.length)) used[i] = true;
    return used;
  }

  /** Indexes of the first `max` texts that use `term` (all of them when fewer), searched only as far as asked. */
  private users(term: string, max: number): number[] {
    let found = this.found.get(term);
    if (!found) {
      found = [];
      this.found.set(term, found);
    }
    // Complete when the last search ran off the end: marked by a -1 at the end.
    let complete = found.at(-1) === -1;
    while (!complete && found.length < max) {
      const from = found.length > 0 ? found.at(-1)! + 1 : 0;
      const at = this.next(term, from);
      if (at < 0) {
        found.push(-1);
        complete = true;
      } else found.push(at);
    }
    const hits = complete ? found.slice(0, -1) : found;
    return hits.length > max ? hits.slice(0, max) : hits;
  }

  private next(term: string, from: number): number {
    if (!hasCjk(term)) return this.lowered.indexOf(term, from);
    for (let i = from; i < this.texts.length; i++) if (patternOf(term).test(this.texts[i]!)) return i;
    return -1;
  }
}

/** Finds which terms of a fixed list occur in a text, by words rather than one pattern per term. */
export class TermFinder {
  private readonly byFirstWord = new Map<string, { term: string; words: string[] }[]>();
  /** Japanese terms, found as substrings: they have no word boundaries. */
  private readonly cjk: string[] = [];

  constructor(terms: readonly string[]) {
    for (const term of terms) {
      if (hasCjk(term)) {
        this.cjk.push(term);
        continue;
      }
      const ws = words(term.toLowerCase());
      if (ws.length === 0) continue;
      const list = this.byFirstWord.get(ws[0]!) ?? [];
      list.push({ term, words: ws });
      this.byFirstWord.set(ws[0]!, list);
    }
  }

  /** Terms occurring in `text` as whole words (any case), each once, in order of first occurrence. */
  find(text: string): string[] {
    const ws = words(text.toLowerCase());
    const found = new Set<string>();
    ws.forEach((w, i) => {
      for (const { term, words: tw } of this.byFirstWord.get(w) ?? [])
        if (tw.every((t, j) => ws[i + j] === t)) found.add(term);
    });
    if (this.cjk.length > 0 && hasCjk(text))
      for (const term of this.cjk) if (text.includes(term)) found.add(term);
    return [...found];
  }
}

/** `text` with the first occurrence of `term` blanked out. */
export function blankOut(text: string, term: string): string {
  return text.replace(new RegExp(patternOf(term).source, 'iu'), BLANK);
}

/** `text` with every occurrence of `term` replaced by `other`, capitalised where the original was. */
export function swapTerm(text: string, term: string, other: string): string {
  return text.replace(patternOf(term), (found) =>
    /^\p{Lu}/u.test(found) && /^\p{Ll}/u.test(other) ? other[0]!.toUpperCase() + other.slice(1) : other,
  );
}

const wordsOf = (term: string) => term.toLowerCase().split(/\s+/).map(foldPlural);
const capitalised = (term: string) => /^\p{Lu}/u.test(term);

/** Katakana, kanji, other (a mixed term counts as other): a distractor is written like its answer. */
const scriptOf = (term: string) =>
  /^[\p{Script=Katakana}ー]+$/u.test(term) ? 'katakana' : /^\p{Script=Han}+$/u.test(term) ? 'han' : 'other';

/**
 * True when `b` could pass for `a`: same script, same number of words and capitalisation, no shared word, no
 * substring.
 */
export function sameKind(a: string, b: string): boolean {
  if (scriptOf(a) !== scriptOf(b)) return false;
  const [wa, wb] = [wordsOf(a), wordsOf(b)];
  if (wa.length !== wb.length || capitalised(a) !== capitalised(b)) return false;
  const [la, lb] = [a.toLowerCase(), b.toLowerCase()];
  if (la.includes(lb) || lb.includes(la)) return false;
  return !wa.some((w) => wb.includes(w));
}

/**
 * `n` distractors for `answer` from `pool`: same kind, absent from `stem`, distinct from each other. Those of
 * similar length (within a factor of 2) come first; among the closest, the choice is shuffled by `rng`.
 * Returns fewer than `n` when the pool has too few.
 */
export function distractors(
  answer: string,
  stem: string,
  pool: readonly string[],
  n: number,
  rng: Rng,
): string[] {
  const lowerStem = stem.toLowerCase();
  const candidates = pool.filter((c) => sameKind(answer, c) && !lowerStem.includes(c.toLowerCase()));
  const ratio = (c: string) => Math.max(c.length, answer.length) / Math.min(c.length, answer.length);
  const close = candidates.filter((c) => ratio(c) <= 2).sort((x, y) => ratio(x) - ratio(y));
  const far = candidates.filter((c) => ratio(c) > 2);
  const picked: string[] = [];
  for (const c of [...shuffled(close.slice(0, n * 2), rng), ...close.slice(n * 2), ...far]) {
    if (picked.length >= n) break;
    if (picked.every((p) => sameKind(p, c))) picked.push(c);
  }
  return picked;
}
