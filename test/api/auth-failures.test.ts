/**
 * Wrong API keys are limited per address (src/api/auth-limit.ts), against two real `profai api` processes on one
 * Redis and PostgreSQL: past AUTH_FAILURES_PER_MINUTE (over RATE_LIMIT_WINDOW_S) an address's requests with a
 * key answer 429 with Retry-After, whichever process takes them, a right key included; requests without a key
 * and /health are neither counted nor refused; another address is not slowed; the window's end lets the address
 * in again. Behind a proxy named in TRUST_PROXY the forwarded address is the client; a forged X-Forwarded-For
 * from anywhere else is ignored. With the limit off, wrong keys answer 401 however many.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { failFastRedis } from '../../src/fleet/redis.ts';
import { addUser } from '../../src/store/index.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { createTestDatabase } from '../support/api.ts';
import { type ApiFixture, keysUnder, startApiFixture } from '../support/api-fixture.ts';
import { type CliProcess, killAll, spawnProfai } from '../support/cli-processes.ts';
import { send } from '../support/http-from.ts';
import { freePort } from '../support/ops.ts';
import { sleep } from '../support/wait.ts';

/** 30 a minute over 10 s windows: 5 wrong keys a window. */
const WINDOW_S = 10;
const PER_MINUTE = 30;
const MAX = 5;

