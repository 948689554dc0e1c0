/**
 * The sweep of the uploads store against real BullMQ jobs on the machine's Redis: an upload stays while its job
 * may run (waiting, delayed) and for KEEP_FAILED_UPLOADS_H after its job ended; then it goes, as do uploads whose
 * job is gone and half-written ones. Files that are not uploads are never touched. In a folder, and in a bucket
 * (s3rver).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { UnrecoverableError, Worker } from 'bullmq';
import { loadConfig } from '../../src/config.ts';
import { FolderStore } from '../../src/files/folder.ts';
import { openStorage } from '../../src/files/index.ts';
import { queueOf } from '../../src/fleet/registry.ts';
import { PDF_TASK, pdfJobIdOf } from '../../src/tasks/names.ts';
import { sweepUploads } from '../../src/tasks/upload-sweep.ts';
import { startS3 } from '../support/s3.ts';
import { openTestClient, randomPrefix, waitFor } from '../support/workers.ts';

const HOUR = 3_600_000;
const sha = (name: string) => createHash('sha256').update(name).digest('hex');

describe('sweepUploads', () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  const queue = client.queue(queueOf(PDF_TASK));
  let dir: string;

  /** An upload named by the hash of `name`, last modified `ageMs` ago. */
  async function upload(name: string, ageMs: number): Promise<string> {
    const file = `${sha(name)}.pdf`;
    await writeFile(join(dir, file), '%PDF-1.4 test');
    const at = new Date(Date.now() - ageMs);
    await utimes(join(dir, file), at, at);
    return file;
  }
  const addJob = (name: string, opts: { delay?: number } = {}) =>
    queue.add(PDF_TASK, { name }, { jobId: pdfJobIdOf(sha(name)), ...opts });

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-sweep-'));
    // Real BullMQ jobs that end: one fails for good, one completes.
    const worker = new Worker(
      queueOf(PDF_TASK),
      async (job) => {
        if ((job.data as { name: string }).name === 'failed') throw new UnrecoverableError('corrupt PDF');
        return {};
      },
      { connection: { host: '127.0.0.1', port: 6379 }, prefix },
    );
    const failed = await addJob('failed');
    const completed = await addJob('completed');
    await waitFor('both jobs to end', async () =>
      (await failed.getState()) === 'failed' && (await completed.getState()) === 'completed' ? true : null,
    );
    await worker.close();
    await addJob('waiting');
    await addJob('delayed', { delay: HOUR });
  });
  after(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  test('keeps what a job may still need; removes what none can', async () => {
    const old = 100 * HOUR;
    const files = {
      waiting: await upload('waiting', old),
      delayed: await upload('delayed', old),
      failed: await upload('failed', old),
      completed: await upload('completed', old),
      orphanOld: await upload('no job, old', old),
      orphanNew: await upload('no job, new', 60_000),
    };
    await writeFile(join(dir, '.upload-1234-abcd.part'), 'half');
    await utimes(join(dir, '.upload-1234-abcd.part'), new Date(Date.now() - old), new Date(Date.now() - old));
    await writeFile(join(dir, 'notes.txt'), 'not an upload');

    // The failed and completed jobs ended a moment ago: within 72 h they keep their uploads.
    const first = await sweepUploads(client, { uploads: new FolderStore(dir), keepMs: 72 * HOUR });
    assert.deepEqual(first.removed.sort(), [files.orphanOld, '.upload-1234-abcd.part'].sort());
    assert.equal(first.kept, 5);

    // Once they ended longer ago than that (here: a keep of 0), they go too; waiting, delayed and fresh stay.
    const second = await sweepUploads(client, { uploads: new FolderStore(dir), keepMs: 0 });
    assert.deepEqual(second.removed.sort(), [files.failed, files.completed].sort());
    assert.deepEqual(
      (await readdir(dir)).sort(),
      [files.waiting, files.delayed, files.orphanNew, 'notes.txt'].sort(),
    );
  });

  test('a file touched a moment ago (a retry) is left, whatever its job', async () => {
    const file = await upload('failed', 0);
    const result = await sweepUploads(client, { uploads: new FolderStore(dir), keepMs: 0 });
    assert.ok(!result.removed.includes(file));
    assert.ok((await readdir(dir)).includes(file));
    const later = await sweepUploads(client, {
      uploads: new FolderStore(dir),
      keepMs: 0,
      now: Date.now() + 11 * 60_000,
    });
    assert.ok(later.removed.includes(file), 'ten minutes later it goes');
  });

  test('in a bucket: the same rules, by the times S3 keeps (a touch included)', async () => {
    const s3 = await startS3();
    Object.assign(process.env, s3.awsEnv);
    const storage = await openStorage(loadConfig(s3.env('sweep')));
    try {
      const put = (key: string) => storage.uploads.write(key, Buffer.from('%PDF-1.4 test'));
      for (const name of ['waiting', 'failed', 'no job']) await put(`${sha(name)}.pdf`);
      await put('.upload-5678-efgh.part');
      const later = Date.now() + 100 * HOUR;
      const result = await sweepUploads(client, { uploads: storage.uploads, keepMs: 72 * HOUR, now: later });
      assert.deepEqual(
        result.removed.sort(),
        [`${sha('failed')}.pdf`, `${sha('no job')}.pdf`, '.upload-5678-efgh.part'].sort(),
      );
      assert.ok(await storage.uploads.stat(`${sha('waiting')}.pdf`), 'a waiting job keeps its upload');
      // A retry touches its upload: ten minutes go by before the sweep may take it.
      await put(`${sha('failed')}.pdf`);
      await storage.uploads.touch(`${sha('failed')}.pdf`);
      const touched = await sweepUploads(client, {
        uploads: storage.uploads,
        keepMs: 0,
        now: Date.now() + 60_000,
      });
      assert.ok(!touched.removed.includes(`${sha('failed')}.pdf`));
    } finally {
      await storage.close();
      await s3.remove();
    }
  });
});
