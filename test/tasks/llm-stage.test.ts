/**
 * The LLM stage on a real fleet: a worker process (prefork children for the CPU stage, the LLM stage in the
 * supervisor) on Redis and PostgreSQL (vectors in it: VECTOR_STORE=postgres), against the fake OpenAI server. The user sees ONE job.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getJobView } from '../../src/fleet/queues.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { readJobUsage } from '../../src/llm/index.ts';
import { inspectLines } from '../../src/ops/inspect.ts';
import { takeSnapshot } from '../../src/ops/snapshot.ts';
import { type Database, getCourse, getQuiz, openDatabase } from '../../src/store/index.ts';
import { enqueuePdf, enqueueQuiz } from '../../src/tasks/client.ts';
import { llmJobIdOf } from '../../src/tasks/names.ts';
import { createTestDatabase, makePdf } from '../support/api.ts';
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

let fake: FakeOpenAI;
let pgdb: { url: string; drop(): Promise<void> };
let dir: string;
let worker: WorkerProcess;
/** Started by the stop test to finish what the first worker released. */
let second: WorkerProcess | undefined;
const prefix = randomPrefix();
let env: Record<string, string>;

before(async () => {
  fake = await startFakeOpenAI();
  pgdb = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'profai-llm-'));
  env = {
    QUEUE_PREFIX: prefix,
    WORKER_QUEUES: 'pdf_processing,quiz_generation',
    SHUTDOWN_GRACE_S: '1',
    DATABASE_URL: pgdb.url,
    UPLOAD_DIR: dir,
    DOCUMENTS_DIR: join(dir, 'documents'),
    JOB_ATTEMPTS: '1',
    JOB_LOCK_MS: '5000',
    HEARTBEAT_S: '0.5',
    LOG_LEVEL: 'warn',
    LLM_BASE_URL: fake.url,
    LLM_MODEL: 'fake-model',
    LLM_MAX_RETRIES: '1',
    LLM_RETRY_BASE_MS: '20',
    // A provider that keeps failing is waited for (an outage), this long here.
    DEPENDENCY_WAIT_S: '3',
    DEPENDENCY_RETRY_MAX_S: '0.5',
    LLM_PRICE_INPUT_PER_MTOK: '0.5',
    LLM_PRICE_OUTPUT_PER_MTOK: '1.5',
  };
  worker = spawnWorker(env);
  await worker.waitForLine(/ ready\.$/, 60_000);
});

