/**
 * `DELETE /api/courses/:id`: a course for good, and, when no other course uses its document, the document, its
 * chunks, vectors, kept PDF, upload, jobs and run records (workflows/delete-course.ts). 204, also for a second
 * delete that finishes what a first one left half done; 404 when there is no such course.
 */
import type { FastifyInstance } from 'fastify';
import { forgetJobs, jobIdsOfContent } from '../../tasks/forget-jobs.ts';
import { deleteCourse } from '../../workflows/delete-course.ts';
import { actorOf } from '../authorize.ts';
import type { ApiContext } from '../deps.ts';
import { errorResponses, notFound } from '../errors.ts';
import { idParamsSchema } from '../schemas.ts';
import { QUEUE_TIMEOUT_MS, withQueueTimeout } from '../timeout.ts';

export async function courseDeleteRoutes(app: FastifyInstance, opts: { deps: ApiContext }): Promise<void> {
  const { db, vectors, storage, fleet } = opts.deps;
  const timeoutMs = opts.deps.queueTimeoutMs ?? QUEUE_TIMEOUT_MS;
  app.delete<{ Params: { id: string } }>(
    '/api/courses/:id',
    {
      schema: {
        summary: 'Delete a course, and its document, vectors and PDF when no other course uses them',
        description:
          'The exact course id or document id (no prefix). 204 when deleted (also when this finishes a deletion a crash left half done); 404 when unknown.',
        tags: ['courses'],
        params: idParamsSchema,
        response: { 204: { description: 'Deleted.', type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const outcome = await deleteCourse(
        {
          db,
          vectors,
          storage,
          jobIdsOf: jobIdsOfContent,
          // A teacher's delete is theirs alone when others own the same upload; an admin's is everyone's.
          ownerId: request.principal && request.principal.role !== 'admin' ? request.principal.id : undefined,
          forgetJobs: (left) => withQueueTimeout(forgetJobs(fleet, left), timeoutMs),
          // Written with the rows, so that a delete finished by a retry is in the trail once.
          actor: { actor: actorOf(request), ip: request.ip },
          onAuditError: (err) => request.log.error({ err, action: 'delete' }, 'audit record not written'),
          onLeftover: (left, err) =>
            request.log.warn({ err, documentId: left.documentId }, 'an earlier deletion is still unfinished'),
        },
        request.params.id,
      );
      if (!outcome) throw notFound('course', request.params.id);
      return reply.code(204).send();
    },
  );
}
