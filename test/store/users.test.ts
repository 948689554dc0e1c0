/**
 * Users, keys and who owns which course, on both databases (PGlite and PostgreSQL): keys found by their hash,
 * revoked and rotated at once, names unique among active users (any case); a course's owners by the SHA-256 of
 * its PDF, shares, a list for one user, and `giveCourses` for the courses nobody owns.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  addUploadOwner,
  addUser,
  countActiveUsers,
  courseGrant,
  findUserByKey,
  giveCourses,
  listCourses,
  listUsers,
  quizGrant,
  revokeUser,
  rotateKey,
  saveProcessedDocument,
  shareCourse,
} from '../../src/store/index.ts';
import { eachBackend } from '../support/databases.ts';
import { makeDocument } from '../support/store-fixtures.ts';

eachBackend((db) => {
  test('keys: stored as a hash, found by the key, rotated and revoked at once; names unique in any case', async () => {
    const { user, key } = await addUser(db(), 'Ana', 'teacher');
    assert.match(key, /^profai_[A-Za-z0-9_-]{43}$/);
    const { rows } = await db().query<{ key_hash: string }>('SELECT key_hash FROM users');
    assert.ok(!JSON.stringify(rows).includes(key), 'the key itself is not stored');
    assert.equal((await findUserByKey(db(), key))?.id, user.id);
    assert.equal(await findUserByKey(db(), `${key}x`), null);
    await assert.rejects(addUser(db(), 'ana', 'admin'), /a user named ana exists already/);
    await assert.rejects(addUser(db(), 'bo b', 'teacher'), /user name "bo b"/);
    await assert.rejects(
      addUser(db(), 'bob', 'root'),
      /role "root": expected one of teacher, operator, admin/,
    );
    const rotated = await rotateKey(db(), 'ANA');
    assert.equal(await findUserByKey(db(), key), null, 'the old key stops');
    assert.equal((await findUserByKey(db(), rotated.key))?.name, 'Ana');
    assert.equal(await countActiveUsers(db()), 1);
    await revokeUser(db(), 'ana');
    assert.equal(await findUserByKey(db(), rotated.key), null);
    assert.equal(await countActiveUsers(db()), 0);
    assert.deepEqual(
      (await listUsers(db(), { revoked: true })).map((u) => u.name),
      ['Ana'],
    );
    // A revoked name can be used again.
    assert.equal((await addUser(db(), 'ana', 'operator')).user.role, 'operator');
  });

  test('courses: owners by content, shares, one list per user, the unowned given away', async () => {
    const mine = await saveProcessedDocument(db(), makeDocument({ title: 'Mine' }));
    const theirs = await saveProcessedDocument(db(), makeDocument({ title: 'Theirs' }));
    const old = await saveProcessedDocument(db(), makeDocument({ title: 'Old' }));
    const sha = async (courseId: string) =>
      (
        await db().query<{ sha256: string }>(
          'SELECT d.sha256 FROM courses c JOIN documents d ON d.id = c.document_id WHERE c.id = $1',
          [courseId],
        )
      ).rows[0]!.sha256;
    await addUploadOwner(db(), await sha(mine.courseId), 'u1');
    await addUploadOwner(db(), await sha(mine.courseId), 'u1');
    await addUploadOwner(db(), await sha(theirs.courseId), 'u2');
    await addUploadOwner(db(), await sha(old.courseId), 'admin');
    await shareCourse(db(), theirs.courseId, 'u1', 'read', 'u2');
    assert.deepEqual(await courseGrant(db(), mine.courseId.slice(0, 6), 'u1'), {
      courseId: mine.courseId,
      access: 'owner',
    });
    assert.deepEqual(await courseGrant(db(), theirs.courseId, 'u1'), {
      courseId: theirs.courseId,
      access: 'read',
    });
    assert.deepEqual(await courseGrant(db(), mine.courseId, 'u2'), { courseId: mine.courseId, access: null });
    assert.deepEqual(await quizGrant(db(), mine.quizId, 'u2'), { courseId: mine.courseId, access: null });
    const listed = await listCourses(db(), { visibleTo: 'u1' });
    assert.deepEqual(
      listed.map((c) => [c.title, c.access]),
      [
        ['Theirs', 'read'],
        ['Mine', 'owner'],
      ],
    );
    // Owned by nobody but the API_KEY admin: given away by `profai users own NAME --unowned`.
    assert.deepEqual(await giveCourses(db(), 'u3', 'unowned'), [old.courseId]);
    assert.deepEqual(await giveCourses(db(), 'u3', 'unowned'), []);
    assert.deepEqual(await giveCourses(db(), 'u3', [mine.courseId]), [mine.courseId]);
    await assert.rejects(giveCourses(db(), 'u3', ['cffffffffff']), /course cffffffffff not found/);
  });
});
