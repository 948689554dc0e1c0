/**
 * `GET /api/me`: who the key is (the web app and /dashboard show it); the shares of a course:
 * `GET|POST /api/courses/:id/shares` and `DELETE /api/courses/:id/shares/:user`, for its owners (and admins).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ROLES, type ShareAccess } from '../../domain/users.ts';
import { courseGrant, findUserByName, listShares, shareCourse, unshareCourse } from '../../store/index.ts';
import type { Sql } from '../../store/types.ts';
import { audit } from '../audit.ts';
import { actorOf } from '../authorize.ts';
import type { ApiDeps } from '../deps.ts';
import { ApiError, badRequest, errorResponses, notFound } from '../errors.ts';
import { idParamsSchema, idSchema } from '../schemas.ts';

const meSchema = {
  type: 'object',
  required: ['id', 'name', 'role', 'credential'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    credential: {
      type: 'string',
      enum: ['user', 'api_key', 'none'],
      description: "A user's key, API_KEY (the admin), or none: no credential is configured (loopback only).",
    },
  },
} as const;

const sharesSchema = {
  type: 'object',
  required: ['courseId', 'shares'],
  properties: {
    courseId: { type: 'string' },
    shares: {
      type: 'array',
      items: {
        type: 'object',
        required: ['userId', 'name', 'access'],
        properties: {
          userId: { type: 'string' },
          name: { type: 'string' },
          access: { type: 'string', enum: ['read', 'edit'] },
          grantedBy: { type: 'string' },
          createdAt: { type: 'string' },
        },
      },
    },
  },
} as const;

const shareBodySchema = {
  type: 'object',
  required: ['user', 'access'],
  properties: {
    user: { type: 'string', minLength: 1, maxLength: 64, description: 'The name of the user to share with.' },
    access: {
      type: 'string',
      enum: ['read', 'edit'],
      description: '`read`: see, take and export; `edit`: also review its quizzes and make new ones.',
    },
  },
  additionalProperties: false,
} as const;

const shareParamsSchema = {
  type: 'object',
  required: ['id', 'user'],
  properties: {
    id: idSchema,
    user: { ...idSchema, description: 'The user id of the share.' },
  },
} as const;

/**
 * The canonical id of the course (the route's :id may be a prefix or a document id): the access check found it,
 * or for an admin (who is not checked) it is looked up here.
 */
async function courseIdOf(db: Sql, request: FastifyRequest): Promise<string> {
  const key = String((request.params as { id?: string }).id);
  const grant = request.courseGrant ?? (await courseGrant(db, key, actorOf(request).id));
  if (!grant) throw notFound('course', key);
  return grant.courseId;
}

export async function accessRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const { db } = opts.deps;

  app.get(
    '/api/me',
    {
      schema: {
        summary: 'Who the key is: name and role',
        tags: ['access'],
        response: { 200: meSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const credential = !request.principal ? 'none' : actor.id === 'admin' ? 'api_key' : 'user';
      return { ...actor, credential };
    },
  );

  const shares = async (courseId: string) => ({ courseId, shares: await listShares(db, courseId) });

  app.get<{ Params: { id: string } }>(
    '/api/courses/:id/shares',
    {
      schema: {
        summary: 'Who a course is shared with',
        tags: ['courses', 'access'],
        params: idParamsSchema,
        response: { 200: sharesSchema, ...errorResponses },
      },
    },
    async (request) => shares(await courseIdOf(db, request)),
  );

  app.post<{ Params: { id: string }; Body: { user: string; access: ShareAccess } }>(
    '/api/courses/:id/shares',
    {
      schema: {
        summary: 'Share a course with another user, read-only or editing (again: changes the access)',
        tags: ['courses', 'access'],
        params: idParamsSchema,
        body: shareBodySchema,
        response: { 200: sharesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const courseId = await courseIdOf(db, request);
      const { user: name, access } = request.body;
      const user = await findUserByName(db, name);
      if (!user)
        throw new ApiError(404, 'not_found', `user ${name} not found: \`profai users list\` names them`);
      const actor = actorOf(request);
      if (user.id === actor.id)
        throw badRequest('invalid_request', 'a course cannot be shared with yourself');
      if (user.role === 'operator')
        throw badRequest(
          'invalid_request',
          `${user.name} is an operator: operators do not read course content`,
        );
      await shareCourse(db, courseId, user.id, access, actor.id);
      await audit(request, 'share', {
        kind: 'course',
        id: courseId,
        courseId,
        detail: { user: user.id, name: user.name, access },
      });
      return shares(courseId);
    },
  );

  app.delete<{ Params: { id: string; user: string } }>(
    '/api/courses/:id/shares/:user',
    {
      schema: {
        summary: 'Stop sharing a course with a user',
        tags: ['courses', 'access'],
        params: shareParamsSchema,
        response: { 200: sharesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const courseId = await courseIdOf(db, request);
      if (!(await unshareCourse(db, courseId, request.params.user)))
        throw notFound('share of course', `${courseId} with ${request.params.user}`);
      await audit(request, 'unshare', {
        kind: 'course',
        id: courseId,
        courseId,
        detail: { user: request.params.user },
      });
      return shares(courseId);
    },
  );
}
