/**
 * Rate limits and the queued-jobs cap against real Redis: two `profai api` processes share the upload counter (a
 * teacher's 60 uploads in a minute past UPLOADS_PER_MINUTE=30 get 429 with Retry-After, never a 5xx, whichever
 * process takes them, and another user is not slowed); the key is the principal (a user made with addUser);
 * with Redis gone the limit is counted in the process (no 500); MAX_QUEUED_JOBS_PER_USER refuses the job past it.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { failFastRedis } from '../../src/fleet/redis.ts';
import { addUploadOwner, addUser, saveProcessedDocument } from '../../src/store/index.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { createTestDatabase, fixtureDocument, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, keysUnder, startApiFixture } from '../support/api-fixture.ts';
import { type CliProcess, killAll, spawnProfai } from '../support/cli-processes.ts';
import { type Answer, send } from '../support/http-from.ts';
import { freePort } from '../support/ops.ts';

async function uploadTo(
  base: string,
  marker: string,
  auth: Record<string, string>,
  from?: string,
): Promise<Answer> {
  const { payload, headers } = multipart([
    { field: 'file', filename: `${marker}.pdf`, content: await makePdf(marker) },
  ]);
  return send(`${base}/api/pdfs`, { method: 'POST', payload, headers: { ...headers, ...auth }, from });
}

describe('limits across two API processes on one Redis', { timeout: 180_000 }, () => {
  const prefix = `profai_limits_${randomBytes(4).toString('hex')}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  let apis: CliProcess[] = [];
  let bases: string[] = [];
  /** Two teachers' keys: the flooding one and another. */
  const bearer: Record<'tia' | 'tom', Record<string, string>> = { tia: {}, tom: {} };

  before(async () => {
    db = await createTestDatabase();
    // Keys on, as deployed on HOST=0.0.0.0 (with no user the API refuses to start there).
    const store = await openPostgres(db.url);
    try {
      for (const name of ['tia', 'tom'] as const)
        bearer[name] = { authorization: `Bearer ${(await addUser(store, name, 'teacher')).key}` };
    } finally {
      await store.close();
    }
    dir = await mkdtemp(join(tmpdir(), 'profai-limits-'));
    const ports = [await freePort(), await freePort()];
    bases = ports.map((p) => `http://127.0.0.1:${p}`);
    apis = ports.map((port) =>
      spawnProfai(['api'], {
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        UPLOAD_DIR: join(dir, 'uploads'),
        DOCUMENTS_DIR: join(dir, 'documents'),
        PORT: String(port),
        HOST: '0.0.0.0',
        LOG_LEVEL: 'warn',
        UPLOADS_PER_MINUTE: '30',
        MAX_QUEUED_JOBS_PER_USER: '1000',
      }),
    );
    await Promise.all(apis.map((a) => a.waitForLine(/^ProfAI API listening on http/)));
  });
  after(async () => {
    await killAll(apis);
    const redis = failFastRedis('redis://127.0.0.1:6379') as import('ioredis').Redis; // a plain URL: never a Cluster
    await new Promise((r) => redis.once('ready', r));
    const keys = await keysUnder(redis, prefix);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  test("a teacher's 60 uploads a minute, alternating between the two processes: 30 taken, 30 refused with 429", async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 60; i++) answers.push(await uploadTo(bases[i % 2]!, `flood ${i}`, bearer.tia));
    const statuses = answers.map((a) => a.status);
    assert.deepEqual(
      statuses.filter((s) => s >= 500),
      [],
      'never a 5xx',
    );
    assert.equal(statuses.filter((s) => s === 202).length, 30, `statuses: ${statuses}`);
    assert.deepEqual(statuses.slice(30), Array(30).fill(429), 'every upload past the 30th is refused');
    const refused = answers[59]!;
    assert.equal(refused.body.error, 'rate_limited');
    assert.match(
      refused.body.message ?? '',
      /^rate limit: 30 uploads per 60 s per key \(UPLOADS_PER_MINUTE=30\); retry in \d+ seconds?$/,
    );
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
    // Both processes refused some: the counter is shared, not one per process.
    assert.ok(
      answers.slice(30).some((_, i) => (30 + i) % 2 === 0) &&
        answers.slice(30).some((_, i) => (30 + i) % 2 === 1),
    );

    // Another user is not slowed: their first upload is their first.
    const other = await uploadTo(bases[1]!, 'another teacher', bearer.tom);
    assert.equal(other.status, 202, JSON.stringify(other.body));
    assert.equal(other.headers['x-ratelimit-remaining'], '29');
    // Reading is counted apart from uploading: the flooding teacher still reads.
    const reads = await send(`${bases[0]}/api/courses`, { headers: bearer.tia });
    assert.equal(reads.status, 200);
    // Refused uploads kept no file.
    const kept = await readdir(join(dir, 'uploads'));
    assert.equal(kept.filter((f) => f.endsWith('.pdf')).length, 31);
  });
});

