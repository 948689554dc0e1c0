/**
 * Run records: `<prefix>:runinfo:<jobId>`, a small Redis hash (TTL 7 days) saying which worker and child ran
 * the latest attempt of a job, when, with what peak RSS and CPU time. Written by the supervisor, so it is
 * readable for active, failed and completed jobs alike (BullMQ's own job record cannot be updated once the
 * job has failed). `profai plan` reads the hash fields directly: keep their names.
 *
 * Cost matters here: a record is written on the hot path of every job. Each write is one command (a small
 * Lua script replaces the whole hash and sets its TTL), and {@link recordRun} writes the start of an attempt
 * only once it has run for {@link START_RECORD_DELAY_MS}: a job that finishes sooner gets a single write.
 */

import { type RedisClient, redisKeys } from '../redis-keys.ts';
import type { JobRunInfo } from './views.ts';

/** Run records outlive their jobs' retention only by this much. */
export const RUN_INFO_TTL_S = 7 * 24 * 3600;

/** Where an attempt runs: known when it starts. */
export interface RunStart {
  worker: string;
  childPid: number;
  startedAt: number;
  attempt: number;
}

/** How an attempt ended. */
export interface RunEnd {
  finishedAt: number;
  peakRssMb: number;
  cpuSeconds?: number;
}

/**
 * An attempt running shorter than this is recorded once, when it ends. Long enough to skip the start write
 * of small tasks; short enough that anyone watching a real task (seconds) sees where it runs.
 */
export const START_RECORD_DELAY_MS = 100;

/** Replaces the hash with ARGV[2..] (field, value pairs) and sets its TTL (ARGV[1]): one round trip. */
const REPLACE_HASH = `redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('EXPIRE', KEYS[1], ARGV[1])
return 1`;

type RedisWithReplace = RedisClient & {
  profaiReplaceHash(key: string, ttlS: number, ...fieldsAndValues: (string | number)[]): Promise<unknown>;
};

/** The connection with the script defined (ioredis sends EVALSHA, and the script body once if needed). */
function withReplace(redis: RedisClient): RedisWithReplace {
  if (!('profaiReplaceHash' in redis))
    redis.defineCommand('profaiReplaceHash', { numberOfKeys: 1, lua: REPLACE_HASH });
  return redis as RedisWithReplace;
}

function writeRecord(
  redis: RedisClient,
  key: string,
  fields: Record<string, number | string>,
): Promise<unknown> {
  return withReplace(redis).profaiReplaceHash(key, RUN_INFO_TTL_S, ...Object.entries(fields).flat());
}

function fieldsOf(start: RunStart, end?: RunEnd): Record<string, number | string> {
  const fields: Record<string, number | string> = {
    worker: start.worker,
    childPid: start.childPid,
    startedAt: start.startedAt,
    attempt: start.attempt,
  };
  if (end) {
    fields.finishedAt = end.finishedAt;
    fields.peakRssMb = end.peakRssMb;
    if (end.cpuSeconds !== undefined) fields.cpuSeconds = end.cpuSeconds;
  }
  return fields;
}

/**
 * Holds the connection's socket writes until the current tick's promise callbacks have run: BullMQ issues the
 * job's completion a few microtasks after the processor returns, so the end record and the completion leave in
 * one write (one wake-up of Redis instead of two, measurable at hundreds of jobs/s).
 */
function holdWritesForThisTick(redis: RedisClient): void {
  const socket = (redis as { stream?: { cork?(): void; uncork?(): void } }).stream;
  if (!socket?.cork || !socket.uncork) return;
  socket.cork();
  process.nextTick(() => socket.uncork?.());
}

/** One attempt being recorded: see {@link recordRun}. */
export interface RunRecorder {
  /** Writes the whole record (start and end). Not awaited by callers on purpose, see {@link recordRun}. */
  end(end: RunEnd): Promise<unknown>;
  /** Forgets the attempt (released to the queue): a start not yet written never will be. */
  cancel(): void;
}

/**
 * Records an attempt: its start after `delayMs` if it still runs then, the whole record when it ends.
 * Writes go through `redis` without being awaited: commands on one connection run in order, so the end lands
 * before the job's completion when BullMQ shares the connection.
 * @param delayMs - @defaultValue START_RECORD_DELAY_MS
 */
export function recordRun(
  redis: RedisClient,
  prefix: string,
  jobId: string,
  start: RunStart,
  delayMs = START_RECORD_DELAY_MS,
): RunRecorder {
  const key = redisKeys.runInfo(prefix, jobId);
  const timer = setTimeout(() => void writeRecord(redis, key, fieldsOf(start)).catch(() => {}), delayMs);
  timer.unref();
  return {
    end(end) {
      clearTimeout(timer);
      holdWritesForThisTick(redis);
      return writeRecord(redis, key, fieldsOf(start, end));
    },
    cancel: () => clearTimeout(timer),
  };
}

/** Records the start of an attempt at once, clearing what the previous attempt left. */
export function recordRunStart(
  redis: RedisClient,
  prefix: string,
  jobId: string,
  run: RunStart,
): Promise<unknown> {
  return writeRecord(redis, redisKeys.runInfo(prefix, jobId), fieldsOf(run));
}

/** Adds the end of an attempt to a record written by {@link recordRunStart}. */
export function recordRunEnd(
  redis: RedisClient,
  prefix: string,
  jobId: string,
  end: RunEnd,
): Promise<unknown> {
  const fields: Record<string, number> = { finishedAt: end.finishedAt, peakRssMb: end.peakRssMb };
  if (end.cpuSeconds !== undefined) fields.cpuSeconds = end.cpuSeconds;
  return redis.hset(redisKeys.runInfo(prefix, jobId), fields);
}

/** The run record of a job, or null when it never started (or the record expired). */
export async function readRunInfo(
  redis: RedisClient,
  prefix: string,
  jobId: string,
): Promise<JobRunInfo | null> {
  return parseRunInfo(await redis.hgetall(redisKeys.runInfo(prefix, jobId)));
}

/** Run records of many jobs in one round trip. */
export async function readRunInfos(
  redis: RedisClient,
  prefix: string,
  jobIds: string[],
): Promise<(JobRunInfo | null)[]> {
  if (jobIds.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of jobIds) pipeline.hgetall(redisKeys.runInfo(prefix, id));
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
