/**
 * The LLM quiz generator: the quiz's questions are spread over topics (the lessons in scope, evenly chosen);
 * for each topic the passages are RETRIEVED from the vector store by the topic's text (the lesson's cited chunks
 * when retrieval finds nothing), and the model writes questions that cite the chunk answering them.
 */

import type { QuestionDraft as Question, QuizDraft } from '../domain/course.ts';
import type { Chunk } from '../domain/document.ts';
import type { QuizGenerator, QuizInput } from '../domain/generators.ts';
import { DEFAULT_KIND_SHARES, QUESTION_KINDS, type QuestionKind } from '../domain/questions.ts';
import { type LanguageProfile, loadProfile } from '../pipeline/language/index.ts';
import { made, pickQuestions } from '../pipeline/quiz/picking.ts';
import { quizLanguage } from '../pipeline/quiz.ts';
import { itemProblem } from '../pipeline/rules/quiz/items.ts';
import { mulberry32 } from '../pipeline/text/rng.ts';
import { mapLimit, spreadPick, thinToFit } from './budget.ts';
import type { LlmClient } from './client.ts';
import { allowedOf, checkQuestions, pinQuestion } from './grounding.ts';
import { type Passage, QuizDraftSchema, quizPrompt, SYSTEM } from './prompts.ts';

/** Passages of a document most similar to a text. */
export type Retriever = (text: string, documentId: string, k: number) => Promise<Passage[]>;

export interface LlmQuizGeneratorOptions {
  client: LlmClient;
  modelId: string;
  retrieve?: Retriever;
  /** Questions asked of one call at most. @defaultValue 4 */
  questionsPerCall?: number;
  /** Calls in flight at once. @defaultValue 4 */
  parallel?: number;
  onProgress?: (done: number, total: number) => void;
}

/** Passages retrieved per topic. */
const PASSAGES_PER_TOPIC = 5;

interface Topic {
  text: string;
  moduleIndex: number;
  fallback: Passage[];
}

export class LlmQuizGenerator implements QuizGenerator {
  readonly name: string;
  readonly version = '1';

  constructor(private readonly o: LlmQuizGeneratorOptions) {
    this.name = `openai-compatible:${o.modelId}`;
  }

  async generateQuiz(input: QuizInput): Promise<QuizDraft> {
    // With levels asked, twice the questions are written, and the quiz is picked from them by the same rule.
    const wanted = Math.max(1, Math.floor(input.count));
    const count = input.difficulty?.length || input.minBloom ? wanted * 2 : wanted;
    const shares = input.kinds ?? DEFAULT_KIND_SHARES;
    const kinds = QUESTION_KINDS.filter((k) => (shares[k] ?? 0) > 0).sort((a, b) => shares[b]! - shares[a]!);
    const perCall = this.o.questionsPerCall ?? 4;
    const topics = spreadPick(topicsOf(input), Math.ceil(count / perCall));
    const asks = topics.map((t, i) => ({ topic: t, count: share(count, topics.length, i) }));
    // The offline generator's item checks apply to the model's questions too (with word kinds in English).
    const lang = await loadProfile(quizLanguage({ ...input, moduleIndex: undefined }));
    let done = 0;
    const answers = await mapLimit(asks, this.o.parallel ?? 4, async ({ topic, count }) => {
      const questions = await this.ask(topic, count, input.chunks, lang, kinds);
      this.o.onProgress?.(++done, asks.length);
      return questions;
    });
    const questions = pickQuestions(
      answers.flat().map((q) => made(q, [q.prompt])),
      wanted,
      input,
      mulberry32(input.seed),
      false,
    );
    const scope =
      input.moduleIndex === undefined ? input.course.title : input.course.modules[input.moduleIndex]!.title;
    return {
      title: `${scope}: quiz`,
      seed: input.seed,
      ...(input.moduleIndex === undefined ? {} : { moduleIndex: input.moduleIndex }),
      questions,
      generator: { name: this.name, version: this.version },
    };
  }

  private async ask(
    topic: Topic,
    count: number,
    chunks: readonly Chunk[],
    lang: LanguageProfile,
    kinds: readonly QuestionKind[],
  ): Promise<Question[]> {
    const documentId = chunks[0]?.documentId ?? '';
    const retrieved = this.o.retrieve
      ? await this.o.retrieve(topic.text, documentId, PASSAGES_PER_TOPIC)
      : [];
    const found =
      retrieved.length > 0
        ? retrieved
        : topic.fallback.length > 0
          ? topic.fallback
          : spreadPick(chunks, PASSAGES_PER_TOPIC).map((c) => ({
              chunkId: c.id,
              pageStart: c.pageStart,
              pageEnd: c.pageEnd,
              text: c.text,
            }));
    const passages = thinToFit(found, (p) =>
      this.o.client.fits(SYSTEM, quizPrompt(topic.text, count, p, kinds), QuizDraftSchema),
    );
    const allowed = allowedOf(passages);
    const draft = await this.o.client.object({
      task: `quiz questions on "${topic.text}"`,
      system: SYSTEM,
      prompt: quizPrompt(topic.text, count, passages, kinds),
      schema: QuizDraftSchema,
      check: (d) => checkQuestions(d.questions, allowed) ?? itemsProblem(d.questions, lang, passages),
    });
    return draft.questions.map((q) => ({ ...pinQuestion(q, allowed), moduleIndex: topic.moduleIndex }));
  }
}

/** The first item of an answer that fails the item checks (its kind's too), said so the model can repair it. */
function itemsProblem(questions: readonly Question[], lang: LanguageProfile, passages: readonly Passage[]) {
  const textOf = new Map(passages.map((p) => [p.chunkId, p.text]));
  for (const [i, q] of questions.entries()) {
    const problem = itemProblem(q, lang, q.chunkId ? textOf.get(q.chunkId) : undefined);
    if (problem) return `question ${i + 1} ("${q.prompt.slice(0, 80)}"): ${problem}`;
  }
  return null;
}

/** The i-th of `parts` shares of `total`, as even as integers allow. */
function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

/** One topic per lesson in scope: its module, title and key terms; its cited chunks as the fallback. */
function topicsOf(input: QuizInput): Topic[] {
  const byId = new Map(input.chunks.map((c) => [c.id, c]));
  const modules = input.course.modules
    .map((module, moduleIndex) => ({ module, moduleIndex }))
    .filter(({ moduleIndex }) => input.moduleIndex === undefined || moduleIndex === input.moduleIndex);
  return modules.flatMap(({ module, moduleIndex }) =>
    module.lessons.map((lesson) => {
      const cited = [...new Set(lesson.summary.flatMap((s) => s.citations.map((c) => c.chunkId)))];
      const fallback = cited.flatMap((id) => {
        const c = id ? byId.get(id) : undefined;
        return c ? [{ chunkId: c.id, pageStart: c.pageStart, pageEnd: c.pageEnd, text: c.text }] : [];
      });
      const terms = lesson.keyTerms.slice(0, 4).join(', ');
      return {
        text: `${module.title} › ${lesson.title}${terms ? `: ${terms}` : ''}`,
        moduleIndex,
        fallback,
      };
    }),
  );
}
