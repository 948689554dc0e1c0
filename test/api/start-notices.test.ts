/**
 * The API's start-up notices (settingsNotices in src/config.ts), from a real `profai api` on PostgreSQL and
 * Redis: a deployment that sets CHROMA_URL but not VECTOR_STORE (its new vectors now go to PostgreSQL, its old
 * ones stay in Chroma) is told once, naming `profai vectors import-chroma`; one that chose its store is not.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { settingsNotices } from '../../src/config.ts';
import { createTestDatabase } from '../support/api.ts';
import { killAll, spawnProfai } from '../support/cli-processes.ts';
import { freePort } from '../support/ops.ts';

const NOTICE = /CHROMA_URL is set but VECTOR_STORE is not: .*`profai vectors import-chroma`/;

describe('notices at the API start', { timeout: 120_000 }, () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let dir: string;
  before(async () => {
    db = await createTestDatabase();
    dir = await mkdtemp(join(tmpdir(), 'profai-notices-'));
  });
  after(async () => {
    await db?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  /** The lines a `profai api` with `env` writes until it listens. */
  async function startLines(env: Record<string, string>): Promise<string[]> {
    const api = spawnProfai(['api'], {
      DATABASE_URL: db.url,
      QUEUE_PREFIX: `profai_notices_${randomBytes(4).toString('hex')}`,
      UPLOAD_DIR: join(dir, 'uploads'),
      DOCUMENTS_DIR: join(dir, 'documents'),
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...env,
    });
    try {
      await api.waitForLine(/^ProfAI API listening on http/);
      return [...api.lines];
    } finally {
      await killAll([api]);
    }
  }

  test('CHROMA_URL without VECTOR_STORE: one warning naming the import command', async () => {
    const lines = await startLines({ CHROMA_URL: 'http://127.0.0.1:1' });
    const notices = lines.filter((l) => NOTICE.test(l));
    assert.equal(notices.length, 1, lines.join('\n'));
    const entry = JSON.parse(notices[0]!) as { level: number; msg: string };
    assert.equal(entry.level, 40, 'logged as a warning');
  });

  test('a store chosen (VECTOR_STORE=postgres beside CHROMA_URL): no warning', async () => {
    const lines = await startLines({ CHROMA_URL: 'http://127.0.0.1:1', VECTOR_STORE: 'postgres' });
    assert.deepEqual(
      lines.filter((l) => /CHROMA_URL/.test(l)),
      [],
    );
  });
});

test('settingsNotices: only CHROMA_URL without VECTOR_STORE calls for a notice', () => {
  assert.equal(settingsNotices({ CHROMA_URL: 'http://chroma:8000' }).length, 1);
  assert.equal(settingsNotices({ CHROMA_URL: 'http://chroma:8000', VECTOR_STORE: '' }).length, 1);
  assert.deepEqual(settingsNotices({ CHROMA_URL: 'http://chroma:8000', VECTOR_STORE: 'chroma' }), []);
  assert.deepEqual(settingsNotices({ VECTOR_STORE: 'postgres' }), []);
  assert.deepEqual(settingsNotices({}), []);
});
