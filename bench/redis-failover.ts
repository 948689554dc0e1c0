/**
 * `npm run bench:failover [-- --mode sentinel|cluster --jobs 30 --ms 400 --workers 2 --runs 1 --trace]`:
 * the Redis master is SIGKILLed while jobs run (test tasks that log each execution to a file), on a master with a
 * replica and three Sentinels, or on a three-master Redis Cluster with a replica each (real redis-server
 * processes of its own on free ports). Prints, per run: seconds from the kill to the replica's promotion and to
 * the first job completed after it, jobs completed, failed, lost (never completed) and duplicated (run twice).
 * Target: every job completes, 0 lost, 0 duplicated, workers consuming again within 30 s of the new master.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { enqueueTask, getJobView, queueCounts } from '../src/fleet/queues.ts';
import type { JobView } from '../src/fleet/views.ts';
import { sleep } from '../src/lib/time.ts';
import { startRedisCluster, startSentinelGroup } from '../test/support/redis-ha.ts';
import { killAll, openTestClient, randomPrefix, startWorkers, testEnv } from '../test/support/workers.ts';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'sentinel' },
    jobs: { type: 'string', default: '30' },
    ms: { type: 'string', default: '400' },
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '1' },
    trace: { type: 'boolean', default: false },
    deadline: { type: 'string', default: '90' },
  },
});
const JOBS = Number(args.jobs);
const MS = Number(args.ms);

interface HaRedis {
  env: Record<string, string>;
  /** Kills the master holding the fleet's keys; resolves with a wait for its successor. */
  kill(): Promise<() => Promise<number>>;
  stop(): Promise<void>;
}

async function startHa(prefix: string): Promise<HaRedis> {
  if (args.mode === 'cluster') {
    const cluster = await startRedisCluster({ replicas: 1 });
    const key = `{${prefix}}`;
    return {
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
    env: group.env,
    async kill() {
      const old = await group.killMaster();
      return () => group.waitForNewMaster(old);
    },
    stop: () => group.stop(),
  };
}

async function once(run: number): Promise<string> {
  const prefix = randomPrefix();
  const ha = await startHa(prefix);
  const dir = await mkdtemp(join(tmpdir(), 'profai-bench-failover-'));
  const settings = {
    ...ha.env,
    WORKER_CONCURRENCY: '2',
    JOB_LOCK_MS: '15000',
    LOG_LEVEL: args.trace ? 'info' : 'warn',
  };
  const { client } = openTestClient(prefix, settings);
  const workers = await startWorkers(Number(args.workers), testEnv(prefix, settings));
  const trace = (line: string) =>
    args.trace && console.log(`  [${new Date().toISOString().slice(11, 23)}] ${line}`);
  try {
    const log = join(dir, 'executions.log');
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push((await enqueueTask(client, 'test.counted', { log, ms: MS })).id);
    for (;;) {
      const c = (await queueCounts(client)).test;
      if (c && c.completed >= Math.min(4, JOBS) && c.active > 0) break;
      await sleep(50);
    }
    const waitForNew = await ha.kill();
    const killedAt = Date.now();
    trace('master killed');
    await waitForNew();
    const promotedAt = Date.now();
    trace('new master');
    let views: (JobView | null)[] = [];
    const deadline = Date.now() + Number(args.deadline) * 1000;
    while (Date.now() < deadline) {
      views = await Promise.all(ids.map((id) => getJobView(client, id).catch(() => null)));
      const finished = views.filter((v) => v?.state === 'completed' || v?.state === 'failed').length;
      if (args.trace)
        trace(
          `${finished}/${JOBS} finished; ${JSON.stringify(((await queueCounts(client).catch(() => ({}))) as Record<string, unknown>).test)}`,
        );
      if (finished === JOBS) break;
      await sleep(args.trace ? 1000 : 100);
    }
    const completed = views.filter((v) => v?.state === 'completed');
    const failed = views.filter((v) => v?.state === 'failed').length;
    const executions = (await readFile(log, 'utf8')).trim().split('\n');
    const duplicated = new Set(executions.filter((id, i) => executions.indexOf(id) !== i)).size;
    // A completion's time is the worker's clock when the job ended: one that ended during the failover is sent
    // once the connection is back, so count those that ended after the promotion.
    const firstAfter = (times: number[]) => {
      const after = times.filter((t) => t > promotedAt);
      return after.length ? ((Math.min(...after) - killedAt) / 1000).toFixed(1) : 'none';
    };
    const started = firstAfter(completed.map((v) => Date.parse(v?.timings.startedAt ?? '')));
    const first = firstAfter(completed.map((v) => Date.parse(v?.timings.finishedAt ?? '')));
    if (args.trace)
      for (const w of workers)
        for (const l of w.lines.filter((l) => !/Registered|^ {2}test\./.test(l))) trace(l.slice(0, 300));
    return (
      `run ${run} (${args.mode}): promotion ${((promotedAt - killedAt) / 1000).toFixed(1)} s after the kill, ` +
      `first job started ${started} s and completed ${first} s after the kill; ${completed.length}/${JOBS} completed, ${failed} failed, ` +
      `${JOBS - completed.length - failed} lost, ${duplicated} duplicated`
    );
  } finally {
    await killAll(workers);
    await client.close();
    await ha.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

console.log(
  `Redis failover (${args.mode}): ${JOBS} jobs of ${MS} ms, ${args.workers} workers × 2 slots, master SIGKILLed mid-run`,
);
for (let run = 1; run <= Number(args.runs); run++) console.log(await once(run));
process.exit(0);
