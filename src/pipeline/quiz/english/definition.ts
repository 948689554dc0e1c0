/**
 * Definition questions: "Which term does the text define as “…”?", from the glossary of the quiz's modules (the
 * terms the text defines), the other options being defined terms of the same kind first. Offered now and then
 * between the sources (about one in three) and after each pass, at most 40% of the multiple-choice items.
 */
import type { GlossaryEntry } from '../../../domain/course.ts';
import type { AnalysedLanguage, Token } from '../../language/index.ts';
import { isCrossReference } from '../../rules/quiz/glosses.ts';
import { containsTerm } from '../../text/cloze.ts';
import { findDefinition } from '../../text/definitions.ts';
import { optionProblems } from '../../text/kinds.ts';
import { shuffled } from '../../text/rng.ts';
import type { Draft, InterleavedMaker, Offer, Turn } from '../assembler.ts';
import type { EnglishTerms } from './terms.ts';

/** At most this share of the multiple-choice items are definition questions. */
const DEFINITION_SHARE = 0.4;
/** Chance of a definition question before each source. */
const CHANCE = 0.35;
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

export function definitionMaker(terms: EnglishTerms): InterleavedMaker {
  let defined: Defined[] | null = null;
  let next = 0;
  const max = (turn: Turn) =>
    Math.max(1, Math.floor((turn.count - turn.wanted('statement')) * DEFINITION_SHARE));
  return {
    id: 'definition',
    slot: 'choice',
    why: 'Recognising a term from what the text says it is tests the definition itself; the options are terms the text also defines, so none is eliminated for being undefined.',
    start(turn) {
      defined ??= shuffled(definedTerms(terms), turn.rng);
    },
    wantsTurn: (turn) => turn.rng() < CHANCE,
    hasMore: (turn) => defined !== null && next < defined.length && turn.madeBy('definition') < max(turn),
    next(turn): Offer | null {
      const all = defined!;
      const d = all[next++]!;
      if (turn.asked(d.sentence)) return null;
      const answer = terms.pool.find((p) => p.term.toLowerCase() === d.term.toLowerCase());
      if (!answer) return null;
      const definedTerms = new Set(all.map((x) => x.term.toLowerCase()));
      const wrong = terms.distractors(answer, d.gloss, 3, (p) => definedTerms.has(p.term.toLowerCase()));
      if (wrong.length < 3) return null;
      const options = shuffled([d.term, ...wrong.map((w) => w.term)], turn.rng);
      const draft: Draft = {
        kind: 'multiple_choice',
        prompt: `Which term does the text define as “${d.gloss}”?`,
        options,
        answerIndex: options.indexOf(d.term),
      };
      if (optionProblems('_____ .', '_____', options, draft.answerIndex, terms.lang).wrongKind.length > 0)
        return null;
      return {
        draft,
        source: { text: d.sentence, page: d.page, chunkId: d.chunkId, moduleIndex: d.moduleIndex },
      };
    },
  };
}

/** The glossary's entries whose definition gives a short gloss that does not name the term. */
function definedTerms(terms: EnglishTerms): Defined[] {
  return terms.m.glossary.flatMap(
    ({ entry, moduleIndex }) => definedTerm(entry, moduleIndex, terms.lang, (t) => terms.tag(t)) ?? [],
  );
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

/**
 * Why a gloss read is unfit to ask by, or null: it names the term, is longer than 25 words, or only points
 * elsewhere (gloss/same-as: "the same as those in demo pp2"). eval:glossary counts entries by it.
 */
export function unfitGloss(gloss: string, term: string): string | null {
  if (containsTerm(gloss, term)) return 'gloss names its term';
  if (gloss.split(/\s+/).length > MAX_GLOSS_WORDS) return `gloss longer than ${MAX_GLOSS_WORDS} words`;
  if (isCrossReference(gloss)) return 'gloss/same-as';
  return null;
}

/**
 * A glossary entry with the phrase it defines its term as ({@link glossOfEntry}), or null when there is none fit to
 * ask ({@link unfitGloss}). The makers of the kinds #24 added (matching, short answer) read the glossary through it
 * too.
 */
export function definedTerm(
  entry: GlossaryEntry,
  moduleIndex: number,
  lang: AnalysedLanguage,
  tag: (text: string) => readonly Token[],
): Defined | null {
  const sentence = entry.definition;
  const gloss = glossOfEntry(entry, lang, tag);
  if (!gloss || unfitGloss(gloss, entry.term) !== null) return null;
  const c = entry.citations[0]!;
  return {
    term: entry.term,
    gloss,
    sentence,
    page: c.page,
    moduleIndex,
    ...(c.chunkId ? { chunkId: c.chunkId } : {}),
  };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lowerFirst = (s: string) => (/^\p{Lu}(?:\p{Ll}|\s)/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
