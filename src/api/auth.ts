/**
 * Optional API key. When `API_KEY` is set, every route but the public ones needs it, as
 * `Authorization: Bearer KEY` or `X-API-Key: KEY`; otherwise 401 `{ error: 'unauthorized' }`.
 *
 * Public: `/health` (probes and load balancers have no key) and the API description (`/docs`,
 * `/openapi.json`), which shows the shape of the API, never data; and the `/dashboard` page, which holds no
 * data either: it fetches `/api/fleet` with the key (see src/web/dashboard.js); and the teachers' web app
 * (`/` and its static files under `/app/`), which fetches everything it shows from `/api/…` with the key.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from './errors.ts';

const PUBLIC_PATHS = ['/health', '/openapi.json', '/docs', '/dashboard', '/', '/app'];

/**
 * True when the matched route pattern (not the raw URL, so `/docs/../api/…` tricks cannot match) is
 * served without a key. Unknown routes (`undefined`) are not public: a 404 tells nothing without a key.
 */
export function isPublicRoute(routePattern: string | undefined): boolean {
  if (!routePattern) return false;
  return PUBLIC_PATHS.some((p) => routePattern === p || routePattern.startsWith(`${p}/`));
}

/** The key a request carries, if any. */
export function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const auth = request.headers.authorization;
  const match = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth.trim()) : null;
  return match?.[1];
}

/**
 * Compares in constant time. Both sides are hashed first so that neither the length nor a common
 * prefix of the expected key shows in the timing.
 */
export function keyMatches(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Adds the key check to `app` when `apiKey` is set; does nothing otherwise. */
export function installAuth(app: FastifyInstance, apiKey: string | undefined): void {
  if (!apiKey) return;
  app.addHook('onRequest', async (request) => {
    if (isPublicRoute(request.routeOptions.url)) return;
    const key = presentedKey(request);
    if (key === undefined)
      throw new ApiError(
        401,
        'unauthorized',
        'API key required: send `Authorization: Bearer KEY` or `X-API-Key: KEY`',
      );
    if (!keyMatches(key, apiKey)) throw new ApiError(401, 'unauthorized', 'API key is not valid');
  });
}