after(async () => {
  await killAll(second ? [worker, second] : [worker]);
  const { cleanup } = openTestClient(prefix);
  await cleanup();
  await fake.close();
  await pgdb.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `fn` on the test's PostgreSQL database, then closes it. */
async function withDatabase(fn: (db: Database) => Promise<void>): Promise<void> {
  const db = await openDatabase({ databaseUrl: pgdb.url, dataDir: dir });
  try {
    await fn(db);
  } finally {
    await db.close();
  }
}

async function upload(marker: string) {
  const bytes = await makePdf(marker);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = join(dir, `${sha256}.pdf`);
  await writeFile(path, bytes);
  return { path, fileName: `${marker}.pdf`, sha256 };
}

describe('LLM stage in the fleet', () => {
  test('one job from the user: CPU stage in a child, LLM stage in the supervisor, course saved, usage shown', async () => {
    assert.ok(
      worker.lines.some((l) => /llm_generation\.generate_course \(in-process, concurrency 8\)/.test(l)),
    );
    fake.setScript(() => ({ delayMs: 150 }));
    const { client } = openTestClient(prefix);
    try {
      const file = await upload('llm-ok');
      const { id } = await enqueuePdf(client, file);
      const seen: JobView[] = [];
      const done = await waitFor(
        'the job to finish',
        async () => {
          const view = await getJobView(client, id);
          if (view) seen.push(view);
          return view && (view.state === 'completed' || view.state === 'failed') ? view : null;
        },
        60_000,
      );
      assert.equal(done.state, 'completed', done.error ?? '');
      assert.equal(done.id, id);
      const during = seen.find((v) => v.stage === 'course' && v.state === 'active');
      assert.ok(
        during,
        `saw the course stage of the same job: ${seen.map((v) => `${v.state}/${v.stage}`).join(' ')}`,
      );
      assert.ok(during.progress >= 80 && during.progress < 100);
      assert.equal(
        existsSync(file.path),
        false,
        'the upload is removed once the supervisor has handed it off',
      );
      const result = done.result as { courseId: string; questions: number; created: boolean };
      assert.ok(result.courseId, JSON.stringify(done.result));
      assert.equal(result.created, true);
      assert.ok(result.questions > 0);
      assert.ok(
        done.usage && done.usage.inputTokens > 0 && done.usage.outputTokens > 0,
        JSON.stringify(done.usage),
      );
      assert.ok(done.usage.costUsd > 0);
      assert.deepEqual(
        (await readJobUsage(client.redis, prefix, id))?.inputTokens,
        done.usage.inputTokens,
        'readJobUsage reads what the API shows',
      );
      await withDatabase(async (db) => {
        const stored = await getCourse(db, result.courseId);
        assert.equal(stored?.course.generator.name, 'openai-compatible:fake-model');
      });
    } finally {
      await client.close();
    }
  });

  test("a provider that keeps failing is waited for, then fails the user's job with the provider's reason", async () => {
    fake.setScript(() => ({ status: 503, json: { error: { message: 'model is overloaded' } } }));
    const { client } = openTestClient(prefix);
    try {
      const { id } = await enqueuePdf(client, await upload('llm-down'));
      const done = await waitFor(
        'the job to fail',
        async () => {
          const view = await getJobView(client, id);
          return view && (view.state === 'completed' || view.state === 'failed') ? view : null;
        },
        60_000,
      );
      assert.equal(done.state, 'failed');
      assert.equal(done.id, id);
      assert.match(
        done.error ?? '',
        /^llm unreachable for 3 s \(LLM provider: HTTP 503: model is overloaded \(2 attempt\(s\)\)\)$/,
      );
      // The PDF job's one attempt and the LLM stage's final one: the waits between used none.
      assert.equal(done.attempts, 2);
    } finally {
      await client.close();
    }
  });
  test('a quiz of a stored course comes from the model, in the supervisor, grounded in retrieved chunks', async () => {
    assert.ok(
      worker.lines.some((l) => /quiz_generation\.generate_quiz \(in-process, concurrency 8\)/.test(l)),
      worker.lines.join('\n'),
    );
    fake.setScript(() => ({}));
    const { client } = openTestClient(prefix);
    try {
      const pdf = await enqueuePdf(client, await upload('llm-quiz'));
      const course = await waitForFinished(client, pdf.id, 60_000);
      assert.equal(course.state, 'completed', course.error ?? '');
      const { courseId } = course.result as { courseId: string };
      const asked = fake.chats().length;
      const { id } = await enqueueQuiz(client, { courseId, questions: 4, seed: 7 });
      const done = await waitForFinished(client, id, 60_000);
      assert.equal(done.state, 'completed', done.error ?? '');
      assert.equal(done.worker, worker.lines.find((l) => / ready\.$/.test(l))?.split(' ')[0]);
      const quizCalls = fake.chats().slice(asked);
      assert.ok(quizCalls.length > 0, 'the model was asked for the questions');
      assert.ok(
        quizCalls.every((r) => /quiz|question/i.test(r.user)),
        'only question prompts',
      );
      const embedded = fake.requests.filter((r) => r.path.endsWith('/embeddings')).length;
      assert.equal(embedded, 0, 'offline vectors: retrieval embeds locally');
      await withDatabase(async (db) => {
        const quiz = await getQuiz(db, (done.result as { quizId: string }).quizId);
        assert.equal(quiz?.quiz.generator.name, 'openai-compatible:fake-model');
        assert.equal(quiz?.quiz.questions.length, 4);
        const { rows } = await db.query<{ id: string }>('select id from chunks');
        const known = new Set(rows.map((r) => r.id));
        for (const q of quiz!.quiz.questions) assert.ok(q.chunkId && known.has(q.chunkId), q.chunkId);
      });
    } finally {
      await client.close();
    }
  });

  test('profai inspect shows an LLM job as active on its worker, with its tokens and cost so far', async () => {
    fake.setScript(() => ({ delayMs: 400 }));
    const { client } = openTestClient(prefix);
    try {
      const { id } = await enqueuePdf(client, await upload('llm-inspect'));
      const task = await waitFor(
        'the LLM task to show its usage in the heartbeat',
        async () => {
          const { workers } = await takeSnapshot(client);
          const active = workers.flatMap((w) => w.active);
          return (
            active.find(
              (t) =>
                t.name === 'llm_generation.generate_course' && t.document === 'llm-inspect.pdf' && t.usage,
            ) ?? null
          );
        },
        60_000,
      );
      assert.ok(task.usage!.calls >= 1 && task.usage!.inputTokens > 0, JSON.stringify(task.usage));
      const { workers } = await takeSnapshot(client);
      const lines = inspectLines('active', workers);
      assert.ok(
        lines.some((l) => l.includes('llm-inspect.pdf') && /LLM \d+ calls, [\d.]+k? tokens, \$/.test(l)),
        lines.join('\n'),
      );
      assert.equal((await waitForFinished(client, id, 60_000)).state, 'completed');
    } finally {
      await client.close();
    }
  });

  test('SIGTERM while the model is answering: the LLM job goes back to the queue, another worker finishes it once', async () => {
    fake.setScript(() => ({ delayMs: 4000 }));
    const { client } = openTestClient(prefix);
    try {
      const file = await upload('llm-stop');
      const { id } = await enqueuePdf(client, file);
      await waitFor(
        'the LLM stage to start',
        async () => {
          const view = await getJobView(client, id);
          return view?.state === 'active' && view.stage === 'course' ? view : null;
        },
        60_000,
      );
      worker.proc.kill('SIGTERM');
      const exit = await worker.exited;
      assert.equal(exit.code, 0, 'the worker exits 0 after its grace period');
      const llmJob = await getJobView(client, llmJobIdOf(file.sha256));
      assert.equal(llmJob?.state, 'waiting', `released, not failed or lost: ${JSON.stringify(llmJob)}`);
      assert.equal(
        (await getJobView(client, id))?.state,
        'active',
        'the user still sees one job in progress',
      );
      fake.setScript(() => ({}));
      second = spawnWorker({ ...env, WORKER_NUM: '2' });
      await second.waitForLine(/ ready\.$/, 60_000);
      const done = await waitForFinished(client, id, 60_000);
      assert.equal(done.state, 'completed', done.error ?? '');
      const { documentId } = done.result as { documentId: string };
      await withDatabase(async (db) => {
        const { rows } = await db.query<{ n: number }>(
          'select count(*)::int as n from courses where document_id = $1',
          [documentId],
        );
        assert.equal(rows[0]?.n, 1, 'exactly one course');
      });
    } finally {
      await client.close();
    }
  });
});
