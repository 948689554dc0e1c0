/**
 * Object storage down for 45 s while PDF jobs run on two real workers that read their uploads from it and keep
 * the PDFs in it (STORAGE_URL on an s3rver the test starts and kills): every job completes, none fails (the
 * waits use none of JOB_ATTEMPTS), the database and the vector store agree chunk for chunk, each PDF is kept once
 * in the bucket and no upload is left behind.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { openStorage, type Storage } from '../../src/files/index.ts';
import { getJobView } from '../../src/fleet/queues.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { chromaStore } from '../../src/store/vectors/chroma.ts';
import { enqueuePdf, openProfaiClient } from '../../src/tasks/client.ts';
import { createTestDatabase } from '../support/api.ts';
import { type ChromaServer, startChroma } from '../support/chroma.ts';
import { makeLecturePdf } from '../support/cli-processes.ts';
import { type S3Server, startS3 } from '../support/s3.ts';
import { assertDocumentStored } from '../support/stored.ts';
import { sleep } from '../support/wait.ts';
import {
  killAll,
  randomPrefix,
  spawnWorker,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
} from '../support/workers.ts';

const OUTAGE_MS = 45_000;
const DOCS = 6;

let s3: S3Server;
let chroma: ChromaServer;
let pgdb: { url: string; drop(): Promise<void> };
const workers: WorkerProcess[] = [];

before(async () => {
  [s3, chroma, pgdb] = await Promise.all([startS3(), startChroma(), createTestDatabase()]);
  Object.assign(process.env, s3.awsEnv);
});
after(async () => {
  await killAll(workers);
  await Promise.all([s3?.remove(), chroma?.stop(), pgdb?.drop()]);
});

test('storage down for 45 s mid-run: every job completes, none fails, each PDF kept once', async () => {
  const prefix = randomPrefix();
  const env = testEnv(prefix, {
    ...s3.env(prefix),
    DATABASE_URL: pgdb.url,
    CHROMA_URL: chroma.url,
    VECTOR_STORE: 'chroma',
    REDIS_URL: 'redis://127.0.0.1:6379/0',
    WORKER_QUEUES: 'pdf_processing',
    TASK_MODULES: '',
    JOB_ATTEMPTS: '2',
    JOB_LOCK_MS: '10000',
    DEPENDENCY_RETRY_MAX_S: '2',
  });
  for (const n of [1, 2]) workers.push(spawnWorker({ ...env, WORKER_NUM: String(n) }));
  await Promise.all(workers.map((w) => w.waitForLine(/ready\./, 60_000)));
  const config = loadConfig(env);
  const client = openProfaiClient(config);
  const storage: Storage = await openStorage(config);
  try {
    const jobs: { id: string; documentId: string; sha256: string }[] = [];
    for (let i = 0; i < DOCS; i++) {
      const bytes = await makeLecturePdf(`storage outage ${i}`, 8);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      await storage.uploads.write(`${sha256}.pdf`, bytes);
      const { id } = await enqueuePdf(client, { fileName: `outage-${i}.pdf`, sha256 });
      jobs.push({ id, documentId: sha256.slice(0, 16), sha256 });
    }
    await waitFor(
      'a job to run',
      async () => {
        const views = await Promise.all(jobs.map((j) => getJobView(client, j.id)));
        return views.some((v) => v?.state === 'active') ? true : null;
      },
      60_000,
    );
    await s3.stop();
    await sleep(OUTAGE_MS);
    await s3.start();

    const db = await openPostgres(pgdb.url);
    const vectors = chromaStore(chroma.url);
    try {
      for (const job of jobs) {
        const view = await waitForFinished(client, job.id, 240_000);
        assert.equal(view.state, 'completed', `${job.id}: ${view.error}`);
        await assertDocumentStored(db, vectors, job.documentId, job.id);
        assert.ok(await storage.documents.stat(`${job.sha256}.pdf`), `${job.id}: its PDF is kept`);
      }
    } finally {
      await vectors.close();
      await db.close();
    }
    const failed = await client.queue('pdf_processing').getJobs(['failed']);
    assert.equal(failed.length, 0);
    const left: string[] = [];
    for await (const f of storage.uploads.list()) left.push(f.key);
    assert.deepEqual(left, [], 'no upload left');
    const waited = workers.some((w) => w.lines.some((l) => l.includes('waiting for storage')));
    assert.ok(waited, 'a worker waited for the storage rather than failing');
  } finally {
    await storage.close();
    await client.close();
  }
});
