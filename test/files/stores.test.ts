/**
 * The file store contract, one suite run on both adapters: a local folder, and S3 (a real s3rver the test
 * starts). Whatever the backend, a write is whole or nothing, `adopt` never replaces a file that is there, a
 * missing file is null (not an error), and touching moves a file's time.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config.ts';
import { ProfaiError, unreachableDependency } from '../../src/domain/errors.ts';
import { FileMissingError } from '../../src/files/errors.ts';
import { openStorage, type Storage } from '../../src/files/index.ts';
import { tempDir } from '../support/databases.ts';
import { type S3Server, startS3 } from '../support/s3.ts';

const tmp = tempDir('profai-files-');
let s3: S3Server;
before(async () => {
  s3 = await startS3();
  Object.assign(process.env, s3.awsEnv);
});
after(async () => {
  await s3?.remove();
  tmp.remove();
});

const bytes = (n: number) => randomBytes(n);
const text = async (stream: Readable | null) => {
  assert.ok(stream);
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(c as Buffer);
  return Buffer.concat(parts);
};
const keysOf = async (storage: Storage, which: 'uploads' | 'documents') => {
  const keys: string[] = [];
  for await (const f of storage[which].list()) keys.push(f.key);
  return keys.sort();
};

const backends: [string, () => Promise<Storage>][] = [
  [
    'folder',
    () =>
      openStorage(
        loadConfig({
          UPLOAD_DIR: join(tmp.dir, 'up'),
          DOCUMENTS_DIR: join(tmp.dir, 'docs'),
          PROFAI_DATA_DIR: tmp.dir,
        }),
      ),
  ],
  ['s3', () => openStorage(loadConfig(s3.env(`run-${randomBytes(3).toString('hex')}`)))],
];

for (const [name, open] of backends) {
  describe(`file store: ${name}`, () => {
    let storage: Storage;
    before(async () => {
      storage = await open();
    });
    after(() => storage.close());

    test('a streamed write reads back whole, by range, and by stat; a second write replaces it', async () => {
      const data = bytes(PART + 123_457);
      const info = await storage.uploads.write(
        'a.pdf',
        Readable.from([data.subarray(0, 1000), data.subarray(1000)]),
      );
      assert.equal(info.sizeBytes, data.length);
      assert.deepEqual(Buffer.from((await storage.uploads.read('a.pdf'))!), data);
      assert.deepEqual(
        await text(await storage.uploads.stream('a.pdf', { start: 10, end: 19 })),
        data.subarray(10, 20),
      );
      assert.equal((await storage.uploads.stat('a.pdf'))?.sizeBytes, data.length);
      await storage.uploads.write('a.pdf', Buffer.from('%PDF-short'));
      assert.equal(Buffer.from((await storage.uploads.read('a.pdf'))!).toString(), '%PDF-short');
      assert.deepEqual(await keysOf(storage, 'uploads'), ['a.pdf'], 'no temporary file is left');
      await storage.uploads.remove('a.pdf');
    });

    test('a missing file is null everywhere, and removing it is fine', async () => {
      assert.equal(await storage.uploads.read('none.pdf'), null);
      assert.equal(await storage.uploads.stream('none.pdf'), null);
      assert.equal(await storage.uploads.stat('none.pdf'), null);
      assert.equal(await storage.uploads.touch('none.pdf'), false);
      await storage.uploads.remove('none.pdf');
    });

    test('touch moves the time a file was last used', async () => {
      const before = await storage.uploads.write('t.pdf', Buffer.from('%PDF-t'));
      await sleep(1100);
      assert.equal(await storage.uploads.touch('t.pdf'), true);
      const after = await storage.uploads.stat('t.pdf');
      assert.ok(after!.mtimeMs >= before.mtimeMs + 1000, `${after!.mtimeMs} after ${before.mtimeMs}`);
      assert.equal(Buffer.from((await storage.uploads.read('t.pdf'))!).toString(), '%PDF-t', 'content kept');
      await storage.uploads.remove('t.pdf');
    });

    test('adopt puts a file in another store once: never over a file that is there, touching it if asked', async () => {
      await storage.uploads.write('k.pdf', Buffer.from('%PDF-first'));
      assert.equal((await storage.documents.adopt(storage.uploads, 'k.pdf', 'k.pdf')).created, true);
      assert.equal(await storage.uploads.stat('k.pdf'), null, 'the source is removed');
      await storage.uploads.write('k.pdf', Buffer.from('%PDF-second'));
      const kept = await storage.documents.stat('k.pdf');
      await sleep(1100);
      const again = await storage.documents.adopt(storage.uploads, 'k.pdf', 'k.pdf', { touchExisting: true });
      assert.equal(again.created, false);
      assert.ok(again.mtimeMs > kept!.mtimeMs, 'touched');
      assert.equal(
        Buffer.from((await storage.documents.read('k.pdf'))!).toString(),
        '%PDF-first',
        'not replaced',
      );
      // Its source gone (another job adopted it): fine while the target exists, an error when it does not.
      assert.equal((await storage.documents.adopt(storage.uploads, 'k.pdf', 'k.pdf')).created, false);
      await assert.rejects(storage.documents.adopt(storage.uploads, 'k.pdf', 'other.pdf'), FileMissingError);
      await storage.uploads.write('keep.pdf', Buffer.from('%PDF-keep'));
      await storage.documents.adopt(storage.uploads, 'keep.pdf', 'keep.pdf', { keepSource: true });
      assert.ok(await storage.uploads.stat('keep.pdf'), 'KEEP_UPLOADS keeps the source');
      await storage.uploads.adopt(storage.uploads, 'keep.pdf', 'renamed.pdf');
      assert.deepEqual(
        await keysOf(storage, 'uploads'),
        ['renamed.pdf'],
        'adopt within one store is a rename',
      );
      for (const k of ['renamed.pdf']) await storage.uploads.remove(k);
      for (const k of ['k.pdf', 'keep.pdf']) await storage.documents.remove(k);
    });

    test('a write aborted, or whose source fails, leaves nothing and says why', async () => {
      const hangUp = new AbortController();
      const slow = new Readable({ read() {} });
      slow.push(bytes(PART + 10));
      const writing = storage.uploads.write('.upload-aborted.part', slow, hangUp.signal);
      await sleep(200);
      hangUp.abort(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      await assert.rejects(writing, (err: Error) => err.message.includes('aborted'));
      const failing = new Readable({ read() {} });
      failing.push(bytes(1000));
      setTimeout(() => failing.destroy(new Error('not a PDF')), 100);
      await assert.rejects(storage.uploads.write('.upload-failed.part', failing), /not a PDF/);
      await sleep(200);
      assert.deepEqual(await keysOf(storage, 'uploads'), []);
    });

    test('keys are single names, never paths', async () => {
      for (const key of ['../x.pdf', 'a/b.pdf', '', '..', '.hidden'])
        await assert.rejects(storage.uploads.write(key, Buffer.from('x')), /not a file key/);
    });

    test('ping answers while the backend is there', async () => {
      await storage.uploads.ping();
      await storage.documents.ping();
    });
  });
}

/** The smallest multipart upload part: files above it are written in parts. */
const PART = 5 * 1024 * 1024;

