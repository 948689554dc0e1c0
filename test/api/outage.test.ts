/**
 * The API started while PostgreSQL is down (a cluster of the test's own): it comes up, /health names the
 * database and answers 503, reads that need the database answer 503 with a JSON body and Retry-After, uploads
 * are still accepted; once the database is back, 200.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startApi } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { makePdf } from '../support/api.ts';
import { REDIS_URL } from '../support/api-fixture.ts';
import { startPgCluster } from '../support/pg-cluster.ts';
import { pollUntil } from '../support/wait.ts';

test('the API starts while PostgreSQL is down, answers 503 with reasons, then 200 once it is back', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'profai-api-outage-'));
  const pg = await startPgCluster();
  await pg.halt();
  const config = loadConfig({
    DATABASE_URL: pg.url,
    REDIS_URL,
    QUEUE_PREFIX: `profai_api_outage_${randomBytes(4).toString('hex')}`,
    UPLOAD_DIR: join(dir, 'uploads'),
    PORT: '0',
    HOST: '127.0.0.1',
    // Keys on, as deployed: API_KEY needs no database to check (a user's key would: it is looked up there).
    API_KEY: 'outage-key',
    LOG_LEVEL: 'silent',
    DEPENDENCY_RETRY_MAX_S: '1',
  });
  const started = Date.now();
  const api = await startApi(config);
  try {
    assert.ok(Date.now() - started < 15_000, 'it did not wait for the database to come back');
    const health = await fetch(`${api.url}/health`);
    assert.equal(health.status, 503);
    const body = (await health.json()) as { status: string; message: string; database: { ok: boolean } };
    assert.equal(body.status, 'unavailable');
    assert.equal(body.database.ok, false);
    assert.match(body.message, /database: postgres unreachable/);

    const signedIn = { headers: { authorization: 'Bearer outage-key' } };
    const courses = await fetch(`${api.url}/api/courses`, signedIn);
    assert.equal(courses.status, 503);
    assert.equal(courses.headers.get('retry-after'), '5');
    assert.deepEqual(await courses.json(), {
      error: 'dependency_unavailable',
      message: 'postgres is unavailable; try again shortly',
    });

    // Uploads need Redis and UPLOAD_DIR only: the worker checks later whether the file is known.
    const form = new FormData();
    form.append('file', new Blob([await makePdf('outage')], { type: 'application/pdf' }), 'o.pdf');
    const upload = await fetch(`${api.url}/api/pdfs`, { method: 'POST', body: form, ...signedIn });
    assert.equal(upload.status, 202);

    await pg.restart();
    await pollUntil(
      'health 200',
      async () => ((await fetch(`${api.url}/health`)).status === 200 ? true : null),
      30_000,
    );
    assert.equal((await fetch(`${api.url}/api/courses`, signedIn)).status, 200);
  } finally {
    await api.close();
    await pg.stop();
    await rm(dir, { recursive: true, force: true });
  }
});
