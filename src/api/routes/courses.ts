/**
 * Courses: list, one course with its modules and lessons, and `POST /api/courses/:id/quizzes`,
 * which queues a new quiz for a course and answers 202 with the job.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BLOOM_LEVELS, DIFFICULTIES, QUESTION_KINDS, type QuestionFilters } from '../../domain/questions.ts';
import { getJobView } from '../../fleet/queues.ts';
import { JOB_STATES } from '../../fleet/views.ts';
import { getCourse, listCourses } from '../../store/index.ts';
import { enqueueQuiz } from '../../tasks/client.ts';
import { actorOf } from '../authorize.ts';
import type { ApiDeps } from '../deps.ts';
import { badRequest, errorResponses, notFound } from '../errors.ts';
import { checkQueuedJobs, noteQueuedJobs } from '../job-cap.ts';
import { recordJobOwner } from '../owners.ts';
import {
  courseSummarySchema,
  idParamsSchema,
  MAX_OFFSET,
  MAX_SEED,
  MIN_SEED,
  storedCourseSchema,
} from '../schemas.ts';
import { QUEUE_TIMEOUT_MS, withQueueTimeout } from '../timeout.ts';

interface QuizRequest extends QuestionFilters {
  questions?: number;
  seed?: number;
  moduleIndex?: number;
}

const listQuerySchema = {
  type: 'object',
  properties: {
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    offset: { type: 'integer', minimum: 0, maximum: MAX_OFFSET, default: 0 },
  },
} as const;

const quizBodySchema = {
  type: 'object',
  properties: {
    questions: { type: 'integer', minimum: 1, maximum: 100, description: 'Default: QUIZ_QUESTIONS.' },
    seed: {
      type: 'integer',
      minimum: MIN_SEED,
      maximum: MAX_SEED,
      description: 'Same seed, same quiz. Default: random (returned).',
    },
    moduleIndex: {
      type: 'integer',
      minimum: 0,
      maximum: 999,
      description: 'Only this module (0-based). Default: whole course.',
    },
    kinds: {
      type: 'object',
      description:
        'The share of each kind of question, e.g. {"multiple_choice": 3, "matching": 1} (0 or absent: none). Default: the standard mix.',
      properties: Object.fromEntries(
        QUESTION_KINDS.map((k) => [k, { type: 'integer', minimum: 0, maximum: 100 }]),
      ),
      additionalProperties: false,
      minProperties: 1,
    },
    difficulty: {
      type: 'array',
      items: { type: 'string', enum: DIFFICULTIES },
      maxItems: 3,
      description: 'Only questions of these difficulties. Default: any.',
    },
    minBloom: {
      type: 'string',
      enum: BLOOM_LEVELS,
      description: 'Only questions of this Bloom level or above.',
    },
  },
  additionalProperties: false,
} as const;

const quizJobSchema = {
  type: 'object',
  required: ['id', 'state', 'status_url', 'courseId', 'questions', 'seed'],
  properties: {
    id: { type: 'string' },
    state: { type: 'string', enum: JOB_STATES },
    status_url: { type: 'string' },
    courseId: { type: 'string' },
    questions: { type: 'integer' },
    seed: { type: 'integer' },
    moduleIndex: { type: 'integer' },
    kinds: { type: 'object', additionalProperties: { type: 'integer' } },
    difficulty: { type: 'array', items: { type: 'string' } },
    minBloom: { type: 'string' },
  },
} as const;

export async function courseRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const { db, fleet, config } = opts.deps;

  app.get<{ Querystring: { limit: number; offset: number } }>(
    '/api/courses',
    {
      schema: {
        summary: 'Courses, newest first',
        tags: ['courses'],
        querystring: listQuerySchema,
        response: {
          200: {
            type: 'object',
            required: ['courses', 'limit', 'offset'],
            properties: {
              courses: { type: 'array', items: courseSummarySchema },
              limit: { type: 'integer' },
              offset: { type: 'integer' },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { limit, offset } = request.query;
      const actor = actorOf(request);
      // Admins list every course; a teacher, those they own or were shared.
      const visibleTo = actor.role === 'admin' ? undefined : actor.id;
      const courses = await listCourses(db, { limit, offset, ...(visibleTo ? { visibleTo } : {}) });
      return {
        courses: visibleTo ? courses : courses.map((c) => ({ ...c, access: 'owner' as const })),
        limit,
        offset,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/courses/:id',
    {
      schema: {
        summary: 'One course with its modules, lessons and quiz ids',
        tags: ['courses'],
        params: idParamsSchema,
        response: { 200: storedCourseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const course = await getCourse(db, request.params.id);
      if (!course) throw notFound('course', request.params.id);
      return { ...course, access: request.courseGrant?.access ?? 'owner' };
    },
  );

  app.post<{ Params: { id: string }; Body: QuizRequest | undefined }>(
    '/api/courses/:id/quizzes',
    {
      schema: {
        summary: 'Queue a new quiz for a course',
        tags: ['courses', 'quizzes'],
        params: idParamsSchema,
        body: quizBodySchema,
        response: { 202: quizJobSchema, ...errorResponses },
      },
      // Every field is optional, so no body at all means the defaults (the schema alone would say 400).
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) => {
      const course = await getCourse(db, request.params.id);
      if (!course) throw notFound('course', request.params.id);
      // getCourse also accepts a document id or an id prefix: the job gets the canonical id.
      const courseId = course.id;
      const body = request.body ?? {};
      const modules = course.course.modules.length;
      if (body.moduleIndex !== undefined && body.moduleIndex >= modules)
        throw badRequest(
          'invalid_request',
          `moduleIndex ${body.moduleIndex}: the course has ${modules} module(s)`,
        );
      if (body.kinds && !Object.values(body.kinds).some((n) => (n ?? 0) > 0))
        throw badRequest('invalid_request', 'kinds: give at least one kind a share above 0');
      const data = {
        courseId,
        questions: body.questions ?? config.quizQuestions,
        seed: body.seed ?? randomInt(0, 2 ** 31 - 1),
        ...(body.moduleIndex !== undefined ? { moduleIndex: body.moduleIndex } : {}),
        ...(body.kinds ? { kinds: body.kinds } : {}),
        ...(body.difficulty?.length ? { difficulty: body.difficulty } : {}),
        ...(body.minBloom ? { minBloom: body.minBloom } : {}),
      };
      const timeoutMs = opts.deps.queueTimeoutMs ?? QUEUE_TIMEOUT_MS;
      if (fleet.redis.status === 'ready')
        await withQueueTimeout(checkQueuedJobs(fleet, request, config.maxQueuedJobsPerUser), timeoutMs);
      const job = await withQueueTimeout(enqueueQuiz(fleet, data), timeoutMs);
      await recordJobOwner(db, job.id, request.principal);
      await noteQueuedJobs(fleet, request, [job.id]).catch((err: unknown) =>
        request.log.warn({ err }, 'queued job not counted'),
      );
      const view = await withQueueTimeout(getJobView(fleet, job.id), timeoutMs);
      const status_url = `/api/jobs/${encodeURIComponent(job.id)}`;
      return reply.code(202).send({ id: job.id, state: view?.state ?? 'waiting', status_url, ...data });
    },
  );
}
