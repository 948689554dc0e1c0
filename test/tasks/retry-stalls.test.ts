/**
 * A retry forgets a job's stalls (BullMQ's `stc`) with its attempts, whichever job it sends back (the job itself,
 * an LLM stage, the PDF job behind a failed LLM stage), and only when it sends one back: a refused retry leaves the
 * job failed with its stalls. Jobs are failed and completed by hand (a worker without a processor) on real Redis.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { queueOf } from '../../src/fleet/registry.ts';
import { redisKeys } from '../../src/redis-keys.ts';
import { UploadGoneError } from '../../src/tasks/errors.ts';
import { LLM_TASK, llmJobIdOf, PDF_TASK, pdfJobIdOf } from '../../src/tasks/names.ts';
import { retryJob } from '../../src/tasks/retry.ts';
import { openTestClient, randomPrefix, testConfig } from '../support/workers.ts';

const settings = { keepFailedUploadsH: 1 };

describe('a retry and the stalls of the job it sends back', { timeout: 60_000 }, () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  after(cleanup);

  /** Adds a job and finishes it by hand: failed, or completed with `result`. */
  async function finished(task: string, id: string, data: object, result?: object): Promise<void> {
    const name = queueOf(task);
    await client.queue(name).add(task, data, { jobId: id, attempts: 1 });
    const connection = new Redis(testConfig(prefix).redisUrl, { maxRetriesPerRequest: null });
    const taker = new Worker(name, null, { connection, prefix: client.settings.queuePrefix });
    try {
      const token = randomUUID();
      const job = await taker.getNextJob(token);
      assert.equal(job?.id, id);
      if (result) await job.moveToCompleted(result, token, false);
      else await job.moveToFailed(new Error('refused by the provider'), token);
    } finally {
      await taker.close();
      await connection.quit();
    }
  }

  const stallsOf = (task: string, id: string) =>
    client.redis.hget(client.queue(queueOf(task)).toKey(id), 'stc');
  const setStalls = (task: string, id: string, n: number) =>
    client.redis.hset(client.queue(queueOf(task)).toKey(id), 'stc', n);

  /** A PDF job whose CPU stage handed its document to an LLM stage that failed. */
  async function failedLlmStage(marker: string, staged: boolean) {
    const sha256 = marker.padEnd(64, '0');
    const pdfId = pdfJobIdOf(sha256);
    const llmId = llmJobIdOf(sha256);
    const documentId = `doc-${marker}`;
    const fileName = `${marker}.pdf`;
    await finished(PDF_TASK, pdfId, { fileName, sha256 }, { next: llmId, documentId });
    await finished(LLM_TASK, llmId, { parentJobId: pdfId, documentId, sha256, fileName });
    if (staged) await client.redis.set(redisKeys.llmStage(client.settings.queuePrefix, documentId), '{}');
    return { pdfId, llmId };
  }

  test('the LLM stage, its document staged, goes back without its stalls', async () => {
    const { pdfId, llmId } = await failedLlmStage('aa', true);
    await setStalls(LLM_TASK, llmId, 2);
    const { retried } = await retryJob(client, pdfId, settings);
    assert.equal(retried, llmId);
    assert.equal(await stallsOf(LLM_TASK, llmId), null);
    await client.queue(queueOf(LLM_TASK)).remove(llmId); // out of the next test's hand-made worker's way
  });

  test('the PDF job behind a failed LLM stage, its document no longer staged, goes back without its stalls', async () => {
    const { pdfId } = await failedLlmStage('bb', false);
    await setStalls(PDF_TASK, pdfId, 2);
    const { retried } = await retryJob(client, pdfId, settings, { hasCourse: async () => true });
    assert.equal(retried, pdfId);
    assert.equal(await stallsOf(PDF_TASK, pdfId), null);
    await client.queue(queueOf(PDF_TASK)).remove(pdfId);
  });

  test('a PDF job refused for its upload gone stays failed with its stalls', async () => {
    const sha256 = 'cc'.padEnd(64, '0');
    const id = pdfJobIdOf(sha256);
    await finished(PDF_TASK, id, { fileName: 'gone.pdf', sha256 });
    await setStalls(PDF_TASK, id, 2);
    await assert.rejects(retryJob(client, id, settings), UploadGoneError);
    assert.equal(await client.queue(queueOf(PDF_TASK)).getJobState(id), 'failed');
    assert.equal(await stallsOf(PDF_TASK, id), '2', 'the refused retry kept the count');
  });
});
