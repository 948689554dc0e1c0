/**
 * A language profile: what the course and quiz stages know of the language a document is written in, detected
 * once per document (detect.ts) and passed to every stage that reads text, instead of each stage guessing.
 *
 * Each language's data lives in its own folder (`en/`, `de/`, … as spaCy's `lang/xx/`), `xx/` holds what every
 * language shares. A language with an analyser (English) is read through parts of speech and lemmas; the others
 * statistically, by word counts.
 */
import type { LanguageCode, Matter } from '../../domain/document.ts';
import type { Analyser } from './analyser.ts';

export type { LanguageCode } from '../../domain/document.ts';

/** What a language's folder declares. Word lists are written as space-separated words, lower case. */
export interface LanguageData {
  readonly code: Exclude<LanguageCode, 'und'>;
  /** In English, as the course and exports name it. */
  readonly name: string;
  /** Articles, pronouns, prepositions, auxiliaries…: they tell the language and never make a term. */
  readonly functionWords: string;
  /** Other words that never make a term alone (a textbook's filler: "example", "chapter"). */
  readonly stopwords?: string;
  /** Function words that are also English words: stopwords only in a document that is not English. */
  readonly homographs?: string;
  /** Abbreviations (without their final dot) after which a full stop does not end a sentence. */
  readonly abbreviations: string;
  /** Section titles of front and back matter, by kind, tested on the lower-cased title. */
  readonly matterTitles: Partial<Record<Matter, readonly RegExp[]>>;
  /** Headings that stand beside a document's top sections whatever their size ("Contents", "Vorwort"). */
  readonly matterHeadings: readonly string[];
}

/** The language of one document, as the stages use it. */
export interface LanguageProfile {
  readonly code: LanguageCode;
  readonly name: string;
  /** Lower-case words that never make a key term on their own. */
  readonly stopwords: ReadonlySet<string>;
  /** The language's analyser, where one exists (English); absent, the text is read statistically. */
  readonly analyser?: Analyser;
}

/** A profile whose language has an analyser. */
export interface AnalysedLanguage extends LanguageProfile {
  readonly analyser: Analyser;
}

/** Words of a space-separated list. */
export const wordsOf = (list: string | undefined): string[] => (list ?? '').split(/\s+/).filter(Boolean);
