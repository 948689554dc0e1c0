/**
 * Who may call what, against the real API (PostgreSQL, Chroma, Redis): two teachers, an operator, an admin and
 * no key call EVERY route of the access table (src/api/access-table.ts) on a course each relation reaches (own,
 * shared read-only, shared editing, someone else's), and each answer is the one the table says: 401 without a
 * key, 403 for a role the route does not allow or too little access, 404 `not_found` (never the course's title)
 * for a course the caller cannot see, and the route's own answer otherwise. The cases are generated from the
 * table: a route added without an example here fails the test.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import Fastify, { type InjectOptions, type LightMyRequestResponse } from 'fastify';
import { ROUTE_ACCESS, type RouteAccess } from '../../src/api/access-table.ts';
import { USERS_RECHECK_MS } from '../../src/api/auth.ts';
import { installAuthorization } from '../../src/api/authorize.ts';
import { accessAtLeast, type CourseAccess, type Role } from '../../src/domain/users.ts';
import {
  addUploadOwner,
  addUser,
  listAudit,
  revokeUser,
  saveProcessedDocument,
  shareCourse,
} from '../../src/store/index.ts';
import { fixtureDocument, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';

type Caller = 'nobody' | 'ana' | 'ben' | 'oli' | 'admin';
type Target = 'own' | 'read' | 'edit' | 'none' | 'job';

interface Stored {
  courseId: string;
  quizId: string;
  documentId: string;
  title: string;
}

/** What ana (teacher) may do with each course; ben (teacher) owns the three that are not ana's. */
const ANA: Record<Exclude<Target, 'job'>, CourseAccess | null> = {
  own: 'owner',
  read: 'read',
  edit: 'edit',
  none: null,
};

