/**
 * Matching and short answer from the terms a module defines (its glossary, each term with the phrase the text
 * defines it as), asked only by the definitions the glossary gate passes (quiz/defined-terms.ts, the one multiple
 * choice's definition questions go through too).
 *
 * Matching: three terms of one module with their definitions (the surest: rules/quiz/pair-confidence.ts), each
 * with one match (item rule `item/one-match-each`). Short answer: the term a definition defines, typed; accepted are the term, its other
 * number (plural or singular), its hyphenated or joined spelling, the abbreviation the text gives beside it
 * ("database management system (DBMS)") and the bare name of a name with its kind ("VBIC" for "VBIC model");
 * case is ignored when answers are compared.
 */

import type { Course } from '../../../domain/course.ts';
import type { Chunk } from '../../../domain/document.ts';
import type { DraftOf } from '../../../domain/questions.ts';
import type { AnalysedLanguage, QuizWords } from '../../language/index.ts';
import { ANSWER_VARIANT_RULES } from '../../rules/quiz/answer-variants.ts';
import type { GlossPlace } from '../../rules/quiz/gloss-places.ts';
import {
  ANSWER_RULES,
  bareName,
  firstSentence,
  LISTED_GLOSS_RULES,
  termWithoutName,
} from '../../rules/quiz/glosses.ts';
import { matchingProblem } from '../../rules/quiz/kind-items.ts';
import { unsureness } from '../../rules/quiz/pair-confidence.ts';
import { SALIENCE_RULES } from '../../rules/quiz/salience.ts';
import { escapeRegExp } from '../../text/regexp.ts';
import { type Rng, shuffled } from '../../text/rng.ts';
import type { GroupMaker } from '../assembler.ts';
import { type Defined, definedTerm } from '../defined-terms.ts';
import type { Scope } from '../material.ts';
import { cited, type Made, made, quoted } from '../picking.ts';
import { TermUses } from './term-uses.ts';

/**
 * A matching item lists at most this many terms, the surest first ({@link surestFirst}): one bad pair spoils an item,
 * and of the judged items of sets 11 to 14 half were spoilt so (24 usable in 49). With up to six pairs, sets 13 and
 * 14 kept 14 usable in 25 under today's rules; with the three surest, 14 in 22 (`npm run eval:judged -- --held 13,14`).
 */
export const MAX_PAIRS = 3;

/** A definition without the footnote mark the extraction glued to its end ("…programming models.1"). */
function withoutFootnote(gloss: string): string {
  return gloss.replace(/(\p{Ll}{2})\.\d{1,2}$/u, '$1');
}

/** A definition as a list shows it: its first sentence, without a footnote mark. */
function listedGloss(d: Pick<Defined, 'gloss'>): string {
  return firstSentence(withoutFootnote(d.gloss));
}
/** A matching item lists at least this many terms. */
export const MIN_PAIRS = 3;

/** The first rule that refuses a definition a place in a list of them (matching), or null. */
export const listingRefusal = (d: Defined, words: QuizWords) => {
  const gloss = listedGloss(d);
  const place: GlossPlace = { term: d.term, gloss, tags: () => [], words };
  return LISTED_GLOSS_RULES.find((rule) => rule.fails(place))?.id ?? null;
};

const listable = (d: Defined, words: QuizWords) => listingRefusal(d, words) === null;

/**
 * The defined terms of the scope's glossaries that may be asked, read once when a maker first needs them: those
 * the glossary gate passes ({@link definedTerm}: no rule of GLOSS_RULES catches the definition, none of
 * DEFINED_TERM_RULES the term, none of ANSWER_CONTEXT_RULES the term with the text before it); a short answer asks only those the document treats as terms (SALIENCE_RULES).
 * Matching shows the term beside its definition and is not gated by salience: on the tuning data that gate took a
 * usable matching item (R FAQ's library, package, element name) and no faulty one.
 */
export class GlossaryMaterial {
  private read?: Defined[];
  private texts?: Map<string, string>;
  private readonly salience = new Map<Defined, boolean>();
  private readonly uses: TermUses;

  constructor(
    course: Course,
    private readonly scope: Scope,
    private readonly chunks: readonly Chunk[],
    readonly lang: AnalysedLanguage,
    readonly words: QuizWords,
  ) {
    this.uses = new TermUses(course, chunks);
  }

