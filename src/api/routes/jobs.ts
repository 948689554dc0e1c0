/** `GET /api/jobs/:id` and `GET /api/jobs?state=&limit=`: where a job is, who runs it, how it ended. */
import type { FastifyInstance } from 'fastify';
import { getJobView, listJobs, queueCounts } from '../../fleet/queues.ts';
import { JOB_STATES, type JobState } from '../../fleet/views.ts';
import type { ApiDeps } from '../deps.ts';
import { errorResponses, notFound } from '../errors.ts';
import { idParamsSchema, jobSchema } from '../schemas.ts';
import { QUEUE_TIMEOUT_MS, withQueueTimeout } from '../timeout.ts';

const listQuerySchema = {
  type: 'object',
  properties: {
    state: { type: 'string', enum: JOB_STATES, description: 'Only jobs in this state (default: all).' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
  },
} as const;

export async function jobRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
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
