/**
 * The kept PDFs: an upload is adopted once its course exists (or copied with KEEP_UPLOADS), every write is
 * idempotent, `profai process` writes its bytes, and a PDF that cannot be kept is reported without failing the
 * caller. On folders; the same contract on S3 is the file store suite's (stores.test.ts).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import {
  findDocumentPdf,
  keepDocumentBytes,
  keepUpload,
  keepUploadIfPossible,
} from '../../src/files/documents.ts';
import { documentsDirOf, openStorage } from '../../src/files/index.ts';
import { pdfKey } from '../../src/files/keys.ts';
import { tempDir } from '../support/databases.ts';

const tmp = tempDir('profai-docs-');
after(() => tmp.remove());

const pdf = (marker: string) => Buffer.from(`%PDF-1.4 ${marker}`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Folders `name/uploads` and `name/documents` (unless DOCUMENTS_DIR is given), with `bytes` uploaded. */
async function storageWith(name: string, bytes: Buffer, env: Record<string, string> = {}) {
  const uploads = join(tmp.dir, name, 'uploads');
  mkdirSync(uploads, { recursive: true });
  writeFileSync(join(uploads, `${sha(bytes)}.pdf`), bytes);
  const config = loadConfig({ PROFAI_DATA_DIR: join(tmp.dir, name), UPLOAD_DIR: uploads, ...env });
  return { storage: await openStorage(config), config, upload: join(uploads, `${sha(bytes)}.pdf`) };
}

test('DOCUMENTS_DIR defaults to documents/ in PROFAI_DATA_DIR; names are <sha256>.pdf, nothing else', () => {
  assert.equal(documentsDirOf({ dataDir: '/d', documentsDir: undefined }), '/d/documents');
  assert.equal(documentsDirOf({ dataDir: '/d', documentsDir: '/k' }), '/k');
  assert.equal(pdfKey('AB'.repeat(32)), `${'ab'.repeat(32)}.pdf`);
  assert.throws(() => pdfKey('../../etc/passwd'), /not a SHA-256/);
});

test('an upload moves in; again (another job of the same content) is a no-op that discards the upload', async () => {
  const bytes = pdf('move');
  const { storage, config, upload } = await storageWith('move', bytes);
  await keepUpload(storage, sha(bytes), config);
  const kept = join(tmp.dir, 'move', 'documents', `${sha(bytes)}.pdf`);
  assert.deepEqual(readFileSync(kept), bytes);
  assert.ok(!existsSync(upload), 'moved, not copied');
  writeFileSync(upload, bytes);
  await keepUpload(storage, sha(bytes), config);
  assert.ok(!existsSync(upload));
  await keepUpload(storage, sha(bytes), config); // the upload is gone already: fine
  assert.deepEqual(
    readdirSync(join(tmp.dir, 'move', 'documents')),
    [`${sha(bytes)}.pdf`],
    'no temporary left',
  );
  assert.equal((await findDocumentPdf(storage, sha(bytes)))?.sizeBytes, bytes.length);
});

test('KEEP_UPLOADS copies; profai process writes its bytes once', async () => {
  const bytes = pdf('copy');
  const { storage, config, upload } = await storageWith('copy', bytes, { KEEP_UPLOADS: 'true' });
  await keepUpload(storage, sha(bytes), config);
  assert.ok(existsSync(upload), 'the upload stays');
  assert.ok(existsSync(join(tmp.dir, 'copy', 'documents', `${sha(bytes)}.pdf`)));
  const other = pdf('bytes');
  await keepDocumentBytes(storage, other, sha(other));
  const first = await findDocumentPdf(storage, sha(other));
  await keepDocumentBytes(storage, other, sha(other));
  assert.deepEqual(await findDocumentPdf(storage, sha(other)), first, 'not written again');
  assert.deepEqual(readFileSync(join(tmp.dir, 'copy', 'documents', `${sha(other)}.pdf`)), other);
  assert.equal(await findDocumentPdf(storage, sha(pdf('never'))), null);
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
  const { storage, config, upload } = await storageWith('blocked-src', bytes, {
    DOCUMENTS_DIR: join(tmp.dir, 'blocked', 'documents'),
  });
  const warnings: string[] = [];
  await keepUploadIfPossible(storage, sha(bytes), config, (m) => warnings.push(m));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /was not kept in .*blocked\/documents: /);
  assert.ok(existsSync(upload), 'the upload stays for the operator');
});
