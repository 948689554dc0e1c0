/**
 * Stage 7: course → quiz.
 *
 * {@link OfflineQuizGenerator} makes cloze questions (a key term blanked out, four options of the same kind),
 * definition questions (English) and true/false statements (a sentence as written, or made false), about 70/30,
 * from the lesson summaries first and then the rest of the text, with the makers of the course's language (the
 * quiz assembler and its kits: quiz/). The same course and seed always give the same quiz.
 */

import { checkQuiz, type Quiz, type QuizDraft, withQuizLevels } from '../domain/course.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { QuizGenerator, QuizInput } from '../domain/generators.ts';
import { DEFAULT_KIND_SHARES, type DraftOf, type QuestionDraft } from '../domain/questions.ts';
import { NoQuizMaterialError } from './errors.ts';
import {
  detectLanguage,
  isAnalysed,
  type LanguageCode,
  type LanguageProfile,
  loadProfile,
} from './language/index.ts';
import { QuizAssembler, type QuizKit } from './quiz/assembler.ts';
import { definedTerm } from './quiz/english/definition.ts';
import { englishKit } from './quiz/english/index.ts';
import { chunkSources, type Scope, summarySources, termPool } from './quiz/material.ts';
import { plainKit } from './quiz/plain/index.ts';
import { type Candidate, candidate } from './quiz-kinds/candidate.ts';
import {
  askable,
  definitionChoiceItems,
  matchingItems,
  shortAnswerItems,
} from './quiz-kinds/glossary-items.ts';
import { multipleAnswerItems } from './quiz-kinds/multiple-answer.ts';
import { numericalItems } from './quiz-kinds/numerical.ts';
import { orderingItems } from './quiz-kinds/ordering.ts';
import { selectQuestions } from './quiz-kinds/select.ts';
import { standaloneProblem } from './rules/sentences/standalone.ts';
import { mulberry32, type Rng, shuffled } from './text/rng.ts';

/** Cloze and true/false questions from the course's own sentences; no model, seeded. */
export class OfflineQuizGenerator implements QuizGenerator {
  readonly name = 'offline-cloze';
  readonly version = '2';

  async generateQuiz(input: QuizInput): Promise<QuizDraft> {
    return buildQuiz(input, { name: this.name, version: this.version });
  }
}

/**
 * Stage 7: makes a quiz with `generator` and checks it (schema, no repeated prompt, cited pages and chunks
 * exist). The page limit is the last page the course or its chunks know of.
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
  return checkQuiz(withQuizLevels(quiz), lastPage, chunkIds);
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
  const lang = await loadProfile(quizLanguage(input, scope));
  // The assembler's kinds, made of one sentence each, come as a pool larger than the quiz, so that shares and
  // filters have a choice; the kinds made of several sentences or of lists (./quiz-kinds/) are made beside them.
  const pool = Math.ceil(count * poolFactor(input));
  const sentenceKinds: QuestionDraft[] = new QuizAssembler(
    kitOf(input, scope, rng, lang),
    pool,
    rng,
  ).assemble();
  const candidates = [
    ...sentenceKinds.map((q) => candidate(q, [sourceSentence(q)])),
    ...newKinds(input, scope, sentenceKinds, rng, lang),
  ];
  const questions = selectQuestions(candidates, count, input, rng);
  if (questions.length === 0)
    throw new NoQuizMaterialError(
      candidates.length === 0
        ? 'the course has no sentence to ask about'
        : 'no question of the kinds, difficulties and levels asked: ask for other ones',
    );
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
 * How many one-sentence questions to make per question of the quiz: twice as many, more when the shares asked
 * lean on true/false statements (the kits make about 30% of them, and a multiple-answer item takes several) or
 * on multiple choice (70%), twice that again when levels are filtered. At most 8.
 */
function poolFactor(input: QuizInput): number {
  const shares = input.kinds ?? DEFAULT_KIND_SHARES;
  const total = Object.values(shares).reduce((a, b) => a + (b ?? 0), 0) || 1;
  const share = (k: keyof typeof shares) => (shares[k] ?? 0) / total;
  const base = Math.max(
    2,
    (1.5 * (share('true_false') + 2 * share('multiple_answer'))) / 0.3,
    (1.5 * share('multiple_choice')) / 0.7,
  );
  const levels = input.difficulty?.length || input.minBloom ? 2 : 1;
  return Math.min(8, base * levels);
}

