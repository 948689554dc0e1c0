/**
 * `GET /api/queues/depth` on a real Redis and real BullMQ queues: jobs put in each structure BullMQ keeps
 * (the `wait` list, the `prioritized` and `delayed` sorted sets, `active`) are all counted, matching the Redis
 * keys themselves, while the `wait` list alone (what KEDA's Redis list scaler reads) holds fewer; the queue filter,
 * the API key, an unknown queue (400), a Redis that does not answer (503, never a depth of 0), and the OpenAPI
 * description that KEDA's `valueLocation` relies on.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { PDF_TASK, QUIZ_TASK } from '../../src/tasks/names.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';

const PDF = 'pdf_processing';
const QUIZ = 'quiz_generation';

describe('GET /api/queues/depth', { timeout: 120_000 }, () => {
  let fx: ApiFixture;
  let taker: Worker;
  let takerRedis: Redis;

  before(async () => {
    fx = await startApiFixture();
    const pdf = fx.deps.fleet.queue(PDF);
    for (let i = 0; i < 3; i++) await pdf.add(PDF_TASK, { n: i }, { jobId: `pdf-w${i}` });
    for (let i = 0; i < 2; i++) await pdf.add(PDF_TASK, { n: i }, { jobId: `pdf-p${i}`, priority: 5 + i });
    await pdf.add(PDF_TASK, {}, { jobId: 'pdf-d0', delay: 600_000 });
    await fx.deps.fleet.queue(QUIZ).add(QUIZ_TASK, {}, { jobId: 'quiz-w0' });
    // A worker without a processor takes one job by hand: it stays active until the test ends.
    takerRedis = new Redis(fx.config.redisUrl, { maxRetriesPerRequest: null });
    taker = new Worker(PDF, null, {
      connection: takerRedis,
      prefix: fx.config.queuePrefix,
    });
    const taken = await taker.getNextJob(randomUUID());
    assert.ok(taken, 'a job was taken');
  });
  after(async () => {
    await taker?.close();
    // A connection given to BullMQ stays open after the worker closes.
    await takerRedis?.quit();
    await fx?.stop();
  });

  const get = async (url: string, headers: Record<string, string> = {}, app = fx.app) =>
    app.inject({ method: 'GET', url, headers });

  test('counts wait, prioritized, delayed and active jobs of every queue, as the Redis keys hold them', async () => {
    const res = await get('/api/queues/depth');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['cache-control'], 'no-store');
    const body = res.json();
    const pdf = body.queues[PDF];
    assert.equal(pdf.active, 1);
    assert.equal(pdf.delayed, 1);
    assert.equal(pdf.waiting + pdf.prioritized, 4, 'five ready jobs, one taken');
    assert.equal(pdf.depth, 5);
    assert.equal(pdf.backlog, 6);
    assert.deepEqual(
      { waiting: body.queues[QUIZ].waiting, depth: body.queues[QUIZ].depth },
      { waiting: 1, depth: 1 },
    );
    assert.equal(body.depth, 6);
    assert.equal(body.backlog, 7);
    assert.equal(body.active, 1);

    // The same figures straight from BullMQ's keys: what a list-length scaler would read is only part of it.
    const key = (k: string) => `${fx.config.queuePrefix}:${PDF}:${k}`;
    const [wait, prioritized, delayed] = await Promise.all([
      fx.redis.llen(key('wait')),
      fx.redis.zcard(key('prioritized')),
      fx.redis.zcard(key('delayed')),
    ]);
    assert.deepEqual(
      { waiting: pdf.waiting, prioritized: pdf.prioritized, delayed: pdf.delayed },
      { waiting: wait, prioritized, delayed },
    );
    assert.ok(wait < pdf.depth, `the wait list holds ${wait} of ${pdf.depth} jobs not yet started`);
  });

  test('?queues= counts only the queues named', async () => {
    const res = await get(`/api/queues/depth?queues=${QUIZ}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(Object.keys(body.queues), [QUIZ]);
    assert.equal(body.backlog, 1);
  });

  test('an unknown queue is a 400 naming it and the known ones', async () => {
    const res = await get('/api/queues/depth?queues=pdf_processing,nope');
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error, 'unknown_queue');
    assert.match(res.json().message, /^unknown queue nope: known are .*pdf_processing/);
    assert.equal((await get('/api/queues/depth?queues=a%20b')).statusCode, 400);
  });

  test('with API_KEY it needs the key, as a bearer token (what KEDA sends with authMode bearer)', async () => {
    const app = await fx.variant({ apiKey: 'k8s-secret' });
    assert.equal((await get('/api/queues/depth', {}, app)).statusCode, 401);
    const res = await get('/api/queues/depth', { authorization: 'Bearer k8s-secret' }, app);
    assert.equal(res.statusCode, 200);
    assert.equal(res.json().backlog, 7);
  });

  test('a Redis that does not answer is a 503, not a depth of 0', async () => {
    // Port 1: nothing listens there, so every queue call waits until the route's time limit.
    const fleet = openProfaiClient({ ...fx.config, redisUrl: 'redis://127.0.0.1:1/0' });
    try {
      const app = await fx.variant({}, { fleet, queueTimeoutMs: 300 });
      const res = await get('/api/queues/depth', {}, app);
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error, 'queue_unavailable');
    } finally {
      await fleet.close();
    }
  });

  test('is described in the OpenAPI document, with backlog an integer', async () => {
    const doc = (await get('/openapi.json')).json();
    const op = doc.paths['/api/queues/depth'].get;
    const schema = op.responses['200'].content['application/json'].schema;
    assert.deepEqual(schema.properties.backlog, {
      type: 'integer',
      minimum: 0,
      description: 'Jobs not yet finished: depth + active. What the workers are scaled on.',
    });
    assert.ok(schema.required.includes('backlog'));
    assert.deepEqual(
      op.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`),
      ['query:queues'],
    );
  });
});