  /** Whether the document uses the term as a term of its own (rules/quiz/salience.ts). */
  private salient(d: Defined): boolean {
    const isWord = (w: string) => this.lang.analyser.isWord(w);
    // The answers the key accepts: the document may write the term as its abbreviation ("ESP") or bare name.
    const variants = acceptedAnswers(d.term, `${d.sentence} ${this.contextOf(d)}`, this.words, isWord);
    const place = this.uses.placeOf(d.term, firstSentence(d.gloss), d.sentence, variants, isWord);
    return !SALIENCE_RULES.some((rule) => rule.fails(place));
  }

  get defined(): readonly Defined[] {
    if (!this.read) {
      const tag = (text: string) => this.lang.analyser.tag(text);
      const chunkText = (chunkId: string) => this.chunkText(chunkId);
      this.read = this.scope.flatMap(({ module, index }) =>
        (module.glossary ?? []).flatMap(
          (entry) => definedTerm(entry, index, this.lang, this.words, tag, chunkText) ?? [],
        ),
      );
    }
    return this.read;
  }

  /** Whether the document treats a defined term as a term: what a short answer may ask to type. */
  isSalient(d: Defined): boolean {
    let salient = this.salience.get(d);
    if (salient === undefined) {
      salient = this.salient(d);
      this.salience.set(d, salient);
    }
    return salient;
  }

  /** The text of the chunk a definition comes from (where an abbreviation may stand beside its term). */
  contextOf(d: Defined): string {
    return d.chunkId ? this.chunkText(d.chunkId) : '';
  }

  /** The text of a chunk by its id, empty when unknown: the gate and the answers read it for every entry. */
  private chunkText(chunkId: string): string {
    this.texts ??= new Map(this.chunks.map((c) => [c.id, c.text]));
    return this.texts.get(chunkId) ?? '';
  }
}

export function matchingMaker(glossary: GlossaryMaterial, moduleTitles: readonly string[] = []): GroupMaker {
  return {
    id: 'matching',
    kind: 'matching',
    why: 'Three terms a module defines, the surest first, matched to their definitions: the definitions are the text’s, distinct enough that each has one match.',
    make: (_, rng) =>
      matchingItems(
        glossary.defined,
        rng,
        glossary.words,
        (w) => glossary.lang.analyser.isWord(w),
        moduleTitles,
      ),
  };
}

export function shortAnswerMaker(glossary: GlossaryMaterial): GroupMaker {
  return {
    id: 'short-answer',
    kind: 'short_answer',
    why: 'The term a definition defines, typed back: recall, with the variants a learner may fairly type (number, hyphens, the abbreviation the text gives).',
    make: (_, rng) =>
      shortAnswerItems(
        // Shuffled before the salience gate: the shuffle draws as many numbers whatever the gate refuses, so
        // its refusals change no later draw, only which terms are left.
        shuffled(glossary.defined, rng).filter((d) => glossary.isSalient(d)),
        (d) => glossary.contextOf(d),
        glossary.words,
        (w) => glossary.lang.analyser.isWord(w),
      ),
  };
}

/**
 * Matching items: the defined terms of each module, in groups of three (the surest first); then the terms of
 * modules too thin for a group of their own, in the text's order, in groups about the whole text. On the tuning data a module rarely
 * defines three listable terms: of the 140 modules of fresh sets 9 and 10 none did (at most two), while
 * zsh and rasmol define three to seven over their modules (scripts/quality/reading.md, "Matching and
 * multiple answer: why so few"). The groups of several modules need no randomness: the other makers' draws stay
 * as they were. Each prompt names its module, or its pages: a quiz never asks one prompt twice (quiz/picking.ts),
 * and with one prompt for all a quiz took one matching item of a manual that had two.
 */
export function matchingItems(
  defined: readonly Defined[],
  rng: Rng,
  words: QuizWords,
  isWord: (word: string) => boolean,
  moduleTitles: readonly string[] = [],
): Made[] {
  const { byModule, wholeText } = matchingGroups(defined, rng, words, isWord);
  return [
    ...byModule
      .filter(({ group }) => group.length >= MIN_PAIRS)
      .map(({ group, moduleIndex }) => matchingItem(group, moduleIndex, moduleTitles[moduleIndex])),
    ...wholeText.map((group) => matchingItem(group, undefined, undefined)),
  ];
}

/** A module's listable terms, in the order drawn, and the group of them that fits (asked from three terms). */
export interface ModuleGroup {
  moduleIndex: number;
  listable: Defined[];
  group: Defined[];
}

