/**
 * `profai courses delete` and `profai audit` on the embedded database (pgvector in PGlite, the documents folder):
 * without --yes and without a terminal it refuses, a prefix is refused, the exact id deletes everything of the
 * course (rows, vectors, kept PDF), a second delete says it is not found, and the trail shows who deleted it.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { countRows, listAudit, openDatabase, saveProcessedDocument } from '../../src/store/index.ts';
import { createTestDatabase, fixtureDocument } from '../support/api.ts';
import { REDIS_URL } from '../support/api-fixture.ts';
import { type ChromaServer, startChroma } from '../support/chroma.ts';
import { SAMPLE_PDF } from '../support/cli-processes.ts';
import { tempDir } from '../support/databases.ts';
import { runCli } from '../support/ops.ts';

describe('profai courses delete, profai audit', { timeout: 180_000 }, () => {
  const tmp = tempDir('profai-delete-');
  const data = join(tmp.dir, 'data');
  // No Redis here: a laptop without the fleet.
  const env = { PROFAI_DATA_DIR: data, LOG_LEVEL: 'silent', REDIS_URL: 'redis://127.0.0.1:1' };
  let courseId = '';

  before(async () => {
    const res = await runCli(['process', SAMPLE_PDF, '--json'], env);
    assert.equal(res.code, 0, res.stderr);
    courseId = JSON.parse(res.stdout)[0].courseId;
  });
  after(() => tmp.remove());

  test('refuses without --yes off a terminal, and a prefix', async () => {
    const noYes = await runCli(['courses', 'delete', courseId], env);
    assert.equal(noYes.code, 1);
    assert.equal(
      noYes.stderr.trim(),
      'profai: not deleting without --yes: stdin is not a terminal to ask on',
    );
    const prefix = await runCli(['courses', 'delete', courseId.slice(0, 6), '--yes'], env);
    assert.equal(prefix.code, 1);
    assert.match(
      prefix.stderr.trim(),
      /^profai: \w+ is only a prefix of course \w+: give the whole id to delete it$/,
    );
    assert.equal(readdirSync(join(data, 'documents')).length, 1, 'nothing deleted yet');
  });

  test('--yes deletes the course, its vectors and kept PDF; again: not found; the trail says who', async () => {
    const res = await runCli(['courses', 'delete', courseId, '--yes'], env);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, new RegExp(`^Deleted course ${courseId}, its document, vectors and PDF\\.`));
    assert.deepEqual(readdirSync(join(data, 'documents')), []);
    const list = await runCli(['courses', '--json'], env);
    assert.deepEqual(JSON.parse(list.stdout), []);
    const db = await openDatabase({ dataDir: data, databaseUrl: undefined });
    try {
      const rows = await countRows(db);
      assert.ok('chunk_vectors' in rows, 'the embedded database keeps vectors (pgvector)');
      for (const [table, n] of Object.entries(rows)) assert.equal(n, 0, `${table} is empty`);
      const left = await db.query('SELECT 1 FROM pending_deletions');
      assert.equal(left.rows.length, 0);
    } finally {
      await db.close();
    }

    const again = await runCli(['courses', 'delete', courseId, '--yes'], env);
    assert.equal(again.code, 1);
    assert.equal(again.stderr.trim(), `profai: course ${courseId} not found`);

    const audit = await runCli(['audit', '--since', '1h', '--json'], env);
    assert.equal(audit.code, 0, audit.stderr);
    const records = JSON.parse(audit.stdout) as { action: string; actorId: string; targetId: string }[];
    assert.equal(records.length, 1);
    assert.equal(records[0]!.action, 'delete');
    assert.equal(records[0]!.actorId, 'cli');
    assert.match(records[0]!.targetId, /^erased-[0-9a-f]{12}$/);
    const table = await runCli(['audit'], env);
    assert.match(table.stdout, /delete\s+course erased-/);
    const bad = await runCli(['audit', '--since', 'yesterday'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /expected an age such as 30m, 12h, 1d, 2w, or an ISO date/);
  });
});

describe('profai courses delete against a fleet whose Redis does not answer', { timeout: 180_000 }, () => {
  let pg: Awaited<ReturnType<typeof createTestDatabase>>;
  let chroma: ChromaServer;
  const tmp = tempDir('profai-delete-fleet-');
  before(async () => {
    [pg, chroma] = await Promise.all([createTestDatabase(), startChroma()]);
  });
  after(async () => {
    await chroma?.stop();
    await pg?.drop();
    tmp.remove();
  });

  test('the rows go, the deletion stays pending and says so (exit 1); once Redis answers, a rerun finishes it', async () => {
    const env = {
      DATABASE_URL: pg.url,
      CHROMA_URL: chroma.url,
      DOCUMENTS_DIR: join(tmp.dir, 'documents'),
      UPLOAD_DIR: join(tmp.dir, 'uploads'),
      LOG_LEVEL: 'silent',
      QUEUE_PREFIX: `profai_cli_delete_${Date.now()}`,
    };
    const db = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
    try {
      const saved = await saveProcessedDocument(
        db,
        fixtureDocument(createHash('sha256').update('fleet').digest('hex'), 'f.pdf'),
      );
      const down = await runCli(['courses', 'delete', saved.courseId, '--yes'], {
        ...env,
        REDIS_URL: 'redis://127.0.0.1:1',
      });
      assert.equal(down.code, 1);
      assert.match(
        down.stderr.trim(),
        /^profai: redis unreachable: ECONNREFUSED: the course's rows, vectors and PDF are gone, the records of its jobs are not; run this again once Redis answers$/,
      );
      assert.equal((await db.query('SELECT 1 FROM pending_deletions')).rows.length, 1);
      const again = await runCli(['courses', 'delete', saved.courseId, '--yes'], {
        ...env,
        REDIS_URL: REDIS_URL,
      });
      assert.equal(again.code, 0, again.stderr);
      assert.equal(
        again.stdout.trim(),
        `Finished deleting course ${saved.courseId} (an earlier delete was cut short).`,
      );
      assert.equal((await db.query('SELECT 1 FROM pending_deletions')).rows.length, 0);
      const trail = await listAudit(db, new Date(0));
      assert.deepEqual(
        trail.map((r) => [r.action, r.actorId]),
        [['delete', 'cli']],
      );
    } finally {
      await db.close();
    }
  });
});
