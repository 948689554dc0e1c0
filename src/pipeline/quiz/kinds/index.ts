/**
 * The group makers of a quiz (quiz/assembler.ts's {@link GroupMaker}), in the order their items are offered:
 * multiple answer from the pool's statements (and false options made by changing a quantity a numerical item would
 * ask), ordering from numbered lists, then, where the language has an
 * analyser and quiz words, matching and short answer from the glossary, and numerical from the sentences. (Multiple
 * answer of glossary definitions, one term's definition beside another's, is not made: sibling terms' definitions
 * are often true of each other, "Helgrind: a Valgrind tool for detecting errors in multithreaded programs".) Without quiz words (a language that has none yet) only multiple answer is made.
 */

import type { Course } from '../../../domain/course.ts';
import type { Chunk } from '../../../domain/document.ts';
import { isAnalysed, type LanguageProfile } from '../../language/index.ts';
import { FALSE_OPTION_RULES, listedProblem } from '../../rules/quiz/listed.ts';
import { instructionOf } from '../../rules/quiz/steps.ts';
import { standaloneProblem } from '../../rules/sentences/standalone.ts';
import { type Rng, shuffled } from '../../text/rng.ts';
import type { GroupMaker } from '../assembler.ts';
import { type Scope, ScopeSources, type Source } from '../material.ts';
import { GlossaryMaterial, matchingMaker, shortAnswerMaker } from './glossary.ts';
import { multipleAnswerMaker } from './multiple-answer.ts';
import { falseByQuantity, NUMERICAL_SOURCES, numericalMaker } from './numerical.ts';
import { orderingMaker } from './ordering.ts';

export interface GroupMaterial {
  course: Course;
  scope: Scope;
  chunks: readonly Chunk[];
  /** The scope's sources, when the quiz's tiers read them too. @defaultValue made for these makers alone */
  sources?: ScopeSources;
}

const HAS_DIGIT = /\d/u;

export function groupMakers(m: GroupMaterial, lang: LanguageProfile, rng: Rng): GroupMaker[] {
  const titles = m.course.modules.map((x) => x.title);
  const words = lang.quizWords;
  if (!words) return [multipleAnswerMaker(titles, lang)];
  const analysed = isAnalysed(lang) ? lang : undefined;
  const ordering = orderingMaker(m.scope, m.chunks, words, analysed && instructionOf(analysed));
  if (!analysed) return [multipleAnswerMaker(titles, lang), ordering];
  const glossary = new GlossaryMaterial(m.course, m.scope, m.chunks, analysed, words);
  // The sentences read for quantities: the course's summaries first, then the chunks' (shuffled when first read),
  // read once for the numerical items and the false options of multiple answer. Only sentences with a digit count
  // against the bound: a manual of 3,800 sentences has a quantity to ask in one of 400, and 600 sentences of any
  // kind (the bound before) read one or two of them (valgrind made no numerical item).
  const sources = m.sources ?? new ScopeSources(m.scope, m.chunks);
  let read: readonly Source[] | undefined;
  const sentences = () =>
    (read ??= [...sources.summaries(), ...shuffled(sources.ofChunks({ pages: 'one' }), rng)]
      .filter((s) => HAS_DIGIT.test(s.text))
      .slice(0, NUMERICAL_SOURCES));
  // A sentence asked with a blank must stand alone as a listed statement must (no verb, code, a heading run in…).
  // Judged only for a sentence that states a quantity to ask, the few among those read, and once: the numerical
  // items and multiple answer's false options ask it of the same sentences.
  const alone = new Map<string, boolean>();
  const standsAlone = (text: string) => {
    let judged = alone.get(text);
    if (judged === undefined) {
      judged = standaloneProblem(text, analysed) === null && listedProblem(text, analysed) === null;
      alone.set(text, judged);
    }
    return judged;
  };
  // A changed quantity passes the false-option rules as a false true/false statement does.
  const plainlyFalse = (source: string, statement: string) =>
    !FALSE_OPTION_RULES.some((rule) => rule.fails({ source, statement, words }));
  const quantityFalses = () =>
    sentences().flatMap((s) => {
      const text = falseByQuantity(s.text, words);
      return text !== null && standsAlone(s.text) && plainlyFalse(s.text, text)
        ? [{ ...s, text, source: s.text }]
        : [];
    });
  return [
    multipleAnswerMaker(titles, lang, quantityFalses),
    ordering,
    matchingMaker(glossary, titles),
    shortAnswerMaker(glossary),
    numericalMaker(sentences, words, standsAlone),
  ];
}