describe('access: every route, every role, with and without ownership', () => {
  let fx: ApiFixture;
  const keys: Partial<Record<Caller, string>> = {};
  const roles: Record<Exclude<Caller, 'nobody'>, Role> = {
    ana: 'teacher',
    ben: 'teacher',
    oli: 'operator',
    admin: 'admin',
  };
  const courses = {} as Record<Exclude<Target, 'job'>, Stored>;
  let anaJob = '';
  let pdfCount = 0;
  const ids: Record<string, string> = {};

  const as = (caller: Caller, options: InjectOptions) =>
    fx.app.inject({
      ...options,
      headers: {
        ...(options.headers ?? {}),
        authorization: caller === 'nobody' ? '' : `Bearer ${keys[caller]}`,
      },
    });

  async function storeCourse(name: string, owner: string): Promise<Stored> {
    const sha = createHash('sha256').update(name).digest('hex');
    const doc = fixtureDocument(sha, `${name}.pdf`);
    doc.course.title = `Secret ${name}`;
    const saved = await saveProcessedDocument(fx.deps.db, doc);
    await addUploadOwner(fx.deps.db, sha, owner);
    return {
      courseId: saved.courseId,
      quizId: saved.quizId,
      documentId: saved.documentId,
      title: doc.course.title,
    };
  }

  before(async () => {
    fx = await startApiFixture();
    keys.admin = fx.adminKey;
    for (const name of ['ana', 'ben', 'oli', 'cy'] as const) {
      const { user, key } = await addUser(fx.deps.db, name, name === 'oli' ? 'operator' : 'teacher');
      ids[name] = user.id;
      if (name !== 'cy') keys[name] = key;
    }
    courses.own = await storeCourse('ana-own', ids.ana!);
    courses.read = await storeCourse('ben-read', ids.ben!);
    courses.edit = await storeCourse('ben-edit', ids.ben!);
    courses.none = await storeCourse('ben-none', ids.ben!);
    await shareCourse(fx.deps.db, courses.read.courseId, ids.ana!, 'read', ids.ben!);
    await shareCourse(fx.deps.db, courses.edit.courseId, ids.ana!, 'edit', ids.ben!);
    const upload = multipart([{ field: 'file', filename: 'ana.pdf', content: await makePdf('ana job') }]);
    const res = await as('ana', { method: 'POST', url: '/api/pdfs', ...upload });
    assert.equal(res.statusCode, 202, res.body);
    anaJob = res.json().jobs[0].id;
  });
  after(async () => {
    await fx?.stop();
  });

  /** One request per route: the target's ids filled in, and what an allowed call answers. */
  const EXAMPLES: Record<
    string,
    {
      request: (t: Stored) => Promise<InjectOptions> | InjectOptions;
      ok: number[];
      prepare?: (t: Stored) => Promise<void>;
      /** A course of the case's own, in the target's relation (for a route that destroys it). */
      fresh?: (target: Exclude<Target, 'job'>) => Promise<Stored>;
    }
  > = {
    'GET /health': { request: () => ({ url: '/health' }), ok: [200] },
    'GET /openapi.json': { request: () => ({ url: '/openapi.json' }), ok: [200] },
    'GET /docs': { request: () => ({ url: '/docs' }), ok: [200, 302] },
    'GET /docs/*': { request: () => ({ url: '/docs/json' }), ok: [200] },
    'GET /dashboard': { request: () => ({ url: '/dashboard' }), ok: [200] },
    'GET /': { request: () => ({ url: '/' }), ok: [200] },
    'GET /app/*': { request: () => ({ url: '/app/app.css' }), ok: [200] },
    'GET /api/me': { request: () => ({ url: '/api/me' }), ok: [200] },
    'POST /api/pdfs': {
      request: async () => ({
        method: 'POST',
        url: '/api/pdfs',
        ...multipart([{ field: 'file', filename: 'x.pdf', content: await makePdf(`upload ${pdfCount++}`) }]),
      }),
      ok: [202],
    },
    'GET /api/courses': { request: () => ({ url: '/api/courses' }), ok: [200] },
    'GET /api/courses/:id': { request: (t) => ({ url: `/api/courses/${t.courseId}` }), ok: [200] },
    'GET /api/courses/:id/quizzes': {
      request: (t) => ({ url: `/api/courses/${t.courseId}/quizzes` }),
      ok: [200],
    },
    'POST /api/courses/:id/quizzes': {
      request: (t) => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/quizzes`,
        payload: { questions: 1 },
      }),
      ok: [202],
    },
    'GET /api/courses/:id/export': {
      request: (t) => ({ url: `/api/courses/${t.courseId}/export?format=json` }),
      ok: [200],
    },
    'GET /api/courses/:id/shares': {
      request: (t) => ({ url: `/api/courses/${t.courseId}/shares` }),
      ok: [200],
    },
    'POST /api/courses/:id/shares': {
      request: (t) => ({
        method: 'POST',
        url: `/api/courses/${t.courseId}/shares`,
        payload: { user: 'cy', access: 'read' },
      }),
      ok: [200],
    },
    'DELETE /api/courses/:id/shares/:user': {
      prepare: (t) => shareCourse(fx.deps.db, t.courseId, 'ghost', 'read', 'test'),
      request: (t) => ({ method: 'DELETE', url: `/api/courses/${t.courseId}/shares/ghost` }),
      ok: [200],
    },
    'DELETE /api/courses/:id': {
      fresh: (target) => relatedCourse(target, `delete-${target}-${pdfCount++}`),
      request: (t) => ({ method: 'DELETE', url: `/api/courses/${t.courseId}` }),
      ok: [204],
    },
    'GET /api/quizzes/:id': { request: (t) => ({ url: `/api/quizzes/${t.quizId}` }), ok: [200] },
    'PATCH /api/quizzes/:id': {
      request: (t) => ({ method: 'PATCH', url: `/api/quizzes/${t.quizId}`, payload: { reviewed: true } }),
      ok: [200],
    },
    'PATCH /api/quizzes/:id/questions/:n': {
      request: (t) => ({
        method: 'PATCH',
        url: `/api/quizzes/${t.quizId}/questions/0`,
        payload: { explanation: 'Edited by an allowed caller.' },
      }),
      ok: [200],
    },
    'DELETE /api/quizzes/:id/questions/:n': {
      // The quiz's only question: the store refuses (a quiz keeps one), after the access check let it through.
      request: (t) => ({ method: 'DELETE', url: `/api/quizzes/${t.quizId}/questions/0` }),
      ok: [400],
    },
    'GET /api/documents/:id/pdf': {
      // The fixture keeps no PDF: `pdf_not_kept` is the route's own answer, past the access check.
      request: (t) => ({ url: `/api/documents/${t.documentId}/pdf` }),
      ok: [404],
    },
    'GET /api/jobs/:id': { request: () => ({ url: `/api/jobs/${anaJob}` }), ok: [200] },
    'GET /api/jobs': { request: () => ({ url: '/api/jobs' }), ok: [200] },
    'POST /api/jobs/:id/retry': {
      request: () => ({ method: 'POST', url: `/api/jobs/${anaJob}/retry` }),
      ok: [409],
    },
    'GET /api/fleet': { request: () => ({ url: '/api/fleet' }), ok: [200] },
    'GET /metrics': { request: () => ({ url: '/metrics' }), ok: [200] },
    'GET /api/queues/depth': { request: () => ({ url: '/api/queues/depth' }), ok: [200] },
    'GET /api/audit': { request: () => ({ url: '/api/audit?since=1h' }), ok: [200] },
    'GET /health/live': { request: () => ({ url: '/health/live' }), ok: [200] },
  };

  /** A new course ana reaches as `target` says: hers, or ben's shared with her read-only, editing, or not at all. */
  async function relatedCourse(target: Exclude<Target, 'job'>, name: string): Promise<Stored> {
    const c = await storeCourse(name, target === 'own' ? ids.ana! : ids.ben!);
    if (target === 'read' || target === 'edit')
      await shareCourse(fx.deps.db, c.courseId, ids.ana!, target, ids.ben!);
    return c;
  }

  /** The answer the table predicts: a status, or 'ok' for the route's own answer. */
  function expected(access: RouteAccess, caller: Caller, target: Target): 401 | 403 | 404 | 'ok' {
    if (access.public) return 'ok';
    if (caller === 'nobody') return 401;
    const role = roles[caller];
    if (!access.roles.includes(role)) return 403;
    const owns = access.owns;
    if (!owns || (owns.allRoles ?? ['admin']).includes(role)) return 'ok';
    if (owns.kind === 'job') return caller === 'ana' ? 'ok' : 404;
    const t = target as Exclude<Target, 'job'>;
    const held = caller === 'ana' ? ANA[t] : caller === 'ben' ? (t === 'own' ? null : 'owner') : null;
    if (!held) return 404;
    return accessAtLeast(held, owns.need ?? 'read') ? 'ok' : 403;
  }

  const targetsOf = (access: RouteAccess): Target[] =>
    !access.public && access.owns
      ? access.owns.kind === 'job'
        ? ['job']
        : ['own', 'read', 'edit', 'none']
      : ['own'];

  test('every route of the table has an example, and the app has every route of the table', () => {
    assert.deepEqual(Object.keys(EXAMPLES).sort(), Object.keys(ROUTE_ACCESS).sort());
    for (const key of Object.keys(ROUTE_ACCESS)) {
      const [method, url] = key.split(' ') as [string, string];
      if (url.endsWith('/*') && url.startsWith('/docs')) continue;
      assert.ok(
        fx.app.hasRoute({ method: method as 'GET', url }),
        `${key} is in the table but not in the app`,
      );
    }
  });

  test('each call answers as the table says', async (t) => {
    const failures: string[] = [];
    let cases = 0;
    for (const [key, access] of Object.entries(ROUTE_ACCESS)) {
      const example = EXAMPLES[key]!;
      for (const caller of ['nobody', 'ana', 'ben', 'oli', 'admin'] as const)
        for (const target of targetsOf(access)) {
          const rel = target === 'job' ? 'own' : target;
          const stored = example.fresh ? await example.fresh(rel) : courses[rel];
          await example.prepare?.(stored);
          const res: LightMyRequestResponse = await as(caller, await example.request(stored));
          cases++;
          const want = expected(access, caller, target);
          const where = `${key} as ${caller} on ${target}: ${res.statusCode} ${res.body.slice(0, 160)}`;
          if (want === 'ok') {
            if (!example.ok.includes(res.statusCode))
              failures.push(`${where} (expected ${example.ok.join('|')})`);
            else if (res.statusCode === 404 && res.json().error === 'not_found')
              failures.push(`${where} (hidden)`);
          } else {
            if (res.statusCode !== want) failures.push(`${where} (expected ${want})`);
            else if (want === 404 && res.json().error !== 'not_found')
              failures.push(`${where} (not not_found)`);
            // Refused: nothing of the course shows, neither title nor file name.
            if (res.body.includes(stored.title) || res.body.includes(`${stored.title.slice(7)}.pdf`))
              failures.push(`${where} (tells the title)`);
          }
        }
    }
    assert.deepEqual(failures, []);
    assert.ok(cases > 150, `${cases} cases`);
    t.diagnostic(`${cases} generated cases, every one as the table says`);
  });

  test('lists: each teacher sees their own and shared courses with their access, the admin every one', async () => {
    const listed = async (caller: Caller) =>
      Object.fromEntries(
        (
          (await as(caller, { url: '/api/courses?limit=500' })).json().courses as {
            id: string;
            access: string;
          }[]
        ).map((c) => [c.id, c.access]),
      );
    const anaSees = await listed('ana');
    assert.equal(anaSees[courses.own.courseId], 'owner');
    assert.equal(anaSees[courses.read.courseId], 'read');
    assert.equal(anaSees[courses.edit.courseId], 'edit');
    assert.equal(anaSees[courses.none.courseId], undefined);
    const benSees = await listed('ben');
    assert.equal(benSees[courses.own.courseId], undefined);
    assert.equal(benSees[courses.none.courseId], 'owner');
    const adminSees = await listed('admin');
    for (const c of Object.values(courses)) assert.equal(adminSees[c.courseId], 'owner');
    assertStatus(await as('oli', { url: '/api/courses' }), 403);
  });

  test('the same PDF from two teachers: one job, one course, in both lists', async () => {
    const pdf = await makePdf('shared content');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const send = (caller: Caller) =>
      as(caller, {
        method: 'POST',
        url: '/api/pdfs',
        ...multipart([{ field: 'file', filename: 'same.pdf', content: pdf }]),
      });
    const first = (await send('ana')).json().jobs[0];
    const second = (await send('ben')).json().jobs[0];
    assert.equal(first.id, second.id, 'one job for one content');
    assertStatus(await as('ben', { url: `/api/jobs/${first.id}` }), 200);
    // The worker's save (one document, one course) stands in for the job here.
    const saved = await saveProcessedDocument(fx.deps.db, fixtureDocument(sha, 'same.pdf'));
    for (const caller of ['ana', 'ben'] as const) {
      const list = (await as(caller, { url: '/api/courses?limit=500' })).json().courses as { id: string }[];
      assert.ok(
        list.some((c) => c.id === saved.courseId),
        `${caller} lists it`,
      );
    }
    const { rows } = await fx.deps.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM documents WHERE sha256 = $1',
      [sha],
    );
    assert.equal(rows[0]?.n, 1);
  });

  test('shares: the owner shares, the other teacher reads, edits once allowed, and loses it on revoke', async () => {
    const c = await storeCourse('ana-share', (await as('ana', { url: '/api/me' })).json().id);
    const path = `/api/courses/${c.courseId}`;
    assertStatus(await as('ben', { url: path }), 404);
    const shared = await as('ana', {
      method: 'POST',
      url: `${path}/shares`,
      payload: { user: 'ben', access: 'read' },
    });
    assertStatus(shared, 200);
    const benId = shared.json().shares[0].userId;
    assert.equal((await as('ben', { url: path })).json().access, 'read');
    const edit = { method: 'PATCH' as const, url: `/api/quizzes/${c.quizId}`, payload: { reviewed: true } };
    assertStatus(await as('ben', edit), 403);
    assertStatus(
      await as('ben', { method: 'POST', url: `${path}/shares`, payload: { user: 'cy', access: 'read' } }),
      403,
    );
    assertStatus(
      await as('ana', { method: 'POST', url: `${path}/shares`, payload: { user: 'ben', access: 'edit' } }),
      200,
    );
    assertStatus(await as('ben', edit), 200);
    assertStatus(
      await as('ana', { method: 'POST', url: `${path}/shares`, payload: { user: 'oli', access: 'read' } }),
      400,
    );
    assertStatus(
      await as('ana', {
        method: 'POST',
        url: `${path}/shares`,
        payload: { user: 'nobody-here', access: 'read' },
      }),
      404,
    );
    assertStatus(await as('ana', { method: 'DELETE', url: `${path}/shares/${benId}` }), 200);
    assertStatus(await as('ben', { url: path }), 404);
    // The trail has each change, by whom as they are (id, name, role): ana's shares, ben's edit; the refused ones
    // are not in it.
    const trail = (await listAudit(fx.deps.db, new Date(Date.now() - 60_000))).filter(
      (r) => r.courseId === c.courseId,
    );
    assert.deepEqual(
      trail.map((r) => [r.action, r.detail?.user, r.detail?.access, r.actorName, r.actorRole]),
      [
        ['unshare', benId, undefined, 'ana', 'teacher'],
        ['edit', undefined, undefined, 'ben', 'teacher'],
        ['share', benId, 'edit', 'ana', 'teacher'],
        ['share', benId, 'read', 'ana', 'teacher'],
      ],
    );
    assert.deepEqual(
      trail.map((r) => r.actorId),
      [ids.ana, ids.ben, ids.ana, ids.ana],
    );
  });

  test('delete with two owners: each owner deletes only their part; the course goes with the last; the admin deletes for everyone', async () => {
    const documents = async (sha: string) =>
      (
        await fx.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents WHERE sha256 = $1', [
          sha,
        ])
      ).rows[0]?.n;
    const both = await storeCourse('both-own', ids.ana!);
    const sha = createHash('sha256').update('both-own').digest('hex');
    await addUploadOwner(fx.deps.db, sha, ids.ben!);
    const path = `/api/courses/${both.courseId}`;
    // A share cannot delete: ana gives cy read access, which goes with ana's part.
    await shareCourse(fx.deps.db, both.courseId, ids.cy!, 'read', ids.ana!);
    const del = (caller: Caller) => as(caller, { method: 'DELETE', url: path });

    assertStatus(await del('ana'), 204);
    assertStatus(await as('ana', { url: path }), 404);
    assertStatus(await del('ana'), 404);
    const benView = await as('ben', { url: path });
    assertStatus(benView, 200);
    assert.equal(benView.json().access, 'owner');
    assert.deepEqual(
      (await as('ben', { url: `${path}/shares` })).json().shares,
      [],
      "ana's share went with her",
    );
    assert.equal(await documents(sha), 1, 'the document stays while ben owns it');

    assertStatus(await del('ben'), 204);
    assertStatus(await as('admin', { url: path }), 404);
    assert.equal(await documents(sha), 0, 'the last owner took the document with the course');

    // A read-only or editing share cannot delete; the admin deletes for every owner at once.
    const shared = await storeCourse('both-admin', ids.ana!);
    const sha2 = createHash('sha256').update('both-admin').digest('hex');
    await addUploadOwner(fx.deps.db, sha2, ids.ben!);
    const url = `/api/courses/${shared.courseId}`;
    const trail = await fx.deps.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'delete'",
    );
    for (const access of ['read', 'edit'] as const) {
      const cy = await addUser(fx.deps.db, `cy-${access}`, 'teacher');
      await shareCourse(fx.deps.db, shared.courseId, cy.user.id, access, ids.ana!);
      const res = await fx.app.inject({
        method: 'DELETE',
        url,
        headers: { authorization: `Bearer ${cy.key}` },
      });
      assertStatus(res, 403);
    }
    assertStatus(await as('admin', { method: 'DELETE', url }), 204);
    for (const caller of ['ana', 'ben', 'admin'] as const) assertStatus(await as(caller, { url }), 404);
    assert.equal(await documents(sha2), 0);
    const after = await fx.deps.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'delete'",
    );
    assert.equal(after.rows[0]!.n, trail.rows[0]!.n + 1, 'the refused deletes are not in the trail');
  });

  test('/api/me names the signed-in user; the OpenAPI document carries the roles of each route', async () => {
    const me = (await as('oli', { url: '/api/me' })).json() as Record<string, unknown>;
    assert.deepEqual(
      { ...me, id: undefined },
      { id: undefined, name: 'oli', role: 'operator', credential: 'user' },
    );
    const doc = (await fx.app.inject('/openapi.json')).json() as {
      paths: Record<string, Record<string, { 'x-roles'?: string[]; security?: unknown[] }>>;
    };
    for (const [key, access] of Object.entries(ROUTE_ACCESS)) {
      if (access.public) continue;
      const [method, url] = key.split(' ') as [string, string];
      const op = doc.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      assert.ok(op, `${key} in /openapi.json`);
      assert.deepEqual(op['x-roles'], [...access.roles], key);
      assert.ok(op.security?.length, `${key} says it needs a key`);
    }
  });
});

describe('keys: open mode, revocation, HEAD, and the startup check', () => {
  let fx: ApiFixture;
  before(async () => {
    // No credential at all (no API_KEY, no user) on loopback: open mode.
    fx = await startApiFixture({ keys: false });
  });
  after(async () => {
    await fx?.stop();
  });

  test('open mode acts as the admin; once a user exists keys are needed; a revoked key stops at once', async () => {
    const me = (await fx.app.inject('/api/me')).json();
    assert.deepEqual([me.role, me.credential], ['admin', 'none']);
    assertStatus(await fx.app.inject('/api/courses'), 200);
    const { key } = await addUser(fx.deps.db, 'dora', 'teacher');
    await new Promise((r) => setTimeout(r, USERS_RECHECK_MS + 100));
    assertStatus(await fx.app.inject('/api/courses'), 401);
    const withKey = { url: '/api/courses', headers: { 'x-api-key': key } };
    assertStatus(await fx.app.inject(withKey), 200);
    await revokeUser(fx.deps.db, 'dora');
    assertStatus(await fx.app.inject(withKey), 401);
    // Beyond loopback there is never an open mode, even with no user: no key, no answer.
    const wide = await fx.variant({ host: '0.0.0.0' });
    assertStatus(await wide.inject('/api/courses'), 401);
  });

  test('HEAD goes with its GET: the same 401 and 404', async () => {
    const { key } = await addUser(fx.deps.db, 'eve', 'teacher');
    const sha = createHash('sha256').update('head check').digest('hex');
    const saved = await saveProcessedDocument(fx.deps.db, fixtureDocument(sha, 'head.pdf'));
    const url = `/api/courses/${saved.courseId}`;
    assertStatus(await fx.app.inject({ method: 'HEAD', url }), 401);
    assertStatus(
      await fx.app.inject({ method: 'HEAD', url, headers: { authorization: `Bearer ${key}` } }),
      404,
    );
  });

  test('a route with no line in the table stops the API from starting, naming it', async () => {
    const bare = Fastify();
    installAuthorization(bare, fx.deps.db);
    assert.throws(
      () => bare.get('/api/unlisted', async () => 'x'),
      /route GET \/api\/unlisted has no line in src\/api\/access-table\.ts/,
    );
    await bare.close();
  });
});

function assertStatus(res: LightMyRequestResponse, status: number): void {
  assert.equal(res.statusCode, status, res.body);
}
