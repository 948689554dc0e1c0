/**
 * `GET /dashboard`: the fleet page (public: it holds no data, see ../dashboard/page.ts) and
 * `GET /api/fleet`: the snapshot it polls (workers, queues, active and recent jobs), behind API_KEY like
 * every /api route. Both answer while Redis is down; the snapshot then says `redis.up: false`.
 */
import type { FastifyInstance } from 'fastify';
import { acquireFleetSource } from '../../ops/source.ts';
import { DASHBOARD_HTML } from '../dashboard/page.ts';
import type { ApiDeps } from '../deps.ts';

/** Nothing but this page's own inline script and style, and requests back to this API. */
const CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src data:";

export async function dashboardRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const { source, release } = acquireFleetSource(opts.deps.config);
  app.addHook('onClose', release);

  app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CSP)
      .send(DASHBOARD_HTML),
  );

  app.get(
    '/api/fleet',
    {
      schema: {
        summary: 'The fleet now: workers (heartbeats), queue depths, active and recently finished jobs',
        description:
          'Same shape as `profai monitor --json` plus `jobs`. Always 200: while Redis is down, `redis.up` is false and the lists are empty.',
        tags: ['operations'],
      },
    },
    async (_request, reply) =>
      reply.header('cache-control', 'no-store').send(await source.snapshot({ jobs: true })),
  );
}
