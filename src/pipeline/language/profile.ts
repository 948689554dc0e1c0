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
  /**
   * Those of {@link abbreviations} that are also units: after a number ("300 ft.", "37,000 Mt.") a full stop after
   * them may end a sentence; before a name ("Mt. Everest", "Ft. Sumter") it does not.
   * @defaultValue none
   */
  readonly unitAbbreviations?: string;
  /** Section titles of front and back matter, by kind, tested on the lower-cased title. */
  readonly matterTitles: Partial<Record<Matter, readonly RegExp[]>>;
  /** Headings that stand beside a document's top sections whatever their size ("Contents", "Vorwort"). */
  readonly matterHeadings: readonly string[];
  /**
   * A sentence that points at text it does not hold ("as follows:", "shown in figure 2", "as said in section 1.6"):
   * no question of a language without an analyser is made of it (rules/quiz/sources.ts, `source/points-elsewhere`).
   * @defaultValue none: every sentence may be asked
   */
  readonly pointsElsewhere?: RegExp;
}

/** The language of one document, as the stages use it. */
export interface LanguageProfile {
  readonly code: LanguageCode;
  readonly name: string;
  /** Lower-case words that never make a key term on their own. */
  readonly stopwords: ReadonlySet<string>;
  /** The language's analyser, where one exists (English); absent, the text is read statistically. */
  readonly analyser?: Analyser;
  /** Words the quiz's makers of quantities, steps and definitions look for; absent, those kinds are not made. */
  readonly quizWords?: QuizWords;
  /** The language's pointers to text elsewhere (`LanguageData.pointsElsewhere`), where it declares them. */
  readonly pointsElsewhere?: RegExp;
}

/**
 * What the makers of a language's numerical, ordering, matching, short-answer and multiple-answer items look
 * for (en/quiz-words.ts for English). Patterns written `…Before` are tested on the text before a number,
 * `…After` on the text after its unit.
 */
export interface QuizWords {
  /** Units a quantity may have, as written after the number. */
  readonly units: RegExp;
  /** Words before a number that make it a label or a reference ("page 4", "version 3"). */
  readonly labelBefore: RegExp;
  /** Words before a number that make it a comparison ("more than 5", "over 16"), not a limit the text sets. */
  readonly boundBefore: RegExp;
  /** Words after the unit that make the figure a bound ("50% or more"). */
  readonly boundAfter: RegExp;
  /** An example just before the number ("i.e., 20 minutes"). */
  readonly exampleBefore: RegExp;
  /** A subject the sentence does not name, or a modal, before the number ("It outputs…", "might be"). */
  readonly leansBefore: RegExp;
  /** Words that say the figure is rounded ("about 30 minutes"): it gets a tolerance. */
  readonly roundedBefore: RegExp;
  /** A range after the unit ("4 to 8 KB"). */
  readonly rangeAfter: RegExp;
  /** What a lead-in says when the numbered list after it is a sequence ("the following steps"). */
  readonly sequenceLead: RegExp;
  /** Words that make a defined term depend on its context ("second component", "such structure"). */
  readonly contextTerm: RegExp;
  /** Words that make a definition lean on the text around it ("these data sources") or speak as the author. */
  readonly contextGloss: RegExp;
  /** A definition that says something about the term rather than what it is ("an important result of…"). */
  readonly weakGloss: RegExp;
  /** A definition cut short: it ends on a function word (also a list's last step, cut by the text's end). */
  readonly danglingGloss: RegExp;
  /**
   * A word no item of a list ends with ("of", "the", "with"), fewer than {@link danglingGloss}: steps end on "in",
   * "on", "at" ("Log in", "Turn it on"). A list's last item ending on it is cut; a number after it is the sentence's
   * ("run with 2. workers").
   */
  readonly danglingStep: RegExp;
  /** A definition that opens as no phrase a term could be ("of the file", "also the…"). */
  readonly glossOpening: RegExp;
  /** A definition that describes an argument of a routine ("an integer specifying the depth"), not a concept. */
  readonly argumentGloss: RegExp;
  /** Openings of the items of a checklist ("Make sure…", "Don't…"): advice without an order. */
  readonly checklistOpening: RegExp;
  /** Nouns that judge or relate rather than name a thing ("the drawback is…"): no term a definition defines. */
  readonly judgementTerms: RegExp;
  /** Nouns of code that, before or after a name, make a term a name to look up ("parameter crash", "dgrid3d option"). */
  readonly codeNouns: RegExp;
  /** Words that open a relative clause: a verb after one belongs to the definition. */
  readonly relatives: ReadonlySet<string>;
  /** Words that say nothing of what a definition is about (ignored when two definitions are compared). */
  readonly definitionFillers: ReadonlySet<string>;
  /** A statement that leans on what came before it (a note, a caption, "such", "Finally"): no option of a list. */
  readonly leaningStatement: RegExp;
  /** Pronouns that, before any noun of a statement, point at something the statement does not name. */
  readonly pointerPronouns: ReadonlySet<string>;
  /** A noun's other number (`keys` for `key`), or null when unsure. */
  otherNumber(term: string): string | null;
}

/** A profile whose language has an analyser. */
export interface AnalysedLanguage extends LanguageProfile {
  readonly analyser: Analyser;
}

/** Words of a space-separated list. */
export const wordsOf = (list: string | undefined): string[] => (list ?? '').split(/\s+/).filter(Boolean);
