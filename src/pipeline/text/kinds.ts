/**
 * The kind of a phrase as a reader sees it, for choosing and checking quiz options and key terms: its word
 * class in context (noun, number, verb, adjective…), grammatical number, capitalisation, whether it is code or
 * prose, and its length in words. Four options of one question must look alike, or the odd one gives the answer
 * away; a key term must be a content noun phrase.
 */
import { type AnalysedLanguage, isNominal, type Pos, type Token } from '../language/index.ts';

export type WordClass = 'noun' | 'number' | 'verb' | 'adjective' | 'adverb' | 'function' | 'other';

/** What makes two phrases interchangeable to the eye. */
export interface PhraseKind {
  /** Class of the phrase's head (its last word). */
  wordClass: WordClass;
  /** Head is a plural noun ("tables"). */
  plural: boolean;
  casing: 'lower' | 'title' | 'upper' | 'mixed';
  /** Looks like code: an identifier, an option, a path ("student_id", "--help", "malloc()"). */
  code: boolean;
  /** Has a digit ("9.54", "UTF-8"). */
  digits: boolean;
  words: number;
}

export function wordClassOf(pos: Pos): WordClass {
  if (isNominal(pos)) return 'noun';
  if (pos === 'NUM') return 'number';
  if (pos === 'VERB' || pos === 'AUX') return 'verb';
  if (pos === 'ADJ') return 'adjective';
  if (pos === 'ADV') return 'adverb';
  if (['DET', 'ADP', 'PRON', 'CCONJ', 'SCONJ', 'PART', 'INTJ'].includes(pos)) return 'function';
  return 'other';
}

/** Looks like code: an identifier, an option, a path ("student_id", "--help", "malloc()", "camelCase"). */
export const CODE = /[_/\\=(){}<>#$@:;]|^-|\.\w|\w\.\w|^\p{Ll}+\p{Lu}/u;

/** Tokens of `tokens` inside the character span [start, end). */
export function tokensIn(tokens: readonly Token[], start: number, end: number): Token[] {
  return tokens.filter((t) => t.start >= start && t.end <= end && t.end > t.start);
}

/** The kind of `phrase` as it stands at [start, end) in a tagged sentence. */
export function kindAt(phrase: string, tokens: readonly Token[], start: number, end: number): PhraseKind {
  const inside = tokensIn(tokens, start, end).filter((t) => t.pos !== 'PUNCT' || /\w/u.test(t.text));
  const head = [...inside].reverse().find((t) => /[\p{L}\p{N}]/u.test(t.text));
  return {
    wordClass: head ? headClass(head) : 'other',
    plural: head ? isPlural(head) : false,
    casing: casingOf(phrase),
    code: CODE.test(phrase.trim()),
    digits: /\p{N}/u.test(phrase),
    words: phrase.trim().split(/\s+/).length,
  };
}

/** Class of a head word: the model's tag, with capitalised words it does not know taken as names. */
export function headClass(t: Token): WordClass {
  if (/^\p{N}[\p{N}.,]*$/u.test(t.text)) return 'number';
  if (!t.known && /^\p{Lu}/u.test(t.text) && t.pos !== 'NUM') return 'noun';
  return wordClassOf(t.pos);
}

function isPlural(t: Token): boolean {
  if (!isNominal(t.pos) && t.known) return false;
  return t.lower.length > 3 && /[^s]s$/u.test(t.lower) && t.lemma !== t.lower;
}

function casingOf(phrase: string): PhraseKind['casing'] {
  const letters = phrase.replace(/[^\p{L}]/gu, '');
  if (!letters) return 'lower';
  if (letters === letters.toUpperCase() && letters.length > 1) return 'upper';
  if (letters === letters.toLowerCase()) return 'lower';
  const ws = phrase.trim().split(/\s+/);
  if (ws.every((w) => /^\p{Lu}\p{Ll}*(?:[-'’]\p{L}+)*$/u.test(w) || !/\p{L}/u.test(w))) return 'title';
  if (/^\p{Lu}\p{Ll}/u.test(phrase) && ws.slice(1).every((w) => w === w.toLowerCase())) return 'title';
  return 'mixed';
}

/** What is wrong with a multiple-choice item's options, as a student would notice it. */
export interface OptionProblems {
  /** Options whose head is a verb, adjective, adverb or function word. */
  wrongKind: string[];
  /** The feature on which the right option alone differs from the three others, which agree. */
  standsOut: keyof PhraseKind | null;
}

/** Judges the options of a fill-in-the-blank question, each tagged in the stem with it filled in. */
export function optionProblems(
  stem: string,
  blank: string,
  options: readonly string[],
  answerIndex: number,
  lang: AnalysedLanguage,
): OptionProblems {
  const at = stem.indexOf(blank);
  const kinds = options.map((o) => {
    if (at < 0) return kindAt(o, lang.analyser.tag(o), 0, o.length);
    const filled = stem.slice(0, at) + o + stem.slice(at + blank.length);
    return kindAt(o, lang.analyser.tag(filled), at, at + o.length);
  });
  const wrongKind = options.filter((_, i) => !['noun', 'number'].includes(kinds[i]!.wordClass));
  return { wrongKind, standsOut: oddOneOut(kinds, answerIndex) };
}

/** The feature on which `kinds[index]` differs from all others while they agree among themselves. */
export function oddOneOut(kinds: readonly PhraseKind[], index: number): keyof PhraseKind | null {
  const answer = kinds[index];
  if (!answer || kinds.length < 3) return null;
  const others = kinds.filter((_, i) => i !== index);
  for (const key of ['wordClass', 'plural', 'casing', 'code', 'digits', 'words'] as const) {
    const value = key === 'words' ? Math.min(answer.words, 3) : answer[key];
    const rest = others.map((k) => (key === 'words' ? Math.min(k.words, 3) : k[key]));
    if (rest.every((v) => v === rest[0]) && rest[0] !== value) return key;
  }
  return null;
}
