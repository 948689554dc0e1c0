/**
 * Audit retention on real PostgreSQL: the API removes the trail's rows older than AUDIT_RETENTION_DAYS when it
 * is ready (and every hour), keeps the younger ones, and keeps everything with 0; the store removes old rows in
 * batches until none is left.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deleteAuditBefore, insertAudit } from '../../src/store/index.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
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

  test('the store removes old rows a batch at a time until none is left', async () => {
    await trailAged([1, 40, 41, 42, 43, 44]);
    assert.equal(await deleteAuditBefore(fx.deps.db, new Date(Date.now() - 30 * DAY_MS), { batch: 2 }), 5);
    assert.deepEqual(await ages(), [1]);
    assert.equal(await deleteAuditBefore(fx.deps.db, new Date(Date.now() - 30 * DAY_MS)), 0, 'idempotent');
  });
});