/** The sentence a question of one sentence asks about: the quote of its explanation (`From page N: "…"`). */
const sourceSentence = (q: QuestionDraft) => /"(.*)"$/su.exec(q.explanation)?.[1] ?? q.prompt;

/** Sentences read for quantities at most (the course's summaries first): enough for a quiz, bounded in time. */
const NUMERICAL_SOURCES = 600;

/**
 * Multiple answer (from the checked true/false statements, and from the glossary), matching and short answer
 * (from the glossary), numerical (quantities the sentences state) and ordering (numbered steps): each maker's
 * items pass its checks. The glossary's kinds and numerical need the language's analyser; the others work in
 * every language.
 */
function newKinds(
  input: QuizInput,
  scope: Scope,
  made: readonly QuestionDraft[],
  rng: Rng,
  lang: LanguageProfile,
): Candidate[] {
  const trueFalse = made.filter((q): q is DraftOf<'true_false'> => q.kind === 'true_false');
  const analysed = isAnalysed(lang) ? lang : undefined;
  // In a list of four, a statement must stand on its own even more than alone (no glued heading, no pointer).
  const out = multipleAnswerItems(
    trueFalse,
    input.course.modules.map((m) => m.title),
    rng,
    analysed ? (text) => standaloneProblem(text, analysed) === null : undefined,
  );
  const isInstruction = analysed
    ? (text: string) => {
        const first = analysed.analyser.tag(text)[0];
        return first !== undefined && first.pos === 'VERB' && first.lemma === first.lower;
      }
    : undefined;
  out.push(...orderingItems(scope, input.chunks, isInstruction));
  if (!analysed) return out;
  const tag = (text: string) => analysed.analyser.tag(text);
  const defined = scope
    .flatMap(({ module, index }) =>
      (module.glossary ?? []).flatMap((entry) => definedTerm(entry, index, analysed, tag) ?? []),
    )
    .filter((d) => askable(d, tag));
  const chunkText = new Map(input.chunks.map((c) => [c.id, c.text]));
  out.push(...matchingItems(defined, rng), ...definitionChoiceItems(defined, rng));
  out.push(
    ...shortAnswerItems(shuffled(defined, rng), (d) => (d.chunkId ? (chunkText.get(d.chunkId) ?? '') : '')),
  );
  const sentences = [
    ...summarySources(scope),
    ...shuffled(chunkSources(scope, input.chunks, { pages: 'one' }), rng),
  ]
    .slice(0, NUMERICAL_SOURCES)
    .filter((s) => standaloneProblem(s.text, analysed) === null);
  out.push(...numericalItems(sentences));
  return out;
}

/**
 * The course's language: its document's, else (a course made before languages were recorded) told from the
 * summary sentences of the quiz's scope.
 */
export function quizLanguage(input: QuizInput, scope: Scope = scopeOf(input)): LanguageCode {
  return input.language ?? input.course.language ?? detectLanguage(summarySources(scope).map((s) => s.text));
}

/** The kit of the quiz's language: English makers where it has an analyser, plain ones elsewhere. */
function kitOf(input: QuizInput, scope: Scope, rng: Rng, lang: LanguageProfile): QuizKit {
  const lastResort = () => summarySources(scope, true);
  if (!isAnalysed(lang))
    return plainKit(
      {
        terms: termPool(input.course),
        summaries: () => shuffled(summarySources(scope), rng),
        others: () => shuffled(chunkSources(scope, input.chunks), rng),
        // Slides state things in list items rather than sentences: those too, when sentences run short.
        items: () => shuffled(chunkSources(scope, input.chunks, { listItems: true }), rng),
        lastResort,
      },
      lang,
    );
  return englishKit(
    {
      tiers: [
        () => shuffled(summarySources(scope), rng),
        // Sentences whose page is known before those whose page is estimated.
        () => shuffled(chunkSources(scope, input.chunks, { pages: 'one' }), rng),
        () => shuffled(chunkSources(scope, input.chunks, { pages: 'several' }), rng),
        // Slides state things in list items rather than sentences: those too, when sentences run short.
        () => shuffled(chunkSources(scope, input.chunks, { listItems: true }), rng),
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
      lastResort,
    },
    lang,
    rng,
  );
}
