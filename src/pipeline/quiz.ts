/**
 * Stage 7: course → quiz.
 *
 * {@link OfflineQuizGenerator} makes cloze questions (a key term blanked out, four options of the same kind) and
 * true/false statements (a sentence as written, or with a key term swapped), about 70/30, from the lesson
 * summaries first and then the rest of the text. The same course and seed always give the same quiz.
 */

import {
  checkQuiz,
  type QuestionDraft as Question,
  type Quiz,
  type QuizDraft,
  withQuizLevels,
} from '../domain/course.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { QuizGenerator, QuizInput } from '../domain/generators.ts';
import { DEFAULT_KIND_SHARES, type DraftOf } from '../domain/questions.ts';
import { NoQuizMaterialError } from './errors.ts';
import { type EnglishNlp, loadEnglish } from './nlp/english.ts';
import { standaloneProblem } from './quality/standalone.ts';
import { definedTerm, englishQuestions } from './quiz-english.ts';
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
import {
  AskedSentences,
  chunkSources,
  normalise,
  opensWithLabel,
  type Scope,
  type Source,
  summarySources,
  termPool,
} from './quiz-material.ts';
import { BLANK, blankOut, distractors, swapTerm, TermFinder } from './text/cloze.ts';
import { isEnglish } from './text/language.ts';
import { mulberry32, type Rng, shuffled } from './text/rng.ts';

/** Share of true/false questions. */
const TRUE_FALSE_SHARE = 0.3;

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

/** Builds questions until `count` or the material runs out. */
class QuizBuilder {
  readonly questions: Question[] = [];
  private readonly prompts = new Set<string>();
  private readonly sentences = new AskedSentences();
  private readonly answers = new Set<string>();
  private trueFalse = 0;
  private readonly finder: TermFinder;

  constructor(
    private readonly count: number,
    private readonly pool: readonly string[],
    private readonly rng: Rng,
  ) {
    this.finder = new TermFinder(pool);
  }

  private get multipleChoices(): number {
    return this.questions.length - this.trueFalse;
  }

  get full(): boolean {
    return this.questions.length >= this.count;
  }

  /**
   * Tries one question from `source`, of a kind still short of its quota (true/false and multiple choice
   * interleaved at random, in proportion to what is left of each). `fill` drops the quotas and allows an
   * answer already asked about.
   */
  offer(source: Source, fill: boolean): void {
    if (this.full || this.sentences.has(source.text) || isQuestion(source.text)) return;
    const tfLeft = Math.max(0, Math.round(this.count * TRUE_FALSE_SHARE) - this.trueFalse);
    const mcLeft = Math.max(0, this.count - Math.round(this.count * TRUE_FALSE_SHARE) - this.multipleChoices);
    const tfFirst = this.rng() * (tfLeft + mcLeft) < tfLeft;
    const kinds = (tfFirst ? ['tf', 'mc'] : ['mc', 'tf']).filter(
      (k) => fill || (k === 'tf' ? tfLeft : mcLeft) > 0,
    );
    for (const kind of kinds) {
      const q = kind === 'mc' ? this.multipleChoice(source, fill) : this.trueOrFalse(source, fill);
      if (q && this.add(q, source)) return;
    }
  }

  /** A true statement made of the sentence as it stands, for material too thin for anything else. */
  offerPlainTrue(source: Source): void {
    if (this.full || this.sentences.has(source.text) || !/\p{L}/u.test(source.text)) return;
    this.add(
      this.question(source, { kind: 'true_false', prompt: `True or false: ${source.text}`, answer: true }),
      source,
    );
  }

  private add(q: Question, source: Source): boolean {
    const key = normalise(q.prompt);
    if (this.prompts.has(key)) return false;
    this.prompts.add(key);
    this.sentences.add(source.text);
    if (q.kind === 'true_false') this.trueFalse++;
    this.questions.push(q);
    return true;
  }

  /** Terms of the pool found in the sentence, in random order; already-used answers last (or dropped). */
  private termsIn(text: string, fill: boolean): string[] {
    const found = shuffled(this.finder.find(text), this.rng);
    const fresh = found.filter((t) => !this.answers.has(t.toLowerCase()));
    return fill ? [...fresh, ...found.filter((t) => this.answers.has(t.toLowerCase()))] : fresh;
  }

  private multipleChoice(source: Source, fill: boolean): Question | null {
    for (const answer of this.termsIn(source.text, fill)) {
      const stem = blankOut(source.text, answer);
      if (!stem.includes(BLANK) || stem.toLowerCase().includes(answer.toLowerCase())) continue;
      if (opensWithLabel(stem.slice(stem.indexOf(BLANK) + BLANK.length))) continue;
      const wrong = distractors(answer, stem, this.pool, 3, this.rng);
      if (wrong.length < 3) continue;
      const options = shuffled([answer, ...wrong], this.rng);
      this.answers.add(answer.toLowerCase());
      return this.question(source, {
        kind: 'multiple_choice',
        prompt: `Fill in the blank: ${stem}`,
        options,
        answerIndex: options.indexOf(answer),
      });
    }
    return null;
  }

  private trueOrFalse(source: Source, fill: boolean): Question | null {
    const terms = this.termsIn(source.text, fill);
    if (terms.length === 0) return null;
    if (this.rng() < 0.5)
      for (const term of terms) {
        const [other] = distractors(term, source.text, this.pool, 1, this.rng);
        if (!other) continue;
        const statement = swapTerm(source.text, term, other);
        if (statement.toLowerCase().includes(term.toLowerCase())) continue;
        this.answers.add(term.toLowerCase());
        return this.question(source, {
          kind: 'true_false',
          prompt: `True or false: ${statement}`,
          answer: false,
        });
      }
    this.answers.add(terms[0]!.toLowerCase());
    return this.question(source, {
      kind: 'true_false',
      prompt: `True or false: ${source.text}`,
      answer: true,
    });
  }

