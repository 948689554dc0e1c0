/**
 * The service through a Sentinel failover, as processes: `profai api` and two `profai worker`s that know only the
 * Sentinels of a master with a replica (real redis-server processes), on the machine's PostgreSQL (a fresh
 * database) and a test-started Chroma. 27 PDFs go in over HTTP; the master is SIGKILLed while they are processed
 * and 3 more are uploaded while there is no master. After the replica's promotion every upload has its course,
 * none failed, none twice, chunks = vectors.
 */

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import type { JobView } from '../../src/fleet/views.ts';
import { HashEmbedder } from '../../src/pipeline/embed.ts';
import { chromaStore } from '../../src/store/vectors/chroma.ts';
import type { PdfTaskResult } from '../../src/tasks/names.ts';
import { type ChromaServer, freePort, startChroma } from '../support/chroma.ts';
import {
  type CliProcess,
  getJson,
  killAll,
  makeLecturePdf,
  sleep,
  spawnProfai,
  uploadPdfs,
  waitFor,
} from '../support/cli-processes.ts';
import { createTestDatabase, tempDir } from '../support/databases.ts';
import { type SentinelGroup, startSentinelGroup } from '../support/redis-ha.ts';

const DOCS = 30;
const space = (() => {
  const e = new HashEmbedder();
  return { name: e.name, dimension: e.dimension };
})();
const prefix = `test-failover-${randomBytes(4).toString('hex')}`;
const uploads = tempDir('profai-failover-uploads-');
let group: SentinelGroup;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let chroma: ChromaServer;
let procs: CliProcess[] = [];

before(async () => {
  [group, database, chroma] = await Promise.all([startSentinelGroup(), createTestDatabase(), startChroma()]);
});
after(async () => {
  await killAll(procs);
  await Promise.all([group?.stop(), chroma?.stop(), database?.drop()]);
  uploads.remove();
});

test('30 PDFs through a Sentinel failover: 30 courses, 0 failed, 0 twice, chunks = vectors', {
  timeout: 240_000,
}, async (t) => {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...group.env,
    DATABASE_URL: database.url,
    VECTOR_STORE: 'chroma',
    CHROMA_URL: chroma.url,
    // 30 uploads and their polling from one address in a minute: the rate limits are not what this tests.
    UPLOADS_PER_MINUTE: '0',
    REQUESTS_PER_MINUTE: '0',
    MAX_QUEUED_JOBS_PER_USER: '0',
    QUEUE_PREFIX: prefix,
    UPLOAD_DIR: uploads.dir,
    DOCUMENTS_DIR: join(uploads.dir, 'documents'),
    PORT: String(port),
    HOST: '127.0.0.1',
    WORKER_CONCURRENCY: '2',
    JOB_LOCK_MS: '15000',
    JOB_BACKOFF_MS: '200',
    HEARTBEAT_S: '0.5',
    LOG_LEVEL: 'warn',
  };
  const api = spawnProfai(['api'], env);
  const workers = [1, 2].map((n) => spawnProfai(['worker'], { ...env, WORKER_NUM: String(n) }));
  procs = [api, ...workers];
  await Promise.all([
    api.waitForLine(/^ProfAI API listening on http/),
    ...workers.map((w) => w.waitForLine(/^worker\d+@\S+ ready\.$/)),
  ]);

  const files = await Promise.all(
    Array.from({ length: DOCS }, async (_, i) => ({
      name: `notes-${i}.pdf`,
      bytes: await makeLecturePdf(`failover ${i}`, 1),
    })),
  );
  const jobs = (
    await Promise.all([0, 10, 20].map((at) => uploadPdfs(baseUrl, files.slice(at, at + 9))))
  ).flat();
  assert.equal(jobs.length, 27);
  const view = (id: string) => getJson<JobView>(`${baseUrl}/api/jobs/${id}`).catch(() => null);
  await waitFor(
    'a few courses, and jobs running',
    async () => {
      const views = await Promise.all(jobs.map((j) => view(j.id)));
      const done = views.filter((v) => v?.state === 'completed').length;
      return done >= 3 && done < DOCS - 6 && views.some((v) => v?.state === 'active') ? true : null;
    },
    120_000,
  );

  const oldPort = await group.killMaster();
  const killedAt = Date.now();
  // Three uploads while there is no master: each is accepted once there is one, or refused with a 503 and
  // Retry-After that a client waits out; never another status.
  const refusals: number[] = [];
  const duringOutage = [9, 19, 29].map(async (i) => {
    for (;;) {
      const form = new FormData();
      form.append('file', new Blob([files[i]!.bytes], { type: 'application/pdf' }), files[i]!.name);
      const res = await fetch(`${baseUrl}/api/pdfs`, { method: 'POST', body: form });
      const body = (await res.json()) as { jobs?: { id: string; file: string }[] };
      if (res.status === 202) return body.jobs![0]!;
      assert.equal(res.status, 503, JSON.stringify(body));
      assert.ok(res.headers.get('retry-after'), '503 says when to retry');
      refusals.push(res.status);
      await sleep(1000);
    }
  });
  await group.waitForNewMaster(oldPort);
  const promotedAt = Date.now();
  jobs.push(...(await Promise.all(duringOutage)));
  assert.equal(jobs.length, DOCS);

  const views = await waitFor(
    'every upload to finish after the failover',
    async () => {
      const all = await Promise.all(jobs.map((j) => view(j.id)));
      return all.every((v) => v?.state === 'completed' || v?.state === 'failed') ? all : null;
    },
    150_000,
  );
  assert.deepEqual(
    views.filter((v) => v?.state !== 'completed').map((v) => [v?.id, v?.error]),
    [],
    'no upload failed',
  );

  const startedAfter = views.map((v) => Date.parse(v?.timings.startedAt ?? '')).filter((t) => t > promotedAt);
  assert.ok(startedAfter.length > 0, 'uploads were taken from the new master');
  const finishedAfter = views
    .map((v) => Date.parse(v?.timings.finishedAt ?? ''))
    .filter((t) => t > promotedAt);
  t.diagnostic(
    `new master ${((promotedAt - killedAt) / 1000).toFixed(1)} s after the kill; first course after it ` +
      `${((Math.min(...finishedAfter) - killedAt) / 1000).toFixed(1)} s after the kill; ` +
      `${refusals.length} upload refusals (503) during the failover`,
  );

  const sql = new pg.Pool({ connectionString: database.url, max: 1 });
  const vectors = chromaStore(chroma.url);
  try {
    const count = async (q: string, params: unknown[] = []) =>
      Number((await sql.query<{ n: string }>(q, params)).rows[0]!.n);
    assert.equal(await count('SELECT count(*) AS n FROM documents'), DOCS);
    assert.equal(
      await count('SELECT count(*) AS n FROM courses'),
      DOCS,
      'one course per document, none twice',
    );
    for (const v of views) {
      const { documentId } = v!.result as PdfTaskResult;
      const chunks = await count('SELECT count(*) AS n FROM chunks WHERE document_id = $1', [documentId]);
      assert.ok(chunks > 0, `${v!.file} has chunks`);
      assert.equal(await vectors.count(space, documentId), chunks, `${v!.file}: one vector per chunk`);
    }
  } finally {
    await vectors.close();
    await sql.end();
  }
});
