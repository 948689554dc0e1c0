/**
 * Outages of PostgreSQL, Chroma and Redis while PDF jobs are queued and running, on services of the test's own
 * (a PostgreSQL cluster from initdb, a Chroma server, a Redis with its append-only file on) and two real
 * workers: each is stopped for a while and started again; every job completes (none fails, none is retried
 * past its attempts), and the database and the vector store agree chunk for chunk. PostgreSQL's outage is
 * run on both vector stores (VECTOR_STORE=postgres, the default, and chroma), Chroma's on chroma.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { FleetClient } from '../../src/fleet/queues.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import type { Database, VectorStore } from '../../src/store/types.ts';
import { chromaStore } from '../../src/store/vectors/chroma.ts';
import { postgresVectorStore } from '../../src/store/vectors/postgres.ts';
import { enqueuePdf, openProfaiClient } from '../../src/tasks/client.ts';
import { type ChromaServer, startChroma } from '../support/chroma.ts';
import { makeLecturePdf } from '../support/cli-processes.ts';
import { type RedisServer, startRedisServer } from '../support/ops.ts';
import { type PgCluster, startPgCluster } from '../support/pg-cluster.ts';
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

/** How long each dependency stays down while jobs run. */
const OUTAGE_MS = 20_000;
const DOCS = 4;

let pg: PgCluster;
let chroma: ChromaServer;
let redis: RedisServer;
const dir = mkdtempSync(join(tmpdir(), 'profai-outages-'));

before(async () => {
  [pg, chroma, redis] = await Promise.all([
    startPgCluster(),
    startChroma(),
    startRedisServer({ appendOnly: true }),
  ]);
});
after(async () => {
  await Promise.all([pg?.stop(), chroma?.stop(), redis?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

type Store = 'postgres' | 'chroma';

/** Two workers and a client on the test's services under a fresh prefix, keeping vectors in `store`. */
async function fleet(
  store: Store,
): Promise<{ client: FleetClient; workers: WorkerProcess[]; prefix: string; store: Store }> {
  const prefix = randomPrefix();
  const env = testEnv(prefix, {
    DATABASE_URL: pg.url,
    VECTOR_STORE: store,
    CHROMA_URL: chroma.url,
    REDIS_URL: redis.url,
    WORKER_QUEUES: 'pdf_processing',
    TASK_MODULES: '',
    UPLOAD_DIR: join(dir, 'uploads'),
    JOB_ATTEMPTS: '2',
    JOB_LOCK_MS: '10000',
    DEPENDENCY_RETRY_MAX_S: '2',
  });
  const workers = [1, 2].map((n) => spawnWorker({ ...env, WORKER_NUM: String(n) }));
  await Promise.all(workers.map((w) => w.waitForLine(/ready\./, 60_000)));
  return { client: openProfaiClient(loadConfig(env)), workers, prefix, store };
}

/** `DOCS` distinct lecture PDFs written to UPLOAD_DIR and queued; their job ids and document ids. */
async function queuePdfs(client: FleetClient, tag: string): Promise<{ id: string; documentId: string }[]> {
  const uploads = join(dir, 'uploads');
  mkdirSync(uploads, { recursive: true });
  const jobs = [];
  for (let i = 0; i < DOCS; i++) {
    const bytes = await makeLecturePdf(`${tag} ${i}`, 6);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(uploads, `${sha256}.pdf`);
    writeFileSync(path, bytes);
    const { id } = await enqueuePdf(client, { path, fileName: `${tag}-${i}.pdf`, sha256 });
    jobs.push({ id, documentId: sha256.slice(0, 16) });
  }
  return jobs;
}

/** Stops a dependency once a job is running, keeps it down OUTAGE_MS, starts it again. */
async function outage(
  client: FleetClient,
  ids: string[],
  halt: () => Promise<void>,
  restart: () => Promise<void>,
) {
  const { getJobView } = await import('../../src/fleet/queues.ts');
  await waitFor(
    'a job to run',
    async () => {
      const views = await Promise.all(ids.map((id) => getJobView(client, id)));
      return views.some((v) => v?.state === 'active') ? true : null;
    },
    60_000,
  );
  await halt();
  await sleep(OUTAGE_MS);
  await restart();
}

async function assertAllDone(client: FleetClient, jobs: { id: string; documentId: string }[], store: Store) {
  const db: Database = await openPostgres(pg.url);
  const vectors: VectorStore = store === 'chroma' ? chromaStore(chroma.url) : postgresVectorStore(db);
  try {
    for (const job of jobs) {
      const view = await waitForFinished(client, job.id, 180_000);
      assert.equal(view.state, 'completed', `${job.id}: ${view.error}`);
      await assertDocumentStored(db, vectors, job.documentId, job.id);
    }
  } finally {
    await vectors.close();
    await db.close();
  }
}

describe('outages while jobs run', { concurrency: false }, () => {
  for (const store of ['postgres', 'chroma'] as const)
    test(`PostgreSQL stopped for 20 s, vectors in ${store}: every job completes, none fails, chunks = vectors`, async () => {
      const { client, workers } = await fleet(store);
      try {
        const jobs = await queuePdfs(client, `pg-${store}`);
        const waited = workers.map((w) => w.waitForLine(/waiting for postgres/, 60_000));
        await outage(
          client,
          jobs.map((j) => j.id),
          () => pg.halt(),
          () => pg.restart(),
        );
        await Promise.any(waited);
        await assertAllDone(client, jobs, store);
        assert.ok(
          workers.some((w) => w.lines.some((l) => /postgres is back/.test(l))),
          'a worker says when postgres is back',
        );
      } finally {
        await killAll(workers);
        await client.close();
      }
    });

  test('Chroma stopped for 20 s: every job completes, none fails, chunks = vectors', async () => {
    const { client, workers } = await fleet('chroma');
    try {
      const jobs = await queuePdfs(client, 'chroma');
      const waited = workers.map((w) => w.waitForLine(/waiting for chroma/, 60_000));
      await outage(
        client,
        jobs.map((j) => j.id),
        () => chroma.halt(),
        () => chroma.restart(),
      );
      await Promise.any(waited);
      await assertAllDone(client, jobs, 'chroma');
    } finally {
      await killAll(workers);
      await client.close();
    }
  });

  test('Redis stopped for 20 s (append-only file on): every job completes, none fails', async () => {
    const { client, workers } = await fleet('postgres');
    try {
      const jobs = await queuePdfs(client, 'redis');
      await outage(
        client,
        jobs.map((j) => j.id),
        () => redis.stop(),
        () => redis.start(),
      );
      await assertAllDone(client, jobs, 'postgres');
      const lost = workers.map((w) => w.lines.filter((l) => /redis unreachable/.test(l)).length);
      assert.ok(
        lost.every((n) => n >= 1 && n <= 2),
        `one line when Redis goes, not one per retry: ${lost}`,
      );
      assert.ok(
        workers.every((w) => w.lines.some((l) => /redis is back/.test(l))),
        'and one when it is back',
      );
    } finally {
      await killAll(workers);
      await client.close();
    }
  });
});
