/**
 * Retrying a PDF job whose LLM stage failed, on a real worker (CPU stage in a child, LLM stage in the
 * supervisor) with Redis, PostgreSQL, Chroma and the fake OpenAI server refusing requests (401: a permanent
 * failure). What is retried is what can succeed: the LLM stage while its staged document waits in Redis, else
 * the PDF job while its upload is there, else nothing (upload it again).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { readRunInfo } from '../../src/fleet/runinfo.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { redisKeys } from '../../src/redis-keys.ts';
import { enqueuePdf } from '../../src/tasks/client.ts';
import { llmJobIdOf, type PdfTaskResult } from '../../src/tasks/names.ts';
import { createTestDatabase, makePdf } from '../support/api.ts';
import { type ChromaServer, startChroma } from '../support/chroma.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import { runCli } from '../support/ops.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  type WorkerProcess,
  waitForFinished,
} from '../support/workers.ts';

interface Attempt {
  ok: boolean;
  id: string;
  retried?: string;
  error?: string;
  message?: string;
}

describe('retrying a failed LLM stage', { timeout: 300_000 }, () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  let fake: FakeOpenAI;
  let chroma: ChromaServer;
  let pgdb: { url: string; drop(): Promise<void> };
  let dir: string;
  let worker: WorkerProcess;
  let env: Record<string, string>;
  let refusing = true;
  const retry = async (id: string): Promise<Attempt> => {
    const r = await runCli(['jobs', 'retry', id, '--json'], { ...env, LOG_LEVEL: 'silent' });
    const [attempt] = JSON.parse(r.stdout) as Attempt[];
    assert.equal(r.code, attempt?.ok ? 0 : 1, r.stderr);
    return attempt!;
  };

  before(async () => {
    [fake, chroma, pgdb] = await Promise.all([
      startFakeOpenAI(() => (refusing ? { status: 401 } : {})),
      startChroma(),
      createTestDatabase(),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'profai-llm-retry-'));
    env = {
      QUEUE_PREFIX: prefix,
      WORKER_QUEUES: 'pdf_processing,quiz_generation',
      DATABASE_URL: pgdb.url,
      CHROMA_URL: chroma.url,
      VECTOR_STORE: 'chroma',
      UPLOAD_DIR: dir,
      JOB_ATTEMPTS: '1',
      HEARTBEAT_S: '0.5',
      LOG_LEVEL: 'warn',
      LLM_BASE_URL: fake.url,
      LLM_MODEL: 'fake-model',
      LLM_MAX_RETRIES: '0',
    };
    worker = spawnWorker({ ...env, WORKER_NUM: '1' });
    await worker.waitForLine(/ ready\.$/, 60_000);
  });
  after(async () => {
    await killAll([worker].filter(Boolean));
    await cleanup();
    await Promise.all([fake?.close(), chroma?.stop(), pgdb?.drop()]);
    await rm(dir, { recursive: true, force: true });
  });

  /** A PDF whose CPU stage succeeds and whose LLM stage the provider refuses: the user's job fails. */
  async function failedAtTheModel(marker: string): Promise<{ view: JobView; path: string; bytes: Buffer }> {
    refusing = true;
    const bytes = await makePdf(marker);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const path = join(dir, `${sha256}.pdf`);
    await writeFile(path, bytes);
    const { id } = await enqueuePdf(client, { path, fileName: `${marker}.pdf`, sha256 });
    const view = await waitForFinished(client, id, 60_000);
    assert.equal(view.state, 'failed');
    assert.match(String(view.error), /401|refused|provider/i);
    assert.equal(existsSync(path), false, 'the upload went with the hand-off to the LLM stage');
    return { view, path, bytes };
  }

  test('while the staged document waits, the LLM stage is retried, not the parse: one job completes', async () => {
    const { view } = await failedAtTheModel('staged retry');
    const parsed = await readRunInfo(client.redis, prefix, view.id);
    refusing = false;
    const attempt = await retry(view.id);
    const { documentId } = (await client.queue('pdf_processing').getJob(view.id))!.returnvalue as {
      documentId: string;
    };
    assert.equal(attempt.retried, llmJobIdOf(documentId));
    const done = await waitForFinished(client, view.id, 60_000);
    assert.equal(done.state, 'completed', done.error ?? '');
    assert.ok((done.result as PdfTaskResult).courseId);
    assert.deepEqual(
      await readRunInfo(client.redis, prefix, view.id),
      parsed,
      'the CPU stage did not run again',
    );
    const sql = new pg.Client({ connectionString: pgdb.url });
    await sql.connect();
    try {
      const { rows } = await sql.query('SELECT embedding_space, embedding_dim FROM documents WHERE id = $1', [
        documentId,
      ]);
      assert.deepEqual(
        rows,
        [{ embedding_space: 'hash-ngram-v1', embedding_dim: 384 }],
        'the staged space is recorded',
      );
    } finally {
      await sql.end();
    }
  });

  test('with the staged document gone, the PDF job runs again from its upload', async () => {
    const { view, path, bytes } = await failedAtTheModel('from the upload');
    const { documentId } = (await client.queue('pdf_processing').getJob(view.id))!.returnvalue as {
      documentId: string;
    };
    await client.redis.del(redisKeys.llmStage(prefix, documentId));
    await writeFile(path, bytes);
    refusing = false;
    const attempt = await retry(view.id);
    assert.equal(attempt.retried, view.id);
    const done = await waitForFinished(client, view.id, 60_000);
    assert.equal(done.state, 'completed', done.error ?? '');
    assert.ok((done.result as PdfTaskResult).courseId);
  });

  test('with neither, nothing is queued and the user is told to upload the file again (--failed too)', async () => {
    const { view } = await failedAtTheModel('nothing left');
    const { documentId } = (await client.queue('pdf_processing').getJob(view.id))!.returnvalue as {
      documentId: string;
    };
    await client.redis.del(redisKeys.llmStage(prefix, documentId));
    // --failed finds the failed LLM stage and names it by its PDF job, as users know it.
    const r = await runCli(['jobs', 'retry', '--failed', '--json'], { ...env, LOG_LEVEL: 'silent' });
    assert.equal(r.code, 1, r.stderr);
    const attempts = JSON.parse(r.stdout) as Attempt[];
    assert.deepEqual(
      attempts.map((a) => a.id),
      [view.id],
    );
    const [attempt] = attempts;
    assert.deepEqual([attempt!.ok, attempt!.error], [false, 'upload_gone']);
    assert.match(String(attempt!.message), /^nothing left\.pdf: .*upload the file again$/);
  });
});
