/**
 * The database part of deleting a course (src/store/deletions.ts) on real PostgreSQL: every row of the course and
 * its document in one transaction, its ids erased from the audit trail, a pending row for what is left outside; and,
 * where uploads have owners (issue #25's `upload_owners`, created here as its migration does), a teacher's delete of
 * an upload another user owns too removes only that teacher's ownership.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import {
  countRows,
  type Database,
  deleteCourseRows,
  erasedLabel,
  forgetJobOwners,
  insertAudit,
  listAudit,
  openDatabase,
  pendingDeletions,
  saveProcessedDocument,
} from '../../src/store/index.ts';
import { createTestDatabase, fixtureDocument } from '../support/api.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const actor = { id: 'u1', name: 'Ada', role: 'teacher' };

describe('deleting a course: the database part', () => {
  let pg: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  before(async () => {
    pg = await createTestDatabase();
    db = await openDatabase({ databaseUrl: pg.url, dataDir: '' });
  });
  after(async () => {
    await db?.close();
    await pg?.drop();
  });

  test('every row goes in one transaction; the trail keeps who and when, not the ids; a pending row remains', async () => {
    const saved = await saveProcessedDocument(db, fixtureDocument(sha('one'), 'one.pdf'));
    const kept = await saveProcessedDocument(db, fixtureDocument(sha('two'), 'two.pdf'));
    const before = await countRows(db);
    await insertAudit(db, {
      actor,
      action: 'upload',
      targetKind: 'pdf',
      targetId: sha('one'),
      courseId: saved.courseId,
      detail: { file: 'one.pdf' },
    });
    await insertAudit(db, {
      actor,
      action: 'export',
      targetKind: 'course',
      targetId: kept.courseId,
      courseId: kept.courseId,
    });

    const gone = await deleteCourseRows(db, saved.courseId, { jobIdsOf: (s) => [`pdf-${s.slice(0, 16)}`] });
    assert.equal(gone?.scope, 'document');
    const afterRows = await countRows(db);
    for (const table of [
      'documents',
      'courses',
      'quizzes',
      'chunks',
      'sections',
      'modules',
      'lessons',
      'questions',
    ])
      assert.equal(afterRows[table], before[table]! / 2, table);
    // Until its vectors and files are gone (the workflow's part), the pending row alone names the course.
    const dump = execFileSync('pg_dump', ['--data-only', pg.url])
      .toString()
      .replace(/COPY public\.pending_deletions [\s\S]*?\n\\\.\n/, '');
    assert.ok(dump.includes('COPY public.quizzes'));
    for (const id of [saved.courseId, saved.documentId, saved.quizId, `pdf-${sha('one').slice(0, 16)}`])
      assert.equal(dump.includes(id), false, `${id} outside the pending row`);
    assert.ok(dump.includes(kept.courseId), 'the other course is whole');
    const [upload] = (await listAudit(db, new Date(0))).filter((r) => r.action === 'upload');
    assert.deepEqual(
      [upload?.targetId, upload?.courseId, upload?.detail, upload?.actorName],
      [erasedLabel(saved.courseId), null, null, 'Ada'],
    );
    assert.deepEqual(
      (await pendingDeletions(db, saved.courseId)).map((p) => p.documentId),
      [saved.documentId],
    );
    assert.equal(await deleteCourseRows(db, saved.courseId), null, 'gone');
  });

  test("a teacher's delete of an upload others own too takes only their ownership; the last owner's takes all", async () => {
    // The table issue #25's ownership adds (migrations/051_upload_owners.sql there).
    await db.query(`CREATE TABLE IF NOT EXISTS upload_owners (sha256 text NOT NULL, user_id text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (sha256, user_id))`);
    const shared = await saveProcessedDocument(db, fixtureDocument(sha('shared'), 'shared.pdf'));
    await db.query(`INSERT INTO upload_owners (sha256, user_id) VALUES ($1, 'u1'), ($1, 'u2')`, [
      sha('shared'),
    ]);

    const first = await deleteCourseRows(db, shared.courseId, { ownerId: 'u1' });
    assert.equal(first?.scope, 'released');
    const owners = await db.query<{ user_id: string }>(
      'SELECT user_id FROM upload_owners WHERE sha256 = $1',
      [sha('shared')],
    );
    assert.deepEqual(
      owners.rows.map((r) => r.user_id),
      ['u2'],
    );
    assert.equal((await db.query('SELECT 1 FROM courses WHERE id = $1', [shared.courseId])).rows.length, 1);
    assert.deepEqual(await pendingDeletions(db, shared.courseId), []);

    const last = await deleteCourseRows(db, shared.courseId, { ownerId: 'u2' });
    assert.equal(last?.scope, 'document');
    assert.equal(
      (await db.query('SELECT 1 FROM upload_owners WHERE sha256 = $1', [sha('shared')])).rows.length,
      0,
    );
    assert.equal((await db.query('SELECT 1 FROM courses WHERE id = $1', [shared.courseId])).rows.length, 0);
  });

  test("the jobs' owner rows go with the jobs (job_owners, where it exists)", async () => {
    await forgetJobOwners(db, ['quiz-1']); // no table yet: nothing to do
    await db.query(`CREATE TABLE IF NOT EXISTS job_owners (job_id text NOT NULL, user_id text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (job_id, user_id))`);
    await db.query(
      `INSERT INTO job_owners (job_id, user_id) VALUES ('quiz-1', 'u1'), ('quiz-2', 'u1'), ('quiz-1', 'u2')`,
    );
    await forgetJobOwners(db, ['quiz-1']);
    const left = await db.query<{ job_id: string }>('SELECT job_id FROM job_owners');
    assert.deepEqual(
      left.rows.map((r) => r.job_id),
      ['quiz-2'],
    );
  });

  test('the delete is in the trail with the rows; a trail that cannot be written does not stop the delete', async () => {
    const one = await saveProcessedDocument(db, fixtureDocument(sha('trail one'), 'a.pdf'));
    const two = await saveProcessedDocument(db, fixtureDocument(sha('trail two'), 'b.pdf'));
    const who = { actor, ip: '10.0.0.7' };
    await deleteCourseRows(db, one.courseId, { actor: who });
    const [row] = (await listAudit(db, new Date(0))).filter((r) => r.targetId === erasedLabel(one.courseId));
    assert.deepEqual(
      [row?.action, row?.actorName, row?.ip, row?.detail],
      ['delete', 'Ada', '10.0.0.7', { scope: 'document' }],
    );

    // A trail that refuses the row (as a full disk or a broken constraint would), and only the row.
    await db.query(
      `ALTER TABLE audit_log ADD CONSTRAINT refuse_deletes CHECK (action <> 'delete') NOT VALID`,
    );
    try {
      const errors: unknown[] = [];
      const gone = await deleteCourseRows(db, two.courseId, {
        actor: who,
        onAuditError: (e) => errors.push(e),
      });
      assert.equal(gone?.scope, 'document');
      assert.equal(errors.length, 1);
      assert.match(String(errors[0]), /refuse_deletes/);
    } finally {
      await db.query('ALTER TABLE audit_log DROP CONSTRAINT refuse_deletes');
    }
    assert.equal((await db.query('SELECT 1 FROM courses WHERE id = $1', [two.courseId])).rows.length, 0);
  });
});
