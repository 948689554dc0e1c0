/**
 * JSON schemas of the API's bodies, shared by routes (validation, serialization) and the OpenAPI document.
 * A course and a quiz are derived from their zod schemas (src/domain/course.ts), so the two cannot drift;
 * a job's result is an open object (each task returns its own).
 */

import { z } from 'zod';
import { CourseSchema, QuizSchema } from '../domain/course.ts';
import { COURSE_ACCESS } from '../domain/users.ts';
import { JOB_STATES } from '../fleet/views.ts';
import { MAX_PARAM_LENGTH } from './errors.ts';

/** A zod schema as a draft-07 JSON Schema (what Fastify's ajv and serializer read), with a description. */
function fromZod(schema: z.ZodType, description: string) {
  const { $schema: _, ...json } = z.toJSONSchema(schema, { target: 'draft-7' }) as Record<string, unknown>;
  return { ...json, description };
}
const nullable = (type: string, description?: string) => ({ type: [type, 'null'], description }) as const;

export const jobSchema = {
  type: 'object',
  required: ['id', 'state', 'stage', 'progress', 'worker', 'timings', 'error', 'result'],
  properties: {
    id: { type: 'string' },
    task: {
      type: 'string',
      description: 'Task name, e.g. `pdf_processing.process_pdf_and_generate_course`.',
    },
    state: { type: 'string', enum: JOB_STATES },
    stage: nullable('string', 'Pipeline stage running now, or the last one.'),
    progress: { type: 'number', description: '0..100' },
    stageProgress: {
      type: 'object',
      description: 'Units of the current stage done so far, e.g. pages extracted of pages, when known.',
      properties: { done: { type: 'integer' }, total: { type: 'integer' } },
    },
    worker: nullable('string', '`worker{N}@{host}` that ran (or runs) the job.'),
    attempts: {
      type: 'integer',
      description: 'Attempts made (failed ones count; the running one does not).',
    },
    stalls: {
      type: 'integer',
      description:
        'Times the job was put back because its worker stopped while running it (killed, or cut off from Redis): counted apart from attempts, so it has run attempts + stalls times before its current run.',
    },
    timings: {
      type: 'object',
      properties: {
        queuedAt: { type: 'string', format: 'date-time' },
        startedAt: { type: 'string', format: 'date-time' },
        finishedAt: { type: 'string', format: 'date-time' },
        seconds: { type: 'number', description: 'Run time of the last attempt.' },
      },
    },
    peakRssMb: { type: 'number', description: 'Peak RSS of the child process during the job, MB.' },
    error: nullable('string', 'Why the job failed, for a person.'),
    result: {
      type: ['object', 'null'],
      additionalProperties: true,
      description: 'The task result once completed (ids and counts).',
    },
    file: { type: 'string', description: 'Uploaded file name, for PDF jobs.' },
  },
} as const;

export const uploadEntrySchema = {
  type: 'object',
  required: ['file'],
  description:
    'A queued job (`id`, `state`, `status_url`) or, with `existing: true` and `courseId`, a course the file already has.',
  properties: {
    id: {
      type: 'string',
      description: 'Job id; the same file uploaded again while queued gets the same id.',
    },
    file: { type: 'string', description: "The client's file name (a label only; stored as <sha256>.pdf)." },
    sha256: { type: 'string' },
    state: { type: 'string', enum: JOB_STATES },
    status_url: { type: 'string' },
    existing: { type: 'boolean', description: 'True when no new work was queued for this file.' },
    courseId: { type: 'string' },
    course_url: { type: 'string' },
  },
} as const;

export const uploadResponseSchema = {
  type: 'object',
  required: ['jobs'],
  properties: { jobs: { type: 'array', items: uploadEntrySchema } },
} as const;

export const courseSummarySchema = {
  type: 'object',
  required: ['id', 'documentId', 'title'],
  properties: {
    id: { type: 'string' },
    documentId: { type: 'string' },
    title: { type: 'string' },
    fileName: { type: 'string' },
    pageCount: { type: 'integer' },
    modules: { type: 'integer' },
    lessons: { type: 'integer' },
    createdAt: { type: 'string' },
    access: {
      type: 'string',
      enum: COURSE_ACCESS,
      description:
        'What the caller may do with it: `owner` (uploaded its PDF; admins: every course), or the `edit` or `read` of a share.',
    },
  },
} as const;

export const storedCourseSchema = {
  type: 'object',
  required: [...courseSummarySchema.required, 'course', 'quizIds'],
  properties: {
    ...courseSummarySchema.properties,
    course: fromZod(CourseSchema, 'The course: title, description, keyTerms, modules[] with lessons[].'),
    quizIds: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const storedQuizSchema = {
  type: 'object',
  required: ['id', 'courseId', 'quiz'],
  properties: {
    id: { type: 'string' },
    courseId: { type: 'string' },
    quiz: fromZod(
      QuizSchema,
      'The quiz: title, seed, questions[] of seven kinds, each with its difficulty and Bloom level; `needsCheck: "rule"` on a question made by rule that waits for a teacher\'s check.',
    ),
    createdAt: { type: 'string' },
    revision: { type: 'integer', description: 'Edits so far (0 as generated); send it as If-Match to edit.' },
    editedAt: nullable('string', 'When a teacher last changed a question.'),
    reviewedAt: nullable('string', 'When a teacher marked the quiz reviewed.'),
    questionKeys: {
      type: 'array',
      items: { type: 'string' },
      description: 'Stable key of each question (kept through edits): the id of its LMS item or Anki note.',
    },
  },
} as const;

/**
 * An id in a path: what ours are made of (`c…`, `q…`, `pdf-<sha256>`, `<queue>-<uuid>`), so that no NUL, control
 * character or quote ever reaches a query.
 */
export const idSchema = {
  type: 'string',
  minLength: 1,
  maxLength: MAX_PARAM_LENGTH,
  pattern: '^[A-Za-z0-9_.:-]+$',
} as const;

/** Most an `offset` may skip: far past any real list, far below what PostgreSQL's bigint refuses. */
export const MAX_OFFSET = 1_000_000_000;

/** Bounds of a seed: PostgreSQL's `integer` column that stores it. */
export const MAX_SEED = 2 ** 31 - 1;
export const MIN_SEED = -(2 ** 31);

export const idParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: idSchema },
} as const;
