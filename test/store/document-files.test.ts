/**
 * The kept PDFs of DOCUMENTS_DIR: an upload moves in (or is copied with KEEP_UPLOADS), every write is idempotent,
 * `profai process` writes its bytes, and a PDF that cannot be kept is reported without failing the caller.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  documentPdfPath,
  documentsDirOf,
  findDocumentPdf,
  keepDocumentBytes,
  keepUploadAsDocument,
  keepUploadIfPossible,
} from '../../src/store/document-files.ts';
import { tempDir } from '../support/databases.ts';

const tmp = tempDir('profai-docs-');
after(() => tmp.remove());

const pdf = (marker: string) => Buffer.from(`%PDF-1.4 ${marker}`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function upload(name: string, bytes: Buffer): string {
  const dir = join(tmp.dir, name, 'uploads');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${sha(bytes)}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

test('DOCUMENTS_DIR defaults to documents/ in PROFAI_DATA_DIR; names are <sha256>.pdf, nothing else', () => {
  assert.equal(documentsDirOf({ dataDir: '/d', documentsDir: undefined }), '/d/documents');
  assert.equal(documentsDirOf({ dataDir: '/d', documentsDir: '/k' }), '/k');
  assert.equal(documentPdfPath('/k', 'AB'.repeat(32)), `/k/${'ab'.repeat(32)}.pdf`);
  assert.throws(() => documentPdfPath('/k', '../../etc/passwd'), /not a SHA-256/);
});

test('an upload moves in; again (another job of the same content) is a no-op that discards the upload', async () => {
  const bytes = pdf('move');
  const config = { dataDir: join(tmp.dir, 'move'), documentsDir: undefined, keepUploads: false };
  const first = upload('move', bytes);
  const kept = await keepUploadAsDocument(first, sha(bytes), config);
  assert.equal(kept, join(tmp.dir, 'move', 'documents', `${sha(bytes)}.pdf`));
  assert.deepEqual(readFileSync(kept), bytes);
  assert.ok(!existsSync(first), 'moved, not copied');
  const second = upload('move', bytes);
  await keepUploadAsDocument(second, sha(bytes), config);
  assert.ok(!existsSync(second));
  await keepUploadAsDocument(second, sha(bytes), config); // the upload is gone already: fine
  assert.deepEqual(
    readdirSync(join(tmp.dir, 'move', 'documents')),
    [`${sha(bytes)}.pdf`],
    'no temporary left',
  );
  assert.deepEqual(await findDocumentPdf(join(tmp.dir, 'move', 'documents'), sha(bytes)), {
    path: kept,
    sizeBytes: bytes.length,
  });
});

test('KEEP_UPLOADS copies; profai process writes its bytes once', async () => {
  const bytes = pdf('copy');
  const path = upload('copy', bytes);
  const config = { dataDir: tmp.dir, documentsDir: join(tmp.dir, 'copy', 'documents'), keepUploads: true };
  await keepUploadAsDocument(path, sha(bytes), config);
  assert.ok(existsSync(path), 'the upload stays');
  assert.ok(existsSync(join(config.documentsDir, `${sha(bytes)}.pdf`)));
  const other = pdf('bytes');
  const dir = join(tmp.dir, 'bytes');
  const target = await keepDocumentBytes(other, sha(other), dir);
  assert.equal(await keepDocumentBytes(other, sha(other), dir), target);
  assert.deepEqual(readFileSync(target), other);
  assert.equal(await findDocumentPdf(dir, sha(pdf('never'))), null);
});

test('a PDF that cannot be kept is reported, the upload stays, nothing throws', async (t) => {
  if (process.getuid?.() === 0) {
    // root writes anywhere: a file where the folder should be makes mkdir fail instead.
    writeFileSync(join(tmp.dir, 'blocked'), 'a file, not a folder');
  } else {
    mkdirSync(join(tmp.dir, 'blocked'));
    chmodSync(join(tmp.dir, 'blocked'), 0o500);
    t.after(() => chmodSync(join(tmp.dir, 'blocked'), 0o700));
  }
  const bytes = pdf('blocked');
  const path = upload('blocked-src', bytes);
  const warnings: string[] = [];
  const config = {
    dataDir: tmp.dir,
    documentsDir: join(tmp.dir, 'blocked', 'documents'),
    keepUploads: false,
  };
  await keepUploadIfPossible(path, sha(bytes), config, (m) => warnings.push(m));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /was not kept in .*blocked\/documents: /);
  assert.ok(existsSync(path), 'the upload stays for the operator');
});
