/**
 * Language profiles: {@link detectLanguage} tells a document's language once; {@link loadProfile} gives the
 * profile every later stage reads (stopwords, the analyser where one exists). See profile.ts for the shapes and
 * each language's folder for its data.
 */
import type { Analyser } from './analyser.ts';
import { loadEnglish, type Reading } from './en/analyser.ts';
import { ENGLISH } from './en/index.ts';
import { ENGLISH_QUIZ_WORDS } from './en/quiz-words.ts';
import { type AnalysedLanguage, type LanguageCode, type LanguageProfile, wordsOf } from './profile.ts';
import { ANY_STOPWORD, LANGUAGES } from './xx/index.ts';

export { LANGUAGE_CODES } from '../../domain/language.ts';
export type { Analyser, Pos, Token } from './analyser.ts';
export { isNominal } from './analyser.ts';
export { detectLanguage, documentLanguage } from './detect.ts';
export type { Reading } from './en/analyser.ts';
export type { AnalysedLanguage, LanguageCode, LanguageProfile, QuizWords } from './profile.ts';

const nameOf = (code: LanguageCode) => LANGUAGES.find((l) => l.code === code)?.name ?? 'Undetermined';

/**
 * Stopwords of a language read statistically: a function word of any language, its homographs of English
 * words, textbook filler. Without parts of speech nothing tells "die" the article from "die" the noun, and a
 * function word of any language is noise in a list of terms.
 */
const STATISTICAL_STOPWORDS: ReadonlySet<string> = new Set([
  ...ANY_STOPWORD,
  ...LANGUAGES.flatMap((l) => [...wordsOf(l.homographs), ...(l.code === 'ja' ? wordsOf(l.stopwords) : [])]),
]);

/**
 * Stopwords of English: its own function words and textbook filler only. Its analyser tells nouns from function
 * words, and German, Portuguese or Spanish ones are English nouns here ("war", "hat", "man", "era", "son").
 */
const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set([
  ...wordsOf(ENGLISH.functionWords),
  ...wordsOf(ENGLISH.stopwords),
]);

const pointersOf = (code: LanguageCode) => {
  const pointsElsewhere = LANGUAGES.find((l) => l.code === code)?.pointsElsewhere;
  return pointsElsewhere ? { pointsElsewhere } : {};
};

/** The profile of `code` without its analyser (enough to split sentences, count words, find terms by counts). */
export function profileOf(code: LanguageCode): LanguageProfile {
  return {
    code,
    name: nameOf(code),
    stopwords: code === ENGLISH.code ? ENGLISH_STOPWORDS : STATISTICAL_STOPWORDS,
    ...(code === ENGLISH.code ? { quizWords: ENGLISH_QUIZ_WORDS } : {}),
    ...pointersOf(code),
  };
}

/**
 * The profile of `code` with its analyser, loaded on first use when the language has one, for a new `reading`
 * (what the analyser read before is forgotten: see en/analyser.ts).
 */
export async function loadProfile(code: LanguageCode, reading?: Reading): Promise<LanguageProfile> {
  return code === ENGLISH.code ? loadEnglishProfile(reading) : profileOf(code);
}

/** The English profile with its analyser (loaded on first use: the model takes a moment and ~30 MB). */
export async function loadEnglishProfile(reading?: Reading): Promise<AnalysedLanguage> {
  const analyser: Analyser = await loadEnglish(reading);
  return { ...profileOf('en'), analyser };
}

/** True when the profile's language has an analyser. */
export const isAnalysed = (profile: LanguageProfile): profile is AnalysedLanguage =>
  profile.analyser !== undefined;
