/**
 * What the PDF task does with the upload of a job that fails for good: kept for KEEP_FAILED_UPLOADS_H (so the
 * job can be retried), removed at once with 0. The task runs in this process on the embedded database.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { TaskContext } from '../../src/fleet/interfaces.ts';
import { createPdfTask } from '../../src/tasks/pdf.ts';
import { type LazyStorage, storageFor } from '../../src/tasks/storage.ts';
import { tempDir } from '../support/databases.ts';
import { makeSimplePdf } from '../support/make-pdf.ts';

const dir = tempDir('profai-failed-uploads-');
let storage: LazyStorage;
const silent = { error() {}, warn() {}, info() {}, debug() {}, child: () => silent };
const ctx: TaskContext = {
  jobId: 'pdf-test',
  attempt: 1,
  log: silent,
  signal: new AbortController().signal,
  progress() {},
};

before(() => {
  storage = storageFor(loadConfig({ PROFAI_DATA_DIR: join(dir.dir, 'data') }));
});
after(async () => {
  await storage.close();
  dir.remove();
});

/** Runs the PDF task on an encrypted PDF without its password (a permanent failure); true when its upload stays. */
async function uploadKeptAfterFailure(keepFailedUploadsH: string, marker: string): Promise<boolean> {
  const config = loadConfig({
    PROFAI_DATA_DIR: join(dir.dir, 'data'),
    UPLOAD_DIR: dir.dir,
    KEEP_FAILED_UPLOADS_H: keepFailedUploadsH,
  });
  const bytes = await makeSimplePdf({ userPassword: 'secret' }, `Locked ${marker}.`);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = join(dir.dir, `${sha256}.pdf`);
  await writeFile(path, bytes);
  const task = createPdfTask(config, storage);
  await assert.rejects(task.handler({ path, fileName: 'locked.pdf', sha256 }, ctx), {
    code: 'encrypted',
    permanent: true,
  });
  return existsSync(path);
}

test('the upload of a job that failed for good is kept for KEEP_FAILED_UPLOADS_H (default 72)', async () => {
  assert.equal(loadConfig({}).keepFailedUploadsH, 72);
  assert.equal(await uploadKeptAfterFailure('72', 'kept'), true);
});

test('KEEP_FAILED_UPLOADS_H=0 removes it at once, as before', async () => {
  assert.equal(await uploadKeptAfterFailure('0', 'removed'), false);
});
