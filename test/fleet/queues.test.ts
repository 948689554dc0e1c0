/** The producer API on the real Redis: job ids, de-duplication, views, lists and counts. */
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { UnrecoverableError, Worker } from 'bullmq';
import { enqueueTask, getJobView, listJobs, queueCounts } from '../../src/fleet/queues.ts';
import { queueRedis } from '../../src/fleet/redis.ts';
import { enqueuePdf, enqueueQuiz } from '../../src/tasks/client.ts';
import { openTestClient, randomPrefix, waitForFinished } from '../support/workers.ts';

const pdf = (sha: string) => ({ path: `/uploads/${sha}.pdf`, fileName: 'book.pdf', sha256: sha });
const SHA = 'ab'.repeat(32);

describe('queues', () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  after(cleanup);

  test('the same PDF while queued is one job', async () => {
    const first = await enqueuePdf(client, pdf(SHA));
    const again = await enqueuePdf(client, pdf(SHA));
    assert.equal(first.id, `pdf-${SHA.slice(0, 16)}`);
    assert.deepEqual(again, { id: first.id, existing: true });
    assert.equal(first.existing, false);
    const view = await getJobView(client, first.id);
    assert.equal(view?.state, 'waiting');
    assert.equal(view?.file, 'book.pdf');
    assert.equal(view?.worker, null);
    assert.equal(view?.progress, 0);
  });

  test('a failed PDF job is replaced by a fresh one', async () => {
    const sha = 'cd'.repeat(32);
    const { id } = await enqueuePdf(client, pdf(sha));
    const connection = queueRedis(client.settings.redisUrl);
    const worker = new Worker(
      'pdf_processing',
      async () => {
        throw new UnrecoverableError('corrupt PDF: test');
      },
      { connection, prefix },
    );
    try {
      const failed = await waitForFinished(client, id);
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error, 'corrupt PDF: test');
    } finally {
      await worker.close();
      await connection.quit();
    }
    const again = await enqueuePdf(client, pdf(sha));
    assert.deepEqual(again, { id, existing: false });
    assert.equal((await getJobView(client, id))?.state, 'waiting');
  });

  test('made-up job ids are no job, and open no queue of their own', async () => {
    for (const id of ['-x', 'nosuchqueue-1', 'a:b-c', `${'q'.repeat(150)}-1`])
      assert.equal(await getJobView(client, id), null, id);
    assert.deepEqual(
      client.queueNames().filter((name) => /nosuch|^a:b|^q{150}|^$/.test(name)),
      [],
    );
  });

  test('quiz ids follow the request', async () => {
    const a = await enqueueQuiz(client, { courseId: 'c1', questions: 5, seed: 1 });
    const b = await enqueueQuiz(client, { courseId: 'c1', questions: 5, seed: 1 });
    const c = await enqueueQuiz(client, { courseId: 'c1', questions: 5, seed: 2 });
    assert.match(a.id, /^quiz-[0-9a-f]{16}$/);
    assert.equal(a.id, b.id);
    assert.notEqual(a.id, c.id);
  });

  test('unknown ids are null; lists and counts see the jobs', async () => {
    assert.equal(await getJobView(client, 'pdf-doesnotexist'), null);
    assert.equal(await getJobView(client, 'nosuchqueue-1'), null);
    await enqueueTask(client, 'test.noop', {});
    const waiting = await listJobs(client, { state: 'waiting' });
    assert.ok(waiting.length >= 3);
    assert.ok(waiting.every((j) => j.state === 'waiting'));
    const counts = await queueCounts(client);
    // The failing worker of the previous test also took the first PDF (queued before, FIFO).
    assert.equal(counts.pdf_processing?.waiting, 1);
    assert.equal(counts.pdf_processing?.failed, 1);
    assert.equal(counts.quiz_generation?.waiting, 2);
    assert.equal(counts.test?.waiting, 1);
    assert.equal((await listJobs(client, { limit: 2 })).length, 2);
  });
});
