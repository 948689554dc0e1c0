/**
 * The English quiz kit: definition, cloze and true/false items made from the course's own sentences and
 * glossary, each kept only when it passes the checks a teacher (and `eval:quality`) applies. Sources are read
 * in tiers (lesson summaries, then the chunks' sentences whose page is known, then the others, then list
 * items), and a source must pass the English source rules (rules/quiz/sources.ts).
 */
import type { AnalysedLanguage } from '../../language/index.ts';
import { SAME_OPTIONS } from '../../rules/quiz/items.ts';
import { KIND_ITEM_RULES } from '../../rules/quiz/kind-items.ts';
import { isQuestion, sourceRule } from '../../rules/quiz/sources.ts';
import type { Rng } from '../../text/rng.ts';
import type { GroupMaker, QuizKit } from '../assembler.ts';
import type { Source } from '../material.ts';
import { clozeMaker } from './cloze.ts';
import { definitionMaker } from './definition.ts';
import { type EnglishQuizMaterial, EnglishTerms } from './terms.ts';
import { trueFalseMaker } from './true-false.ts';

export type { EnglishQuizMaterial } from './terms.ts';

/** Share of true/false statements in a quiz. */
export const STATEMENT_SHARE = 0.3;

export interface EnglishKitInput extends EnglishQuizMaterial {
  /** Sources in tiers, best first: a tier is read only when the ones before it did not give enough questions. */
  tiers: readonly (() => readonly Source[])[];
  /** Sentences to call true as they stand when nothing else gives a question. */
  lastResort: () => readonly Source[];
  /** Makers of items of several sentences or lists (quiz/kinds/). */
  groups: readonly GroupMaker[];
}

export function englishKit(input: EnglishKitInput, lang: AnalysedLanguage, rng: Rng): QuizKit {
  const terms = new EnglishTerms(input, lang, rng);
  return {
    slots: [
      { name: 'statement', share: STATEMENT_SHARE },
      { name: 'choice', share: 1 - STATEMENT_SHARE },
    ],
    makers: [clozeMaker(terms), trueFalseMaker(terms)],
    interleaved: [definitionMaker(terms)],
    groups: input.groups,
    passes: input.tiers.flatMap((tier) => [
      { tier, fill: false },
      { tier, fill: true },
    ]),
    usable: (s) => sourceRule(s.text, lang, terms.tag) === null,
    // The makers check their options' kinds themselves (they try the next term when one fails).
    itemRules: [SAME_OPTIONS, ...KIND_ITEM_RULES],
    lang,
    startTier: (sources) => terms.addTier(sources),
    lastResort: () => input.lastResort().filter((s) => !isQuestion(s.text)),
  };
}
