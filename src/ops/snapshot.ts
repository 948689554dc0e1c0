/**
 * One look at the fleet (workers from their heartbeats, queues from BullMQ), shared by `profai inspect`,
 * `profai monitor`, `/metrics` and `/dashboard`. Every read is bounded in time; a Redis that does not
 * answer gives a snapshot with `redis.up: false` instead of an error.
 */

import { readHeartbeats } from '../fleet/heartbeat.ts';
import { type FleetClient, listJobs } from '../fleet/queues.ts';
import { connectionReason, lastConnectionError, readyWithin } from '../fleet/redis.ts';
import type { JobView, WorkerHeartbeat } from '../fleet/views.ts';
import { withTimeout } from '../lib/time.ts';
import { describeRedis, type RedisWhere } from '../lib/urls.ts';
import { readJobUsage } from '../llm/usage.ts';
import type { FleetSnapshot, QueueStatus, WorkerStatus } from './types.ts';

const iso = (ms: number) => new Date(ms).toISOString();

/** A heartbeat in the stable shape operators read (see {@link WorkerStatus}); older heartbeats get defaults. */
export function toWorkerStatus(hb: WorkerHeartbeat): WorkerStatus {
  const recycles = hb.recycles ?? { tasks: 0, memory: 0, crash: 0 };
  return {
    hostname: hb.name,
    pid: hb.pid,
    host: hb.host,
    pool: hb.pool ?? 'prefork',
    concurrency: hb.concurrency,
    queues: hb.queues,
    state: hb.state,
    waiting: (hb.waiting ?? []).map((w) => ({ dependency: w.dependency, since: iso(w.since) })),
    version: hb.version ?? 'unknown',
    startedAt: iso(hb.startedAt),
    uptimeS: hb.uptimeS ?? Math.round((hb.at - hb.startedAt) / 1000),
    heartbeatAt: iso(hb.at),
    rssMb: hb.rssMb,
    totalRssMb: hb.totalRssMb,
    cpuPercent: hb.cpuPercent ?? 0,
    limits: hb.limits ?? { softMb: 0, hardMb: 0 },
    done: hb.processed,
    failed: hb.failed,
    recycled: { ...recycles, total: recycles.tasks + recycles.memory + recycles.crash },
    children: hb.children.map((c) => ({
      pid: c.pid,
      busy: c.busy,
      jobId: c.jobId,
      tasks: c.tasks,
      rssMb: c.rssMb,
      cpuPercent: c.cpuPercent ?? 0,
    })),
    active: (hb.active ?? []).map(({ parentJobId: _, label, ...t }) => ({
      ...t,
      stalls: t.stalls ?? 0,
      document: label,
      startedAt: iso(t.startedAt),
      usage: null,
    })),
    registered: hb.registered ?? [],
  };
}

/** A snapshot saying Redis is down. */
export function downSnapshot(where: RedisWhere | string, error: string): FleetSnapshot {
  return {
    at: new Date().toISOString(),
    redis: { url: describeRedis(where), up: false, error },
    workers: [],
    queues: [],
  };
}

async function queueStatus(client: FleetClient, name: string): Promise<QueueStatus> {
  const c = await client
    .queue(name)
    .getJobCounts('wait', 'prioritized', 'waiting-children', 'active', 'completed', 'failed', 'delayed');
  return {
    name,
    waiting: (c.wait ?? 0) + (c.prioritized ?? 0) + (c['waiting-children'] ?? 0),
    active: c.active ?? 0,
    delayed: c.delayed ?? 0,
    failed: c.failed ?? 0,
    completed: c.completed ?? 0,
  };
}

/** Finished jobs, newest finish first. */
async function recentJobs(client: FleetClient, limit: number): Promise<JobView[]> {
  const [completed, failed] = await Promise.all([
    listJobs(client, { state: 'completed', limit }),
    listJobs(client, { state: 'failed', limit }),
  ]);
  const finished = (j: JobView) => j.timings.finishedAt ?? j.timings.queuedAt;
  return [...completed, ...failed].sort((a, b) => finished(b).localeCompare(finished(a))).slice(0, limit);
}

/** The worker's status with the LLM usage of its in-process tasks read from Redis. */
async function withUsage(client: FleetClient, hb: WorkerHeartbeat): Promise<WorkerStatus> {
  const status = toWorkerStatus(hb);
  // Tasks run by the supervisor itself wait on the model; their usage is recorded under the user-visible job.
  const ids = (hb.active ?? []).map((t) => (t.childPid === hb.pid ? (t.parentJobId ?? t.id) : undefined));
  if (ids.every((id) => !id)) return status;
  const usage = await Promise.all(
    ids.map((id) => (id ? readJobUsage(client.redis, client.settings.queuePrefix, id) : null)),
  );
  status.active = status.active.map((t, i) => ({ ...t, usage: usage[i] ?? null }));
  return status;
}

async function readSnapshot(client: FleetClient, withJobs: boolean): Promise<FleetSnapshot> {
  const heartbeats = await readHeartbeats(client.redis, client.settings.queuePrefix);
  const names = [...new Set([...client.queueNames(), ...heartbeats.flatMap((hb) => hb.queues)])].sort();
  const queues = await Promise.all(names.map((name) => queueStatus(client, name)));
  const snapshot: FleetSnapshot = {
    at: new Date().toISOString(),
    redis: { url: describeRedis(client.settings), up: true },
    workers: await Promise.all(heartbeats.map((hb) => withUsage(client, hb))),
    queues,
  };
  if (withJobs) {
    const [active, recent] = await Promise.all([
      listJobs(client, { state: 'active', limit: 50 }),
      recentJobs(client, 20),
    ]);
    snapshot.jobs = { active, recent };
  }
  return snapshot;
}

/**
 * Takes a snapshot. Never rejects: when Redis is not connected (a connection still being made gets up to
 * `timeoutMs`) or a read takes longer than `timeoutMs`, the snapshot says Redis is down and why.
 * @param opts.jobs - also list active and recently finished jobs. @defaultValue false
 * @param opts.timeoutMs - longest the whole snapshot may take. @defaultValue 1000
 */
export async function takeSnapshot(
  client: FleetClient,
  opts: { jobs?: boolean; timeoutMs?: number } = {},
): Promise<FleetSnapshot> {
  const where = client.settings;
  const timeoutMs = opts.timeoutMs ?? 1000;
  const redis = client.redis;
  if (!(await readyWithin(redis, timeoutMs)))
    return downSnapshot(where, `not connected (${lastConnectionError(redis) ?? redis.status})`);
  try {
    return await withTimeout(
      readSnapshot(client, opts.jobs ?? false),
      timeoutMs,
      () => new Error(`no answer within ${timeoutMs} ms`),
    );
  } catch (err) {
    return downSnapshot(where, lastConnectionError(redis) ?? connectionReason(err));
  }
}
