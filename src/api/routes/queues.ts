/**
 * `GET /api/queues/depth`: how many jobs the fleet has yet to run, as one JSON object, for autoscalers (KEDA's
 * metrics-api scaler reads `backlog`; see deploy/kubernetes/base/worker-scaledobject.yaml) and scripts. Behind
 * API_KEY like every /api route. While Redis does not answer: 503 `queue_unavailable` (KEDA then keeps the
 * current number of workers), never a depth of 0 that would scale the workers in.
 */
import type { FastifyInstance } from 'fastify';
import { queueDepth } from '../../fleet/depth.ts';
import { queueOf } from '../../fleet/registry.ts';
import { LLM_TASK } from '../../tasks/names.ts';
import type { ApiContext } from '../deps.ts';
import { badRequest, errorResponses } from '../errors.ts';
import { QUEUE_TIMEOUT_MS, withQueueTimeout } from '../timeout.ts';

const count = (description: string) => ({ type: 'integer', minimum: 0, description }) as const;

const depthProperties = {
  waiting: count('Jobs in the `wait` list, ready to run.'),
  prioritized: count('Jobs ready to run with a priority (BullMQ keeps them in a sorted set, not the list).'),
  delayed: count('Jobs waiting for a time: a retry in its backoff, a job waiting out a dependency outage.'),
  active: count('Jobs running now.'),
  depth: count('Jobs not yet started: waiting + prioritized + delayed.'),
  backlog: count('Jobs not yet finished: depth + active. What the workers are scaled on.'),
} as const;
const depthRequired = Object.keys(depthProperties);

/** The answer's schema (KEDA's `valueLocation` names one of its integer fields). */
export const queueDepthSchema = {
  type: 'object',
  required: [...depthRequired, 'queues'],
  properties: {
    ...depthProperties,
    queues: {
      type: 'object',
      description: 'The same counts per queue: `{ pdf_processing: { waiting: 3, … } }`.',
      additionalProperties: { type: 'object', required: depthRequired, properties: depthProperties },
    },
  },
} as const;

const querySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    queues: {
      type: 'string',
      pattern: '^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$',
      maxLength: 1000,
      description:
        'Comma-separated queues to count (those one worker Deployment serves). Default: every queue the API knows: WORKER_QUEUES, the job-id queues and llm_generation.',
    },
  },
} as const;

export const QUEUE_DEPTH_PATH = '/api/queues/depth';

export async function queueRoutes(app: FastifyInstance, opts: { deps: ApiContext }): Promise<void> {
  const { fleet } = opts.deps;
  app.get<{ Querystring: { queues?: string } }>(
    QUEUE_DEPTH_PATH,
    {
      schema: {
        summary: 'Jobs waiting, prioritized, delayed and running, in all and per queue (for autoscalers)',
        tags: ['operations'],
        querystring: querySchema,
        response: { 200: queueDepthSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      // The LLM stage's queue too: workers serving pdf_processing run its jobs when a model is set.
      const known = [...new Set([...fleet.queueNames(), queueOf(LLM_TASK)])];
      const asked = request.query.queues?.split(',');
      // Only known queues: each name opens a BullMQ Queue that the client keeps.
      const unknown = asked?.filter((q) => !known.includes(q)) ?? [];
      if (unknown.length > 0)
        throw badRequest(
          'unknown_queue',
          `unknown queue ${unknown.join(', ')}: known are ${known.join(', ')}`,
        );
      const depth = await withQueueTimeout(
        queueDepth(fleet, asked ? [...new Set(asked)] : known),
        opts.deps.queueTimeoutMs ?? QUEUE_TIMEOUT_MS,
      );
      return reply.header('cache-control', 'no-store').send(depth);
    },
  );
}
