/**
 * The LLM side of ProfAI, wired from the configuration: with LLM_BASE_URL set, courses and quizzes come from an
 * OpenAI-compatible model (and, with EMBEDDINGS_*, vectors from an embeddings API); without it, everything stays
 * offline. Redis, when given, makes the rate limit fleet-wide, caches answers and records usage per job.
 */

import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { usesEmbeddingsApi } from '../config.ts';
import type { CourseGenerator, Embedder, EmbeddingSpace, QuizGenerator } from '../domain/generators.ts';
import { OfflineCourseGenerator } from '../pipeline/course.ts';
import { HASH_EMBEDDER_NAME, HashEmbedder } from '../pipeline/embed.ts';
import { OfflineQuizGenerator } from '../pipeline/quiz.ts';
import { type RedisClient, redisKeys } from '../redis-keys.ts';
import { ResponseCache } from './cache.ts';
import { LlmClient } from './client.ts';
import { LlmCourseGenerator } from './course-generator.ts';
import { OpenAIEmbedder } from './embedder.ts';
import { LlmConfigError } from './errors.ts';
import { FallbackCourseGenerator, FallbackQuizGenerator, type WarnFn } from './fallback.ts';
import { guardedFetch } from './fetch.ts';
import { LlmQuizGenerator, type Retriever } from './quiz-generator.ts';
import { RedisRateLimiter } from './rate-limit.ts';
import type { LlmSettings } from './settings.ts';
import { structuredMode } from './structured.ts';
import { recordUsage } from './usage.ts';

export type { LlmSettings } from './settings.ts';
export { type JobUsage, readJobUsage } from './usage.ts';

/**
 * The embeddings API's embedder when EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL are set, else the offline one.
 * With Redis its requests count against the fleet-wide LLM_RPM/LLM_TPM like the chat calls.
 */
export function createEmbedder(config: LlmSettings, redis?: RedisClient): Embedder {
  if (!usesEmbeddingsApi(config)) return new HashEmbedder(config.hashEmbeddingDim);
  const apiKey = config.embeddingsApiKey ?? config.llmApiKey;
  const limiter = redis ? fleetLimiter(config, redis) : undefined;
  return new OpenAIEmbedder({
    baseUrl: config.embeddingsBaseUrl,
    model: config.embeddingsModel,
    ...(apiKey ? { apiKey } : {}),
    ...(config.embeddingsDim ? { dimension: config.embeddingsDim } : {}),
    retry: {
      timeoutS: config.llmTimeoutS,
      maxRetries: config.llmMaxRetries,
      retryBaseMs: config.llmRetryBaseMs,
    },
    fetch: guardedFetch({
      ...(limiter ? { limiter } : {}),
      timeoutMs: Math.round(config.llmTimeoutS * 1000),
    }),
  });
}

/**
 * The embedder whose vectors make up `space`: the offline hasher at the space's dimension, or the configured
 * embeddings API when the space is its model's (`openai:<model>`); null when neither is.
 */
export function embedderForSpace(
  config: LlmSettings,
  space: EmbeddingSpace,
  redis?: RedisClient,
): Embedder | null {
  if (space.name === HASH_EMBEDDER_NAME) return new HashEmbedder(space.dimension);
  const embedder = createEmbedder(config, redis);
  return embedder.name === space.name ? embedder : null;
}

/** The one rate limiter of the fleet under QUEUE_PREFIX: chat and embeddings calls of every worker share it. */
function fleetLimiter(config: LlmSettings, redis: RedisClient): RedisRateLimiter {
  return new RedisRateLimiter(redis, redisKeys.llmRate(config.queuePrefix), {
    rpm: config.llmRpm,
    tpm: config.llmTpm,
    windowMs: config.llmRateWindowMs,
  });
}

/** What retrieval needs of a vector store (src/store's VectorStore is one): nearest chunks of a document. */
export interface VectorSearch {
  query(
    space: EmbeddingSpace,
    embedding: Float32Array,
    k: number,
    documentId?: string,
  ): Promise<{ chunkId: string; page: number; text: string }[]>;
}

/** What the generators may use besides the configuration. */
export interface LlmRuntime {
  /** Fleet-wide rate limit, cache and usage need Redis; without it, none of the three. */
  redis?: RedisClient;
  /** The user-visible job the usage is recorded under. */
  usageJobId?: string;
  signal?: AbortSignal;
  /** For quizzes: retrieval of passages by topic from these vectors, in `space` (unset: the configured one). */
  vectors?: VectorSearch;
  space?: EmbeddingSpace;
  /** Calls done of calls planned, per stage. */
  onProgress?: (stage: 'course' | 'quiz', done: number, total: number) => void;
  warn?: WarnFn;
}

