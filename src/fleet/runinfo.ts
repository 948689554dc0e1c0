/**
 * Run records: `<prefix>:runinfo:<jobId>`, a small Redis hash (TTL 7 days) saying which worker and child ran
 * the latest attempt of a job, when, with what peak RSS and CPU time. Written by the supervisor when an attempt
 * starts and ends, so it is readable for active, failed and completed jobs alike (BullMQ's own job record
 * cannot be updated once the job has failed).
 */
import type { Redis } from 'ioredis';
import type { JobRunInfo } from './contract.ts';
import { RUN_INFO_TTL_S, runInfoKey } from './redis.ts';

/** Records the start of an attempt, clearing what the previous attempt left. Not awaited by callers on purpose:
 *  commands on one connection run in order, so it lands before the job's completion. */
export function recordRunStart(
  redis: Redis,
  prefix: string,
  jobId: string,
  run: { worker: string; childPid: number; startedAt: number; attempt: number },
): Promise<unknown> {
  const key = runInfoKey(prefix, jobId);
  return redis
    .multi()
    .del(key)
    .hset(key, {
      worker: run.worker,
      childPid: run.childPid,
      startedAt: run.startedAt,
      attempt: run.attempt,
    })
    .expire(key, RUN_INFO_TTL_S)
    .exec();
}

export function recordRunEnd(
  redis: Redis,
  prefix: string,
  jobId: string,
  end: { finishedAt: number; peakRssMb: number; cpuSeconds?: number },
): Promise<unknown> {
  const fields: Record<string, number> = { finishedAt: end.finishedAt, peakRssMb: end.peakRssMb };
  if (end.cpuSeconds !== undefined) fields.cpuSeconds = end.cpuSeconds;
  return redis.hset(runInfoKey(prefix, jobId), fields);
}

/** The run record of a job, or null when it never started (or the record expired). */
export async function readRunInfo(redis: Redis, prefix: string, jobId: string): Promise<JobRunInfo | null> {
  return parseRunInfo(await redis.hgetall(runInfoKey(prefix, jobId)));
}

/** Run records of many jobs in one round trip. */
export async function readRunInfos(
  redis: Redis,
  prefix: string,
  jobIds: string[],
): Promise<(JobRunInfo | null)[]> {
  if (jobIds.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.hgetall(runInfoKey(prefix, id));
  const replies = (await pipeline.exec()) ?? [];
  return replies.map(([err, value]) => (err ? null : parseRunInfo(value as Record<string, string>)));
}

function parseRunInfo(h: Record<string, string>): JobRunInfo | null {
  if (!h.worker) return null;
  const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));
  return {
    worker: h.worker,
    childPid: Number(h.childPid),
    startedAt: Number(h.startedAt),
    peakRssMb: num(h.peakRssMb) ?? 0,
    ...(h.finishedAt ? { finishedAt: Number(h.finishedAt) } : {}),
    ...(h.cpuSeconds ? { cpuSeconds: Number(h.cpuSeconds) } : {}),
    ...(h.attempt ? { attempt: Number(h.attempt) } : {}),
  };
}
