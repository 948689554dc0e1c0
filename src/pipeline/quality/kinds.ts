/**
 * The kind of a phrase as a reader sees it, for choosing and checking quiz options and key terms: its word
 * class in context (noun, number, verb, adjective…), grammatical number, capitalisation, whether it is code or
 * prose, and its length in words. Four options of one question must look alike, or the odd one gives the answer
 * away; a key term must be a content noun phrase.
 */
import { type AnalysedLanguage, isNominal, type Pos, type Token } from '../language/index.ts';
import { findWhole } from '../text/whole-words.ts';
import { splitWords } from './standalone.ts';

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

const CODE = /[_/\\=(){}<>#$@:;]|^-|\.\w|\w\.\w|^\p{Ll}+\p{Lu}/u;

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
function headClass(t: Token): WordClass {
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

/** Why a phrase cannot be a key term (or the subject of an objective), or null when it is a content term. */
export type TermProblem =
  | 'not-noun'
  | 'function-word'
  | 'split-word'
  | 'name'
  | 'code'
  | 'number'
  | 'generic';

const TIME_UNIT = /^(?:second|minute|hour|day|week|month|year|decade|century|time|date)$/u;
const TIME_MODIFIER =
  /^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|previous|same|each|every|current|following|calendar|one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+(?:st|nd|rd|th)?)$/u;

/**
 * Judges `term` as it stands in `context` (a sentence containing it; the term alone when absent): a key
 * term is a noun phrase of content words, not a verb or adjective, not a function word, not a person's name,
 * not code or a number, not a fragment of a word split by extraction.
 */
export function termProblem(term: string, lang: AnalysedLanguage, context?: string): TermProblem | null {
  const phrase = term.trim();
  // Without context the model guesses a bare phrase's tags; a carrier sentence puts it where a noun goes.
  const carrier = `We read about the ${phrase} here.`;
  const where = (text: string) => {
    const m = findWhole(text, phrase);
    return m ? { text, ...m } : null;
  };
  const places = [(context ? where(context) : null) ?? where(carrier)].filter((p) => p !== null);
  const readings = places.map(({ text, at, length }) => {
    const tokens = lang.analyser.tag(text);
    return { tokens, at, length, inside: tokensIn(tokens, at, at + length) };
  });
  const first = readings[0]!;
  if (first.inside.length === 0) return 'generic';
  if (CODE.test(phrase)) return 'code';
  if (first.inside.every((t) => !/\p{L}/u.test(t.text))) return 'number';
  const words = first.inside.filter((t) => /\p{L}/u.test(t.text));
  const head = words.at(-1)!;
  if (words.length === 1 && (lang.stopwords.has(head.lower) || head.lower.length < 3)) return 'generic';
  // A point or span of time ("seventh day", "fiscal year 2004", "each month") dates things; it is no topic.
  if (TIME_UNIT.test(head.lemma) && words.slice(0, -1).every((t) => TIME_MODIFIER.test(t.lower)))
    return 'generic';
  if (words.some((t) => ['DET', 'PRON', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'ADP'].includes(t.pos)))
    return 'function-word';
  const neighbours = first.tokens.filter(
    (t) => t.end >= first.at - 1 && t.start <= first.at + phrase.length + 1,
  );
  if (splitWords(neighbours, lang).length > 0 || words.some((t) => !t.known && /^\p{Ll}{1,2}$/u.test(t.text)))
    return 'split-word';
  // The context decides when there is one: a word is a noun where the document uses it as one.
  if (headClass(head) !== 'noun') return 'not-noun';
  if (
    words.length >= 2 &&
    words.every((t) => t.pos === 'PROPN' && !t.known && /^\p{Lu}\p{Ll}+$/u.test(t.text))
  )
    return 'name';
  return null;
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
