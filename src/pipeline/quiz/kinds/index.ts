/**
 * The group makers of a quiz (quiz/assembler.ts's {@link GroupMaker}), in the order their items are offered:
 * multiple answer from the pool's statements, ordering from numbered lists, then, where the language has an
 * analyser and quiz words, matching and short answer from the glossary, and numerical from the sentences. (Multiple
 * answer of glossary definitions, one term's definition beside another's, is not made: sibling terms' definitions
 * are often true of each other, "Helgrind: a Valgrind tool for detecting errors in multithreaded programs".) Without quiz words (a language that has none yet) only multiple answer is made.
 */

import type { Course } from '../../../domain/course.ts';
import type { Chunk } from '../../../domain/document.ts';
import { isAnalysed, type LanguageProfile } from '../../language/index.ts';
import { LISTED_RULES } from '../../rules/quiz/listed.ts';
import { instructionOf } from '../../rules/quiz/steps.ts';
import { standaloneProblem } from '../../rules/sentences/standalone.ts';
import { type Rng, shuffled } from '../../text/rng.ts';
import type { GroupMaker } from '../assembler.ts';
import { type Scope, ScopeSources } from '../material.ts';
import { GlossaryMaterial, matchingMaker, shortAnswerMaker } from './glossary.ts';
import { multipleAnswerMaker } from './multiple-answer.ts';
import { NUMERICAL_SOURCES, numericalMaker } from './numerical.ts';
import { orderingMaker } from './ordering.ts';

export interface GroupMaterial {
  course: Course;
  scope: Scope;
  chunks: readonly Chunk[];
  /** The scope's sources, when the quiz's tiers read them too. @defaultValue made for these makers alone */
  sources?: ScopeSources;
}

export function groupMakers(m: GroupMaterial, lang: LanguageProfile, rng: Rng): GroupMaker[] {
  const makers: GroupMaker[] = [
    multipleAnswerMaker(
      m.course.modules.map((x) => x.title),
      lang,
    ),
  ];
  const words = lang.quizWords;
  if (!words) return makers;
  const analysed = isAnalysed(lang) ? lang : undefined;
  makers.push(orderingMaker(m.scope, m.chunks, words, analysed && instructionOf(analysed)));
  if (!analysed) return makers;
  const glossary = new GlossaryMaterial(m.scope, m.chunks, analysed, words);
  // The sentences read for quantities: the course's summaries first, then the chunks' (shuffled when first read).
  const sources = m.sources ?? new ScopeSources(m.scope, m.chunks);
  const sentences = () =>
    [...sources.summaries(), ...shuffled(sources.ofChunks({ pages: 'one' }), rng)].slice(
      0,
      NUMERICAL_SOURCES,
    );
  // A sentence asked with a blank must stand alone as a listed statement must (no verb, code, a heading run in…).
  // Judged only for a sentence that states a quantity to ask, the few among those read.
  const standsAlone = (text: string) =>
    standaloneProblem(text, analysed) === null && !LISTED_RULES.some((rule) => rule.fails(text, analysed));
  makers.push(
    matchingMaker(glossary),
    shortAnswerMaker(glossary),
    numericalMaker(sentences, words, standsAlone),
  );
  return makers;
}
