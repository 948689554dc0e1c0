/**
 * Redis connections and keys the fleet owns beside BullMQ's: run records and worker heartbeats.
 */
import { Redis } from 'ioredis';
import { redactUrl } from '../config.ts';

/**
 * A connection usable by BullMQ Queues and Workers (`maxRetriesPerRequest: null`, as BullMQ requires for
 * blocking commands), also used for the fleet's own keys.
 */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** `redis://host:port/db` with any password redacted, for the start-up line `Connected to …`. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    const db = u.pathname.replace(/^\//, '') || '0';
    const auth = u.username || u.password ? `${u.username}${u.password ? ':***' : ''}@` : '';
    return `${u.protocol}//${auth}${u.hostname}:${u.port || '6379'}/${db}`;
  } catch {
    return redactUrl(url);
  }
}

/** Key of a job's run record (where and how the latest attempt ran). */
export const runInfoKey = (prefix: string, jobId: string) => `${prefix}:runinfo:${jobId}`;
/** Hash of worker name → latest heartbeat JSON. */
export const workersKey = (prefix: string) => `${prefix}:workers`;

/** Run records outlive their jobs' retention only by this much. */
export const RUN_INFO_TTL_S = 7 * 24 * 3600;