describe('wrong API keys limited per address, across two API processes', { timeout: 180_000 }, () => {
  const prefix = `profai_authfail_${randomBytes(4).toString('hex')}`;
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  const apis: CliProcess[] = [];
  let bases: string[] = [];
  let key = '';

  const start = async (env: Record<string, string>) => {
    const ports = [await freePort(), await freePort()];
    const started = ports.map((port) =>
      spawnProfai(['api'], {
        DATABASE_URL: db.url,
        QUEUE_PREFIX: prefix,
        UPLOAD_DIR: join(dir, 'uploads'),
        DOCUMENTS_DIR: join(dir, 'documents'),
        PORT: String(port),
        HOST: '0.0.0.0',
        LOG_LEVEL: 'warn',
        RATE_LIMIT_WINDOW_S: String(WINDOW_S),
        ...env,
      }),
    );
    apis.push(...started);
    await Promise.all(started.map((a) => a.waitForLine(/^ProfAI API listening on http/)));
    return ports.map((p) => `http://127.0.0.1:${p}`);
  };
  const courses = (base: string, from: string, auth?: string) =>
    send(`${base}/api/courses`, {
      from,
      headers: auth === undefined ? {} : { authorization: `Bearer ${auth}` },
    });

  before(async () => {
    db = await createTestDatabase();
    const store = await openPostgres(db.url);
    try {
      key = (await addUser(store, 'tia', 'teacher')).key;
    } finally {
      await store.close();
    }
    dir = await mkdtemp(join(tmpdir(), 'profai-authfail-'));
    bases = await start({ AUTH_FAILURES_PER_MINUTE: String(PER_MINUTE) });
  });
  after(async () => {
    await killAll(apis);
    const redis = failFastRedis('redis://127.0.0.1:6379') as import('ioredis').Redis;
    await new Promise((r) => redis.once('ready', r));
    const keys = await keysUnder(redis, prefix);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  test('a guesser is refused with 429 after 5 wrong keys, on both processes, its right key too, until the window ends', async () => {
    const guesser = '127.0.0.2';
    const guesses = [];
    for (let i = 0; i < MAX + 3; i++)
      guesses.push(await courses(bases[i % 2]!, guesser, `guess-${randomBytes(8).toString('hex')}`));
    assert.deepEqual(
      guesses.map((a) => a.status),
      [...Array(MAX).fill(401), 429, 429, 429],
      'the first 5 wrong keys get 401, then 429 on either process',
    );
    const refused = guesses.at(-1)!;
    assert.equal(refused.body.error, 'too_many_failed_keys');
    assert.match(
      refused.body.message ?? '',
      new RegExp(
        `^too many wrong API keys from this address: ${MAX} per ${WINDOW_S} s \\(AUTH_FAILURES_PER_MINUTE=${PER_MINUTE}\\); retry in \\d+ seconds?$`,
      ),
    );
    const retryAfter = Number(refused.headers['retry-after']);
    assert.ok(retryAfter >= 1 && retryAfter <= WINDOW_S, `Retry-After: ${retryAfter}`);

    // Refused before the key is looked at: a right guess would otherwise stand out.
    assert.equal((await courses(bases[0]!, guesser, key)).status, 429, 'a right key from that address: 429');
    // No key and the probes reveal nothing: neither refused nor counted.
    assert.equal((await courses(bases[1]!, guesser)).status, 401);
    assert.equal((await send(`${bases[0]}/health`, { from: guesser })).status, 200);
    // Another address is another client.
    assert.equal((await courses(bases[1]!, '127.0.0.3', key)).status, 200);
    assert.equal((await courses(bases[0]!, '127.0.0.3', 'wrong')).status, 401);

    // The window ends: the address is let in again, and its right key works.
    await sleep(retryAfter * 1000 + 300);
    assert.equal((await courses(bases[1]!, guesser, key)).status, 200);
    assert.equal((await courses(bases[0]!, guesser, 'wrong again')).status, 401);
  });

  test('behind a proxy named in TRUST_PROXY the client is the forwarded address; elsewhere X-Forwarded-For is ignored', async () => {
    const proxied = await start({ AUTH_FAILURES_PER_MINUTE: String(PER_MINUTE), TRUST_PROXY: '127.0.0.1' });
    const via = (base: string, client: string, auth: string, from = '127.0.0.1') =>
      send(`${base}/api/courses`, {
        from,
        headers: { authorization: `Bearer ${auth}`, 'x-forwarded-for': client },
      });
    const statuses = [];
    for (let i = 0; i < MAX + 1; i++)
      statuses.push((await via(proxied[i % 2]!, '203.0.113.5', `g${i}`)).status);
    assert.deepEqual(statuses, [...Array(MAX).fill(401), 429], 'the guesser behind the proxy is refused');
    assert.equal(
      (await via(proxied[0]!, '203.0.113.6', key)).status,
      200,
      'another client of the proxy is not',
    );
    // From an address that is not a trusted proxy, a forged X-Forwarded-For changes nothing: the connection counts.
    const forged = [];
    for (let i = 0; i < MAX + 1; i++)
      forged.push((await via(proxied[i % 2]!, `198.51.100.${i}`, `f${i}`, '127.0.0.6')).status);
    assert.deepEqual(forged, [...Array(MAX).fill(401), 429]);
    // Only the entry the trusted proxy appended is believed, never an earlier one: a client that is itself in the
    // trusted range cannot pick a new address for each guess by prepending it.
    const prepended = [];
    for (let i = 0; i < MAX + 1; i++)
      prepended.push((await via(proxied[i % 2]!, `192.0.2.${i}, 127.0.0.1`, `x${i}`)).status);
    assert.ok(
      prepended.every((status) => status === 401 || status === 429),
      prepended.join(' '),
    );
    assert.equal(prepended.at(-1), 429, `counted as one address: ${prepended.join(' ')}`);
    // And without TRUST_PROXY (the first processes), none is believed.
    const plain = [];
    for (let i = 0; i < MAX + 1; i++)
      plain.push((await via(bases[i % 2]!, `198.51.100.${i}`, `p${i}`, '127.0.0.7')).status);
    assert.deepEqual(plain, [...Array(MAX).fill(401), 429]);
  });

  test('AUTH_FAILURES_PER_MINUTE=0: wrong keys answer 401 however many', async () => {
    const [open] = await start({ AUTH_FAILURES_PER_MINUTE: '0' });
    const statuses = [];
    for (let i = 0; i < MAX * 3; i++) statuses.push((await courses(open!, '127.0.0.4', `nope-${i}`)).status);
    assert.deepEqual(statuses, Array(MAX * 3).fill(401));
    assert.equal((await courses(open!, '127.0.0.4', key)).status, 200);
  });
});

describe('wrong API keys in two apps on one Redis, one of them trusting a recent "under the limit"', {
  timeout: 60_000,
}, () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(async () => {
    await fx?.stop();
  });

  test('the wrong key that lands past the limit in the other app is refused with 429, not told 401', async () => {
    const settings = { authFailuresPerMinute: 3, rateLimitWindowS: 60 };
    const [a, b] = [await fx.variant(settings), await fx.variant(settings)];
    const wrong = (app: typeof a, i: number) =>
      app.inject({ url: '/api/courses', headers: { authorization: `Bearer wrong-${i}` } });
    // b asks Redis once (under the limit) and trusts it for a second; a counts the address to the limit.
    assert.equal((await wrong(b, 0)).statusCode, 401);
    assert.deepEqual([(await wrong(a, 1)).statusCode, (await wrong(a, 2)).statusCode], [401, 401]);
    assert.equal((await wrong(a, 3)).statusCode, 429, 'a: past the limit');
    const late = await wrong(b, 4);
    assert.equal(late.statusCode, 429, 'b: its wrong key is counted, and the count says it is past');
    assert.equal(late.json().error, 'too_many_failed_keys');
    assert.ok(Number(late.headers['retry-after']) > 0);
    assert.equal(
      (await b.inject('/api/courses')).statusCode,
      429,
      'b: from now on, before any key is looked at',
    );
  });
});

describe('wrong API keys with Redis gone', { timeout: 60_000 }, () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(async () => {
    await fx?.stop();
  });

  test('counted in the process meanwhile: 401 up to the limit, then 429, never a 500', async () => {
    const gone = failFastRedis('redis://127.0.0.1:1', { connectTimeoutMs: 200 });
    try {
      const app = await fx.variant(
        { authFailuresPerMinute: 3, rateLimitWindowS: 60 },
        { rateLimitRedis: gone },
      );
      const statuses = [];
      for (let i = 0; i < 5; i++)
        statuses.push(
          (await app.inject({ url: '/api/courses', headers: { authorization: `Bearer wrong-${i}` } }))
            .statusCode,
        );
      assert.deepEqual(statuses, [401, 401, 401, 429, 429]);
      // The fixture's admin key, from the same address: refused too until the window ends.
      assert.equal((await app.inject('/api/courses')).statusCode, 429);
    } finally {
      gone.disconnect();
    }
  });
});