describe('limits in one API', { timeout: 120_000 }, () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(async () => {
    await fx?.stop();
  });

  test('the key is the principal: two users at one address count apart', async () => {
    const app = await fx.variant({ requestsPerMinute: 3, rateLimitWindowS: 60 });
    // Two teachers' keys, one address: the authentication makes each key its user's principal.
    const users = {
      alice: await addUser(fx.deps.db, 'alice', 'teacher'),
      bob: await addUser(fx.deps.db, 'bob', 'teacher'),
    };
    const get = (user: keyof typeof users) =>
      app.inject({ url: '/api/courses', headers: { authorization: `Bearer ${users[user].key}` } });
    const alice = [];
    for (let i = 0; i < 5; i++) alice.push((await get('alice')).statusCode);
    assert.deepEqual(alice, [200, 200, 200, 429, 429]);
    const bob = await get('bob');
    assert.equal(bob.statusCode, 200);
    assert.equal(bob.headers['x-ratelimit-remaining'], '2');
    const refused = await get('alice');
    assert.equal(refused.json().error, 'rate_limited');
    assert.match(
      refused.json().message,
      /^rate limit: 3 requests per 60 s per key \(REQUESTS_PER_MINUTE=3\)/,
    );
    assert.ok(Number(refused.headers['retry-after']) > 0);
    // Probes are never limited.
    for (let i = 0; i < 5; i++) assert.notEqual((await app.inject('/health')).statusCode, 429);
    // The counters are in Redis, under the fleet's prefix.
    const keys = await keysUnder(fx.redis, fx.config.queuePrefix);
    assert.ok(
      keys.some((k) => k.includes(':ratelimit:') && k.endsWith(`user:${users.alice.user.id}`)),
      keys.join(' '),
    );
  });

  test('Redis gone: the limit is counted in the process, never a 500', async () => {
    const gone = failFastRedis('redis://127.0.0.1:1', { connectTimeoutMs: 200 });
    try {
      const app = await fx.variant({ requestsPerMinute: 4 }, { rateLimitRedis: gone });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await app.inject('/api/courses')).statusCode);
      assert.deepEqual(statuses, [200, 200, 200, 200, 429, 429]);
    } finally {
      gone.disconnect();
    }
  });

  test('MAX_QUEUED_JOBS_PER_USER: the job past the cap is refused with 429 until some finish', async () => {
    const app = await fx.variant({ maxQueuedJobsPerUser: 2 });
    // Two teachers at one address: the cap counts per user (principal id), not per address.
    const cara = await addUser(fx.deps.db, 'cara', 'teacher');
    const keyOf = { cara: cara.key, dan: (await addUser(fx.deps.db, 'dan', 'teacher')).key };
    const up = async (markers: string[], who: keyof typeof keyOf = 'cara') => {
      const parts = await Promise.all(
        markers.map(async (m) => ({ field: 'file', filename: `${m}.pdf`, content: await makePdf(m) })),
      );
      const body = multipart(parts);
      return app.inject({
        method: 'POST',
        url: '/api/pdfs',
        ...body,
        headers: { ...body.headers, authorization: `Bearer ${keyOf[who]}` },
      });
    };
    const one = await up(['cap one']);
    assert.equal(one.statusCode, 202, one.body);
    const two = await up(['cap two', 'cap three']);
    assert.equal(two.statusCode, 429, two.body);
    assert.equal(two.json().error, 'too_many_queued_jobs');
    assert.match(
      two.json().message,
      /^MAX_QUEUED_JOBS_PER_USER: 1 of your jobs are waiting or running, the limit is 2 \(this request adds 2\)/,
    );
    assert.equal(two.headers['retry-after'], '30');
    assert.equal((await up(['cap two'])).statusCode, 202);
    const third = await up(['cap three']);
    assert.equal(third.statusCode, 429);
    // A quiz is a job too.
    const capSha = createHash('sha256').update('cap').digest('hex');
    const course = await saveProcessedDocument(fx.deps.db, fixtureDocument(capSha, 'cap.pdf'));
    await addUploadOwner(fx.deps.db, capSha, cara.user.id);
    const quiz = await app.inject({
      method: 'POST',
      url: `/api/courses/${course.courseId}/quizzes`,
      payload: {},
      headers: { authorization: `Bearer ${keyOf.cara}` },
    });
    assert.equal(quiz.statusCode, 429, quiz.body);
    assert.equal(quiz.json().error, 'too_many_queued_jobs');
    // Another user is not held back.
    assert.equal((await up(['cap elsewhere'], 'dan')).statusCode, 202);
    // The refused files were not kept.
    const kept = (await readdir(fx.uploadDir)).filter((f) => f.endsWith('.pdf'));
    assert.equal(kept.length, 3, kept.join(' '));
    // Once a job is gone (finished, removed), the key may queue again.
    const first = await fx.deps.fleet.queue('pdf_processing').getJob(one.json().jobs[0].id);
    await first!.remove();
    assert.equal((await up(['cap three'])).statusCode, 202);
  });
});
