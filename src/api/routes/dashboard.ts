/**
 * `GET /dashboard`: the fleet page (public: it holds no data; src/web/dashboard.html and its module) and
 * `GET /api/fleet`: the snapshot it polls (workers, queues, active and recent jobs), behind API_KEY like
 * every /api route. Both answer while Redis is down; the snapshot then says `redis.up: false`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { acquireFleetSource } from '../../ops/source.ts';
import type { ApiDeps } from '../deps.ts';
import { WEB_DIR } from './app.ts';

/** The page's own script and style files (served with the app's under /app/), and requests back to this API. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export async function dashboardRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const page = readFileSync(join(WEB_DIR, 'dashboard.html'));
  const { source, release } = acquireFleetSource(opts.deps.config);
  app.addHook('onClose', release);

  app.get('/dashboard', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-security-policy', CSP)
      .send(page),
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
