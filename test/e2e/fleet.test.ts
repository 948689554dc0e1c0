/**
 * The service end to end, as processes: `profai api` and two `profai worker`s on the machine's Redis and
 * PostgreSQL (a fresh database), vectors in it too (VECTOR_STORE=postgres, the default: the portable `real[]`
 * column, as Debian's PostgreSQL has no pgvector). PDFs go in over HTTP; courses and vectors must land in
 * PostgreSQL, whatever happens to the processes on the way (a child or a whole worker SIGKILLed mid-task, a
 * worker stopped with SIGTERM mid-task). Chroma's outages are tested in test/tasks/outages.test.ts.
 */

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { makeScannedPdf } from '../../scripts/make-scanned-pdf.ts';
import { loadConfig } from '../../src/config.ts';
import { listWorkers } from '../../src/fleet/queues.ts';
import { readRunInfo } from '../../src/fleet/runinfo.ts';
import type { JobRunInfo, JobView } from '../../src/fleet/views.ts';
import { HashEmbedder } from '../../src/pipeline/embed.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import type { PdfTaskResult } from '../../src/tasks/names.ts';
import { freePort } from '../support/chroma.ts';
import {
  type CliProcess,
  E2E_API_KEY,
  getJson,
  killAll,
  makeLecturePdf,
  sampleUpload,
  spawnProfai,
  type Upload,
  uploadPdfs,
  waitFor,
  waitForJob,
} from '../support/cli-processes.ts';
import { createTestDatabase, tempDir } from '../support/databases.ts';
import { makeSimplePdf } from '../support/make-pdf.ts';

const pdfsIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.pdf'));

/** The offline embedder's space, as `chunk_vectors.space` names it. */
const space = (() => {
  const e = new HashEmbedder();
  return `${e.name}/${e.dimension}`;
})();

