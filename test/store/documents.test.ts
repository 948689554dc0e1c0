import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COPY_ROWS } from '../../src/store/copy-binary.ts';
import {
  countRows,
  courseIdFor,
  documentExists,
  documentInventory,
  findDocumentBySha,
  loadChunks,
  saveProcessedDocument,
} from '../../src/store/index.ts';
import { SQL_BATCH } from '../../src/store/sql.ts';
import { eachBackend } from '../support/databases.ts';
import { makeDocument, makeQuiz } from '../support/store-fixtures.ts';

eachBackend((db) => {
  test('saves a document with all its rows, in one call', async () => {
    const before = await countRows(db());
    const doc = makeDocument({ chunks: 5 });
    const ids = await saveProcessedDocument(db(), doc);
    assert.deepEqual(ids.documentId, doc.documentId);
    assert.equal(ids.courseId, courseIdFor(doc.documentId));
    assert.equal(ids.created, true);
    const after = await countRows(db());
    assert.equal(after.documents! - before.documents!, 1);
    assert.equal(after.sections! - before.sections!, 2);
    assert.equal(after.chunks! - before.chunks!, 5);
    assert.equal(after.modules! - before.modules!, 2);
    assert.equal(after.lessons! - before.lessons!, 4);
    assert.equal(after.quizzes! - before.quizzes!, 1);
    assert.equal(after.questions! - before.questions!, 3);
  });

  test('the inventory lists each document with its chunk ids and the embedding space it was saved with', async () => {
    const withSpace = makeDocument({ chunks: 3 });
    const without = makeDocument({ chunks: 2 });
    await saveProcessedDocument(db(), withSpace, { name: 'hash-ngram-v1', dimension: 96 });
    await saveProcessedDocument(db(), without);
    const inventory = await documentInventory(db());
    const of = (id: string) => inventory.find((d) => d.documentId === id);
    assert.deepEqual(of(withSpace.documentId), {
      documentId: withSpace.documentId,
      fileName: withSpace.fileName,
      space: { name: 'hash-ngram-v1', dimension: 96 },
      chunkIds: withSpace.chunks.map((c) => c.id).sort(),
    });
    assert.equal(of(without.documentId)?.space, null, 'no space given: none recorded');
    assert.equal(of(without.documentId)?.chunkIds.length, 2);
    assert.equal(await documentExists(db(), withSpace.documentId), true);
    assert.equal(await documentExists(db(), 'ffffffffffffffff'), false);
  });

  test('the document keeps the language its text was told to be in (NULL for documents from before)', async () => {
    const german = { ...makeDocument(), language: 'de' as const };
    const older = makeDocument();
    await saveProcessedDocument(db(), german);
    await saveProcessedDocument(db(), older);
    const { rows } = await db().query<{ id: string; language: string | null }>(
      'SELECT id, language FROM documents WHERE id = ANY($1::text[])',
      [[german.documentId, older.documentId]],
    );
    const byId = new Map(rows.map((r) => [r.id, r.language]));
    assert.equal(byId.get(german.documentId), 'de');
    assert.equal(byId.get(older.documentId), null);
  });

  test('a second save of the same sha256 writes nothing and returns the stored ids', async () => {
    const doc = makeDocument();
    const first = await saveProcessedDocument(db(), doc);
    const before = await countRows(db());
    const again = await saveProcessedDocument(db(), { ...doc, quiz: makeQuiz(99), title: 'Changed' });
    assert.deepEqual(again, { ...first, created: false });
    assert.deepEqual(await countRows(db()), before);
  });

  test('two concurrent saves of one document store it once', async () => {
    const doc = makeDocument({ chunks: 50 });
    const before = await countRows(db());
    const results = await Promise.all([saveProcessedDocument(db(), doc), saveProcessedDocument(db(), doc)]);
    assert.deepEqual(results.map((r) => r.created).sort(), [false, true]);
    assert.deepEqual(results[0]!.courseId, results[1]!.courseId);
    assert.equal(results[0]!.quizId, results[1]!.quizId);
    const after = await countRows(db());
    assert.equal(after.documents! - before.documents!, 1);
    assert.equal(after.chunks! - before.chunks!, 50);
  });

  test('a failure in the last insert leaves no row of the document', async () => {
    const doc = makeDocument();
    const broken = structuredClone(doc);
    // A fractional page fails the questions insert, the last statement of the transaction.
    (broken.quiz.questions[0] as { sourcePage: number }).sourcePage = 1.5;
    const before = await countRows(db());
    await assert.rejects(saveProcessedDocument(db(), broken));
    assert.deepEqual(await countRows(db()), before);
    assert.equal(await findDocumentBySha(db(), doc.sha256), null);
    const ids = await saveProcessedDocument(db(), doc);
    assert.equal(ids.created, true, 'the rolled-back document can be saved afterwards');
  });

  test('findDocumentBySha finds the document and its course', async () => {
    const doc = makeDocument();
    assert.equal(await findDocumentBySha(db(), doc.sha256), null);
    const ids = await saveProcessedDocument(db(), doc);
    assert.deepEqual(await findDocumentBySha(db(), doc.sha256.toUpperCase()), {
      documentId: ids.documentId,
      courseId: ids.courseId,
    });
  });

  test('loadChunks returns the chunks in order, as saved (more than one insert statement of them)', async () => {
    const doc = makeDocument({ chunks: Math.max(SQL_BATCH, COPY_ROWS) * 2 + 5 });
    doc.chunks = [...doc.chunks].reverse();
    await saveProcessedDocument(db(), doc);
    const chunks = await loadChunks(db(), doc.documentId);
    assert.deepEqual(
      chunks,
      [...doc.chunks].sort((a, b) => a.index - b.index),
    );
    assert.deepEqual(await loadChunks(db(), 'ffffffffffffffff'), []);
  });

  test('chunk text and section paths keep quotes, backslashes, tabs and every script', async () => {
    const doc = makeDocument({ chunks: 1 });
    const text = 'Größe "quoted" back\\slash\ttab, 数据 🙂\nnext line';
    const sectionPath = ['Chapter "1" \\ Über', '数据 › 🙂'];
    doc.chunks = [{ ...doc.chunks[0]!, text, sectionPath }];
    await saveProcessedDocument(db(), doc);
    const [chunk] = await loadChunks(db(), doc.documentId);
    assert.equal(chunk?.text, text);
    assert.deepEqual(chunk?.sectionPath, sectionPath);
  });

  test('text with NUL characters is stored without them', async () => {
    const doc = makeDocument({ chunks: 1 });
    doc.chunks = [{ ...doc.chunks[0]!, text: 'before\u0000after' }];
    await saveProcessedDocument(db(), doc);
    const [chunk] = await loadChunks(db(), doc.documentId);
    assert.equal(chunk?.text, 'beforeafter');
  });
});
