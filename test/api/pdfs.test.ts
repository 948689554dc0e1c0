import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getJobView } from '../../src/fleet/queues.ts';
import { queueOf } from '../../src/fleet/registry.ts';
import { saveProcessedDocument } from '../../src/store/index.ts';
import { PDF_TASK } from '../../src/tasks/names.ts';
import { assertError, fixtureDocument, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, keysUnder, startApiFixture } from '../support/api-fixture.ts';

const sha256 = async (b: Buffer) =>
  (await import('node:crypto')).createHash('sha256').update(b).digest('hex');

describe('POST /api/pdfs', () => {
  let fx: ApiFixture;
  let pdfA: Buffer;
  let pdfB: Buffer;

  before(async () => {
    fx = await startApiFixture();
    [pdfA, pdfB] = await Promise.all([makePdf('alpha'), makePdf('beta')]);
  });
  after(async () => {
    await fx?.stop();
  });

  const upload = (parts: Parameters<typeof multipart>[0]) => {
    const { payload, headers } = multipart(parts);
    return fx.app.inject({ method: 'POST', url: '/api/pdfs', payload, headers });
  };

  test('one file: 202, a waiting job in Redis under QUEUE_PREFIX, the file stored as <sha256>.pdf', async () => {
    const res = await upload([{ field: 'file', filename: 'alpha.pdf', content: pdfA }]);
    assert.equal(res.statusCode, 202, res.body);
    const { jobs } = res.json();
    assert.equal(jobs.length, 1);
    const [job] = jobs;
    assert.equal(job.file, 'alpha.pdf');
    assert.equal(job.status_url, `/api/jobs/${encodeURIComponent(job.id)}`);
    assert.equal(job.state, 'waiting');

    const view = await getJobView(fx.deps.fleet, job.id);
    assert.equal(view?.task, PDF_TASK);
    assert.equal(view?.state, 'waiting');
    const jobKey = `${fx.config.queuePrefix}:${queueOf(PDF_TASK)}:${job.id}`;
    assert.equal(await fx.redis.exists(jobKey), 1, `no ${jobKey} in Redis`);

    const stored = join(fx.uploadDir, `${await sha256(pdfA)}.pdf`);
    assert.deepEqual(await readFile(stored), pdfA);

    const status = await fx.app.inject({ method: 'GET', url: job.status_url });
    assert.equal(status.statusCode, 200);
    const body = status.json();
    assert.equal(body.id, job.id);
    assert.equal(body.state, 'waiting');
    for (const key of ['stage', 'progress', 'worker', 'timings', 'error', 'result'])
      assert.ok(key in body, key);
  });

  test('two files in different fields: one job per file', async () => {
    const res = await upload([
      { field: 'first', filename: 'a.pdf', content: pdfA },
      { field: 'second', filename: 'b.pdf', content: pdfB },
    ]);
    assert.equal(res.statusCode, 202, res.body);
    const { jobs } = res.json();
    assert.deepEqual(
      jobs.map((j: { file: string }) => j.file),
      ['a.pdf', 'b.pdf'],
    );
    assert.notEqual(jobs[0].id, jobs[1].id);
    for (const j of jobs) assert.equal((await getJobView(fx.deps.fleet, j.id))?.state, 'waiting');
  });

  test('the same file twice gets the same job', async () => {
    const first = (await upload([{ field: 'f', filename: 'x.pdf', content: pdfB }])).json().jobs[0];
    const second = (await upload([{ field: 'f', filename: 'y.pdf', content: pdfB }])).json().jobs[0];
    assert.equal(second.id, first.id);
    assert.equal(second.existing, true);
  });

  test('a file that already has a course returns the course, not a job (200), and its upload is not kept', async () => {
    const pdf = await makePdf('already processed');
    const sha = await sha256(pdf);
    const saved = await saveProcessedDocument(fx.deps.db, fixtureDocument(sha, 'done.pdf'));
    const keysBefore = (await keysUnder(fx.redis, fx.config.queuePrefix)).length;
    const res = await upload([{ field: 'file', filename: 'done.pdf', content: pdf }]);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().jobs, [
      {
        file: 'done.pdf',
        sha256: sha,
        existing: true,
        courseId: saved.courseId,
        course_url: `/api/courses/${saved.courseId}`,
      },
    ]);
    assert.equal((await keysUnder(fx.redis, fx.config.queuePrefix)).length, keysBefore);
    assert.equal(existsSync(join(fx.uploadDir, `${sha}.pdf`)), false, 'the upload of a known PDF is removed');

    const mixed = await upload([
      { field: 'file', filename: 'done.pdf', content: pdf },
      { field: 'file', filename: 'new.pdf', content: await makePdf('mixed') },
    ]);
    assert.equal(mixed.statusCode, 202);
    const [old, fresh] = mixed.json().jobs;
    assert.equal(old.courseId, saved.courseId);
    assert.equal(typeof fresh.id, 'string');
  });

  test('the client file name never becomes a path', async () => {
    const pdf = await makePdf('traversal');
    const res = await upload([{ field: 'file', filename: '../../etc/passwd.pdf', content: pdf }]);
    assert.equal(res.statusCode, 202, res.body);
    const [job] = res.json().jobs;
    assert.equal(job.file, 'passwd.pdf');
    assert.equal((await getJobView(fx.deps.fleet, job.id))?.file, 'passwd.pdf');
    assert.equal(existsSync(join(fx.uploadDir, '../../etc/passwd.pdf')), false);
    const names = await readdir(fx.uploadDir);
    assert.ok(names.includes(`${await sha256(pdf)}.pdf`));
    for (const n of names) assert.match(n, /^[0-9a-f]{64}\.pdf$/);
  });

  test('a non-PDF is 415 not_pdf naming the file, and nothing of the request is queued', async () => {
    const keysBefore = (await keysUnder(fx.redis, fx.config.queuePrefix)).length;
    const res = await upload([
      { field: 'file', filename: 'ok.pdf', content: await makePdf('before the bad one') },
      { field: 'file', filename: 'notes.txt', content: 'just text, not a PDF', contentType: 'text/plain' },
    ]);
    assertError(res, 415, 'not_pdf');
    assert.equal(res.json().message, 'notes.txt: not a PDF');
    assert.equal((await keysUnder(fx.redis, fx.config.queuePrefix)).length, keysBefore);
  });

  test('empty file, no file, no body: 400', async () => {
    assertError(
      await upload([{ field: 'file', filename: 'empty.pdf', content: Buffer.alloc(0) }]),
      400,
      'empty_file',
    );
    assertError(await upload([{ field: 'password', content: 'secret' }]), 400, 'no_file');
    assertError(await fx.app.inject({ method: 'POST', url: '/api/pdfs' }), 400, 'no_file');
  });

  test('a body that is not multipart: 415', async () => {
    assertError(
      await fx.app.inject({ method: 'POST', url: '/api/pdfs', payload: { file: 'x' } }),
      415,
      'unsupported_media_type',
    );
    assertError(
      await fx.app.inject({
        method: 'POST',
        url: '/api/pdfs',
        payload: pdfA,
        headers: { 'content-type': 'application/pdf' },
      }),
      415,
      'unsupported_media_type',
    );
  });

  test('over MAX_UPLOAD_MB: 413, and no partial file is left', async () => {
    const small = await fx.variant({ maxUploadMb: 0.001 });
    const { payload, headers } = multipart([{ field: 'file', filename: 'big.pdf', content: pdfA }]);
    assert.ok(pdfA.length > 1100, 'fixture must be above 1 KB');
    assertError(await small.inject({ method: 'POST', url: '/api/pdfs', payload, headers }), 413, 'too_large');
    assert.deepEqual(
      (await readdir(fx.uploadDir)).filter((n) => n.startsWith('.upload-')),
      [],
    );
  });

  test('over real HTTP with fetch and FormData: 202 with the password passed on, 413 as JSON', async () => {
    const url = await fx.app.listen({ port: 0, host: '127.0.0.1' });
    const form = new FormData();
    form.append('file', new Blob([await makePdf('http')], { type: 'application/pdf' }), 'http.pdf');
    form.append('password', 'unused');
    const signedIn = { authorization: `Bearer ${fx.adminKey}` };
    const res = await fetch(`${url}/api/pdfs`, { method: 'POST', body: form, headers: signedIn });
    assert.equal(res.status, 202);
    const body = (await res.json()) as { jobs: { id: string; file: string }[] };
    assert.equal(body.jobs[0]?.file, 'http.pdf');
    const job = await fx.deps.fleet.queue(queueOf(PDF_TASK)).getJob(body.jobs[0]?.id ?? '');
    assert.equal(job?.data.password, 'unused');
    assert.equal(
      job?.data.path,
      undefined,
      'the job names its upload by content, not by a path on this host',
    );
    assert.ok(existsSync(join(fx.uploadDir, `${job?.data.sha256}.pdf`)));

    const small = await fx.variant({ maxUploadMb: 0.001 });
    const smallUrl = await small.listen({ port: 0, host: '127.0.0.1' });
    const big = new FormData();
    big.append('file', new Blob([pdfA], { type: 'application/pdf' }), 'big.pdf');
    const tooBig = await fetch(`${smallUrl}/api/pdfs`, { method: 'POST', body: big, headers: signedIn });
    assert.equal(tooBig.status, 413);
    assert.equal(((await tooBig.json()) as { error: string }).error, 'too_large');
  });
});
