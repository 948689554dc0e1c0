/**
 * THE table of who may call what: every route of the API, by `METHOD /path` as Fastify declares it, with the
 * roles it allows and, for a route about one course (or its quiz, document or job), what access to it the
 * caller needs. authorize.ts enforces it on every request, writes it into the OpenAPI document, and refuses to
 * start when a route is missing from it; test/api/access.test.ts calls every route as every role from it.
 *
 * To add a route: add its line here. One about a course names the parameter holding the course's id:
 *   'DELETE /api/courses/:id': { roles: TEACHING, owns: { kind: 'course', param: 'id', need: 'owner' } },
 * and the check (404 for a course the caller cannot see, never 403 with its title) comes with it.
 */
import type { CourseAccess, Role } from '../domain/users.ts';

/** What a route is about, found from one of its path parameters. */
export type ResourceKind = 'course' | 'quiz' | 'document' | 'job';

export interface Ownership {
  kind: ResourceKind;
  /** The path parameter holding its id. */
  param: string;
  /** Least access the caller needs to the course (a job: only that the caller asked for it). @defaultValue 'read' */
  need?: CourseAccess;
  /** Roles that reach every one, owned or not. @defaultValue ['admin'] */
  allRoles?: readonly Role[];
}

export type RouteAccess =
  | { public: true; why: string }
  | { public?: false; roles: readonly Role[]; owns?: Ownership };

/** Teachers (their own and shared courses) and admins (every course). */
const TEACHING: readonly Role[] = ['teacher', 'admin'];
/** The fleet: operators and admins. */
const FLEET: readonly Role[] = ['operator', 'admin'];
const EVERYONE: readonly Role[] = ['teacher', 'operator', 'admin'];

const page = (why: string): RouteAccess => ({ public: true, why });
const course = (need: CourseAccess): RouteAccess => ({
  roles: TEACHING,
  owns: { kind: 'course', param: 'id', need },
});
const quiz = (need: CourseAccess): RouteAccess => ({
  roles: TEACHING,
  owns: { kind: 'quiz', param: 'id', need },
});

export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /health': page('probes and load balancers have no key'),
  'GET /openapi.json': page('the shape of the API, never data'),
  'GET /docs': page('the shape of the API, never data'),
  'GET /docs/*': page('the API description page and its files'),
  'GET /dashboard': page('the page holds no data: it asks /api/fleet with the key'),
  'GET /': page("the web app's page holds no data: it asks /api/… with the key"),
  'GET /app/*': page("the web app's files"),
  'GET /health/live': page('liveness probes have no key'),

  'GET /api/me': { roles: EVERYONE },
  'POST /api/pdfs': { roles: TEACHING },
  'GET /api/courses': { roles: TEACHING },
  'GET /api/courses/:id': course('read'),
  'GET /api/courses/:id/quizzes': course('read'),
  'POST /api/courses/:id/quizzes': course('edit'),
  'GET /api/courses/:id/export': course('read'),
  'DELETE /api/courses/:id': course('owner'),
  'GET /api/courses/:id/shares': course('owner'),
  'POST /api/courses/:id/shares': course('owner'),
  'DELETE /api/courses/:id/shares/:user': course('owner'),
  'GET /api/quizzes/:id': quiz('read'),
  'PATCH /api/quizzes/:id': quiz('edit'),
  'PATCH /api/quizzes/:id/questions/:n': quiz('edit'),
  'DELETE /api/quizzes/:id/questions/:n': quiz('edit'),
  'GET /api/documents/:id/pdf': { roles: TEACHING, owns: { kind: 'document', param: 'id', need: 'read' } },
  'GET /api/jobs/:id': { roles: EVERYONE, owns: { kind: 'job', param: 'id', allRoles: FLEET } },
  'GET /api/jobs': { roles: FLEET },
  'POST /api/jobs/:id/retry': { roles: FLEET },
  'GET /api/fleet': { roles: FLEET },
  'GET /metrics': { roles: FLEET },
  'GET /api/queues/depth': { roles: FLEET },
  'GET /api/audit': { roles: ['admin'] },
};

/** The table's entry of a route; HEAD goes with its GET. */
export function accessOf(method: string, url: string): RouteAccess | undefined {
  const m = method === 'HEAD' ? 'GET' : method;
  return ROUTE_ACCESS[`${m} ${url}`] ?? (url.startsWith('/docs/') ? ROUTE_ACCESS[`${m} /docs/*`] : undefined);
}
