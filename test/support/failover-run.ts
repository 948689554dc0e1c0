/**
 * One run of jobs through a Redis failover, shared by the failover tests and `bench:failover`: workers and a
 * client on a Redis that fails over (test/support/redis-ha.ts), `jobs` test.counted jobs enqueued, the master
 * killed once a few have completed and others are running, then every job waited for. What it returns is
 * judged by the caller.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { enqueueTask, getJobView, queueCounts } from '../../src/fleet/queues.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { sleep } from '../../src/lib/time.ts';
import type { FleetSnapshot } from '../../src/ops/types.ts';
import { type CliResult, runCli } from './ops.ts';
import { startRedisCluster, startSentinelGroup } from './redis-ha.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  startWorkers,
  testEnv,
  type WorkerProcess,
} from './workers.ts';

/** A Redis that fails over: how to reach it, how to kill the master holding `prefix`'s keys. */
export interface HaRedis {
  kind: 'sentinel' | 'cluster';
  env: Record<string, string>;
  /** Kills the master holding the fleet's keys; resolves with a wait for its successor (its port). */
  kill(): Promise<() => Promise<number>>;
  stop(): Promise<void>;
}

/** A master, a replica, three Sentinels; or a Redis Cluster of three masters with a replica each. */
export async function startHaRedis(kind: 'sentinel' | 'cluster', prefix: string): Promise<HaRedis> {
  if (kind === 'cluster') {
    const cluster = await startRedisCluster({ replicas: 1 });
    // QUEUE_PREFIX becomes `{prefix}` on a cluster: every key hashes by the prefix.
    const key = `{${prefix}}`;
    return {
      kind,
      env: cluster.env,
      async kill() {
        const old = await cluster.killMasterOf(key);
        return () => cluster.waitForNewMasterOf(key, old);
      },
      stop: () => cluster.stop(),
    };
  }
  const group = await startSentinelGroup();
  return {
    kind,
    env: group.env,
    async kill() {
      const old = await group.killMaster();
      return () => group.waitForNewMaster(old);
    },
    stop: () => group.stop(),
  };
}

export interface FailoverRun {
  jobs: number;
  /** Job views at the end (null: the job is gone). */
  views: (JobView | null)[];
  completed: number;
  failed: number;
  /** Jobs neither completed nor failed by the deadline, or gone. */
  lost: number;
  /** Jobs that ran more than once (from the executions log). */
  duplicated: string[];
  /** Jobs that never ran. */
  neverRan: number;
  killedAt: number;
  promotedAt: number;
  /** Seconds from the kill to the first job started after it, and to the first completed after the promotion. */
  firstStartS: number | null;
  firstCompletionS: number | null;
  workers: WorkerProcess[];
  /** REDIS_SENTINELS and REDIS_SENTINEL_MASTER, or REDIS_CLUSTER_NODES, of the Redis it ran on. */
  redisEnv: Record<string, string>;
}

/**
 * Runs `jobs` jobs of `ms` each on `workers` workers (2 slots each) through a failover of `kind`.
 * `onEachSecond` is called with a line while waiting (for `--trace`).
 * @param opts.deadlineMs - longest wait for every job after the promotion. @defaultValue 40000
 */