describe('API + 2 workers on Redis and PostgreSQL', { timeout: 300_000 }, () => {
  const prefix = `test-e2e-${randomBytes(4).toString('hex')}`;
  const uploads = tempDir('profai-e2e-uploads-');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let sql: pg.Pool;
  let redis: Redis;
  let baseUrl = '';
  let api: CliProcess;
  let workers: CliProcess[] = [];
  let env: Record<string, string> = {};

  before(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      UPLOAD_DIR: uploads.dir,
      DOCUMENTS_DIR: join(uploads.dir, 'documents'),
      PORT: String(port),
      HOST: '127.0.0.1',
      API_KEY: E2E_API_KEY,
      JOB_LOCK_MS: '3000',
      JOB_BACKOFF_MS: '200',
      HEARTBEAT_S: '0.5',
      LOG_LEVEL: 'warn',
      OCR_DPI: '150',
    };
    api = spawnProfai(['api'], env);
    workers = [1, 2].map((n) => spawnProfai(['worker'], { ...env, WORKER_NUM: String(n) }));
    await Promise.all([
      api.waitForLine(/^ProfAI API listening on http/),
      ...workers.map((w) => w.waitForLine(/^worker\d+@\S+ ready\.$/)),
    ]);
    sql = new pg.Pool({ connectionString: database.url, max: 2 });
    redis = new Redis();
  });

  after(async () => {
    await killAll([api, ...workers].filter(Boolean));
    await sql?.end();
    if (redis) {
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    }
    await database?.drop();
    uploads.remove();
  });

  const count = async (query: string, params: unknown[] = []) =>
    Number((await sql.query<{ n: string }>(query, params)).rows[0]!.n);

  /** Uploads one PDF and waits until a child of some worker runs it; returns the job id and its run record. */
  async function startOne(file: Upload): Promise<{ id: string; run: JobRunInfo }> {
    const [job] = await uploadPdfs(baseUrl, [file]);
    const run = await waitFor('the job to run on a child', async () => {
      const r = await readRunInfo(redis, prefix, job!.id);
      return r && !r.finishedAt ? r : null;
    });
    return { id: job!.id, run };
  }

  async function assertOneCourse(view: JobView): Promise<PdfTaskResult> {
    assert.equal(view.state, 'completed', `job ${view.id}: ${view.error}`);
    const result = view.result as PdfTaskResult;
    assert.equal(
      await count('SELECT count(*) AS n FROM courses WHERE document_id = $1', [result.documentId]),
      1,
    );
    return result;
  }

  test('six PDFs uploaded over HTTP all complete: courses and vectors in PostgreSQL, both workers used', async () => {
    const files: Upload[] = [sampleUpload()];
    for (let i = 1; i <= 5; i++)
      files.push({ name: `notes-${i}.pdf`, bytes: await makeLecturePdf(`e2e ${i}`, 3) });
    const jobs = await uploadPdfs(baseUrl, files);
    assert.equal(jobs.length, 6);
    const views = await Promise.all(jobs.map((j) => waitForJob(baseUrl, j.id)));
    for (const v of views) {
      assert.equal(v.state, 'completed', `${v.file}: ${v.error}`);
      assert.equal(v.attempts, 1, `${v.file}: no retry needed`);
    }

    assert.equal(await count('SELECT count(*) AS n FROM courses'), 6);
    for (const v of views) {
      const r = v.result as PdfTaskResult;
      const chunks = await count('SELECT count(*) AS n FROM chunks WHERE document_id = $1', [r.documentId]);
      assert.ok(chunks > 0, `${v.file} has chunks`);
      assert.equal(r.chunks, chunks, `${v.file}: the job reports the stored chunks`);
      assert.equal(
        await count('SELECT count(*) AS n FROM chunk_vectors WHERE space = $1 AND document_id = $2', [
          space,
          r.documentId,
        ]),
        chunks,
        `${v.file}: one vector per chunk, in the database`,
      );
    }
    const names = new Set(views.map((v) => v.worker));
    assert.equal(names.size, 2, `jobs ran on ${[...names].join(', ')}`);
    for (const n of names) assert.match(String(n), /^worker[12]@/);

    const listed = await getJson<{ courses: { documentId?: string }[] }>(`${baseUrl}/api/courses`);
    assert.equal(listed.courses.length, 6);
    assert.deepEqual(pdfsIn(uploads.dir), [], 'uploads are removed once their course exists');
  });

  test('a corrupt PDF fails at once with its reason, and its upload is kept for a retry', async () => {
    const bytes = Buffer.from(
      '%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ngarbage, no xref, no trailer\n',
    );
    const [job] = await uploadPdfs(baseUrl, [{ name: 'broken.pdf', bytes }]);
    const view = await waitForJob(baseUrl, job!.id);
    assert.equal(view.state, 'failed');
    assert.equal(view.attempts, 1, 'a permanent failure is not retried');
    assert.match(String(view.error), /broken\.pdf|corrupt|PDF/i);
    assert.deepEqual(
      pdfsIn(uploads.dir),
      [`${createHash('sha256').update(bytes).digest('hex')}.pdf`],
      'the upload of a job that failed for good stays KEEP_FAILED_UPLOADS_H, for a retry',
    );
  });

  test('a scanned PDF is read by OCR in a child: the job shows its OCR pages, then completes with a course', async () => {
    const bytes = await makeScannedPdf(await makeLecturePdf('e2e scan', 2), { dpi: 150 });
    const [job] = await uploadPdfs(baseUrl, [{ name: 'scan.pdf', bytes }]);
    const stages = new Set<string>();
    const view = await waitFor(
      'the scan to finish',
      async () => {
        const v = await getJson<JobView>(`${baseUrl}/api/jobs/${job!.id}`);
        if (v.stage) stages.add(v.stage);
        return v.state === 'completed' || v.state === 'failed' ? v : null;
      },
      // Two pages read by Tesseract at 300 dpi: 15 s on a quiet host, 48-61 s beside a CI run (8f6ec4a and 597990d
      // alike, 2026-12-07), and once past 60 s under three: a bound for a hang, not a timing.
      150_000,
      100, // often enough to see an OCR stage, seldom enough to stay under the API's rate limit
    );
    const result = await assertOneCourse(view);
    assert.ok(
      [...stages].some((s) => /^ocr [12]\/2$/.test(s)),
      [...stages].join(', '),
    );
    const { rows } = await sql.query<{ body: { ocr?: { pages: number[] } } }>(
      'SELECT body FROM courses WHERE document_id = $1',
      [result.documentId],
    );
    assert.deepEqual(rows[0]?.body.ocr?.pages, [1, 2]);
  });

  test("an encrypted PDF with its password completes, and the password leaves the job's record", async () => {
    // Enough running text for a course (a one-line PDF is refused: not enough text for a course).
    const notes =
      'Photosynthesis turns light energy into chemical energy in the chloroplasts of green plants. ' +
      'The light reactions split water and release oxygen while they make ATP and NADPH for the cell. ' +
      'The Calvin cycle then fixes carbon dioxide into sugars, spending the ATP and NADPH that the light reactions made. ' +
      'Most of the sugar leaves the chloroplast and is stored as starch or sent to the rest of the plant as sucrose.';
    const bytes = await makeSimplePdf({ userPassword: 'open sesame' }, notes);
    const [job] = await uploadPdfs(baseUrl, [{ name: 'locked.pdf', bytes }], 'open sesame');
    const view = await waitForJob(baseUrl, job!.id);
    await assertOneCourse(view);
    const data = JSON.parse((await redis.hget(`${prefix}:pdf_processing:${job!.id}`, 'data')) ?? '{}');
    assert.equal(data.fileName, 'locked.pdf');
    assert.equal('password' in data, false, JSON.stringify(data));
  });

  test('a child SIGKILLed mid-task: the task is retried and completes, one course for the document', async () => {
    const { id, run } = await startOne({
      name: 'kill-child.pdf',
      bytes: await makeLecturePdf('kill child', 100),
    });
    process.kill(run.childPid, 'SIGKILL');
    const view = await waitForJob(baseUrl, id);
    await assertOneCourse(view);
    assert.equal(view.attempts, 2, 'the killed attempt, then the one that completed');
    const last = await readRunInfo(redis, prefix, id);
    assert.notEqual(last?.childPid, run.childPid, 'the retry ran on another child');
  });

  test('a whole worker SIGKILLed mid-task: the other worker recovers the task after the lock expires', async () => {
    const { id, run } = await startOne({
      name: 'kill-worker.pdf',
      bytes: await makeLecturePdf('kill worker', 100),
    });
    const doomed = workers.find((w) => w.lines.some((l) => l === `${run.worker} ready.`))!;
    assert.ok(doomed, `a worker named ${run.worker}`);
    doomed.proc.kill('SIGKILL');
    process.kill(run.childPid, 'SIGKILL'); // as in a lost host: the child must not finish the task either
    await doomed.exited;
    const view = await waitForJob(baseUrl, id);
    await assertOneCourse(view);
    assert.notEqual(view.worker, run.worker, 'the surviving worker finished it');
    workers = workers.filter((w) => w !== doomed);
  });

  test('SIGTERM to a worker mid-task: the task completes there, then the worker exits 0', async () => {
    const { id, run } = await startOne({
      name: 'graceful.pdf',
      bytes: await makeLecturePdf('graceful stop', 100),
    });
    const worker = workers.find((w) => w.lines.some((l) => l === `${run.worker} ready.`))!;
    const sentAt = Date.now();
    worker.proc.kill('SIGTERM');
    const [exit, view] = await Promise.all([worker.exited, waitForJob(baseUrl, id)]);
    await assertOneCourse(view);
    assert.equal(view.worker, run.worker);
    assert.equal(view.attempts, 1, 'finished by its first attempt, never released');
    assert.ok(Date.parse(view.timings.finishedAt!) > sentAt, 'the task was still running when SIGTERM came');
    assert.deepEqual(exit, { code: 0, signal: null });
    const fleet = openProfaiClient(loadConfig({ QUEUE_PREFIX: prefix }));
    try {
      const left = await listWorkers(fleet);
      assert.ok(!left.some((hb) => hb.name === run.worker), 'a stopped worker removes its heartbeat');
    } finally {
      await fleet.close();
    }
  });
});