/**
 * The groups {@link matchingItems} asks: per module its listable terms and the group that fits, asked when it has
 * {@link MIN_PAIRS} terms or more; then the groups of the terms of thinner modules about the whole text: the first of
 * the surest of them, the others of the pairs no rule of rules/quiz/pair-confidence.ts demotes.
 * eval:glossary counts them, so its figures are the maker's.
 */
export function matchingGroups(
  defined: readonly Defined[],
  rng: Rng,
  words: QuizWords,
  isWord: (word: string) => boolean,
): { byModule: ModuleGroup[]; wholeText: Defined[][] } {
  const entriesOf = new Map<number, Defined[]>();
  for (const d of defined) entriesOf.set(d.moduleIndex, [...(entriesOf.get(d.moduleIndex) ?? []), d]);
  const byModule: ModuleGroup[] = [];
  const left: Defined[] = [];
  for (const [moduleIndex, entries] of entriesOf) {
    const listed = shuffled(entries, rng).filter((d) => listable(d, words));
    const group = fittingGroup(listed, words, isWord);
    byModule.push({ moduleIndex, listable: listed, group });
    if (group.length < MIN_PAIRS) left.push(...listed);
  }
  const wholeText: Defined[][] = [];
  let rest = left.sort((a, b) => a.moduleIndex - b.moduleIndex || a.page - b.page);
  while (rest.length >= MIN_PAIRS) {
    const group = fittingGroup(rest, words, isWord);
    if (group.length < MIN_PAIRS) break;
    wholeText.push(group);
    // The pairs a confidence rule demotes may fill the first group, as a module's, and make no item of their own:
    // taken three at a time they made, on set 14, items of what the surer groups left (33 items, not 28 of six).
    // Sure pairs still make more: they are as sure in a second item as in the first, and the whole text pools the
    // terms of every module too thin for a group, most of a manual of short sections, whose one item would leave
    // it fewer than a manual of long chapters gets.
    rest = rest.filter((d) => !group.includes(d) && unsureness({ term: d.term, words, isWord }) === 0);
  }
  return { byModule, wholeText };
}

/**
 * The candidates in the order a group takes them: the surest pairs first (rules/quiz/pair-confidence.ts), in their
 * own order among equals. A sort, not a draw: the draws of the makers after it stay as they were.
 */
export function surestFirst(
  candidates: readonly Defined[],
  words: QuizWords,
  isWord: (word: string) => boolean,
): Defined[] {
  return candidates
    .map((d, at) => ({ d, at, unsure: unsureness({ term: d.term, words, isWord }) }))
    .sort((a, b) => a.unsure - b.unsure || a.at - b.at)
    .map(({ d }) => d);
}

/** Greedily the surest candidates that fit with those kept (item rule `item/one-match-each`), at most {@link MAX_PAIRS}. */
export function fittingGroup(
  candidates: readonly Defined[],
  words: QuizWords,
  isWord: (word: string) => boolean,
): Defined[] {
  const group: Defined[] = [];
  for (const d of surestFirst(candidates, words, isWord)) {
    if (group.length >= MAX_PAIRS) break;
    const pairs = [...group, d].map((x) => ({ term: x.term, definition: listedGloss(x) }));
    if (matchingProblem(pairs, words.definitionFillers) === null) group.push(d);
  }
  // Listed in the candidates' order (the text's, for a group of several modules), not by how sure each is.
  return candidates.filter((d) => group.includes(d));
}

/** One matching item of `group`; `moduleIndex` and `title`: the module's, when all come from one. */
function matchingItem(
  group: readonly Defined[],
  moduleIndex: number | undefined,
  title: string | undefined,
): Made {
  const pages = [...new Set(group.map((g) => g.page))].sort((a, b) => a - b);
  const where = title ? quoted(title, 80) : `page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}`;
  const q: DraftOf<'matching'> = {
    kind: 'matching',
    prompt: `Match each definition with the term the text defines by it (${where}).`,
    pairs: group.map((g) => ({ term: g.term, definition: listedGloss(g) })),
    explanation: `The text defines these terms on page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}.`,
    ...cited({ page: group[0]!.page, chunkId: group[0]!.chunkId, moduleIndex }),
  };
  return made(
    q,
    group.map((g) => g.sentence),
  );
}

