/**
 * Stage 7: course → quiz.
 *
 * {@link OfflineQuizGenerator} makes cloze questions (a key term blanked out, four options of the same kind),
 * definition questions (English) and true/false statements (a sentence as written, or made false), about 70/30,
 * from the lesson summaries first and then the rest of the text, and the kinds of several sentences or lists
 * (multiple answer, matching, short answer, numerical, ordering), with the makers of the course's language (the
 * quiz assembler and its kits: quiz/). The same course and seed always give the same quiz.
 */

import { checkQuiz, type Quiz, type QuizDraft, withQuizLevels } from '../domain/course.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { QuizGenerator, QuizInput } from '../domain/generators.ts';
import { isRuleMade, markRuleMade, RULE_GENERATOR_NAME } from '../domain/rule-check.ts';
import { quizShortfall } from '../domain/shortfall.ts';
import { NoQuizMaterialError } from './errors.ts';
import {
  detectLanguage,
  isAnalysed,
  type LanguageCode,
  type LanguageProfile,
  loadProfile,
} from './language/index.ts';
import { assembleQuiz, type GroupMaker, type QuizKit } from './quiz/assembler.ts';
import { englishKit } from './quiz/english/index.ts';
import { groupMakers } from './quiz/kinds/index.ts';
import { type Scope, ScopeSources, summarySources, termPool } from './quiz/material.ts';
import { plainKit } from './quiz/plain/index.ts';
import { mulberry32, type Rng, shuffled } from './text/rng.ts';

/** Cloze and true/false questions from the course's own sentences; no model, seeded. */
export class OfflineQuizGenerator implements QuizGenerator {
  readonly name = RULE_GENERATOR_NAME;
  readonly version = '2';

  async generateQuiz(input: QuizInput): Promise<QuizDraft> {
    return buildQuiz(input, { name: this.name, version: this.version });
  }
}

/**
 * Stage 7: makes a quiz with `generator` and checks it (schema, no repeated prompt, cited pages and chunks
 * exist). The page limit is the last page the course or its chunks know of. A quiz made by rule (offline, or the
 * model's fallback) has its items of the kinds a teacher must check marked so (src/domain/rule-check.ts).
 * @throws NotFoundError when `moduleIndex` is not a module of the course.
 * @throws NoQuizMaterialError when no question at all can be made.
 */
export async function generateQuiz(
  input: QuizInput,
  generator: QuizGenerator = new OfflineQuizGenerator(),
): Promise<Quiz> {
  scopeOf(input);
  const quiz = await generator.generateQuiz(input);
  const lastPage = Math.max(
    ...input.course.modules.map((m) => m.pageEnd),
    ...input.chunks.map((c) => c.pageEnd),
  );
  const chunkIds = input.chunks.length > 0 ? new Set(input.chunks.map((c) => c.id)) : undefined;
  const levelled = withQuizLevels(quiz);
  const marked = isRuleMade(quiz) ? { ...levelled, questions: markRuleMade(levelled.questions) } : levelled;
  return checkQuiz(marked, lastPage, chunkIds);
}

function scopeOf(input: QuizInput): Scope {
  const { course, moduleIndex } = input;
  if (moduleIndex === undefined) return course.modules.map((module, index) => ({ module, index }));
  const module = course.modules[moduleIndex];
  if (!module || !Number.isInteger(moduleIndex)) throw new NotFoundError('module', String(moduleIndex));
  return [{ module, index: moduleIndex }];
}

async function buildQuiz(input: QuizInput, generator: Quiz['generator']): Promise<QuizDraft> {
  const scope = scopeOf(input);
  const count = Math.max(1, Math.floor(input.count));
  const rng = mulberry32(input.seed);
  const lang = await loadProfile(quizLanguage(input, scope), {
    ...(input.chunks[0] ? { document: input.chunks[0].documentId } : {}),
    stage: 'quiz',
  });
  const sources = new ScopeSources(scope, input.chunks);
  const groups = groupMakers({ course: input.course, scope, chunks: input.chunks, sources }, lang, rng);
  const chunkText = new Map(input.chunks.map((c) => [c.id, c.text]));
  const { questions } = assembleQuiz(
    kitOf(input, sources, rng, lang, groups, (chunkId) => chunkText.get(chunkId) ?? ''),
    count,
    rng,
    input,
    (q) => (q.chunkId ? chunkText.get(q.chunkId) : undefined),
  );
  // In the words of a short quiz's line, naming only what the teacher narrowed.
  if (questions.length === 0)
    throw new NoQuizMaterialError(quizShortfall({ ...input, questions: count }, 0, generator) ?? '');
  const scopeTitle = input.moduleIndex === undefined ? input.course.title : scope[0]!.module.title;
  return {
    title: `${scopeTitle}: quiz`,
    seed: input.seed,
    ...(input.moduleIndex !== undefined ? { moduleIndex: input.moduleIndex } : {}),
    questions,
    generator,
  };
}

/**
 * The course's language: its document's, else (a course made before languages were recorded) told from the
 * summary sentences of the quiz's scope.
 */
export function quizLanguage(input: QuizInput, scope: Scope = scopeOf(input)): LanguageCode {
  return input.language ?? input.course.language ?? detectLanguage(summarySources(scope).map((s) => s.text));
}

/** The kit of the quiz's language: English makers where it has an analyser, plain ones elsewhere. */
function kitOf(
  input: QuizInput,
  sources: ScopeSources,
  rng: Rng,
  lang: LanguageProfile,
  groups: readonly GroupMaker[],
  textOfChunk: (chunkId: string) => string,
): QuizKit {
  const scope = sources.scope;
  const lastResort = () => summarySources(scope, true);
  if (!isAnalysed(lang))
    return plainKit(
      {
        terms: termPool(input.course),
        summaries: () => shuffled(sources.summaries(), rng),
        others: () => shuffled(sources.ofChunks(), rng),
        // Slides state things in list items rather than sentences: those too, when sentences run short.
        items: () => shuffled(sources.ofChunks({ listItems: true }), rng),
        lastResort,
        groups,
      },
      lang,
    );
  return englishKit(
    {
      tiers: [
        () => shuffled(sources.summaries(), rng),
        // Sentences whose page is known before those whose page is estimated.
        () => shuffled(sources.ofChunks({ pages: 'one' }), rng),
        () => shuffled(sources.ofChunks({ pages: 'several' }), rng),
        // Slides state things in list items rather than sentences: those too, when sentences run short.
        () => shuffled(sources.ofChunks({ listItems: true }), rng),
      ],
      glossary: scope.flatMap(({ module, index }) =>
        (module.glossary ?? []).map((entry) => ({ entry, moduleIndex: index })),
      ),
      terms: termPool(input.course),
      strongTerms: new Set(
        [...input.course.keyTerms, ...input.course.modules.flatMap((m) => m.keyTerms)].map((t) =>
          t.toLowerCase(),
        ),
      ),
      chunkText: textOfChunk,
      lastResort,
      groups,
    },
    lang,
    rng,
  );
}
