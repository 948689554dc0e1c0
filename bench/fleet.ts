/**
 * `npm run bench:fleet`: the worker fleet on this machine's Redis.
 *  (a) no-op task throughput through the full supervisor path (BullMQ → supervisor → child over IPC → back),
 *      1 and 5 workers (concurrency 1 each), with recycling off and at the default MAX_TASKS_PER_CHILD;
 *  (b) the PDF corpus with 1 and 5 workers: NOT YET (see the marked section below);
 *  (c) RSS per worker (supervisor + children), idle and peak during (a); PSS beside it, because a plain RSS sum
 *      counts the node binary's shared pages once per process; and "settled": idle again after (a), once the
 *      children left (CHILD_IDLE_EXIT_S, 3 s here: the supervisor alone).
 * Beside tasks/s, CPU ms per task of the workers (supervisors + children, forks included) and of Redis: on a
 * machine shared with other work the rate moves with the load (printed), the CPU cost much less.
 * Workers run `dist/tasks/worker-main.js` when built (`npm run build`), else the sources under tsx;
 * FLEET_WORKER_ENTRY overrides. BENCH_JOBS sets the number of no-op jobs (default 5000); BENCH_RUNS the runs
 * (default all: "1:off,5:off,5:20", workers:max-tasks-per-child).
 */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { readPssMb, readRssMb } from '../src/fleet/pool/memory.ts';
import { sleep } from '../src/lib/time.ts';
import { openProfaiClient } from '../src/tasks/client.ts';

import { childPids, cpuSeconds, startFleet, WORKER_ENTRY } from './workers.ts';

const TASKS = fileURLToPath(new URL('./fleet-tasks.mjs', import.meta.url));
const JOBS = Number(process.env.BENCH_JOBS ?? 5000);
/** CHILD_IDLE_EXIT_S of the bench's workers: the children leave this long after the last task. */
const SETTLE_S = 3;

/**
 * CPU seconds the workers have used: supervisors with their reaped children, plus live children. The
 * difference of two readings is the CPU of the run, forks and retired children included.
 */
function fleetCpu(pids: readonly number[]): number {
  return pids.reduce(
    (sum, pid) => sum + cpuSeconds(pid, true) + childPids(pid).reduce((s, c) => s + cpuSeconds(c), 0),
    0,
  );
}

function redisPid(): number {
  try {
    return Number(execFileSync('pgrep', ['-o', 'redis-server'], { encoding: 'utf8' }).trim()) || 0;
  } catch {
    return 0;
  }
}

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

/** RSS and PSS (MB) of one worker: its supervisor plus its children. */
function workerMemory(pid: number): { rss: number; pss: number } {
  const pids = [pid, ...childPids(pid)];
  return {
    rss: pids.reduce((s, p) => s + (readRssMb(p) ?? 0), 0),
    pss: pids.reduce((s, p) => s + (readPssMb(p) ?? 0), 0),
  };
}

