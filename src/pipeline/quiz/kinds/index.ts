/**
 * The group makers of a quiz (quiz/assembler.ts's {@link GroupMaker}), in the order their items are offered:
 * multiple answer from the pool's statements, ordering from numbered lists, then, where the language has an
 * analyser and quiz words, matching, multiple answer and short answer from the glossary, and numerical from the
 * sentences. Without quiz words (a language that has none yet) only multiple answer is made.
 */

import type { Course } from '../../../domain/course.ts';
import type { Chunk } from '../../../domain/document.ts';
import { isAnalysed, type LanguageProfile } from '../../language/index.ts';
import { instructionOf } from '../../rules/quiz/steps.ts';
import { standaloneProblem } from '../../rules/sentences/standalone.ts';
import { type Rng, shuffled } from '../../text/rng.ts';
import type { GroupMaker } from '../assembler.ts';
import { chunkSources, type Scope, summarySources } from '../material.ts';
import { definitionChoiceMaker, GlossaryMaterial, matchingMaker, shortAnswerMaker } from './glossary.ts';
import { multipleAnswerMaker } from './multiple-answer.ts';
import { NUMERICAL_SOURCES, numericalMaker } from './numerical.ts';
import { orderingMaker } from './ordering.ts';

export interface GroupMaterial {
  course: Course;
  scope: Scope;
  chunks: readonly Chunk[];
}

export function groupMakers(m: GroupMaterial, lang: LanguageProfile, rng: Rng): GroupMaker[] {
  const makers: GroupMaker[] = [
    multipleAnswerMaker(
      m.course.modules.map((x) => x.title),
      lang,
      m.course.modules.flatMap((x) => (x.glossary ?? []).map((g) => g.term)),
    ),
  ];
  const words = lang.quizWords;
  if (!words) return makers;
  const analysed = isAnalysed(lang) ? lang : undefined;
  makers.push(orderingMaker(m.scope, m.chunks, words, analysed && instructionOf(analysed)));
  if (!analysed) return makers;
  const glossary = new GlossaryMaterial(m.scope, m.chunks, analysed, words);
  // The sentences read for quantities: the course's summaries first, then the chunks' (shuffled when first read).
  const sentences = () =>
    [...summarySources(m.scope), ...shuffled(chunkSources(m.scope, m.chunks, { pages: 'one' }), rng)]
      .slice(0, NUMERICAL_SOURCES)
      .filter((s) => standaloneProblem(s.text, analysed) === null);
  makers.push(
    matchingMaker(glossary),
    definitionChoiceMaker(glossary),
    shortAnswerMaker(glossary),
    numericalMaker(sentences, words),
  );
  return makers;
}
