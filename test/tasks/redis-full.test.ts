/**
 * Redis at maxmemory (noeviction) while a worker runs PDF jobs: the worker keeps finishing what it holds (its
 * courses reach the database while Redis refuses every write), stays up, and once Redis has room again every job
 * completes: none fails, none is done twice.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { getJobView } from '../../src/fleet/queues.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { enqueuePdf, openProfaiClient } from '../../src/tasks/client.ts';
import { createTestDatabase } from '../support/api.ts';
import { startChroma } from '../support/chroma.ts';
import { makeLecturePdf } from '../support/cli-processes.ts';
import { squeezeRedis, startRedisServer } from '../support/ops.ts';
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

const DOCS = 4;
const workers: WorkerProcess[] = [];
const dir = mkdtempSync(join(tmpdir(), 'profai-redis-full-'));
after(async () => {
  await killAll(workers);
  rmSync(dir, { recursive: true, force: true });
});

test('Redis full while a worker holds jobs: it finishes them, stays up, and all complete once there is room', async () => {
  const [redis, chroma, pgdb] = await Promise.all([startRedisServer(), startChroma(), createTestDatabase()]);
  const filler = new Redis(redis.url);
  const env = testEnv(randomPrefix(), {
    DATABASE_URL: pgdb.url,
    CHROMA_URL: chroma.url,
    VECTOR_STORE: 'chroma',
    REDIS_URL: redis.url,
    UPLOAD_DIR: dir,
    WORKER_QUEUES: 'pdf_processing',
    TASK_MODULES: '',
    JOB_LOCK_MS: '5000',
  });
  const client = openProfaiClient(loadConfig(env));
  const db = await openPostgres(pgdb.url);
  try {
    workers.push(spawnWorker({ ...env, WORKER_NUM: '1' }));
    await workers[0]!.waitForLine(/ ready\./, 60_000);
    const jobs: { id: string; documentId: string }[] = [];
    for (let i = 0; i < DOCS; i++) {
      const bytes = await makeLecturePdf(`redis full ${i}`, 12);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      writeFileSync(join(dir, `${sha256}.pdf`), bytes);
      jobs.push({
        ...(await enqueuePdf(client, { fileName: `full-${i}.pdf`, sha256 })),
        documentId: sha256.slice(0, 16),
      });
    }
    await waitFor(
      'a job to run',
      async () => ((await getJobView(client, jobs[0]!.id))?.state === 'active' ? true : null),
      60_000,
    );
    // Redis fills up (finished jobs, a flood of uploads): every write is refused from now on.
    await squeezeRedis(filler);
    const courses = async () =>
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM courses')).rows[0]!.n);
    await waitFor(
      'the job held to reach the database',
      async () => ((await courses()) >= 1 ? true : null),
      60_000,
    );
    await sleep(5000);
    assert.equal(workers[0]!.proc.exitCode, null, 'the worker is still up');

    // The operator raises maxmemory (what /health and the API's 503 say to do).
    await filler.config('SET', 'maxmemory', '0');
    for (const job of jobs) {
      const view = await waitForFinished(client, job.id, 120_000).catch(async (err: Error) => {
        const seen = await Promise.all(jobs.map((j) => getJobView(client, j.id)));
        throw new Error(
          `${err.message}; jobs: ${seen.map((v) => v?.state).join(' ')}\n${workers[0]!.lines.slice(-40).join('\n')}`,
        );
      });
      assert.equal(view.state, 'completed', `${job.id}: ${view.error}`);
    }
    assert.equal(await courses(), DOCS, 'one course per document');
    assert.equal(
      Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM quizzes')).rows[0]!.n),
      DOCS,
    );
    assert.equal((await client.queue('pdf_processing').getJobs(['failed'])).length, 0);
  } finally {
    filler.disconnect();
    await db.close();
    await client.close();
    await killAll(workers);
    await Promise.all([redis.stop(), chroma.stop(), pgdb.drop()]);
  }
});
