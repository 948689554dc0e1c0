/**
 * What every language shares: the list of languages, the function words of all of them (a statistical reading
 * drops any of them), the titles of front and back matter in any language (a section is recognised before the
 * document's language is known), and the enumerators of lists.
 */
import type { Matter } from '../../../domain/document.ts';
import { GERMAN } from '../de/index.ts';
import { ENGLISH } from '../en/index.ts';
import { SPANISH } from '../es/index.ts';
import { FRENCH } from '../fr/index.ts';
import { JAPANESE } from '../ja/index.ts';
import { type LanguageData, wordsOf } from '../profile.ts';
import { PORTUGUESE } from '../pt/index.ts';

/** Every language with data, in the order detection weighs them. */
export const LANGUAGES: readonly LanguageData[] = [ENGLISH, GERMAN, PORTUGUESE, FRENCH, SPANISH, JAPANESE];

/**
 * Lower-case function words and filler of every language written with spaces. (Japanese compounds are dropped
 * as parts of a run of kanji; texts scanned word by word cut such runs into character bigrams, which are no
 * words.)
 */
export const ANY_STOPWORD: ReadonlySet<string> = new Set(
  LANGUAGES.filter((l) => l.code !== 'ja').flatMap((l) => [
    ...wordsOf(l.functionWords),
    ...wordsOf(l.stopwords),
  ]),
);

/** Abbreviations of every language: a sentence splitter that meets "z.B." in an English text still knows it. */
export const ANY_ABBREVIATION: ReadonlySet<string> = new Set(
  LANGUAGES.flatMap((l) => wordsOf(l.abbreviations)),
);

/** Abbreviations of every language that are also units ("ft"): after a number, a stop after them may end a sentence. */
export const ANY_UNIT_ABBREVIATION: ReadonlySet<string> = new Set(
  LANGUAGES.flatMap((l) => wordsOf(l.unitAbbreviations)),
);

/** Kinds of matter in the order a title is tested against them. */
const MATTER_ORDER: readonly Matter[] = [
  'contents',
  'list-of-figures',
  'index',
  'bibliography',
  'acknowledgements',
  'licence',
  'title-page',
  'glossary',
];

/** Each kind of matter with the title patterns of every language. */
export const MATTER_TITLES: readonly (readonly [Matter, readonly RegExp[]])[] = MATTER_ORDER.map((kind) => [
  kind,
  LANGUAGES.flatMap((l) => l.matterTitles[kind] ?? []),
]);

/** A heading of front or back matter in any language, as the whole title (any case). */
export const MATTER_HEADING = new RegExp(
  `^(?:${LANGUAGES.flatMap((l) => l.matterHeadings).join('|')})$`,
  'iu',
);

/**
 * The enumerator of a list item inside brackets or before one: a lower-case letter, one or two digits, a
 * lower-case roman numeral ("(b)", "(12)", "(iv)"). A regular-expression source, for the rules that build on it.
 */
export const ENUMERATOR = '(?:[a-z]|[0-9]{1,2}|[ivx]{1,4})';