  private question(
    source: Source,
    q:
      | { kind: 'multiple_choice'; prompt: string; options: string[]; answerIndex: number }
      | { kind: 'true_false'; prompt: string; answer: boolean },
  ): Question {
    return {
      ...q,
      explanation: `From page ${source.page}: "${source.text}"`,
      sourcePage: source.page,
      ...(source.chunkId ? { chunkId: source.chunkId } : {}),
      ...(source.moduleIndex !== undefined ? { moduleIndex: source.moduleIndex } : {}),
    };
  }
}

/** A question is no statement to call true or false, nor to blank a word of. */
const isQuestion = (text: string) => /[?？]["'”’)」』]*$/u.test(text.trim());

async function buildQuiz(input: QuizInput, generator: Quiz['generator']): Promise<QuizDraft> {
  const scope = scopeOf(input);
  const count = Math.max(1, Math.floor(input.count));
  const rng = mulberry32(input.seed);
  const summaries = summarySources(scope);
  const nlp = isEnglish(summaries.map((s) => s.text)) ? await loadEnglish() : undefined;
  // The kinds made of single sentences come as a pool larger than the quiz, so that shares and filters have a
  // choice; the kinds made of several sentences or of lists (./quiz-kinds/) are made beside them.
  const pool = Math.ceil(count * poolFactor(input));
  const sentenceKinds = nlp
    ? englishQuiz(input, scope, pool, rng, nlp)
    : statisticalQuiz(input, scope, pool, rng);
  const candidates = [
    ...sentenceKinds.map((q) => candidate(q, [sourceSentence(q)])),
    ...newKinds(input, scope, sentenceKinds, rng, nlp),
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
 * lean on true/false statements (the builder makes about 30% of them, and a multiple-answer item takes several)
 * or on multiple choice (70%), twice that again when levels are filtered. At most 8.
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
const sourceSentence = (q: Question) => /"(.*)"$/su.exec(q.explanation)?.[1] ?? q.prompt;

/** Sentences read for quantities at most (the course's summaries first): enough for a quiz, bounded in time. */
const NUMERICAL_SOURCES = 600;

/**
 * Multiple answer (from the checked true/false statements), matching and short answer (from the glossary),
 * numerical (quantities the sentences state) and ordering (numbered steps): each maker's items pass its checks.
 * Matching, short answer and numerical need the English analyser; the others work in every language.
 */
function newKinds(
  input: QuizInput,
  scope: Scope,
  made: readonly Question[],
  rng: Rng,
  nlp?: EnglishNlp,
): Candidate[] {
  const trueFalse = made.filter((q): q is DraftOf<'true_false'> => q.kind === 'true_false');
  const out = multipleAnswerItems(
    trueFalse,
    input.course.modules.map((m) => m.title),
    rng,
  );
  const isInstruction = nlp
    ? (text: string) => {
        const first = nlp.tag(text)[0];
        return first !== undefined && first.pos === 'VERB' && first.lemma === first.lower;
      }
    : undefined;
  out.push(...orderingItems(scope, input.chunks, isInstruction));
  if (!nlp) return out;
  const tag = (text: string) => nlp.tag(text);
  const defined = scope
    .flatMap(({ module, index }) =>
      (module.glossary ?? []).flatMap((entry) => definedTerm(entry, index, tag) ?? []),
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
    .filter((s) => standaloneProblem(s.text, nlp) === null);
  out.push(...numericalItems(sentences));
  return out;
}

/** English: definition, cloze and true/false questions checked by the language model (quiz-english.ts). */
function englishQuiz(input: QuizInput, scope: Scope, count: number, rng: Rng, nlp: EnglishNlp): Question[] {
  const questions = englishQuestions(
    {
      count,
      sources: [
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
    },
    nlp,
    rng,
  );
  if (questions.length > 0) return questions;
  // A course too thin for a checked question still gets one: a statement of its own, called true.
  const builder = new QuizBuilder(count, [], rng);
  for (const source of summarySources(scope, true))
    if (!isQuestion(source.text)) builder.offerPlainTrue(source);
  return builder.questions;
}

/** Other languages: cloze and true/false questions on the course's key terms. */
function statisticalQuiz(input: QuizInput, scope: Scope, count: number, rng: Rng): Question[] {
  const builder = new QuizBuilder(count, termPool(input.course), rng);
  // Summaries first; the rest of the text only when they run short (splitting every chunk costs time).
  const summaries = shuffled(summarySources(scope), rng);
  let others: Source[] | null = null;
  for (const fill of [false, true]) {
    for (const source of summaries) builder.offer(source, fill);
    if (!builder.full) others ??= shuffled(chunkSources(scope, input.chunks), rng);
    for (const source of others ?? []) builder.offer(source, fill);
  }
  // Slides state things in list items rather than sentences: those too, when sentences run short.
  if (!builder.full) {
    const items = shuffled(chunkSources(scope, input.chunks, { listItems: true }), rng);
    for (const fill of [false, true]) for (const source of items) builder.offer(source, fill);
  }
  if (builder.questions.length === 0)
    for (const source of summarySources(scope, true)) builder.offerPlainTrue(source);
  return builder.questions;
}
