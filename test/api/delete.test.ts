/**
 * Deleting a course on real services (PostgreSQL, Chroma, Redis, the upload and documents folders, a real
 * worker): after `DELETE /api/courses/:id`, a pg_dump of the database, the vector store, the folders and Redis hold
 * none of the course's ids nor a run of its PDF's bytes; a second delete is 404; a deletion interrupted after its
 * transaction (a crash) is finished by the next one; a course whose document another course uses keeps it.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { JobView } from '../../src/fleet/views.ts';
import { deleteCourseRows, erasedLabel, listAudit } from '../../src/store/index.ts';
import { jobIdsOfContent } from '../../src/tasks/forget-jobs.ts';
import type { PdfTaskResult } from '../../src/tasks/names.ts';
import { assertError, distinctiveRun, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, keysUnder, startApiFixture } from '../support/api-fixture.ts';
import { killAll, spawnWorker, type WorkerProcess, waitForFinished } from '../support/workers.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every file under `dir` (recursively), with its bytes. */
async function filesUnder(dir: string): Promise<{ path: string; bytes: Buffer }[]> {
  const out: { path: string; bytes: Buffer }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => [])) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    out.push({ path, bytes: await readFile(path) });
  }
  return out;
}

describe('deleting a course', { timeout: 300_000 }, () => {
  let fx: ApiFixture;
  let worker: WorkerProcess;

  before(async () => {
    fx = await startApiFixture({ vectorStore: 'chroma' });
    worker = spawnWorker({
      DATABASE_URL: fx.config.databaseUrl!,
      VECTOR_STORE: 'chroma',
      CHROMA_URL: fx.config.chromaUrl!,
      QUEUE_PREFIX: fx.config.queuePrefix,
      UPLOAD_DIR: fx.uploadDir,
      DOCUMENTS_DIR: fx.config.documentsDir!,
      HEARTBEAT_S: '0.5',
      LOG_LEVEL: 'warn',
      WORKER_NUM: '1',
    });
    await worker.waitForLine(/ ready\.$/, 60_000);
  });
  after(async () => {
    await killAll([worker].filter(Boolean));
    await fx?.stop();
  });

  /** Uploads a PDF, waits for its course, asks for a second quiz, edits and exports: every kind of record. */
  async function courseWithEverything(marker: string) {
    const pdf = await makePdf(marker);
    const body = multipart([{ field: 'file', filename: `${marker}.pdf`, content: pdf }]);
    const res = await fx.app.inject({ method: 'POST', url: '/api/pdfs', ...body });
    assert.equal(res.statusCode, 202, res.body);
    const [job] = res.json().jobs as { id: string }[];
    const done: JobView = await waitForFinished(fx.deps.fleet, job!.id, 90_000);
    assert.equal(done.state, 'completed', done.error ?? '');
    const result = done.result as PdfTaskResult;
    const quizJob = await fx.app.inject({
      method: 'POST',
      url: `/api/courses/${result.courseId}/quizzes`,
      payload: { questions: 3, seed: 7 },
    });
    assert.equal(quizJob.statusCode, 202, quizJob.body);
    const quizDone = await waitForFinished(fx.deps.fleet, quizJob.json().id, 60_000);
    assert.equal(quizDone.state, 'completed', quizDone.error ?? '');
    const quizId = (quizDone.result as { quizId: string }).quizId;
    const edit = await fx.app.inject({
      method: 'PATCH',
      url: `/api/quizzes/${quizId}`,
      payload: { reviewed: true },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const exported = await fx.app.inject(`/api/courses/${result.courseId}/export?format=md`);
    assert.equal(exported.statusCode, 200);
    const sha = sha256(pdf);
    const kept = await readFile(join(fx.config.documentsDir!, `${sha}.pdf`));
    assert.deepEqual(kept, pdf, 'the PDF is kept before the delete');
    const run = distinctiveRun(pdf, await makePdf(`not ${marker}`));
    return {
      marker,
      pdf,
      sha,
      run,
      courseId: result.courseId,
      documentId: result.documentId,
      quizIds: [result.quizId, quizId],
      jobIds: [job!.id, quizJob.json().id as string],
    };
  }

  type Made = Awaited<ReturnType<typeof courseWithEverything>>;

  /** The ids of a course as strings to look for, and the run of its PDF's bytes. */
  function needles(made: Made): string[] {
    return [made.courseId, made.documentId, made.sha, ...made.quizIds, ...made.jobIds];
  }

  async function assertNothingLeft(made: Made): Promise<void> {
    const dump = execFileSync('pg_dump', ['--data-only', fx.config.databaseUrl!], { maxBuffer: 256 << 20 });
    for (const id of needles(made)) assert.equal(dump.includes(id), false, `the database dump holds ${id}`);
    assert.equal(dump.includes(made.run), false, 'the database dump holds bytes of the PDF');
    // The document's text, too (chunks, course bodies): the marker is on its first page.
    assert.equal(dump.includes(made.marker), false, 'the database dump holds the text of the PDF');

    for (const space of await fx.deps.vectors.spaces()) {
      assert.equal(await fx.deps.vectors.count(space, made.documentId), 0, `vectors of ${space.name}`);
      assert.deepEqual(await fx.deps.vectors.chunkIds(space, made.documentId), []);
      const counts = await fx.deps.vectors.documentCounts(space);
      assert.equal(counts.has(made.documentId), false);
    }

    for (const dir of [fx.uploadDir, fx.config.documentsDir!])
      for (const file of await filesUnder(dir)) {
        assert.equal(file.bytes.includes(made.run), false, `${file.path} holds bytes of the PDF`);
        for (const id of needles(made))
          assert.equal(file.path.includes(id), false, `${file.path} names ${id}`);
      }

    const keys = await keysUnder(fx.redis, fx.config.queuePrefix);
    for (const key of keys)
      for (const id of needles(made)) assert.equal(key.includes(id), false, `Redis key ${key}`);
    for (const id of made.jobIds)
      assert.equal(await fx.app.inject(`/api/jobs/${id}`).then((r) => r.statusCode), 404);
  }

  test('DELETE /api/courses/:id leaves nothing of the course anywhere; again: 404', async () => {
    const made = await courseWithEverything('delete me');
    const other = await courseWithEverything('keep me');

    const res = await fx.app.inject({ method: 'DELETE', url: `/api/courses/${made.courseId}` });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal(res.body, '');
    await assertNothingLeft(made);
    assertError(
      await fx.app.inject({ method: 'DELETE', url: `/api/courses/${made.courseId}` }),
      404,
      'not_found',
    );
    assertError(await fx.app.inject(`/api/courses/${made.courseId}`), 404, 'not_found');

    // The other course is whole.
    assert.equal((await fx.app.inject(`/api/courses/${other.courseId}`)).statusCode, 200);
    assert.deepEqual(await readFile(join(fx.config.documentsDir!, `${other.sha}.pdf`)), other.pdf);
    const [space] = await fx.deps.vectors.spaces();
    assert.ok((await fx.deps.vectors.count(space!, other.documentId)) > 0);

    // The trail keeps who did what, without the deleted course's ids.
    const trail = await listAudit(fx.deps.db, new Date(Date.now() - 3_600_000));
    const actions = trail.map((r) => r.action);
    for (const a of ['upload', 'edit', 'export', 'delete'])
      assert.ok(actions.includes(a), `${a} in ${actions}`);
    const deleted = trail.find((r) => r.action === 'delete')!;
    assert.match(deleted.targetId, /^erased-[0-9a-f]{12}$/);
    assert.deepEqual([deleted.actorId, deleted.actorName], [fx.admin!.id, 'fixture-admin']);
    assert.ok(trail.some((r) => r.courseId === other.courseId && r.action === 'export'));
  });

  test('a deletion cut short after its transaction (a crash) is finished by the next delete', async () => {
    const made = await courseWithEverything('crash between');
    // The database part alone, as a process killed right after the commit leaves it.
    const gone = await deleteCourseRows(fx.deps.db, made.courseId, { jobIdsOf: jobIdsOfContent });
    assert.equal(gone?.scope, 'document');
    assert.ok((await readdir(fx.config.documentsDir!)).includes(`${made.sha}.pdf`), 'the PDF is still there');
    const pending = await fx.deps.db.query('SELECT 1 FROM pending_deletions');
    assert.equal(pending.rows.length, 1);

    const retry = await fx.app.inject({ method: 'DELETE', url: `/api/courses/${made.courseId}` });
    assert.equal(retry.statusCode, 204, retry.body);
    await assertNothingLeft(made);
    assertError(
      await fx.app.inject({ method: 'DELETE', url: `/api/courses/${made.courseId}` }),
      404,
      'not_found',
    );
  });

  test('a delete during a vector store outage: 503 and nothing half gone for good; after it, the retry finishes', async () => {
    const made = await courseWithEverything('outage between');
    await fx.chroma!.halt();
    try {
      const res = await fx.app.inject({ method: 'DELETE', url: `/api/courses/${made.courseId}` });
      assert.equal(res.statusCode, 503, res.body);
      assert.equal(res.json().error, 'dependency_unavailable');
      assert.ok(res.headers['retry-after']);
    } finally {
      await fx.chroma!.restart();
    }
    // The rows went (one transaction); what is outside waits in the pending row for the retry.
    assertError(await fx.app.inject(`/api/courses/${made.courseId}`), 404, 'not_found');
    assert.ok((await readdir(fx.config.documentsDir!)).includes(`${made.sha}.pdf`));
    const retry = await fx.app.inject({ method: 'DELETE', url: `/api/courses/${made.courseId}` });
    assert.equal(retry.statusCode, 204, retry.body);
    await assertNothingLeft(made);
    // The delete is in the trail once: written with the rows, not again by the retry that finished it.
    const deletes = (await listAudit(fx.deps.db, new Date(Date.now() - 3_600_000))).filter(
      (r) => r.action === 'delete' && r.targetId === erasedLabel(made.courseId),
    );
    assert.equal(deletes.length, 1);
  });

  test('an id prefix is not enough to delete', async () => {
    const res = await fx.app.inject('/api/courses');
    const [course] = res.json().courses as { id: string }[];
    assert.ok(course);
    assertError(
      await fx.app.inject({ method: 'DELETE', url: `/api/courses/${course.id.slice(0, 6)}` }),
      404,
      'not_found',
    );
    assert.equal((await fx.app.inject(`/api/courses/${course.id}`)).statusCode, 200);
  });
});
