/**
 * Where `profai plan` gets its figures: the run records workers leave in Redis (`<prefix>:runinfo:<jobId>`,
 * peak RSS and CPU seconds of each PDF job's latest attempt) and the live heartbeats (supervisor RSS).
 */

import { readHeartbeats } from '../../fleet/heartbeat.ts';
import { scanKeys } from '../../fleet/redis.ts';
import { type RedisClient, redisKeys } from '../../redis-keys.ts';
import { quantile } from './stats.ts';

/** A PDF job's record, with when it finished (to keep the most recent). */
export interface RecordedJob {
  jobId: string;
  finishedAt: number;
  peakRssMb: number;
  cpuSeconds: number;
}

/** PDF jobs (`pdf-…` ids) are the ones that size the fleet: quiz jobs are small and brief. */
const PDF_JOB = /^pdf-/;

/**
 * The `limit` most recently finished PDF jobs that have a peak RSS and CPU time recorded.
 * @param limit - how many. @defaultValue 200
 */
export async function readRecentJobs(
  redis: RedisClient,
  prefix: string,
  limit = 200,
): Promise<RecordedJob[]> {
  const marker = redisKeys.runInfo(prefix, '');
  const ids = (await scanKeys(redis, `${marker}*`))
    .map((key) => key.slice(marker.length))
    .filter((id) => PDF_JOB.test(id));
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids)
    pipeline.hmget(redisKeys.runInfo(prefix, id), 'finishedAt', 'peakRssMb', 'cpuSeconds');
  const replies = (await pipeline.exec()) ?? [];
  const jobs = replies.flatMap(([err, value], i): RecordedJob[] => {
    const [finishedAt, peak, cpu] = (err ? [] : (value as (string | null)[])).map(Number);
    const ok = finishedAt && peak && peak > 0 && cpu && cpu > 0;
    return ok ? [{ jobId: ids[i]!, finishedAt, peakRssMb: peak, cpuSeconds: cpu }] : [];
  });
  return jobs.sort((a, b) => b.finishedAt - a.finishedAt).slice(0, limit);
}

/** Median RSS of the live workers' supervisors, or null when no worker is running. */
export async function readSupervisorIdleMb(redis: RedisClient, prefix: string): Promise<number | null> {
  const beats = await readHeartbeats(redis, prefix);
  const rss = beats.map((hb) => hb.rssMb).filter((v) => v > 0);
  return rss.length ? quantile(rss, 0.5) : null;
}
