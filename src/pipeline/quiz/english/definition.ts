/**
 * Definition questions: "Which term does the text define as “…”?", from the glossary of the quiz's modules (the
 * terms the text defines), the other options being defined terms of the same kind first. Offered now and then
 * between the sources (about one in three) and after each pass, at most 40% of the multiple-choice items.
 */
import { optionProblems } from '../../text/kinds.ts';
import { shuffled } from '../../text/rng.ts';
import type { Draft, InterleavedMaker, Offer, Turn } from '../assembler.ts';
import { type Defined, definedTerm, termRefusal } from '../defined-terms.ts';
import type { EnglishTerms } from './terms.ts';

/** At most this share of the multiple-choice items are definition questions. */
const DEFINITION_SHARE = 0.4;
/** Chance of a definition question before each source. */
const CHANCE = 0.35;

export function definitionMaker(terms: EnglishTerms): InterleavedMaker {
  let defined: Defined[] | null = null;
  let next = 0;
  // The terms wrong options are drawn from first, read once per quiz.
  let optionTerms: ReadonlySet<string> = new Set();
  const max = (turn: Turn) =>
    Math.max(1, Math.floor((turn.count - turn.wanted('statement')) * DEFINITION_SHARE));
  return {
    id: 'definition',
    slot: 'choice',
    why: 'Recognising a term from what the text says it is tests the definition itself; the options are terms the text also defines, so none is eliminated for being undefined.',
    start(turn) {
      if (defined) return;
      defined = shuffled(definedTerms(terms), turn.rng);
      optionTerms = termsToKnow(terms);
    },
    wantsTurn: (turn) => turn.rng() < CHANCE,
    hasMore: (turn) => defined !== null && next < defined.length && turn.madeBy('definition') < max(turn),
    next(turn): Offer | null {
      const all = defined!;
      const d = all[next++]!;
      if (turn.asked(d.sentence)) return null;
      const answer = terms.pool.find((p) => p.term.toLowerCase() === d.term.toLowerCase());
      if (!answer) return null;
      const wrong = terms.distractors(answer, d.gloss, 3, (p) => optionTerms.has(p.term.toLowerCase()));
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

/**
 * The glossary's entries that may be asked by their definition: the gate matching and short answer read the
 * glossary through too (quiz/defined-terms.ts). Without the language's quiz words no rule could judge an entry, so
 * none is asked.
 */
function definedTerms(terms: EnglishTerms): Defined[] {
  const words = terms.lang.quizWords;
  if (!words) return [];
  return terms.m.glossary.flatMap(
    ({ entry, moduleIndex }) =>
      definedTerm(entry, moduleIndex, terms.lang, words, (t) => terms.tag(t), terms.m.chunkText) ?? [],
  );
}

/**
 * The terms of every glossary entry whose term the gate's term rules pass (DEFINED_TERM_RULES), whatever its gloss:
 * a wrong option is a term the text defines, and a definition too weak to be asked by does not make its term less
 * one.
 */
function termsToKnow(terms: EnglishTerms): ReadonlySet<string> {
  const words = terms.lang.quizWords;
  if (!words) return new Set();
  return new Set(
    terms.m.glossary
      .filter(({ entry }) => termRefusal(entry.term, terms.lang, words) === null)
      .map(({ entry }) => entry.term.toLowerCase()),
  );
}
