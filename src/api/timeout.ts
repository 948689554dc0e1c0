/**
 * A time limit on calls to Redis. The fleet's connection queues commands while Redis is down (BullMQ
 * needs that), so without a limit a request would hang; with it the client gets a 503 and can retry
 * (uploads and quiz requests have deterministic job ids, so a retry never duplicates work).
 */
import { ApiError } from './errors.ts';

/** Default limit of a queue call made while answering a request. */
export const QUEUE_TIMEOUT_MS = 5000;

/** `promise`, or a 503 `queue_unavailable` after `ms`. */
export async function withQueueTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ApiError(503, 'queue_unavailable', `the job queue (Redis) did not answer within ${ms} ms`),
        ),
      ms,
    );
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
