/**
 * MAX_QUEUED_JOBS_PER_USER: how many jobs one key (a user's principal, else the client's address; see
 * rate-limit.ts) may have waiting or running at once. Each key's jobs are a sorted set in Redis
 * (`redisKeys.queuedJobs`), pruned of finished jobs when counted, so the cap holds across API processes. Two
 * requests of one key at the same instant may both pass at the cap's edge: the cap bounds a flood, it is no
 * quota to the job.
 */
import type { FastifyRequest } from 'fastify';
import { type FleetClient, queueOfJobId } from '../fleet/queues.ts';
import { redisKeys } from '../redis-keys.ts';
import { ApiError } from './errors.ts';
import { limitKeyOf } from './rate-limit.ts';

/** Seconds a refused client is told to wait: about the time a small PDF job takes. */
export const RETRY_AFTER_QUEUED_S = 30;

/** A key's set of queued jobs expires this long after its last job was added. */
const SET_TTL_S = 7 * 24 * 3600;

const PENDING = new Set(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children']);

/** The jobs of the request's key still waiting or running (finished ones leave the set). */
export async function queuedJobsOf(fleet: FleetClient, request: FastifyRequest): Promise<number> {
  const key = redisKeys.queuedJobs(fleet.settings.queuePrefix, limitKeyOf(request));
  const ids = await fleet.redis.zrange(key, 0, -1);
  const states = await Promise.all(
    ids.map((id) =>
      fleet
        .queue(queueOfJobId(fleet, id))
        .getJobState(id)
        .catch(() => 'unknown'),
    ),
  );
  const finished = ids.filter((_, i) => !PENDING.has(states[i]!));
  if (finished.length > 0) await fleet.redis.zrem(key, ...finished);
  return ids.length - finished.length;
}

/**
 * Refuses (429 `too_many_queued_jobs`, Retry-After) a request that would take the key past `max` queued jobs
 * with `adding` more. Does nothing when `max` is 0.
 */
export async function checkQueuedJobs(
  fleet: FleetClient,
  request: FastifyRequest,
  max: number,
  adding = 1,
): Promise<void> {
  if (max === 0) return;
  const queued = await queuedJobsOf(fleet, request);
  if (queued + adding <= max) return;
  throw new ApiError(
    429,
    'too_many_queued_jobs',
    `MAX_QUEUED_JOBS_PER_USER: ${queued} of your jobs are waiting or running, the limit is ${max}${adding > 1 ? ` (this request adds ${adding})` : ''}; retry once some have finished`,
    { 'retry-after': String(RETRY_AFTER_QUEUED_S) },
  );
}

/** Counts `jobIds` as the request's key's, until they finish. */
export async function noteQueuedJobs(
  fleet: FleetClient,
  request: FastifyRequest,
  jobIds: string[],
): Promise<void> {
  if (jobIds.length === 0) return;
  const key = redisKeys.queuedJobs(fleet.settings.queuePrefix, limitKeyOf(request));
  const now = Date.now();
  await fleet.redis
    .multi()
    .zadd(key, ...jobIds.flatMap((id) => [now, id]))
    .expire(key, SET_TTL_S)
    .exec();
}