/** (a) + (c): throughput of `JOBS` no-ops on `n` workers, and their memory idle and at peak. */
async function noopRun(n: number, maxTasksPerChild: number) {
  const prefix = `bench-fleet-${randomBytes(4).toString('hex')}`;
  const env = {
    QUEUE_PREFIX: prefix,
    WORKER_QUEUES: 'bench',
    TASK_MODULES: TASKS,
    MAX_TASKS_PER_CHILD: String(maxTasksPerChild),
    KEEP_COMPLETED_JOBS: String(JOBS * 2),
    LOG_LEVEL: 'warn',
    CHILD_IDLE_EXIT_S: String(SETTLE_S),
  };
  const client = openProfaiClient(loadConfig(env));
  const queue = client.queue('bench');
  await queue.pause();
  for (let i = 0; i < JOBS; i += 1000) {
    const batch = Array.from({ length: Math.min(1000, JOBS - i) }, (_, k) => ({
      name: 'bench.noop',
      data: {},
      opts: { jobId: `bench-${i + k}` },
    }));
    await queue.addBulk(batch);
  }
  const fleet = await startFleet(n, env);
  await sleep(2000);
  const idle = fleet.procs.map((p) => workerMemory(p.pid ?? 0));
  let peak = { rss: 0, pss: 0 };
  const sampler = setInterval(() => {
    for (const p of fleet.procs) {
      const m = workerMemory(p.pid ?? 0);
      peak = { rss: Math.max(peak.rss, m.rss), pss: Math.max(peak.pss, m.pss) };
    }
  }, 200);
  const pids = fleet.procs.map((p) => p.pid ?? 0);
  const redis = redisPid();
  const cpuBefore = { fleet: fleetCpu(pids), redis: cpuSeconds(redis) };
  const start = performance.now();
  await queue.resume();
  while ((await queue.getJobCounts('completed')).completed! < JOBS) await sleep(20);
  const seconds = (performance.now() - start) / 1000;
  const cpuMs = {
    fleet: ((fleetCpu(pids) - cpuBefore.fleet) * 1000) / JOBS,
    redis: ((cpuSeconds(redis) - cpuBefore.redis) * 1000) / JOBS,
  };
  const load = loadAverage();
  clearInterval(sampler);
  await sleep((SETTLE_S + 1.5) * 1000);
  const settled = fleet.procs.map((p) => workerMemory(p.pid ?? 0));
  await fleet.stop();
  await queue.obliterate({ force: true });
  const keys = await client.redis.keys(`${prefix}:*`);
  if (keys.length > 0) await client.redis.del(...keys);
  await client.close();
  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    perSecond: JOBS / seconds,
    cpuMs,
    load,
    idleRss: avg(idle.map((m) => m.rss)),
    idlePss: avg(idle.map((m) => m.pss)),
    peakRss: peak.rss,
    peakPss: peak.pss,
    settledRss: avg(settled.map((m) => m.rss)),
    settledPss: avg(settled.map((m) => m.pss)),
  };
}

const mb = (x: number) => `${x.toFixed(0)} MB`;
const RUNS = (process.env.BENCH_RUNS ?? '1:off,5:off,5:20').split(',').map((run) => {
  const [workers, maxTasks] = run.split(':');
  return { workers: Number(workers), maxTasks: maxTasks === 'off' ? 1e9 : Number(maxTasks) };
});
console.log(
  `worker entry: ${WORKER_ENTRY}; ${JOBS} no-op jobs per run; ${execFileSync('nproc').toString().trim()} cores`,
);
console.log('(a) no-op throughput  (c) memory per worker = supervisor + child');
console.log(
  'workers  max-tasks-per-child  tasks/s  CPU ms/task workers (redis)  idle RSS (PSS)   peak RSS (PSS)  settled RSS (PSS)  load',
);
for (const { workers, maxTasks } of RUNS) {
  const r = await noopRun(workers, maxTasks);
  console.log(
    [
      String(workers).padEnd(8),
      String(maxTasks === 1e9 ? 'off' : maxTasks).padEnd(20),
      r.perSecond.toFixed(0).padStart(7),
      `${r.cpuMs.fleet.toFixed(2).padStart(12)} (${r.cpuMs.redis.toFixed(2)})`.padEnd(29),
      `${mb(r.idleRss)} (${mb(r.idlePss)})`.padEnd(16),
      `${mb(r.peakRss)} (${mb(r.peakPss)})`.padEnd(15),
      `${mb(r.settledRss)} (${mb(r.settledPss)})`.padEnd(18),
      r.load,
    ].join(' '),
  );
}

// (b), real PDFs through 1 and 5 workers, needs PostgreSQL and Chroma and takes minutes: bench/fleet-corpus.ts.
console.log('(b) PDF corpus, 1 and 5 workers: npm run bench:fleet-corpus');