/** A client for config's model, with the fleet-wide limiter, cache and usage recording when Redis is given. */
export function createLlmClient(
  config: LlmSettings,
  rt: LlmRuntime = {},
): { client: LlmClient; modelId: string } {
  if (!config.llmBaseUrl) throw new LlmConfigError('LLM_BASE_URL is not set');
  if (!config.llmModel) throw new LlmConfigError('LLM_MODEL is required with LLM_BASE_URL');
  const { redis, usageJobId } = rt;
  const prefix = config.queuePrefix;
  const limiter = redis ? fleetLimiter(config, redis) : undefined;
  const structuredOutput = structuredMode(config.llmStructuredOutput, config.llmBaseUrl);
  const provider = createOpenAICompatible({
    name: 'profai-llm',
    baseURL: config.llmBaseUrl,
    ...(config.llmApiKey ? { apiKey: config.llmApiKey } : {}),
    // Sends the schema as response_format json_schema (strict) when the provider enforces it.
    supportsStructuredOutputs: structuredOutput === 'json_schema',
    includeUsage: true,
    fetch: guardedFetch({
      ...(limiter ? { limiter } : {}),
      timeoutMs: Math.round(config.llmTimeoutS * 1000),
    }),
  });
  const prices = { inputPerMtok: config.llmPriceInputPerMtok, outputPerMtok: config.llmPriceOutputPerMtok };
  const client = new LlmClient({
    model: provider.chatModel(config.llmModel),
    modelId: config.llmModel,
    baseUrl: config.llmBaseUrl,
    settings: {
      timeoutS: config.llmTimeoutS,
      maxRetries: config.llmMaxRetries,
      retryBaseMs: config.llmRetryBaseMs,
      contextTokens: config.llmContextTokens,
      maxOutputTokens: config.llmMaxOutputTokens,
      structuredOutput,
    },
    ...(redis ? { cache: new ResponseCache(redis, prefix, config.llmCacheTtlS) } : {}),
    ...(redis && usageJobId
      ? { onUsage: (call) => recordUsage(redis, prefix, usageJobId, call, prices).catch(() => {}) }
      : {}),
    ...(rt.signal ? { signal: rt.signal } : {}),
  });
  return { client, modelId: config.llmModel };
}

/**
 * Passages by similarity to a text, from the document's stored vectors, embedded as `space` was (unset: the
 * configured embedder's space). Null when that space's embedder is not the configured one.
 */
export function createRetriever(
  config: LlmSettings,
  vectors: VectorSearch,
  space?: EmbeddingSpace,
  redis?: RedisClient,
): Retriever | null {
  const embedder = space ? embedderForSpace(config, space, redis) : createEmbedder(config, redis);
  if (!embedder) return null;
  return async (text, documentId, k) => {
    const [vector] = await embedder.embed([text]);
    const searched = space ?? { name: embedder.name, dimension: vector!.length };
    const hits = await vectors.query(searched, vector!, k, documentId);
    return hits.map((h) => ({ chunkId: h.chunkId, pageStart: h.page, pageEnd: h.page, text: h.text }));
  };
}

/** The LLM course and quiz generators of config (wrapped with the offline fallback when LLM_FALLBACK=offline). */
export function createLlmGenerators(
  config: LlmSettings,
  rt: LlmRuntime = {},
): { courseGenerator: CourseGenerator; quizGenerator: QuizGenerator } {
  const { client, modelId } = createLlmClient(config, rt);
  const retrieve = rt.vectors ? createRetriever(config, rt.vectors, rt.space, rt.redis) : null;
  const parallel = config.llmCallsPerJob;
  const course = new LlmCourseGenerator({
    client,
    modelId,
    parallel,
    onProgress: (done, total) => rt.onProgress?.('course', done, total),
  });
  const quiz = new LlmQuizGenerator({
    client,
    modelId,
    parallel,
    ...(retrieve ? { retrieve } : {}),
    onProgress: (done, total) => rt.onProgress?.('quiz', done, total),
  });
  if (config.llmFallback !== 'offline') return { courseGenerator: course, quizGenerator: quiz };
  const warn: WarnFn = rt.warn ?? (() => {});
  return {
    courseGenerator: new FallbackCourseGenerator(course, new OfflineCourseGenerator(), warn),
    quizGenerator: new FallbackQuizGenerator(quiz, new OfflineQuizGenerator(), warn),
  };
}
