/**
 * The CPU stage of a PDF job when courses come from an LLM (LLM_BASE_URL set), run in a worker child: parse,
 * chunk, embed, store the vectors, park the staged document in Redis (gzipped JSON, with a TTL) and enqueue the
 * LLM stage ({@link LLM_TASK}) on `llm_generation`, whose jobs run in the supervisors with async concurrency.
 * The child is then free for the next PDF while the model is asked.
 */
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../../config.ts';
import type { StagedDocument } from '../../pipeline/process.ts';
import type { PipelineInput } from '../../pipeline/run.ts';
import type { Embedder } from '../../pipeline/types.ts';
import type { Database, VectorStore } from '../../store/types.ts';
import {
  LLM_TASK,
  type LlmTaskData,
  type PdfStagedResult,
  type PdfTaskData,
  type PdfTaskResult,
  queueOf,
} from '../contract.ts';
import { createRedis } from '../redis.ts';
import type { TaskContext } from '../registry.ts';

/** A staged document waits this long for its LLM stage (retries and queueing included). */
const STAGE_TTL_S = 7 * 24 * 3600;

export const stageKey = (prefix: string, documentId: string) => `${prefix}:llm:stage:${documentId}`;

/** The LLM job of a document: one per file, like the PDF job. */
export const llmJobIdOf = (sha256: string) => `${queueOf(LLM_TASK)}-${sha256.slice(0, 16)}`;

export async function saveStaged(redis: Redis, prefix: string, staged: StagedDocument): Promise<void> {
  const body = await promisify(gzip)(JSON.stringify(staged));
  await redis.set(stageKey(prefix, staged.document.documentId), body, 'EX', STAGE_TTL_S);
}

export async function loadStaged(
  redis: Redis,
  prefix: string,
  documentId: string,
): Promise<StagedDocument | null> {
  const body = await redis.getBuffer(stageKey(prefix, documentId));
  if (!body) return null;
  return JSON.parse((await promisify(gunzip)(body)).toString()) as StagedDocument;
}

export async function dropStaged(redis: Redis, prefix: string, documentId: string): Promise<void> {
  await redis.del(stageKey(prefix, documentId));
}

let redis: Redis | null = null;
let queue: Queue | null = null;

/** This process's Redis connection for staging, the rate limit and usage, opened on first use. */
export function stageRedis(config: Config): Redis {
  if (!redis) {
    redis = createRedis(config.redisUrl);
    redis.on('error', () => {}); // surfaced by the failing command
  }
  return redis;
}

/** The `llm_generation` queue, on the staging connection. */
async function llmQueue(config: Config): Promise<Queue> {
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

/** The embeddings API's embedder, called under the fleet-wide rate limit like the chat calls. */
export async function apiEmbedder(config: Config): Promise<Embedder> {
  const { createEmbedder } = await import('../../llm/index.ts');
  return createEmbedder(config, stageRedis(config));
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

/** The CPU stage of a PDF job; the course follows from the LLM job named in the result. */
export async function stagePdf(
  data: PdfTaskData,
  input: PipelineInput,
  ctx: TaskContext,
  storage: { db: Database; vectors: VectorStore; embedder?: Embedder },
  onProgress: (stage: string, done: number, total: number) => void,
): Promise<PdfTaskResult | PdfStagedResult> {
  const { stageDocument } = await import('../../pipeline/process.ts');
  const result = await stageDocument(input, {
    config: ctx.config,
    ...storage,
    onProgress,
  });
  if ('stored' in result) return { ...result.stored.saved, ...result.stored.counts };
  await saveStaged(stageRedis(ctx.config), ctx.config.queuePrefix, result.staged);
  const next = llmJobIdOf(data.sha256);
  const documentId = result.staged.document.documentId;
  await enqueueLlm(
    await llmQueue(ctx.config),
    {
      parentJobId: ctx.jobId,
      documentId,
      sha256: data.sha256,
      fileName: data.fileName,
      ...(data.questions ? { questions: data.questions } : {}),
    },
    next,
  );
  ctx.log.info('document staged for the LLM', { fileName: data.fileName, next });
  return { next, documentId };
}
