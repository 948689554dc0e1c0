/**
 * A time limit on calls to Redis. The fleet's connection queues commands while Redis is down (BullMQ
 * needs that), so without a limit a request would hang; with it the client gets a 503 and can retry
 * (uploads and quiz requests have deterministic job ids, so a retry never duplicates work).
 */
import { withTimeout } from '../lib/time.ts';
import { ApiError } from './errors.ts';

/** Default limit of a queue call made while answering a request. */
export const QUEUE_TIMEOUT_MS = 5000;

/** `promise`, or a 503 `queue_unavailable` after `ms`. */
export function withQueueTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return withTimeout(
    promise,
    ms,
    () => new ApiError(503, 'queue_unavailable', `the job queue (Redis) did not answer within ${ms} ms`),
  );
}
