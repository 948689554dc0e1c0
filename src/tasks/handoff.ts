/**
 * The hand-off of a PDF job to its LLM stage when courses come from a model (LLM_BASE_URL set). A worker child
 * parses, chunks, embeds and stores the vectors, and returns the staged document (pdf.ts); its
 * supervisor then parks it in Redis (gzipped JSON, with a TTL) and enqueues the LLM stage ({@link LLM_TASK}) on
 * `llm_generation` ({@link handOff}), whose jobs run in the supervisors with async concurrency. The child is
 * then free for the next PDF while the model is asked, and loads neither ioredis nor BullMQ for the hand-off:
 * this module is loaded by a child only for the embeddings API's rate limit (its {@link stageRedis}).
 */

import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Queue } from 'bullmq';
import { queueRedis } from '../fleet/redis.ts';
import { queueOf } from '../fleet/registry.ts';
import { type RedisClient, redisKeys } from '../redis-keys.ts';
import type { StagedDocument } from '../workflows/document.ts';
import { LLM_TASK, type LlmTaskData, type PdfHandoff, type PdfStagedResult } from './names.ts';
import type { TaskSettings } from './settings.ts';

/** A staged document waits this long for its LLM stage (retries and queueing included). */
const STAGE_TTL_S = 7 * 24 * 3600;

export async function saveStaged(redis: RedisClient, prefix: string, staged: StagedDocument): Promise<void> {
  const body = await promisify(gzip)(JSON.stringify(staged));
  await redis.set(redisKeys.llmStage(prefix, staged.document.documentId), body, 'EX', STAGE_TTL_S);
}

export async function loadStaged(
  redis: RedisClient,
  prefix: string,
  documentId: string,
): Promise<StagedDocument | null> {
  const body = await redis.getBuffer(redisKeys.llmStage(prefix, documentId));
  if (!body) return null;
  return JSON.parse((await promisify(gunzip)(body)).toString()) as StagedDocument;
}

export async function dropStaged(redis: RedisClient, prefix: string, documentId: string): Promise<void> {
  await redis.del(redisKeys.llmStage(prefix, documentId));
}

let redis: RedisClient | null = null;
let queue: Queue | null = null;

/** This process's Redis connection for staging, the rate limit and usage, opened on first use. */
export function stageRedis(config: TaskSettings): RedisClient {
  if (!redis) {
    redis = queueRedis(config);
    redis.on('error', () => {}); // surfaced by the failing command
  }
  return redis;
}

/** The `llm_generation` queue, on the staging connection. */
async function llmQueue(config: TaskSettings): Promise<Queue> {
  if (!queue) {
    const { Queue } = await import('bullmq');
    queue = new Queue(queueOf(LLM_TASK), {
      connection: stageRedis(config),
      prefix: config.queuePrefix,
      defaultJobOptions: {
        attempts: config.jobAttempts,
        backoff: { type: 'exponential', delay: config.jobBackoffMs },
        removeOnComplete: { count: config.keepCompletedJobs },
        removeOnFail: { count: config.keepFailedJobs },
      },
    });
    queue.on('error', () => {});
  }
  return queue;
}

export async function closeStageConnection(): Promise<void> {
  const [q, r] = [queue, redis];
  [queue, redis] = [null, null];
  await q?.close().catch(() => {});
  await r?.quit().catch(() => r.disconnect());
}

/** Adds the LLM job; a finished one of the same document (failed, or a stale success) is replaced. */
async function enqueueLlm(queue: Queue, data: LlmTaskData, jobId: string): Promise<void> {
  const old = await queue.getJob(jobId);
  if (old) {
    const state = await old.getState();
    if (state === 'active' || state === 'waiting' || state === 'delayed' || state === 'prioritized') return;
    await old.remove();
  }
  await queue.add(LLM_TASK, data, { jobId });
}

/**
 * In the supervisor: parks the staged document and enqueues its LLM job (the job's result then names it).
 * Both are idempotent: a retried hand-off overwrites the same key and finds the same job.
 */
export async function handOff(result: PdfHandoff, config: TaskSettings): Promise<PdfStagedResult> {
  const { handoff, ...named } = result;
  await saveStaged(stageRedis(config), config.queuePrefix, handoff.staged);
  await enqueueLlm(await llmQueue(config), handoff.task, named.next);
  return named;
}
