import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { ECHO_MAX_CHARS } from '../../src/api/errors.ts';
import { getJobView } from '../../src/fleet/queues.ts';
import { queueOf } from '../../src/fleet/registry.ts';
import { saveProcessedDocument } from '../../src/store/index.ts';
import type { SavedIds } from '../../src/store/types.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { QUIZ_TASK } from '../../src/tasks/names.ts';
import { assertError, fixtureDocument, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, REDIS_URL, startApiFixture } from '../support/api-fixture.ts';

describe('jobs, courses, quizzes, health, API key, OpenAPI', () => {
  let fx: ApiFixture;
  let saved: SavedIds;

  before(async () => {
    fx = await startApiFixture();
    saved = await saveProcessedDocument(fx.deps.db, fixtureDocument('ab'.repeat(32), 'plants.pdf'));
  });
  after(async () => {
    await fx?.stop();
  });

  test('GET /api/jobs/:id of an unknown job: 404 JSON', async () => {
    assertError(await fx.app.inject('/api/jobs/no-such-job'), 404, 'not_found');
  });

  test('GET /api/jobs lists jobs and filters by state; a bad state is 400', async () => {
    const { payload, headers } = multipart([
      { field: 'file', filename: 'l.pdf', content: await makePdf('list') },
    ]);
    const id = (await fx.app.inject({ method: 'POST', url: '/api/pdfs', payload, headers })).json().jobs[0]
      .id;
    const waiting = (await fx.app.inject('/api/jobs?state=waiting&limit=10')).json().jobs;
    assert.ok(waiting.some((j: { id: string }) => j.id === id));
    const failed = (await fx.app.inject('/api/jobs?state=failed')).json().jobs;
    assert.equal(failed.length, 0);
    const { counts } = (await fx.app.inject('/api/jobs')).json();
    assert.ok(counts.pdf_processing.waiting >= 1, JSON.stringify(counts));
    assertError(await fx.app.inject('/api/jobs?state=sleeping'), 400, 'invalid_request');
    assertError(await fx.app.inject('/api/jobs?limit=0'), 400, 'invalid_request');
  });

  test('courses: list, one with modules and lessons, 404 for an unknown id', async () => {
    const list = (await fx.app.inject('/api/courses')).json();
    assert.equal(list.courses.length, 1);
    assert.equal(list.courses[0].id, saved.courseId);
    const one = await fx.app.inject(`/api/courses/${saved.courseId}`);
    assert.equal(one.statusCode, 200);
    const course = one.json();
    assert.equal(course.course.modules[0].lessons[0].title, 'Light');
    assert.deepEqual(course.quizIds, [saved.quizId]);
    assertError(await fx.app.inject('/api/courses/cffffffffff0'), 404, 'not_found');
  });

  test('POST /api/courses/:id/quizzes: 202 with a quiz job; 404, 400 on bad input', async () => {
    const res = await fx.app.inject({
      method: 'POST',
      url: `/api/courses/${saved.courseId}/quizzes`,
      payload: { questions: 5, seed: 7, moduleIndex: 0 },
    });
    assert.equal(res.statusCode, 202, res.body);
    const job = res.json();
    assert.deepEqual(
      { courseId: job.courseId, questions: job.questions, seed: job.seed, moduleIndex: job.moduleIndex },
      { courseId: saved.courseId, questions: 5, seed: 7, moduleIndex: 0 },
    );
    const view = await getJobView(fx.deps.fleet, job.id);
    assert.equal(view?.task, QUIZ_TASK);

    const defaults = await fx.app.inject({ method: 'POST', url: `/api/courses/${saved.courseId}/quizzes` });
    assert.equal(defaults.statusCode, 202, defaults.body);
    assert.equal(defaults.json().questions, fx.config.quizQuestions);
    assert.ok(Number.isInteger(defaults.json().seed));

    const post = (url: string, payload: object) => fx.app.inject({ method: 'POST', url, payload });
    assertError(await post('/api/courses/cffffffffff0/quizzes', {}), 404, 'not_found');
    const url = `/api/courses/${saved.courseId}/quizzes`;
    assertError(await post(url, { questions: 0 }), 400, 'invalid_request');
    assertError(await post(url, { questions: 101 }), 400, 'invalid_request');
    assertError(await post(url, { moduleIndex: 1 }), 400, 'invalid_request');
    const unknownField = await post(url, { colour: 'red' });
    assertError(unknownField, 400, 'invalid_request');
    assert.equal(unknownField.json().message, 'body must NOT have additional properties: colour');

    // Kinds, difficulties and a least Bloom level: carried to the job, which is another job than the default mix.
    const filtered = await post(url, {
      seed: 7,
      questions: 5,
      moduleIndex: 0,
      kinds: { matching: 1, true_false: 2 },
      difficulty: ['medium'],
      minBloom: 'understand',
    });
    assert.equal(filtered.statusCode, 202, filtered.body);
    assert.notEqual(filtered.json().id, job.id, 'another request, another job');
    const payload = (await getJobView(fx.deps.fleet, filtered.json().id))?.id;
    assert.ok(payload);
    assert.deepEqual(
      [filtered.json().kinds, filtered.json().difficulty, filtered.json().minBloom],
      [{ matching: 1, true_false: 2 }, ['medium'], 'understand'],
    );
    assertError(await post(url, { kinds: { essay: 1 } }), 400, 'invalid_request');
    assertError(await post(url, { kinds: { matching: 0 } }), 400, 'invalid_request');
    assertError(await post(url, { difficulty: ['tricky'] }), 400, 'invalid_request');
    assertError(await post(url, { minBloom: 'create' }), 400, 'invalid_request');
  });

  test('a job a worker completed shows its result; one that failed shows its reason', async () => {
    const quiz = (seed: number) =>
      fx.app.inject({ method: 'POST', url: `/api/courses/${saved.courseId}/quizzes`, payload: { seed } });
    const good = (await quiz(101)).json().id;
    const bad = (await quiz(102)).json().id;
    const result = { quizId: 'qdone', courseId: saved.courseId, questions: 3 };
    const worker = new Worker(
      queueOf(QUIZ_TASK),
      async (job) => {
        if (job.data.seed === 102) throw new UnrecoverableError('course has no text to ask about');
        await job.updateProgress({ stage: 'quiz', percent: 100 });
        return result;
      },
      { connection: { url: REDIS_URL }, prefix: fx.config.queuePrefix },
    );
    try {
      const settled = async (id: string) => {
        for (let i = 0; i < 100; i++) {
          const view = (await fx.app.inject(`/api/jobs/${id}`)).json();
          if (view.state === 'completed' || view.state === 'failed') return view;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`job ${id} did not settle`);
      };
      const done = await settled(good);
      assert.deepEqual([done.state, done.progress, done.stage, done.error], ['completed', 100, 'quiz', null]);
      assert.deepEqual(done.result, result);
      assert.equal(typeof done.timings.finishedAt, 'string');
      const failed = await settled(bad);
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error, 'course has no text to ask about');
      assert.equal(failed.result, null);
    } finally {
      await worker.close();
    }
  });

  test('GET /api/quizzes/:id: the quiz, or 404', async () => {
    const res = await fx.app.inject(`/api/quizzes/${saved.quizId}`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().quiz.questions.length, 1);
    assert.equal(res.json().courseId, saved.courseId);
    assertError(await fx.app.inject('/api/quizzes/qnope'), 404, 'not_found');
  });

  test('unknown route: 404 JSON', async () => {
    assertError(await fx.app.inject('/api/nothing'), 404, 'not_found');
    assert.equal((await fx.app.inject('/api/nothing')).json().message, 'route GET /api/nothing not found');
  });

  test('a 404 repeats at most 120 characters of a long path or id, and says how long it was', async () => {
    const path = `/api/${'x'.repeat(100_000)}`;
    const res = await fx.app.inject(path);
    assertError(res, 404, 'not_found');
    assert.equal(
      res.json().message,
      `route GET ${path.slice(0, ECHO_MAX_CHARS)}… (${path.length} characters) not found`,
    );
    assert.ok(res.body.length < 400, `${res.body.length} bytes`);
    const job = await fx.app.inject(`/api/jobs/${'j'.repeat(90)}`);
    assertError(job, 404, 'not_found');
    assert.ok(job.json().message.length < 200, job.json().message);
  });

  test('/health reports redis, database and vectors', async () => {
    const res = await fx.app.inject('/health');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.status, 'ok');
    assert.equal(body.redis.ok, true);
    assert.deepEqual([body.database.ok, body.database.kind], [true, 'postgres']);
    assert.deepEqual([body.vectors.ok, body.vectors.kind], [true, 'postgres']);
  });

  test('/health is 503 naming the part that fails, and answers even when Redis hangs', async () => {
    const silent = await silentServer();
    const refused = new Redis('redis://127.0.0.1:1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    const hanging = new Redis(`redis://127.0.0.1:${silent.port}`, { maxRetriesPerRequest: 0 });
    refused.on('error', () => {});
    hanging.on('error', () => {});
    try {
      const down = await fx.variant({}, { redisPing: async () => void (await refused.ping()) });
      const res = await down.inject('/health');
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().redis.ok, false);
      assert.equal(res.json().database.ok, true);
      assert.match(res.json().message, /^redis: /);
      // Liveness says only that the API answers: an outage must not restart it (deploy/kubernetes/base/api.yaml).
      const live = await down.inject('/health/live');
      assert.deepEqual([live.statusCode, live.json()], [200, { status: 'ok' }]);

      const stuck = await fx.variant({}, { redisPing: async () => void (await hanging.ping()) });
      const started = Date.now();
      const slow = await stuck.inject('/health');
      assert.equal(slow.statusCode, 503);
      assert.match(slow.json().redis.error, /no answer within 2000 ms/);
      assert.ok(Date.now() - started < 5000);
    } finally {
      refused.disconnect();
      hanging.disconnect();
      silent.server.close();
    }
  });

  test('a queue that does not answer: 503 queue_unavailable instead of a hanging request', async () => {
    const silent = await silentServer();
    const fleet = openProfaiClient({ ...fx.config, redisUrl: `redis://127.0.0.1:${silent.port}` });
    try {
      const stuck = await fx.variant({}, { fleet, queueTimeoutMs: 300 });
      assertError(await stuck.inject('/api/jobs/pdf-0123456789abcdef'), 503, 'queue_unavailable');
      assertError(await stuck.inject('/api/jobs'), 503, 'queue_unavailable');
      const { payload, headers } = multipart([
        { field: 'f', filename: 'q.pdf', content: await makePdf('stuck') },
      ]);
      assertError(
        await stuck.inject({ method: 'POST', url: '/api/pdfs', payload, headers }),
        503,
        'queue_unavailable',
      );
    } finally {
      fleet.redis.disconnect();
      silent.server.close();
    }
  });

  test('API_KEY: 401 JSON without or with a wrong key; Bearer or X-API-Key accepted; /health open', async () => {
    const locked = await fx.variant({ apiKey: 'sesame' });
    assertError(await locked.inject('/api/courses'), 401, 'unauthorized');
    assertError(await locked.inject('/api/nothing'), 401, 'unauthorized');
    assertError(
      await locked.inject({ url: '/api/courses', headers: { authorization: 'Bearer wrong' } }),
      401,
      'unauthorized',
    );
    assertError(
      await locked.inject({ method: 'POST', url: '/api/pdfs', headers: { 'x-api-key': 'sesam' } }),
      401,
      'unauthorized',
    );
    assert.equal(
      (await locked.inject({ url: '/api/courses', headers: { authorization: 'Bearer sesame' } })).statusCode,
      200,
    );
    assert.equal(
      (await locked.inject({ url: '/api/courses', headers: { 'x-api-key': 'sesame' } })).statusCode,
      200,
    );
    assert.equal((await locked.inject('/health')).statusCode, 200);
    assert.equal((await locked.inject('/health/live')).statusCode, 200);
    assert.equal((await locked.inject('/openapi.json')).statusCode, 200);
    // Without API_KEY nothing needs a key.
    assert.equal((await fx.app.inject('/api/courses')).statusCode, 200);
  });

  test('/openapi.json lists every route with schemas; /docs serves a page', async () => {
    const doc = (await fx.app.inject('/openapi.json')).json();
    assert.match(doc.openapi, /^3\./);
    const paths = Object.keys(doc.paths).sort();
    assert.deepEqual(paths, [
      '/api/audit',
      '/api/courses',
      '/api/courses/{id}',
      '/api/courses/{id}/export',
      '/api/courses/{id}/quizzes',
      '/api/courses/{id}/shares',
      '/api/courses/{id}/shares/{user}',
      '/api/documents/{id}/pdf',
      '/api/fleet',
      '/api/jobs',
      '/api/jobs/{id}',
      '/api/jobs/{id}/retry',
      '/api/me',
      '/api/pdfs',
      '/api/queues/depth',
      '/api/quizzes/{id}',
      '/api/quizzes/{id}/questions/{n}',
      '/health',
      '/health/live',
      '/metrics',
    ]);
    assert.ok(
      doc.paths['/api/courses/{id}'].delete.responses['204'],
      'DELETE /api/courses/{id} is described',
    );
    assert.ok(doc.paths['/api/pdfs'].post.requestBody.content['multipart/form-data']);
    assert.ok(doc.paths['/api/jobs/{id}'].get.responses['200'].content['application/json'].schema);
    // Course and quiz bodies are the zod schemas' shapes, not open objects.
    const json = (path: string) => doc.paths[path].get.responses['200'].content['application/json'].schema;
    const course = json('/api/courses/{id}').properties.course;
    for (const key of ['title', 'description', 'keyTerms', 'modules', 'readingMinutes', 'generator'])
      assert.ok(key in course.properties, `course.${key} is described`);
    assert.ok(course.properties.modules.items.properties.lessons, 'modules[].lessons[] are described');
    assert.equal(course.additionalProperties, false);
    const question = json('/api/quizzes/{id}').properties.quiz.properties.questions.items;
    assert.ok(question.anyOf ?? question.oneOf, 'a question is one of its kinds');
    assert.ok(
      doc.paths['/api/jobs/{id}'].get.responses['404'] ?? doc.paths['/api/jobs/{id}'].get.responses['4XX'],
    );
    const docs = await fx.app.inject('/docs');
    assert.ok([200, 302].includes(docs.statusCode), String(docs.statusCode));
  });
});

/** A TCP server that accepts connections and never answers: a Redis that hangs. */
async function silentServer(): Promise<{ server: Server; port: number }> {
  const server = createServer(() => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, port: address.port };
}
