import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Redis } from 'ioredis';
import { DatabaseUrlRequiredError } from '../../src/api/errors.ts';
import { startApi } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { createTestDatabase, makePdf } from '../support/api.ts';
import { keysUnder, REDIS_URL } from '../support/api-fixture.ts';

test('startApi without DATABASE_URL refuses with one line pointing to `profai up`', async () => {
  await assert.rejects(startApi(loadConfig({ LOG_LEVEL: 'silent' })), (err: unknown) => {
    assert.ok(err instanceof DatabaseUrlRequiredError);
    assert.equal(
      err.message,
      'the API needs DATABASE_URL (PostgreSQL); for a laptop setup use `profai up`, which serves the embedded database to the API and workers',
    );
    return true;
  });
});

test('startApi opens the real services, serves over HTTP and closes them all', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'profai-api-start-'));
  const pgdb = await createTestDatabase();
  const prefix = `profai_api_test_${randomBytes(4).toString('hex')}`;
  const redis = new Redis(REDIS_URL);
  try {
    const config = loadConfig({
      DATABASE_URL: pgdb.url,
      QUEUE_PREFIX: prefix,
      UPLOAD_DIR: join(dir, 'uploads'),
      PORT: '0',
      HOST: '127.0.0.1',
      API_KEY: 'k3y',
      LOG_LEVEL: 'silent',
    });
    const api = await startApi(config);
    try {
      const health = await fetch(`${api.url}/health`);
      assert.equal(health.status, 200);
      const form = new FormData();
      form.append('file', new Blob([await makePdf('start')], { type: 'application/pdf' }), 's.pdf');
      const denied = await fetch(`${api.url}/api/pdfs`, { method: 'POST', body: form });
      assert.equal(denied.status, 401);
      const res = await fetch(`${api.url}/api/pdfs`, {
        method: 'POST',
        body: form,
        headers: { 'x-api-key': 'k3y' },
      });
      assert.equal(res.status, 202);
      const { jobs } = (await res.json()) as { jobs: { id: string }[] };
      const job = await fetch(`${api.url}/api/jobs/${jobs[0]?.id}`, {
        headers: { authorization: 'Bearer k3y' },
      });
      assert.equal(((await job.json()) as { state: string }).state, 'waiting');
    } finally {
      await api.close();
    }
    await assert.rejects(fetch(`${api.url}/health`));
  } finally {
    const keys = await keysUnder(redis, prefix);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await pgdb.drop();
    await rm(dir, { recursive: true, force: true });
  }
});