describe('file store: s3 unreachable', () => {
  test('a store that does not answer is an outage of `storage`, not a failure of the work', async () => {
    const down = await startS3();
    // The SDK takes its endpoint from the environment, as ProfAI's users configure it.
    Object.assign(process.env, down.awsEnv);
    const storage = await openStorage(loadConfig(down.env('gone')));
    try {
      await storage.uploads.ping();
      await down.stop();
      for (const call of [
        () => storage.uploads.write('x.pdf', Buffer.from('%PDF-x')),
        () => storage.uploads.read('x.pdf'),
        () => storage.uploads.ping(),
      ]) {
        const err = await call().then(
          () => null,
          (e: unknown) => e,
        );
        assert.ok(err instanceof ProfaiError, `${call}: ${err}`);
        assert.equal(unreachableDependency(err), 'storage');
        assert.equal(err.permanent, false);
        assert.match(err.message, /storage unreachable: s3:\/\/profai-test\/gone\/(uploads)\/: ECONNREFUSED/);
      }
    } finally {
      Object.assign(process.env, s3.awsEnv);
      await storage.close();
      await down.remove();
    }
  });

  test('a bucket that does not exist is named', async () => {
    const storage = await openStorage(loadConfig({ ...s3.env('x'), STORAGE_URL: 's3://no-such-bucket/x' }));
    try {
      await assert.rejects(storage.uploads.ping(), /bucket no-such-bucket does not exist/);
    } finally {
      await storage.close();
    }
  });
});

test('a missing folder lists empty; its free space is that of its volume', async () => {
  const storage = await openStorage(
    loadConfig({ UPLOAD_DIR: join(tmp.dir, 'never'), PROFAI_DATA_DIR: tmp.dir }),
  );
  assert.deepEqual(await keysOf(storage, 'uploads'), []);
  assert.equal(typeof (await storage.uploads.freeBytes()), 'number');
  assert.deepEqual(readdirSync(join(tmp.dir, 'never')), []);
});
