/**
 * A teacher's review of a quiz before export: the quizzes of a course, edit a question, delete a question, mark
 * the quiz reviewed, keep a question made by rule (`{ "checked": true }`). Every change is validated against the
 * quiz schema (src/domain/course.ts) and stored; every export reads the stored quiz. `If-Match: "<revision>"` (the
 * quiz's `revision`, also its ETag) makes a change fail with 409 when someone else changed the quiz since it was
 * loaded (not a check of a question already kept: that changes nothing).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidCourseError } from '../../domain/errors.ts';
import { BLOOM_LEVELS, DIFFICULTIES, LIMITS, QUESTION_KINDS } from '../../domain/questions.ts';
import { toCheck } from '../../domain/rule-check.ts';
import {
  deleteQuestion,
  editQuestionOutcome,
  getCourse,
  listQuizzes,
  markReviewed,
  type QuestionPatch,
  QuizRevisionError,
  type StoredQuiz,
} from '../../store/index.ts';
import { audit } from '../audit.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError, errorResponses, notFound } from '../errors.ts';
import { idParamsSchema, idSchema, storedQuizSchema } from '../schemas.ts';

const questionParamsSchema = {
  type: 'object',
  required: ['id', 'n'],
  properties: {
    id: idSchema,
    n: {
      type: 'integer',
      minimum: 0,
      maximum: 999,
      description: 'Position of the question in the quiz, from 0.',
    },
  },
} as const;

/** Empty texts pass here on purpose: the quiz schema refuses them with a message a teacher reads ("option C is empty"). */
const text = { type: 'string', maxLength: 4000 } as const;

const texts = (maxItems: number) => ({ type: 'array', items: text, maxItems }) as const;

const patchSchema = {
  type: 'object',
  description:
    "The fields to change; absent ones keep their value. `kind` switches the question type (give the new kind's fields). Every change keeps the question: it loses its `needsCheck` marker.",
  properties: {
    checked: {
      type: 'boolean',
      enum: [true],
      description:
        'A teacher checked the question made by rule (`needsCheck`) and keeps it as it is: the marker goes. Again on a kept question: the quiz unchanged, whatever If-Match says.',
    },
    kind: { type: 'string', enum: QUESTION_KINDS },
    prompt: text,
    options: {
      ...texts(LIMITS.multipleAnswerOptions.max),
      description: 'Multiple choice (4) or multiple answer.',
    },
    answerIndex: {
      type: 'integer',
      minimum: 0,
      maximum: 3,
      description: 'Multiple choice: the right option.',
    },
    answerIndexes: {
      type: 'array',
      items: { type: 'integer', minimum: 0, maximum: LIMITS.multipleAnswerOptions.max - 1 },
      maxItems: LIMITS.multipleAnswerOptions.max,
      description: 'Multiple answer: the right options, in increasing order.',
    },
    answer: {
      type: ['boolean', 'number'],
      description: 'True/false: the truth of the statement. Numerical: the value.',
    },
    pairs: {
      type: 'array',
      maxItems: LIMITS.matchingPairs.max,
      items: {
        type: 'object',
        required: ['term', 'definition'],
        properties: { term: text, definition: text },
        additionalProperties: false,
      },
      description: 'Matching: each term with its definition.',
    },
    answers: { ...texts(LIMITS.shortAnswers.max), description: 'Short answer: the accepted answers.' },
    tolerance: {
      type: 'number',
      minimum: 0,
      maximum: 1e15,
      description: 'Numerical: how far off is still right.',
    },
    unit: { type: 'string', maxLength: 100, description: "Numerical: the answer's unit ('' for none)." },
    items: { ...texts(LIMITS.orderingItems.max), description: 'Ordering: the items in the right order.' },
    explanation: text,
    sourcePage: { type: 'integer', minimum: 1, maximum: 100_000 },
    moduleIndex: { type: 'integer', minimum: 0, maximum: 999 },
    difficulty: { type: 'string', enum: DIFFICULTIES },
    bloom: { type: 'string', enum: BLOOM_LEVELS },
  },
  additionalProperties: false,
  minProperties: 1,
} as const;

const quizPatchSchema = {
  type: 'object',
  required: ['reviewed'],
  properties: { reviewed: { type: 'boolean', description: 'Mark the quiz reviewed (true) or not.' } },
  additionalProperties: false,
} as const;

/** The quiz as marked, with how many questions made by rule still wait for a check: marking never clears them. */
const markedQuizSchema = {
  ...storedQuizSchema,
  required: [...storedQuizSchema.required, 'toCheck'],
  properties: {
    ...storedQuizSchema.properties,
    toCheck: {
      type: 'integer',
      minimum: 0,
      description:
        'Questions made by rule (`needsCheck`) not yet checked: marking the quiz reviewed leaves them marked; check each with `{"checked": true}`.',
    },
  },
} as const;

const ifMatchHeaders = {
  type: 'object',
  properties: {
    'if-match': {
      type: 'string',
      maxLength: 100,
      description: 'The revision the change is based on, e.g. `"3"`.',
    },
  },
} as const;

