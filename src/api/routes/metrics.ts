/**
 * `GET /metrics`: Prometheus exposition of the fleet (see src/ops/metrics.ts for the families). Behind
 * API_KEY like other routes when it is set (Prometheus: `authorization: { credentials: KEY }`). Answers
 * within about a second even while Redis is down, with `profai_redis_up 0`.
 */
import type { FastifyInstance } from 'fastify';
import { FleetMetrics } from '../../ops/metrics.ts';
import { acquireFleetSource } from '../../ops/source.ts';
import type { ApiContext } from '../deps.ts';

export async function metricsRoutes(app: FastifyInstance, opts: { deps: ApiContext }): Promise<void> {
  const { source, release } = acquireFleetSource(opts.deps.config);
  app.addHook('onClose', release);
  const { db, vectors, storage, capacity } = opts.deps;
  const metrics = new FleetMetrics(
    source,
    {
      [db.kind]: () => db.query('select 1'),
      // Vectors in the database (VECTOR_STORE=postgres) are the database's own dependency.
      ...(vectors.kind === 'chroma' ? { chroma: () => vectors.ping() } : {}),
      storage: () => storage.uploads.ping(),
    },
    {
      full: {
        redis: async () => (await capacity.redisRefusal()) !== null,
        storage: async () => (await capacity.storageRefusal()) !== null,
      },
      freeBytes: () => storage.uploads.freeBytes(),
    },
  );

  app.get(
    '/metrics',
    {
      schema: {
        summary: 'Prometheus metrics: queue depth, workers, job durations, failures, retries, recycles',
        tags: ['operations'],
        produces: ['text/plain'],
        response: { 200: { type: 'string' } },
      },
    },
    async (_request, reply) => reply.type(metrics.contentType).send(await metrics.render()),
  );
}
