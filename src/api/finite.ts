/**
 * Refuses request values that are numbers but not finite. ajv (8.20) coerces `?limit=1e309` to Infinity and then
 * passes it as an integer within `minimum`/`maximum`, and JSON.parse reads `1e309` as Infinity too: without this
 * check such a value reached PostgreSQL and Redis (fuzzing found it). Runs after validation, on every route.
 */
import type { FastifyInstance } from 'fastify';
import { badRequest } from './errors.ts';

/** How deep a value is searched; validated bodies are shallow, anything deeper was refused by its schema. */
const MAX_DEPTH = 32;

/** The path of the first non-finite number in `value` (`limit`, `options.2`), or null. */
export function nonFinitePath(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || 'value';
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nonFinitePath(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found) return found;
  }
  return null;
}

export function installFiniteCheck(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    for (const [part, value] of [
      ['querystring', request.query],
      ['params', request.params],
      ['body', request.body],
    ] as const) {
      const path = nonFinitePath(value);
      if (path) throw badRequest('invalid_request', `${part}/${path} must be a finite number`);
    }
  });
}
