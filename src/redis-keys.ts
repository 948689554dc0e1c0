import type { Cluster, Redis } from 'ioredis';

/** A connection ProfAI's keys live on: one Redis (alone or behind Sentinels) or a Redis Cluster (src/fleet/redis.ts makes them). */
export type RedisClient = Redis | Cluster;

/**
 * Every Redis key ProfAI writes beside BullMQ's own (`<prefix>:<queue>:…`), in one table, all under QUEUE_PREFIX
 * so that fleets and test runs can share one Redis. Each module that reads or writes a key builds it here.
 */
export const redisKeys = {
  /** Hash: where and how the latest attempt of a job ran (src/fleet/runinfo.ts; `profai plan` reads it). */
  runInfo: (prefix: string, jobId: string) => `${prefix}:runinfo:${jobId}`,
  /** Hash, expiring: since when and how often a job has waited for an unreachable dependency (src/fleet/waits.ts). */
  dependencyWait: (prefix: string, jobId: string) => `${prefix}:depwait:${jobId}`,
  /** String, expiring: one worker's latest heartbeat as JSON (src/fleet/heartbeat.ts). */
  heartbeat: (prefix: string, worker: string) => `${prefix}:heartbeat:${worker}`,
  /** Set: names of the workers that have published a heartbeat (pruned by readers as the keys expire). */
  heartbeats: (prefix: string) => `${prefix}:heartbeats`,
  /** Hash: LLM tokens and cost of a user-visible job (src/llm/usage.ts). */
  llmUsage: (prefix: string, jobId: string) => `${prefix}:llm:usage:${jobId}`,
  /** Sorted set: the fleet-wide LLM rate limit's requests in flight and in the window (src/llm/rate-limit.ts). */
  llmRate: (prefix: string) => `${prefix}:llm:rate`,
  /** String, expiring: an accepted LLM answer by request hash (src/llm/cache.ts). */
  llmCache: (prefix: string, requestHash: string) => `${prefix}:llm:cache:${requestHash}`,
  /** String, expiring: a PDF's staged document (gzipped JSON) waiting for its LLM stage (src/tasks/handoff.ts). */
  llmStage: (prefix: string, documentId: string) => `${prefix}:llm:stage:${documentId}`,
  /**
   * Hash, expiring: the pages of a document read by its OCR page-range jobs, gzipped JSON by page number, until
   * its assembly job has used them (src/tasks/ocr-pages.ts).
   */
  ocrPages: (prefix: string, sha256: string) => `${prefix}:ocr:pages:${sha256}`,
  /** Strings, expiring: the API's request counters per key and route (src/api/rate-limit.ts; @fastify/rate-limit). */
  rateLimit: (prefix: string) => `${prefix}:ratelimit:`,
  /** Sorted set: the jobs a key has queued, by time, pruned as they finish (src/api/job-cap.ts). */
  queuedJobs: (prefix: string, key: string) => `${prefix}:queued:${key}`,
} as const;
