/**
 * LLM_IN_PDF_WORKERS=false: a parse worker (pdf_processing only) hands each staged PDF to llm_generation without
 * running it, and an LLM worker of its own (llm_generation only, no children) makes the course. Real Redis,
 * PostgreSQL and Chroma (VECTOR_STORE=chroma: the LLM stage on the other store), the fake OpenAI server.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { listWorkers } from '../../src/fleet/queues.ts';
import { getCourse, openDatabase } from '../../src/store/index.ts';
import { enqueuePdf } from '../../src/tasks/client.ts';
import { createTestDatabase, makePdf } from '../support/api.ts';
import { type ChromaServer, startChroma } from '../support/chroma.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  type WorkerProcess,
  waitFor,
  waitForFinished,
} from '../support/workers.ts';

const prefix = randomPrefix();
let fake: FakeOpenAI;
let chroma: ChromaServer;
let pgdb: { url: string; drop(): Promise<void> };
let dir: string;
let workers: WorkerProcess[] = [];

before(async () => {
  [fake, chroma, pgdb] = await Promise.all([startFakeOpenAI(), startChroma(), createTestDatabase()]);
  dir = await mkdtemp(join(tmpdir(), 'profai-llm-worker-'));
  const env = {
    QUEUE_PREFIX: prefix,
    DATABASE_URL: pgdb.url,
    CHROMA_URL: chroma.url,
    VECTOR_STORE: 'chroma',
    UPLOAD_DIR: dir,
    DOCUMENTS_DIR: join(dir, 'documents'),
    JOB_ATTEMPTS: '1',
    HEARTBEAT_S: '0.5',
    LOG_LEVEL: 'warn',
    LLM_BASE_URL: fake.url,
    LLM_MODEL: 'fake-model',
    LLM_IN_PDF_WORKERS: 'false',
  };
  workers = [
    spawnWorker({ ...env, WORKER_NUM: '1', WORKER_QUEUES: 'pdf_processing' }),
    spawnWorker({ ...env, WORKER_NUM: '2', WORKER_QUEUES: 'llm_generation' }),
  ];
  await Promise.all(workers.map((w) => w.waitForLine(/ ready\.$/, 60_000)));
});

after(async () => {
  await killAll(workers);
  await openTestClient(prefix).cleanup();
  await Promise.all([fake.close(), chroma.stop(), pgdb.drop()]);
  await rm(dir, { recursive: true, force: true });
});

test('the parse worker lists no in-process stage; the LLM worker lists it and forks no child', async () => {
  const [parse, llm] = workers;
  assert.ok(!parse!.lines.some((l) => l.includes('in-process')), parse!.lines.join('\n'));
  assert.ok(
    llm!.lines.some((l) => /llm_generation\.generate_course \(in-process, concurrency 8\)/.test(l)),
    llm!.lines.join('\n'),
  );
  const { client } = openTestClient(prefix);
  try {
    const beats = await listWorkers(client);
    const llmBeat = beats.find((b) => b.name.startsWith('worker2@'));
    const parseBeat = beats.find((b) => b.name.startsWith('worker1@'));
    assert.deepEqual(llmBeat?.children, [], 'an LLM-only worker has no children');
    assert.deepEqual(parseBeat?.children, [], 'the parse worker forks its child when its first job comes');
  } finally {
    await client.close();
  }
});

test('a worker given llm_generation without LLM_BASE_URL refuses to start, in one line', () => {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/tasks/worker-main.ts'], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: {
      ...process.env,
      QUEUE_PREFIX: prefix,
      DATABASE_URL: pgdb.url,
      WORKER_QUEUES: 'llm_generation',
      LLM_BASE_URL: '',
    },
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, run.stderr);
  assert.equal(
    run.stderr.trim(),
    'the llm_generation queue needs LLM_BASE_URL (and LLM_MODEL) on this worker',
  );
});

test('a PDF is parsed by the parse worker and its course made by the LLM worker: one job, one course', async () => {
  const bytes = await makePdf('split topology');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = join(dir, `${sha256}.pdf`);
  await writeFile(path, bytes);
  const { client } = openTestClient(prefix);
  try {
    const { id } = await enqueuePdf(client, { path, fileName: 'split.pdf', sha256 });
    const done = await waitForFinished(client, id, 60_000);
    assert.equal(done.state, 'completed', done.error ?? '');
    assert.match(String(done.worker), /^worker2@/, 'the job view follows the LLM job, run by the LLM worker');
    const { courseId } = done.result as { courseId: string };
    await waitFor('the parse worker to show the child its job forked', async () =>
      (await listWorkers(client)).find((b) => b.name.startsWith('worker1@'))?.children.length === 1
        ? true
        : null,
    );
    const db = await openDatabase({ databaseUrl: pgdb.url, dataDir: dir });
    try {
      assert.equal((await getCourse(db, courseId))?.course.generator.name, 'openai-compatible:fake-model');
    } finally {
      await db.close();
    }
  } finally {
    await client.close();
  }
});
