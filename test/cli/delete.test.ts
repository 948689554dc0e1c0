/**
 * `profai courses delete` and `profai audit` on the embedded database (pgvector in PGlite, the documents folder):
 * without --yes and without a terminal it refuses, a prefix is refused, the exact id deletes everything of the
 * course (rows, vectors, kept PDF), a second delete says it is not found, and the trail shows who deleted it.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { countRows, openDatabase } from '../../src/store/index.ts';
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
