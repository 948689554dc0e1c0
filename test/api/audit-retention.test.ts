/**
 * Audit retention on real PostgreSQL: the API removes the trail's rows older than AUDIT_RETENTION_DAYS when it
 * is ready (and every hour), keeps the younger ones, and keeps everything with 0; the store removes old rows in
 * batches until none is left, on PostgreSQL and on PGlite (which `profai up` serves to its API).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deleteAuditBefore, insertAudit } from '../../src/store/index.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { openTestDatabase, type TestDatabase } from '../support/databases.ts';
import { pollUntil, sleep } from '../support/wait.ts';

const DAY_MS = 86_400_000;

describe('audit retention', { timeout: 60_000 }, () => {
  let fx: ApiFixture;
  before(async () => {
    fx = await startApiFixture();
  });
  after(async () => {
    await fx?.stop();
  });

  /** Replaces the trail with one row per age in days (`target_id` = the age), as written that long ago. */
  async function trailAged(days: readonly number[]) {
    await fx.deps.db.query('DELETE FROM audit_log');
    for (const age of days) {
      await insertAudit(fx.deps.db, {
        actor: { id: 'u1', name: 'ana', role: 'teacher' },
        action: 'export',
        targetKind: 'course',
        targetId: String(age),
      });
      await fx.deps.db.query(
        `UPDATE audit_log SET at = now() - make_interval(days => $1) WHERE target_id = $2`,
        [age, String(age)],
      );
    }
  }
  const ages = async () =>
    (
      await fx.deps.db.query<{ target_id: string }>('SELECT target_id FROM audit_log ORDER BY at DESC')
    ).rows.map((r) => Number(r.target_id));

  test('the API removes the rows older than AUDIT_RETENTION_DAYS when it starts, keeps the younger', async () => {
    await trailAged([0, 10, 29, 31, 400, 800]);
    const app = await fx.variant({ auditRetentionDays: 30 });
    await app.ready();
    const left = await pollUntil(
      'the sweep',
      async () => {
        const now = await ages();
        return now.length < 6 ? now : null;
      },
      20_000,
    );
    assert.deepEqual(left, [0, 10, 29]);
  });

  test('AUDIT_RETENTION_DAYS=0 keeps the trail forever', async () => {
    await trailAged([0, 400, 4000]);
    const app = await fx.variant({ auditRetentionDays: 0 });
    await app.ready();
    await sleep(500);
    assert.deepEqual(await ages(), [0, 400, 4000]);
  });
});

for (const kind of ['pglite', 'postgres'] as const)
  describe(`deleteAuditBefore on ${kind}`, { timeout: 60_000 }, () => {
    let opened: TestDatabase;
    before(async () => {
      opened = await openTestDatabase(kind);
    });
    after(async () => {
      await opened?.dispose();
    });

    test('old rows go a batch at a time until none is left; younger ones stay', async () => {
      const { db } = opened;
      for (const age of [1, 40, 41, 42, 43, 44]) {
        await insertAudit(db, {
          actor: { id: 'u1', name: 'ana', role: 'teacher' },
          action: 'export',
          targetKind: 'course',
          targetId: String(age),
        });
        await db.query('UPDATE audit_log SET at = now() - make_interval(days => $1) WHERE target_id = $2', [
          age,
          String(age),
        ]);
      }
      const cutoff = new Date(Date.now() - 30 * DAY_MS);
      assert.equal(await deleteAuditBefore(db, cutoff, { batch: 2 }), 5);
      const { rows } = await db.query<{ target_id: string }>('SELECT target_id FROM audit_log');
      assert.deepEqual(
        rows.map((r) => r.target_id),
        ['1'],
      );
      assert.equal(await deleteAuditBefore(db, cutoff), 0, 'idempotent');
    });
  });
