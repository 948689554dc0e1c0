/**
 * What a language's analyser gives the course and quiz stages: tokens with their part of speech in context,
 * lemmas, and whether a word is in the analyser's lexicon. English has one (wink-nlp, en/analyser.ts); a
 * language without one is read statistically (see profile.ts).
 */

/** Universal part-of-speech tags, as the model assigns them. */
export type Pos =
  | 'ADJ'
  | 'ADP'
  | 'ADV'
  | 'AUX'
  | 'CCONJ'
  | 'DET'
  | 'INTJ'
  | 'NOUN'
  | 'NUM'
  | 'PART'
  | 'PRON'
  | 'PROPN'
  | 'PUNCT'
  | 'SCONJ'
  | 'SYM'
  | 'VERB'
  | 'X'
  | 'SPACE';

/** One token of an analysed text. */
export interface Token {
  /** As written. */
  text: string;
  lower: string;
  /** Dictionary form, lower case ("rows" → "row", "ran" → "run"). */
  lemma: string;
  pos: Pos;
  /** True when the word is in the model's lexicon (a common word of the language). Names and jargon are not. */
  known: boolean;
  /** Character offsets in the analysed text. */
  start: number;
  end: number;
}

/** What the course and quiz stages ask of an analysed language's text. */
export interface Analyser {
  /** Tokens of `text`, tagged in context. */
  tag(text: string): readonly Token[];
  /** Tokens of `${first} ${second}`, as {@link tag} gives them: for two texts just tagged, being joined. */
  tagJoined(first: string, second: string): readonly Token[];
  /** True when `word` (one token, any case) is in the model's lexicon. */
  isWord(word: string): boolean;
}

/** True for the tags of words that carry content in a noun phrase. */
export const isNominal = (pos: Pos) => pos === 'NOUN' || pos === 'PROPN';
