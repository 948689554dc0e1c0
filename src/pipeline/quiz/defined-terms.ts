/**
 * Which glossary entries are worth asking by their definition: the one gate every maker that reads the glossary
 * goes through (multiple choice "Which term does the text define as …?", matching, short answer), and what
 * eval:glossary counts refusals by. An entry is asked when a gloss is read from it ({@link glossOfEntry}), the gloss
 * does not name its term and is short ({@link unfitGloss}), no rule of GLOSS_RULES (rules/quiz/glosses.ts, with the
 * non-definitions of rules/quiz/non-definitions.ts) catches the definition, none of DEFINED_TERM_RULES the term, and
 * none of ANSWER_CONTEXT_RULES (rules/quiz/answer-context.ts) the term read with the text before its defining sentence
 * (a syntax's placeholder, an example's data). Each kind may refuse more of its own (matching: LISTED_GLOSS_RULES; short answer: ANSWER_RULES and SALIENCE_RULES).
 */
import type { GlossaryEntry } from '../../domain/course.ts';
import type { AnalysedLanguage, QuizWords, Token } from '../language/index.ts';
import { contextRefusal, textBefore } from '../rules/quiz/answer-context.ts';
import type { GlossPlace, TermPlace } from '../rules/quiz/gloss-places.ts';
import { DEFINED_TERM_RULES, firstSentence, GLOSS_RULES } from '../rules/quiz/glosses.ts';
import { containsTerm } from '../text/cloze.ts';
import { findDefinition } from '../text/definitions.ts';
import { escapeRegExp } from '../text/regexp.ts';

/** A gloss longer than this is a paragraph, not something to recognise a term by. */
const MAX_GLOSS_WORDS = 25;

/** A glossary entry of the quiz's scope, with the phrase it is defined as. */
export interface Defined {
  term: string;
  gloss: string;
  sentence: string;
  page: number;
  chunkId?: string;
  moduleIndex: number;
}

/** The phrase a glossary entry defines its term as (`term: gloss`, or the gloss of a defining sentence), if read. */
export function glossOfEntry(
  entry: GlossaryEntry,
  lang: AnalysedLanguage,
  tag: (text: string) => readonly Token[],
): string | undefined {
  const sentence = entry.definition;
  // Only a definition with a colon can read `term: gloss`: the others need no pattern made for their term.
  const glossary = sentence.includes(':')
    ? new RegExp(`^${escapeRegExp(entry.term)}:\\s*(.+?)[.!]?$`, 'iu').exec(sentence)
    : null;
  return glossary ? lowerFirst(glossary[1]!) : findDefinition(sentence, tag(sentence), lang)?.gloss;
}

/** Why a gloss read is unfit to ask by before any rule reads it, or null: it names the term, or is a paragraph. */
export function unfitGloss(gloss: string, term: string): string | null {
  if (containsTerm(gloss, term)) return 'gloss names its term';
  if (gloss.split(/\s+/).length > MAX_GLOSS_WORDS) return `gloss longer than ${MAX_GLOSS_WORDS} words`;
  return null;
}

/** The first rule of GLOSS_RULES that refuses to ask a term by its definition (its first sentence), or null. */
export function glossRefusal(
  d: Pick<Defined, 'term' | 'gloss'>,
  lang: AnalysedLanguage,
  words: QuizWords,
): string | null {
  const gloss = firstSentence(d.gloss);
  const place: GlossPlace = { term: d.term, gloss, tags: () => lang.analyser.tag(gloss), words };
  return GLOSS_RULES.find((rule) => rule.fails(place))?.id ?? null;
}

/** The first rule of DEFINED_TERM_RULES that finds the term no term to know (code, a position named by an index…), or null. */
export function termRefusal(term: string, lang: AnalysedLanguage, words: QuizWords): string | null {
  const place: TermPlace = { term, words, isWord: (word) => lang.analyser.isWord(word) };
  return DEFINED_TERM_RULES.find((rule) => rule.fails(place))?.id ?? null;
}

/** The text of a chunk by its id (empty when unknown): the context rules read the text before a defining sentence. */
export type ContextOf = (chunkId: string) => string;

/** The first rule of ANSWER_CONTEXT_RULES that refuses the entry's term with the text before its sentence, or null. */
function entryContextRefusal(entry: GlossaryEntry, contextOf: ContextOf): string | null {
  const chunkId = entry.citations[0]?.chunkId;
  return chunkId
    ? contextRefusal(entry.term, textBefore(contextOf(chunkId), entry.definition), entry.definition)
    : null;
}

/** An entry's gloss as read, and why the gloss is not asked by (null: it may be). */
interface GlossReading {
  lang: AnalysedLanguage;
  gloss: string | undefined;
  refusal: string | null;
}

/**
 * Each entry's gloss reading, made once: multiple choice, matching and short answer each read the same course's
 * glossary through the gate, and the gloss rules tag the gloss. Kept with the language it was read in.
 */
const glossReadings = new WeakMap<GlossaryEntry, GlossReading>();

function readGloss(
  entry: GlossaryEntry,
  lang: AnalysedLanguage,
  words: QuizWords,
  tag: (text: string) => readonly Token[],
): GlossReading {
  const known = glossReadings.get(entry);
  if (known?.lang === lang) return known;
  const gloss = glossOfEntry(entry, lang, tag);
  const refusal = gloss
    ? (unfitGloss(gloss, entry.term) ?? glossRefusal({ term: entry.term, gloss }, lang, words))
    : 'no definition read';
  const reading = { lang, gloss, refusal };
  glossReadings.set(entry, reading);
  return reading;
}

/** A glossary entry read: the term with its definition, or why it is not asked by it. */
export type EntryReading = { defined: Defined; refusal: null } | { defined: null; refusal: string };

/** Whether and how a glossary entry may be asked by its definition: the one gate of every glossary maker. */
export function readEntry(
  entry: GlossaryEntry,
  moduleIndex: number,
  lang: AnalysedLanguage,
  words: QuizWords,
  tag: (text: string) => readonly Token[],
  contextOf: ContextOf,
): EntryReading {
  const { gloss, refusal: glossRefused } = readGloss(entry, lang, words, tag);
  const refusal =
    glossRefused ?? termRefusal(entry.term, lang, words) ?? entryContextRefusal(entry, contextOf);
  if (refusal || !gloss) return { defined: null, refusal: refusal ?? 'no definition read' };
  const c = entry.citations[0]!;
  const defined: Defined = {
    term: entry.term,
    gloss,
    sentence: entry.definition,
    page: c.page,
    moduleIndex,
    ...(c.chunkId ? { chunkId: c.chunkId } : {}),
  };
  return { defined, refusal: null };
}

/** A glossary entry with the phrase it defines its term as, or null when it is not to be asked ({@link readEntry}). */
export const definedTerm = (
  entry: GlossaryEntry,
  moduleIndex: number,
  lang: AnalysedLanguage,
  words: QuizWords,
  tag: (text: string) => readonly Token[],
  contextOf: ContextOf,
): Defined | null => readEntry(entry, moduleIndex, lang, words, tag, contextOf).defined;
const lowerFirst = (s: string) => (/^\p{Lu}(?:\p{Ll}|\s)/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
