/**
 * `profai process` with LLM_BASE_URL (and EMBEDDINGS_*) set: no server but the model's, course and quiz from the
 * model, vectors from the embeddings API, a failing provider reported on one line or replaced by the offline
 * generator with LLM_FALLBACK=offline. Against the fake OpenAI server, so the CLI runs as a real child process.
 */
import assert from 'node:assert/strict';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import { runCli } from '../support/ops.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
let dir: string;
let fake: FakeOpenAI;

/** `profai ARGS` on a data folder of the test's, with the fake model configured. */
function profai(args: string[], env: Record<string, string>) {
  return runCli(args, {
    PROFAI_DATA_DIR: join(dir, 'data'),
    LLM_BASE_URL: fake.url,
    LLM_MODEL: 'fake-model',
    LLM_MAX_RETRIES: '1',
    LLM_RETRY_BASE_MS: '20',
    ...env,
  });
}

describe('profai process with a model', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-cli-llm-'));
    fake = await startFakeOpenAI();
    await copyFile(join(ROOT, 'examples', 'sample.pdf'), join(dir, 'sample.pdf'));
  });
  after(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('course and quiz come from the model, vectors from the embeddings API, passages cited', async () => {
    const out = await profai(['process', join(dir, 'sample.pdf'), '--json', '--out', join(dir, 'out')], {
      EMBEDDINGS_BASE_URL: fake.url,
      EMBEDDINGS_MODEL: 'fake-embed',
    });
    assert.equal(out.code, 0, out.stderr);
    const [result] = JSON.parse(out.stdout) as Record<string, unknown>[];
    assert.equal(result!.created, true);
    assert.ok((result!.questions as number) > 0);
    const written = JSON.parse(await readFile(join(result!.outDir as string, 'course.json'), 'utf8'));
    assert.equal(written.course.generator.name, 'openai-compatible:fake-model');
    assert.equal(written.quiz.generator.name, 'openai-compatible:fake-model');
    assert.ok(fake.chats().length >= 3, 'lessons, modules, course and quiz calls');
    const embedded = fake.requests.filter((r) => r.path.endsWith('/embeddings'));
    assert.ok(embedded.length >= 2, 'the chunks, then the quiz topics for retrieval');
    for (const q of written.quiz.questions) assert.ok(q.chunkId, 'every question cites its chunk');
  });

  test('a provider that keeps failing: one line naming the file; LLM_FALLBACK=offline makes the course anyway', async () => {
    fake.setScript(() => ({ status: 500, json: { error: { message: 'boom' } } }));
    await copyFile(join(ROOT, 'examples', 'sample.pdf'), join(dir, 'again.pdf'));
    // Same bytes as sample.pdf, already stored: a fresh data dir so that the model is asked again.
    const env = { PROFAI_DATA_DIR: join(dir, 'data-2') };
    const failed = await profai(['process', join(dir, 'again.pdf')], env);
    assert.equal(failed.code, 1);
    const lines = failed.stderr.trim().split('\n');
    assert.equal(lines.length, 1, failed.stderr);
    assert.match(lines[0]!, /again\.pdf: LLM provider: HTTP 500: boom/);

    const fallback = await profai(['process', join(dir, 'again.pdf'), '--json'], {
      ...env,
      LLM_FALLBACK: 'offline',
    });
    assert.equal(fallback.code, 0, fallback.stderr);
    assert.match(fallback.stderr, /again\.pdf: warning: LLM .* failed; using the offline generator/);
    const [result] = JSON.parse(fallback.stdout) as Record<string, unknown>[];
    assert.equal(result!.created, true);
  });
});
