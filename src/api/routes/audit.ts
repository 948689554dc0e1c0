/** `GET /api/audit?since=1d`: the audit trail, newest first, for admins (src/store/audit.ts). */
import type { FastifyInstance } from 'fastify';
import { parseSince, SINCE_HELP } from '../../lib/since.ts';
import { AUDIT_ACTIONS, listAudit } from '../../store/index.ts';
import { actorOf } from '../authorize.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError, badRequest, errorResponses } from '../errors.ts';

const querySchema = {
  type: 'object',
  properties: {
    since: { type: 'string', maxLength: 40, default: '1d', description: `From when: ${SINCE_HELP}.` },
    limit: { type: 'integer', minimum: 1, maximum: 10000, default: 1000 },
  },
  additionalProperties: false,
} as const;

export const auditRecordSchema = {
  type: 'object',
  required: ['id', 'at', 'actorId', 'actorName', 'actorRole', 'action', 'targetKind', 'targetId'],
  properties: {
    id: { type: 'integer' },
    at: { type: 'string', format: 'date-time' },
    actorId: { type: 'string' },
    actorName: { type: 'string' },
    actorRole: { type: 'string' },
    action: { type: 'string', enum: AUDIT_ACTIONS },
    targetKind: { type: 'string', description: '`course`, `quiz`, `pdf` (by SHA-256), `job`.' },
    targetId: { type: 'string', description: 'A deleted course and what was of it read `erased-…`.' },
    courseId: { type: 'string', nullable: true },
    detail: { type: 'object', nullable: true, additionalProperties: true },
    ip: { type: 'string', nullable: true },
  },
} as const;

export async function auditRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const { db } = opts.deps;
  app.get<{ Querystring: { since: string; limit: number } }>(
    '/api/audit',
    {
      schema: {
        summary: 'Who uploaded, edited, exported, shared, deleted or replayed what, newest first (admins)',
        tags: ['audit'],
        querystring: querySchema,
        response: {
          200: {
            type: 'object',
            required: ['since', 'records'],
            properties: {
              since: { type: 'string', format: 'date-time' },
              records: { type: 'array', items: auditRecordSchema },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      // Until the route-role table decides it (issue #25, items 1-3), this route checks its role itself.
      if (actorOf(request).role !== 'admin')
        throw new ApiError(403, 'forbidden', 'the audit trail is for admins');
      const since = parseSince(request.query.since);
      if (!since) throw badRequest('invalid_request', `since ${request.query.since}: give ${SINCE_HELP}`);
      const records = await listAudit(db, since, { limit: request.query.limit });
      return { since: since.toISOString(), records };
    },
  );
}
