/**
 * `GET /api/jobs/:id` and `GET /api/jobs?state=&limit=`: where a job is, who runs it, how it ended;
 * `POST /api/jobs/:id/retry`: a failed job back to its queue.
 */
import type { FastifyInstance } from 'fastify';
import { ProfaiError } from '../../domain/errors.ts';
import { getJobView, listJobs, queueCounts } from '../../fleet/queues.ts';
import { JOB_STATES, type JobState } from '../../fleet/views.ts';
import { findDocumentBySha } from '../../store/index.ts';
import { retryJob } from '../../tasks/retry.ts';
import { audit } from '../audit.ts';
import type { ApiContext } from '../deps.ts';
import { ApiError, errorResponses, notFound } from '../errors.ts';
import { idParamsSchema, jobSchema } from '../schemas.ts';
import { QUEUE_TIMEOUT_MS, withQueueTimeout } from '../timeout.ts';

const listQuerySchema = {
  type: 'object',
  properties: {
    state: { type: 'string', enum: JOB_STATES, description: 'Only jobs in this state (default: all).' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
  },
} as const;

const retryBodySchema = {
  type: 'object',
  // No body at all is fine too.
  nullable: true,
  additionalProperties: false,
  properties: {
    password: {
      type: 'string',
      minLength: 1,
      maxLength: 1024,
      description:
        "The password of an encrypted PDF: a finished job's record no longer holds the one it was given.",
    },
  },
} as const;

/** The statuses of the ways a retry can be refused. */
const RETRY_REFUSALS: Record<string, number> = {
  job_not_failed: 409,
  upload_gone: 410,
  password_not_applicable: 400,
};

export async function jobRoutes(app: FastifyInstance, opts: { deps: ApiContext }): Promise<void> {
  const { fleet } = opts.deps;
  const limited = <T>(p: Promise<T>) => withQueueTimeout(p, opts.deps.queueTimeoutMs ?? QUEUE_TIMEOUT_MS);

  app.get<{ Params: { id: string } }>(
    '/api/jobs/:id',
    {
      schema: {
        summary: 'One job: state, stage, progress, worker, timings, error, result',
        tags: ['jobs'],
        params: idParamsSchema,
        response: { 200: jobSchema, ...errorResponses },
      },
    },
    async (request) => {
      const view = await limited(getJobView(fleet, request.params.id));
      if (!view) throw notFound('job', request.params.id);
      return view;
    },
  );

  app.post<{ Params: { id: string }; Body: { password?: string } | undefined }>(
    '/api/jobs/:id/retry',
    {
      schema: {
        summary: 'Retry a failed job with fresh attempts (a PDF job whose course stage failed: that stage)',
        description:
          '202 with the job, now waiting again. 404: no such job; 409: the job did not fail; 410: a PDF job whose upload was removed (KEEP_FAILED_UPLOADS_H): upload the file again. The body is optional.',
        tags: ['jobs'],
        params: idParamsSchema,
        body: retryBodySchema,
        response: { 202: jobSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const password = request.body?.password;
      try {
        const { view } = await limited(
          retryJob(fleet, request.params.id, opts.deps.config, {
            ...(password ? { password } : {}),
            uploads: opts.deps.storage.uploads,
            // A job whose course got made after all (its completion lost) needs no upload to finish.
            hasCourse: async (sha256) =>
              Boolean((await findDocumentBySha(opts.deps.db, sha256).catch(() => null))?.courseId),
          }),
        );
        await audit(request, 'replay', { kind: 'job', id: view.id, detail: { task: view.task } });
        return reply.code(202).send(view);
      } catch (err) {
        const status = err instanceof ProfaiError ? RETRY_REFUSALS[err.code] : undefined;
        if (status) throw new ApiError(status, (err as ProfaiError).code, (err as ProfaiError).message);
        throw err;
      }
    },
  );

  app.get<{ Querystring: { state?: JobState; limit: number } }>(
    '/api/jobs',
    {
      schema: {
        summary: 'Recent jobs, newest first, optionally in one state, and counts per queue',
        tags: ['jobs'],
        querystring: listQuerySchema,
        response: {
          200: {
            type: 'object',
            required: ['jobs', 'counts'],
            properties: {
              jobs: { type: 'array', items: jobSchema },
              counts: {
                type: 'object',
                description: 'Jobs per state per queue: `{ pdf_processing: { waiting: 2, active: 1, … } }`.',
                additionalProperties: { type: 'object', additionalProperties: { type: 'integer' } },
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { state, limit } = request.query;
      const [jobs, counts] = await limited(
        Promise.all([listJobs(fleet, { ...(state ? { state } : {}), limit }), queueCounts(fleet)]),
      );
      return { jobs, counts };
    },
  );
}