export async function runThroughFailover(opts: {
  kind: 'sentinel' | 'cluster';
  jobs: number;
  ms: number;
  workers: number;
  deadlineMs?: number;
  env?: Record<string, string>;
  trace?: (line: string) => void;
  /** Called once every job has finished, before anything is stopped, with the fleet's environment. */
  onFinished?: (env: Record<string, string>) => Promise<void>;
}): Promise<FailoverRun> {
  const prefix = randomPrefix();
  const ha = await startHaRedis(opts.kind, prefix);
  const dir = await mkdtemp(join(tmpdir(), 'profai-failover-'));
  // A lock longer than the failover (2-4 s here), so that no running job is taken for stalled meanwhile.
  const settings = { ...ha.env, WORKER_CONCURRENCY: '2', JOB_LOCK_MS: '15000', ...opts.env };
  const { client } = openTestClient(prefix, settings);
  let workers: WorkerProcess[] = [];
  try {
    workers = await startWorkers(opts.workers, testEnv(prefix, settings));
    const log = join(dir, 'executions.log');
    const ids: string[] = [];
    for (let i = 0; i < opts.jobs; i++)
      ids.push((await enqueueTask(client, 'test.counted', { log, ms: opts.ms })).id);
    for (;;) {
      const c = (await queueCounts(client)).test;
      if (c && c.completed >= Math.min(4, opts.jobs) && c.active > 0) break;
      await sleep(50);
    }
    const waitForNew = await ha.kill();
    const killedAt = Date.now();
    await waitForNew();
    const promotedAt = Date.now();
    opts.trace?.(`master killed; new master after ${promotedAt - killedAt} ms`);
    let views: (JobView | null)[] = [];
    const deadline = promotedAt + (opts.deadlineMs ?? 40_000);
    let traced = 0;
    while (Date.now() < deadline) {
      views = await Promise.all(ids.map((id) => getJobView(client, id).catch(() => null)));
      const finished = views.filter((v) => v?.state === 'completed' || v?.state === 'failed').length;
      if (opts.trace && Date.now() - traced > 1000) {
        traced = Date.now();
        opts.trace(`${finished}/${opts.jobs} finished`);
      }
      if (finished === opts.jobs) break;
      await sleep(100);
    }
    await opts.onFinished?.(testEnv(prefix, settings));
    const completed = views.filter((v) => v?.state === 'completed');
    const failed = views.filter((v) => v?.state === 'failed').length;
    const executions = (await readFile(log, 'utf8')).trim().split('\n');
    // A completion's time is the worker's clock when the job ended: one that ended during the failover is sent
    // once the connection is back, so only those after the promotion say the workers consume again. A start
    // after the kill can only have been taken from the new master (the old one is gone): on a loaded host the
    // test may notice the promotion after the workers already took every remaining job from it.
    const firstAfter = (field: 'startedAt' | 'finishedAt', since: number) => {
      const after = completed.map((v) => Date.parse(v?.timings[field] ?? '')).filter((t) => t > since);
      return after.length ? (Math.min(...after) - killedAt) / 1000 : null;
    };
    return {
      jobs: opts.jobs,
      views,
      completed: completed.length,
      failed,
      lost: opts.jobs - completed.length - failed,
      duplicated: [...new Set(executions.filter((id, i) => executions.indexOf(id) !== i))],
      neverRan: ids.filter((id) => !executions.includes(id)).length,
      killedAt,
      promotedAt,
      firstStartS: firstAfter('startedAt', killedAt),
      firstCompletionS: firstAfter('finishedAt', promotedAt),
      workers,
      redisEnv: ha.env,
    };
  } finally {
    await killAll(workers);
    await client.close();
    await ha.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The failover tests' one check: 30 jobs through a failover of `kind` all complete, each once, jobs are taken from
 * the new master, and `profai monitor --json` (the CLI's own connection, src/ops/connect.ts) finds it too.
 */
export async function checkJobsThroughFailover(kind: 'sentinel' | 'cluster'): Promise<void> {
  let monitor: CliResult | null = null;
  const run = await runThroughFailover({
    kind,
    jobs: 30,
    ms: 400,
    workers: 2,
    onFinished: async (env) => {
      monitor = await runCli(['monitor', '--json'], env);
    },
  });
  // How workers and the monitor name this Redis.
  const e = run.redisEnv;
  const describedAs =
    kind === 'cluster'
      ? `Redis Cluster ${e.REDIS_CLUSTER_NODES}`
      : `Redis master ${e.REDIS_SENTINEL_MASTER} of Sentinels ${e.REDIS_SENTINELS}`;
  for (const w of run.workers) assert.ok(w.lines.includes(`Connected to ${describedAs}`), w.lines.join('\n'));
  assert.deepEqual(
    { completed: run.completed, failed: run.failed, lost: run.lost, neverRan: run.neverRan },
    { completed: 30, failed: 0, lost: 0, neverRan: 0 },
  );
  const said = run.workers.flatMap((w) => w.lines).filter((l) => /error|stall|Missing|restarting/i.test(l));
  const twice = run.views.filter((v) => v && run.duplicated.includes(v.id));
  assert.deepEqual(run.duplicated, [], `no job ran twice: ${JSON.stringify(twice)}\n${said.join('\n')}`);
  assert.ok(run.firstStartS !== null, 'jobs were taken from the new master');
  const m = monitor as CliResult | null;
  assert.equal(m?.code, 0, m?.stderr);
  const snapshot = JSON.parse(m.stdout) as FleetSnapshot;
  assert.equal(snapshot.redis.url, describedAs);
  assert.equal(snapshot.workers.length, 2);
  assert.equal(snapshot.queues.find((q) => q.name === 'test')?.completed, 30);
}
