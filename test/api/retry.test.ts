/**
 * Replaying failed PDF jobs through `POST /api/jobs/:id/retry` and `profai jobs retry`, on real services: the
 * API on PostgreSQL + Redis (api-fixture) and a real worker. An encrypted PDF uploaded without its
 * password fails for good, keeps its upload, and completes when retried with it; a job whose upload was missing
 * when it ran completes once the file is back; the refusals are 404, 409, 410 and 400 with a JSON body.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JobView } from '../../src/fleet/views.ts';
import { getCourse, listAudit } from '../../src/store/index.ts';
import { enqueuePdf, enqueueQuiz } from '../../src/tasks/client.ts';
import type { PdfTaskResult } from '../../src/tasks/names.ts';
import { assertError, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { makeSimplePdf } from '../support/make-pdf.ts';
import { runCli } from '../support/ops.ts';
import { killAll, spawnWorker, type WorkerProcess, waitFor, waitForFinished } from '../support/workers.ts';

const PASSWORD = 'open sesame';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('retrying failed jobs over HTTP and from the CLI', { timeout: 300_000 }, () => {
  let fx: ApiFixture;
  let worker: WorkerProcess;
  let workerEnv: Record<string, string>;

  before(async () => {
    fx = await startApiFixture();
    workerEnv = {
      DATABASE_URL: fx.config.databaseUrl!,
      QUEUE_PREFIX: fx.config.queuePrefix,
      UPLOAD_DIR: fx.uploadDir,
      HEARTBEAT_S: '0.5',
      LOG_LEVEL: 'warn',
      WORKER_NUM: '1',
    };
    worker = spawnWorker(workerEnv);
    await worker.waitForLine(/ ready\.$/, 60_000);
  });
  after(async () => {
    await killAll([worker].filter(Boolean));
    await fx?.stop();
  });

  /** Uploads one PDF and waits until its job is done; returns the finished view. */
  async function uploaded(name: string, bytes: Uint8Array): Promise<JobView> {
    const body = multipart([{ field: 'file', filename: name, content: Buffer.from(bytes) }]);
    const res = await fx.app.inject({ method: 'POST', url: '/api/pdfs', ...body });
    assert.equal(res.statusCode, 202, res.body);
    const [job] = res.json().jobs as { id: string }[];
    return waitForFinished(fx.deps.fleet, job!.id, 60_000);
  }
  const retry = (id: string, payload?: unknown) =>
    fx.app.inject({
      method: 'POST',
      url: `/api/jobs/${encodeURIComponent(id)}/retry`,
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** Lecture notes long enough to make a course (a short text is refused as not enough text). */
  const LOCKED_NOTES = [
    'Photosynthesis is the process by which green plants turn light into chemical energy.',
    'The light reactions take place in the thylakoid membranes of the chloroplast, where water is split.',
    'They release oxygen and store energy in two carrier molecules that the next stage uses.',
    'The Calvin cycle takes place in the stroma and fixes carbon dioxide into three-carbon sugars.',
    'It needs the energy and the electrons that the light reactions have stored.',
    'Chlorophyll absorbs red and blue light best and reflects green light, which is why leaves look green.',
    'The rate of photosynthesis depends on the intensity of light, the amount of carbon dioxide and the temperature.',
    'When one of these factors is scarce, it limits the rate, whatever the other two are.',
    'Farmers raise the carbon dioxide in greenhouses to make their plants grow faster.',
    'Students should be able to describe both stages and explain why each depends on the other.',
    'They should also be able to name the limiting factors and give an example of each one.',
  ].join(' ');

  test('an encrypted PDF that failed for want of its password is retried with it and completes', async () => {
    const bytes = await makeSimplePdf(
      { userPassword: PASSWORD },
      // Enough prose for a course (a few words alone are refused as not enough text).
      LOCKED_NOTES,
    );
    const failed = await uploaded('locked.pdf', bytes);
    assert.equal(failed.state, 'failed');
    assert.equal(failed.error, 'encrypted: a password is required');
    const upload = join(fx.uploadDir, `${sha256(bytes)}.pdf`);
    assert.ok(existsSync(upload), 'the upload of a failed job is kept for a retry');

    const res = await retry(failed.id, { password: PASSWORD });
    assert.equal(res.statusCode, 202, res.body);
    const view = res.json() as JobView;
    assert.equal(view.id, failed.id);
    assert.ok(['waiting', 'active'].includes(view.state), view.state);
    assert.equal(view.attempts, 0, 'fresh attempts');

    const done = await waitForFinished(fx.deps.fleet, failed.id, 60_000);
    assert.equal(done.state, 'completed', done.error ?? '');
    const { courseId } = done.result as PdfTaskResult;
    assert.equal((await getCourse(fx.deps.db, courseId))?.fileName, 'locked.pdf');
    assert.equal(existsSync(upload), false, 'its upload goes once the course exists');
    const data = JSON.parse(
      (await fx.redis.hget(`${fx.config.queuePrefix}:pdf_processing:${failed.id}`, 'data'))!,
    );
    assert.equal('password' in data, false, 'the password leaves the record again');

    assertError(await retry(failed.id), 409, 'job_not_failed');
    assertError(await retry('pdf-0000000000000000'), 404, 'not_found');
    // The replay is in the audit trail (the refusals are not).
    const replays = (await listAudit(fx.deps.db, new Date(Date.now() - 3_600_000))).filter(
      (r) => r.action === 'replay',
    );
    assert.deepEqual(
      replays.map((r) => [r.targetKind, r.targetId, r.actorId]),
      [['job', failed.id, fx.admin?.id]],
    );
  });

  test('a failed job whose upload is gone answers 410, saying to upload it again', async () => {
    const bytes = await makeSimplePdf(
      { userPassword: PASSWORD },
      'Other locked notes about the carbon cycle.',
    );
    const failed = await uploaded('gone.pdf', bytes);
    assert.equal(failed.state, 'failed');
    await rm(join(fx.uploadDir, `${sha256(bytes)}.pdf`));
    const res = await retry(failed.id, { password: PASSWORD });
    assertError(res, 410, 'upload_gone');
    assert.match(res.json().message, /^gone\.pdf: .*KEEP_FAILED_UPLOADS_H.*upload the file again$/);
    assert.equal((await waitForFinished(fx.deps.fleet, failed.id)).state, 'failed', 'nothing was queued');
  });

  test('a body with unknown fields is a 400; a password for a job that opens no PDF is a 400', async () => {
    const { id } = await enqueueQuiz(fx.deps.fleet, { courseId: 'no-such-course', questions: 3, seed: 1 });
    const failed = await waitForFinished(fx.deps.fleet, id, 60_000);
    assert.equal(failed.state, 'failed');
    assertError(await retry(id, { pasword: 'typo' }), 400, 'invalid_request');
    assertError(await retry(id, { password: 'x' }), 400, 'password_not_applicable');
    const res = await retry(id);
    assert.equal(res.statusCode, 202, res.body);
    assert.equal(
      (await waitForFinished(fx.deps.fleet, id, 60_000)).state,
      'failed',
      'it fails again, on its own',
    );
  });

  test('the API sweeps UPLOAD_DIR when it starts: an old upload without a job goes, a failed job keeps its own', async () => {
    const bytes = await makeSimplePdf({ userPassword: PASSWORD }, 'Notes kept for their retry.');
    const failed = await uploaded('kept.pdf', bytes);
    assert.equal(failed.state, 'failed');
    const kept = join(fx.uploadDir, `${sha256(bytes)}.pdf`);
    const stray = join(fx.uploadDir, `${sha256(Buffer.from('no job ever'))}.pdf`);
    await writeFile(stray, '%PDF-1.4 stray');
    const longAgo = new Date(Date.now() - 100 * 3_600_000);
    await Promise.all([utimes(stray, longAgo, longAgo), utimes(kept, longAgo, longAgo)]);
    const app = await fx.variant({});
    await app.ready();
    await waitFor('the stray upload to be swept', async () => (existsSync(stray) ? null : true));
    assert.ok(existsSync(kept), 'its job failed a moment ago: kept for KEEP_FAILED_UPLOADS_H');
  });

  test('a job whose upload was missing when it ran completes once the file is back: profai jobs retry', async () => {
    const bytes = await makePdf('missing at first');
    const sha = sha256(bytes);
    const path = join(fx.uploadDir, `${sha}.pdf`);
    const { id } = await enqueuePdf(fx.deps.fleet, { path, fileName: 'late.pdf', sha256: sha });
    const failed = await waitForFinished(fx.deps.fleet, id, 60_000);
    assert.equal(failed.state, 'failed');
    assert.match(String(failed.error), /^upload not found: /);

    await writeFile(path, bytes);
    const r = await runCli(['jobs', 'retry', id], { ...workerEnv, LOG_LEVEL: 'silent' });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, new RegExp(`^${id}\\s+late\\.pdf\\s+retried\\s`, 'm'));
    const done = await waitForFinished(fx.deps.fleet, id, 60_000);
    assert.equal(done.state, 'completed', done.error ?? '');
    assert.equal(done.attempts, 1);
    assert.ok(await getCourse(fx.deps.db, (done.result as PdfTaskResult).courseId));
  });
});
