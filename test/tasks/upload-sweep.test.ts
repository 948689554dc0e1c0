/**
 * The sweep of UPLOAD_DIR against real BullMQ jobs on the machine's Redis: an upload stays while its job may
 * run (waiting, delayed) and for KEEP_FAILED_UPLOADS_H after its job ended; then it goes, as do uploads whose
 * job is gone and half-written ones. Files that are not uploads are never touched.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { UnrecoverableError, Worker } from 'bullmq';
import { queueOf } from '../../src/fleet/registry.ts';
import { PDF_TASK, pdfJobIdOf } from '../../src/tasks/names.ts';
import { sweepUploads } from '../../src/tasks/upload-sweep.ts';
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
    const first = await sweepUploads(client, { dir, keepMs: 72 * HOUR });
    assert.deepEqual(first.removed.sort(), [files.orphanOld, '.upload-1234-abcd.part'].sort());
    assert.equal(first.kept, 5);

    // Once they ended longer ago than that (here: a keep of 0), they go too; waiting, delayed and fresh stay.
    const second = await sweepUploads(client, { dir, keepMs: 0 });
    assert.deepEqual(second.removed.sort(), [files.failed, files.completed].sort());
    assert.deepEqual(
      (await readdir(dir)).sort(),
      [files.waiting, files.delayed, files.orphanNew, 'notes.txt'].sort(),
    );
  });

  test('a file touched a moment ago (a retry) is left, whatever its job', async () => {
    const file = await upload('failed', 0);
    const result = await sweepUploads(client, { dir, keepMs: 0 });
    assert.ok(!result.removed.includes(file));
    assert.ok((await readdir(dir)).includes(file));
    const later = await sweepUploads(client, { dir, keepMs: 0, now: Date.now() + 11 * 60_000 });
    assert.ok(later.removed.includes(file), 'ten minutes later it goes');
  });
});
