/**
 * Enforces the route table (access-table.ts) on every route: when a route is declared, its entry is looked up
 * (none: startup fails, naming the route), written into its OpenAPI operation (`x-roles`, the access it needs,
 * the security schemes), and checked on each request after validation:
 *   1. the caller's role must be one the route allows (403 `forbidden`);
 *   2. for a route about one course, quiz, document or job, the caller must reach it: one they cannot see
 *      answers 404 exactly as one that does not exist (never 403 with its title); one they see read-only
 *      answers 403 to a change.
 * Without a principal (open mode, no credential configured) the caller is the admin.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import { accessAtLeast, type Role } from '../domain/users.ts';
import { type CourseGrant, courseGrant, documentGrant, ownsJob, quizGrant } from '../store/index.ts';
import type { Database } from '../store/types.ts';
import { accessOf, type Ownership, type ResourceKind, type RouteAccess } from './access-table.ts';
import { ApiError, notFound } from './errors.ts';
import { LEGACY_ADMIN, type Principal } from './principal.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The course a course, quiz or document route is about, and the caller's access to it (unset for admins). */
    courseGrant?: CourseGrant;
  }
  interface FastifyContextConfig {
    /** This route's entry of the access table (set when the route is declared). */
    access?: RouteAccess;
  }
}

/** Who acts: the principal, or the admin when no credential is configured (open mode). */
export const actorOf = (request: FastifyRequest): Principal => request.principal ?? LEGACY_ADMIN;

/** True for a route the table says is public. */
export const isPublicRequest = (request: FastifyRequest) =>
  (request.routeOptions.config as { access?: RouteAccess }).access?.public === true;

export class RouteAccessMissingError extends Error {
  constructor(method: string, url: string) {
    super(`route ${method} ${url} has no line in src/api/access-table.ts: say which roles may call it`);
  }
}

/** One line of the OpenAPI description saying who may call a route. */
export function describeAccess(access: RouteAccess): string {
  if (access.public) return `Public: ${access.why}.`;
  const owns = access.owns;
  const who = `Roles: ${access.roles.join(', ')}.`;
  if (!owns) return who;
  if (owns.kind === 'job')
    return `${who} A teacher reaches only the jobs they asked for (others answer 404); ${(owns.allRoles ?? ['admin']).join(' and ')} reach every job.`;
  const need = owns.need ?? 'read';
  const what = need === 'owner' ? 'own the course' : `have ${need} access to the course`;
  return `${who} A teacher must ${what} (${owns.kind === 'course' ? '' : `of the ${owns.kind} `}:${owns.param}); a course they cannot see answers 404.`;
}

const CHECKS = new WeakSet<object>();

/** Adds the table's check to every route declared after this call. */
export function installAuthorization(app: FastifyInstance, db: Database): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const access = accessOf(String(methods[0]), route.url);
    if (!access) throw new RouteAccessMissingError(String(methods[0]), route.url);
    if (!access.public && access.owns && !route.url.split('/').includes(`:${access.owns.param}`))
      throw new Error(
        `route ${String(methods[0])} ${route.url}: src/api/access-table.ts names its parameter :${access.owns.param}, which it has not`,
      );
    route.config = { ...(route.config ?? {}), access };
    if (route.schema && !route.schema.hide) {
      const schema = route.schema as Record<string, unknown>;
      const line = describeAccess(access);
      schema.description = schema.description ? `${schema.description}\n\n${line}` : line;
      if (!access.public) schema['x-roles'] = [...access.roles];
      schema.security = access.public ? [] : [{ bearer: [] }, { apiKey: [] }];
    }
    if (access.public) return;
    const given = route.preHandler ? [route.preHandler].flat() : [];
    // A HEAD route copies its GET's options, check included.
    if (given.some((h) => CHECKS.has(h))) return;
    const check = async (request: FastifyRequest) => authorize(db, request, access);
    CHECKS.add(check);
    route.preHandler = [check, ...given];
  });
}

async function authorize(
  db: Database,
  request: FastifyRequest,
  access: Exclude<RouteAccess, { public: true }>,
) {
  const actor = actorOf(request);
  if (!access.roles.includes(actor.role))
    throw new ApiError(
      403,
      'forbidden',
      `signed in as ${actor.name} (${actor.role}): this route is for ${access.roles.map((r) => `${r}s`).join(' and ')}`,
    );
  const owns = access.owns;
  if (!owns) return;
  const id = String((request.params as Record<string, unknown>)[owns.param] ?? '');
  const everyOne = (owns.allRoles ?? ['admin']).includes(actor.role);
  if (owns.kind === 'job') {
    if (!everyOne && !(await ownsJob(db, id, actor.id))) throw notFound('job', id);
    return;
  }
  // Admins reach every course: nothing to look up (a handler that needs the canonical id resolves it itself).
  if (everyOne) return;
  const grant = await GRANTS[owns.kind](db, id, actor.id);
  if (!grant?.access) throw notFound(owns.kind, id);
  const need = owns.need ?? 'read';
  if (!accessAtLeast(grant.access, need))
    throw new ApiError(
      403,
      'forbidden',
      need === 'owner'
        ? `only an owner of course ${grant.courseId} may do this: it is shared with you (${grant.access})`
        : `course ${grant.courseId} is shared with you read-only: ask its owner for edit access`,
    );
  request.courseGrant = grant;
}

const GRANTS: Record<
  Exclude<ResourceKind, 'job'>,
  (db: Database, id: string, user: string) => Promise<CourseGrant | null>
> = {
  course: courseGrant,
  quiz: quizGrant,
  document: documentGrant,
};

/** The roles of a table entry (public: every one, and no key). */
export const rolesOf = (access: RouteAccess): readonly Role[] =>
  access.public ? ['teacher', 'operator', 'admin'] : access.roles;

export type { Ownership };