/** The revision of `If-Match: "3"` (or `W/"3"`, `3`); undefined without the header or with `*`. */
export function revisionOf(ifMatch: string | undefined): number | undefined {
  if (!ifMatch || ifMatch.trim() === '*') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!m)
    throw new ApiError(400, 'invalid_request', `If-Match: expected a quiz revision like "3", got ${ifMatch}`);
  return Number(m[1]);
}

/** The store's review errors as HTTP answers: a stale revision is 409, a quiz the schema refuses 400. */
async function reviewed(
  request: FastifyRequest,
  reply: FastifyReply,
  what: Record<string, unknown>,
  change: () => Promise<StoredQuiz | { stored: StoredQuiz; changed: boolean }>,
  body: (quiz: StoredQuiz) => object = (quiz) => quiz,
): Promise<FastifyReply> {
  try {
    const outcome = await change();
    const [quiz, changed] = 'stored' in outcome ? [outcome.stored, outcome.changed] : [outcome, true];
    // A change that changed nothing (a question checked again) is no edit to record.
    if (changed)
      await audit(request, 'edit', { kind: 'quiz', id: quiz.id, courseId: quiz.courseId, detail: what });
    return reply.header('etag', `"${quiz.revision}"`).send(body(quiz));
  } catch (err) {
    if (err instanceof QuizRevisionError) throw new ApiError(409, 'revision_conflict', err.message);
    if (err instanceof InvalidCourseError) throw new ApiError(400, 'invalid_quiz', err.message);
    throw err;
  }
}

/** Text fields of a patch without the blanks a form leaves around them. */
function trimmed(patch: QuestionPatch): QuestionPatch {
  const out: QuestionPatch = { ...patch };
  for (const k of ['prompt', 'explanation', 'unit'] as const)
    if (out[k] !== undefined) out[k] = out[k].trim();
  for (const k of ['options', 'answers', 'items'] as const) if (out[k]) out[k] = out[k].map((o) => o.trim());
  if (out.pairs) out.pairs = out.pairs.map((p) => ({ term: p.term.trim(), definition: p.definition.trim() }));
  return out;
}

export async function reviewRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const { db } = opts.deps;

  app.get<{ Params: { id: string } }>(
    '/api/courses/:id/quizzes',
    {
      schema: {
        summary: 'The quizzes of a course, oldest first, with their questions and review state',
        tags: ['courses', 'quizzes'],
        params: idParamsSchema,
        response: {
          200: {
            type: 'object',
            required: ['quizzes'],
            properties: { quizzes: { type: 'array', items: storedQuizSchema } },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const course = await getCourse(db, request.params.id);
      if (!course) throw notFound('course', request.params.id);
      return { quizzes: await listQuizzes(db, course.id) };
    },
  );

  app.patch<{ Params: { id: string; n: number }; Body: QuestionPatch; Headers: { 'if-match'?: string } }>(
    '/api/quizzes/:id/questions/:n',
    {
      schema: {
        summary: 'Edit one question of a quiz (validated against the quiz schema)',
        tags: ['quizzes'],
        params: questionParamsSchema,
        headers: ifMatchHeaders,
        body: patchSchema,
        response: { 200: storedQuizSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reviewed(request, reply, { question: request.params.n, change: 'edit' }, () =>
        editQuestionOutcome(db, request.params.id, request.params.n, trimmed(request.body), {
          expectedRevision: revisionOf(request.headers['if-match']),
        }),
      ),
  );

  app.delete<{ Params: { id: string; n: number }; Headers: { 'if-match'?: string } }>(
    '/api/quizzes/:id/questions/:n',
    {
      schema: {
        summary: 'Delete one question of a quiz (a quiz keeps at least one)',
        tags: ['quizzes'],
        params: questionParamsSchema,
        headers: ifMatchHeaders,
        response: { 200: storedQuizSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reviewed(request, reply, { question: request.params.n, change: 'delete' }, () =>
        deleteQuestion(db, request.params.id, request.params.n, {
          expectedRevision: revisionOf(request.headers['if-match']),
        }),
      ),
  );

  app.patch<{ Params: { id: string }; Body: { reviewed: boolean }; Headers: { 'if-match'?: string } }>(
    '/api/quizzes/:id',
    {
      schema: {
        summary: 'Mark a quiz reviewed (or not); says how many questions made by rule still wait for a check',
        tags: ['quizzes'],
        params: idParamsSchema,
        headers: ifMatchHeaders,
        body: quizPatchSchema,
        response: { 200: markedQuizSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reviewed(
        request,
        reply,
        { reviewed: request.body.reviewed },
        () =>
          markReviewed(db, request.params.id, request.body.reviewed, {
            expectedRevision: revisionOf(request.headers['if-match']),
          }),
        (quiz) => ({ ...quiz, toCheck: toCheck(quiz.quiz.questions) }),
      ),
  );
}
