import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCourse, listCourses, saveProcessedDocument } from '../../src/store/index.ts';
import { eachBackend } from '../support/databases.ts';
import { makeDocument } from '../support/store-fixtures.ts';

eachBackend((db) => {
  test('listCourses: newest first, with module and lesson counts, paged', async () => {
    const saved = [];
    for (const title of ['First', 'Second', 'Third']) {
      saved.push(await saveProcessedDocument(db(), makeDocument({ title })));
      await new Promise((r) => setTimeout(r, 5)); // distinct created_at
    }
    const all = await listCourses(db());
    assert.deepEqual(
      all.map((c) => c.title),
      ['Third', 'Second', 'First'],
    );
    const third = all[0]!;
    assert.equal(third.id, saved[2]!.courseId);
    assert.equal(third.documentId, saved[2]!.documentId);
    assert.equal(third.fileName, 'intro.pdf');
    assert.equal(third.pageCount, 2);
    assert.equal(third.modules, 2);
    assert.equal(third.lessons, 4);
    assert.ok(!Number.isNaN(Date.parse(third.createdAt)));
    const page = await listCourses(db(), { limit: 1, offset: 1 });
    assert.deepEqual(
      page.map((c) => c.title),
      ['Second'],
    );
  });

  test('getCourse by course id, document id and unambiguous prefix', async () => {
    const doc = makeDocument({ title: 'Lookup' });
    const ids = await saveProcessedDocument(db(), doc);
    const byId = await getCourse(db(), ids.courseId);
    assert.ok(byId);
    assert.equal(byId.title, 'Lookup');
    assert.deepEqual(byId.course, doc.course);
    assert.deepEqual(byId.quizIds, [ids.quizId]);
    assert.equal(byId.modules, 2);
    assert.equal((await getCourse(db(), ids.documentId))?.id, ids.courseId);
    assert.equal((await getCourse(db(), ids.documentId.slice(0, 10)))?.id, ids.courseId);
    assert.equal(await getCourse(db(), 'nope'), null);
    assert.equal(await getCourse(db(), "x' OR '1'='1"), null);
  });

  test('getCourse refuses an ambiguous prefix', async () => {
    // Two documents whose ids share their first 5 hex digits cannot be told apart by those 5.
    const a = makeDocument();
    const b = makeDocument();
    const shared = 'abcde';
    for (const d of [a, b]) {
      d.documentId = shared + d.documentId.slice(shared.length);
      d.sha256 = d.documentId + d.sha256.slice(16);
      d.chunks = d.chunks.map((c) => ({ ...c, id: `${d.documentId}:${c.index}`, documentId: d.documentId }));
      await saveProcessedDocument(db(), d);
    }
    assert.equal(await getCourse(db(), shared), null);
    assert.equal((await getCourse(db(), a.documentId))?.documentId, a.documentId);
  });
});