/** The abbreviation the text gives beside `term`: "term (ABBR)" or "ABBR (term)". */
export function abbreviationOf(term: string, text: string): string | null {
  // Both forms put one in brackets: a text without a bracket needs no pattern made for the term.
  if (!text.includes('(')) return null;
  const t = escapeRegExp(term);
  const after = new RegExp(`${t}\\s*\\(([A-Z][A-Za-z0-9]{1,7})\\)`, 'iu').exec(text);
  const before = new RegExp(`\\b([A-Z][A-Z0-9]{1,7})\\s*\\(${t}\\)`, 'iu').exec(text);
  const abbr = after?.[1] ?? before?.[1];
  if (!abbr || abbr.toLowerCase() === term.toLowerCase()) return null;
  // An abbreviation takes the term's first letter and then letters of it in order (DBMS: DataBase Management
  // System), or it is no abbreviation of it.
  const letters = term.toLowerCase();
  let at = 0;
  for (const c of abbr.toLowerCase()) {
    at = letters.indexOf(c, at);
    if (at < 0) return null;
    at++;
  }
  // "Extensible Markup Language (XML)": written right after the term, the first letter may come from inside
  // the first word.
  const firstWord = letters.split(/\s+/u)[0]!;
  return abbr[0]!.toLowerCase() === letters[0] || (after && firstWord.includes(abbr[0]!.toLowerCase()))
    ? abbr
    : null;
}

/**
 * The answers a short answer accepts for `term`: itself, its other number, other spellings, its abbreviation, and
 * the bare name of a name with its kind ("VBIC" for "VBIC model"; not "Query" for "Query language": `isWord`, the
 * analyser's lexicon, tells a word of the language from a name), and the term without a name before it ("bit
 * score" for "HMMER bit score").
 */
export function acceptedAnswers(
  term: string,
  context: string,
  words: QuizWords,
  isWord: (word: string) => boolean,
): string[] {
  const variants = [term];
  const other = words.otherNumber(term);
  if (other) variants.push(other);
  for (const rule of ANSWER_VARIANT_RULES) {
    const variant = rule.variant(term, context, words, isWord);
    if (variant) variants.push(variant);
  }
  if (term.includes('-')) variants.push(term.replaceAll('-', ' '), term.replaceAll('-', ''));
  else if (/\s/.test(term) && term.split(/\s+/).length === 2) variants.push(term.replace(/\s+/, '-'));
  const abbr = abbreviationOf(term, context);
  if (abbr) variants.push(abbr);
  // "VBIC model": the learner types the name alone.
  const bare = bareName(term, isWord);
  if (bare) variants.push(bare);
  // "HMMER bit score": the learner types "bit score", the term the text writes throughout.
  // Only where the text writes it alone too: "EFI system partition" is not any "system partition".
  const unnamed = termWithoutName(term, isWord);
  if (unnamed && writtenAlone(unnamed, term, context)) {
    variants.push(unnamed);
    const otherUnnamed = words.otherNumber(unnamed);
    if (otherUnnamed) variants.push(otherUnnamed);
  }
  const seen = new Set<string>();
  return variants.filter((v) => {
    const key = v.toLowerCase();
    return !seen.has(key) && seen.add(key);
  });
}

/**
 * Whether `context` writes `phrase` (or its plural) without the name `term` puts before it, as a phrase of its own:
 * not "system partition" inside "a system partitioning tool".
 */
function writtenAlone(phrase: string, term: string, context: string): boolean {
  const name = term.slice(0, term.length - phrase.length).trim();
  const alone = new RegExp(
    `(?<![\\p{L}\\p{N}])(?<!${escapeRegExp(name)}\\s)${escapeRegExp(phrase)}(?:s|es)?(?![\\p{L}\\p{N}])`,
    'iu',
  );
  return alone.test(context);
}

/** Short-answer items: the term each definition defines, with the answers it accepts (rules/quiz/glosses.ts). */
export function shortAnswerItems(
  defined: readonly Defined[],
  contextOf: (d: Defined) => string,
  words: QuizWords,
  isWord: (word: string) => boolean,
): Made[] {
  const out: Made[] = [];
  for (const d of defined) {
    const answers = acceptedAnswers(d.term, `${d.sentence} ${contextOf(d)}`, words, isWord);
    // The definition's first sentence is what is asked: a second one ("It is not mouse-driven…") leans on it.
    const gloss = withoutFootnote(firstSentence(d.gloss));
    const place = { term: d.term, gloss, answers, words, isWord };
    if (ANSWER_RULES.some((rule) => rule.fails(place))) continue;
    const q: DraftOf<'short_answer'> = {
      kind: 'short_answer',
      prompt: `Type the term the text defines as “${gloss}”.`,
      answers,
      explanation: `From page ${d.page}: ${quoted(d.sentence, 300)}`,
      ...cited(d),
    };
    out.push(made(q, [d.sentence]));
  }
  return out;
}
