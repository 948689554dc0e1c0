/**
 * The audit trail over HTTP, on real PostgreSQL and Redis: uploads, edits, exports and replays are recorded with
 * who, what and when; `GET /api/audit?since=` reads them newest first, for admins only, and refuses a bad `since`
 * in one line; a trail that cannot be written never fails the request (it is logged).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Database } from '../../src/store/index.ts';
import { saveProcessedDocument } from '../../src/store/index.ts';
import type { SavedIds } from '../../src/store/types.ts';
import { assertError, fixtureDocument, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';

interface Row {
  action: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  targetKind: string;
  targetId: string;
  courseId: string | null;
  detail: Record<string, unknown> | null;
  at: string;
}

describe('the audit trail', { timeout: 120_000 }, () => {
  let fx: ApiFixture;
  let saved: SavedIds;

  before(async () => {
    fx = await startApiFixture();
    const doc = fixtureDocument(createHash('sha256').update('audit').digest('hex'), 'plants.pdf');
    saved = await saveProcessedDocument(fx.deps.db, doc);
  });
  after(async () => {
    await fx?.stop();
  });

  const trail = async (since = '1h') => {
    const res = await fx.app.inject(`/api/audit?since=${since}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().records as Row[];
  };

  test('upload, edit, export and replay are recorded; read newest first', async () => {
    const pdf = await makePdf('audited');
    const up = await fx.app.inject({
      method: 'POST',
      url: '/api/pdfs',
      ...multipart([{ field: 'file', filename: 'audited.pdf', content: pdf }]),
    });
    assert.equal(up.statusCode, 202, up.body);
    const edit = await fx.app.inject({
      method: 'PATCH',
      url: `/api/quizzes/${saved.quizId}/questions/0`,
      payload: { prompt: 'What does photosynthesis turn light into?' },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const exported = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=gift`);
    assert.equal(exported.statusCode, 200);
    // A refused action is not recorded: a replay of a job that did not fail.
    const job = up.json().jobs[0].id as string;
    assertError(
      await fx.app.inject({ method: 'POST', url: `/api/jobs/${job}/retry` }),
      409,
      'job_not_failed',
    );

    const rows = await trail();
    assert.deepEqual(
      rows.map((r) => r.action),
      ['export', 'edit', 'upload'],
    );
    const [ex, ed, upl] = rows as [Row, Row, Row];
    assert.deepEqual(
      [ex.targetKind, ex.targetId, ex.courseId, ex.detail],
      ['course', saved.courseId, saved.courseId, { format: 'gift', quiz: saved.quizId }],
    );
    assert.deepEqual(
      [ed.targetKind, ed.targetId, ed.detail],
      ['quiz', saved.quizId, { question: 0, change: 'edit' }],
    );
    const sha = createHash('sha256').update(pdf).digest('hex');
    assert.deepEqual([upl.targetKind, upl.targetId], ['pdf', sha]);
    assert.equal(upl.courseId, `c${sha.slice(0, 11)}`, 'the course the upload will make');
    assert.deepEqual(upl.detail, { file: 'audited.pdf', job });
    // The signed-in user as they were then: id, name and role.
    for (const r of rows)
      assert.deepEqual([r.actorId, r.actorName, r.actorRole], [fx.admin!.id, 'fixture-admin', 'admin']);
    assert.ok(Date.parse(ex.at) >= Date.parse(upl.at));
    assert.deepEqual(await trail(new Date(Date.now() + 60_000).toISOString()), []);
  });

  test('a bad since is one line; the trail is for admins', async () => {
    const bad = await fx.app.inject('/api/audit?since=yesterday');
    assertError(bad, 400, 'invalid_request');
    assert.equal(
      bad.json().message,
      'since yesterday: give an age such as 30m, 12h, 1d, 2w, or an ISO date such as 2026-12-01',
    );
    const app = await fx.variant({});
    // What the authentication of issue #25 sets: here a teacher.
    app.addHook('onRequest', async (request) => {
      request.principal = { id: 'u1', name: 'Ada', role: 'teacher' };
    });
    assertError(await app.inject('/api/audit'), 403, 'forbidden');
  });

  test('a trail that cannot be written never fails the request: the answer goes out, the log says why', async () => {
    const real = fx.deps.db;
    const broken = new Proxy(real, {
      get(target, key) {
        if (key === 'query')
          return (text: string, params?: unknown[]) =>
            text.includes('INSERT INTO audit_log')
              ? Promise.reject(new Error('relation "audit_log" does not exist'))
              : target.query(text, params);
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Database;
    const lines: string[] = [];
    const app = await fx.variant(
      { logLevel: 'info' },
      { db: broken, logStream: { write: (l: string) => lines.push(l) } },
    );
    const res = await app.inject(`/api/courses/${saved.courseId}/export?format=md`);
    assert.equal(res.statusCode, 200);
    const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'audit record not written');
    assert.ok(logged, lines.join(''));
    assert.equal(logged.level, 50);
    assert.equal(logged.action, 'export');
  });
});
