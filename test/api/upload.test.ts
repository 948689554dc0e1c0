import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../../src/api/errors.ts';
import { displayName, looksLikePdf, storeUpload } from '../../src/api/upload.ts';
import { FolderStore } from '../../src/files/folder.ts';
import { makePdf } from '../support/api.ts';

describe('looksLikePdf', () => {
  test('finds %PDF- at the start or within the first KB, not after it', () => {
    assert.equal(looksLikePdf(Buffer.from('%PDF-1.7\n...')), true);
    assert.equal(looksLikePdf(Buffer.concat([Buffer.alloc(500, 32), Buffer.from('%PDF-1.4')])), true);
    assert.equal(looksLikePdf(Buffer.concat([Buffer.alloc(1100, 32), Buffer.from('%PDF-1.4')])), false);
    assert.equal(looksLikePdf(Buffer.from('<html>%PD')), false);
    assert.equal(looksLikePdf(new Uint8Array(0)), false);
  });
});

describe('displayName', () => {
  test('keeps the last path segment only and strips control characters', () => {
    assert.equal(displayName('../../etc/passwd.pdf'), 'passwd.pdf');
    assert.equal(displayName('C:\\Users\\me\\notes.pdf'), 'notes.pdf');
    assert.equal(displayName('a\u0000b\nc.pdf'), 'abc.pdf');
    assert.equal(displayName(''), 'upload.pdf');
    assert.equal(displayName('dir/'), 'upload.pdf');
  });
});

describe('storeUpload', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-upload-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('stores a PDF as <sha256>.pdf and leaves no temporary file', async () => {
    const pdf = await makePdf('store');
    const stored = await storeUpload(Readable.from([pdf]), 'x.pdf', {
      uploads: new FolderStore(dir),
      maxUploadMb: 1,
    });
    assert.match(stored.sha256, /^[0-9a-f]{64}$/);
    assert.equal(stored.key, `${stored.sha256}.pdf`);
    assert.equal(stored.sizeBytes, pdf.length);
    assert.deepEqual(await readFile(join(dir, stored.key)), pdf);
    assert.deepEqual(await readdir(dir), [`${stored.sha256}.pdf`]);
  });

  test('rejects a large non-PDF early with 415 and removes the partial file', async () => {
    const chunks = Array.from({ length: 50 }, () => Buffer.alloc(64 * 1024, 'a'));
    await assert.rejects(
      storeUpload(Readable.from(chunks), 'big.txt', { uploads: new FolderStore(dir), maxUploadMb: 100 }),
      (err: unknown) => err instanceof ApiError && err.statusCode === 415 && err.code === 'not_pdf',
    );
    assert.equal((await readdir(dir)).filter((f) => f.endsWith('.part')).length, 0);
  });

  test('an empty stream is 400 empty_file; a truncated one is 413', async () => {
    await assert.rejects(
      storeUpload(Readable.from([]), 'e.pdf', { uploads: new FolderStore(dir), maxUploadMb: 1 }),
      (err: unknown) => err instanceof ApiError && err.statusCode === 400 && err.code === 'empty_file',
    );
    const truncated = Object.assign(Readable.from([Buffer.from('%PDF-1.4 ...')]), { truncated: true });
    await assert.rejects(
      storeUpload(truncated, 't.pdf', { uploads: new FolderStore(dir), maxUploadMb: 1 }),
      (err: unknown) => err instanceof ApiError && err.statusCode === 413 && err.code === 'too_large',
    );
  });
});
