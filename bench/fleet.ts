/**
 * `npm run bench:fleet`: the worker fleet on this machine's Redis.
 *  (a) no-op task throughput through the full supervisor path (BullMQ → supervisor → child over IPC → back),
 *      1 and 5 workers (concurrency 1 each), with recycling off and at the default MAX_TASKS_PER_CHILD;
 *  (b) the PDF corpus with 1 and 5 workers: NOT YET (see the marked section below);
 *  (c) RSS per worker (supervisor + children), idle and peak during (a); PSS beside it, because a plain RSS sum
 *      counts the node binary's shared pages once per process.
 * Workers run `dist/fleet/worker-main.js` when built (`npm run build`), else the sources under tsx;
 * FLEET_WORKER_ENTRY overrides. BENCH_JOBS sets the number of no-op jobs (default 5000).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { readPssMb, readRssMb } from '../src/fleet/memory.ts';
import { openFleetClient } from '../src/fleet/queues.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TASKS = fileURLToPath(new URL('./fleet-tasks.mjs', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/fleet/worker-main.js', import.meta.url));
const ENTRY = process.env.FLEET_WORKER_ENTRY ?? (existsSync(BUILT) ? BUILT : 'src/fleet/worker-main.ts');
const JOBS = Number(process.env.BENCH_JOBS ?? 5000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Fleet {
  procs: ChildProcess[];
  stop(): Promise<void>;
}

/** Direct children of `pid` (Linux /proc; cheap enough to sample every 200 ms without skewing the run). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** RSS and PSS (MB) of one worker: its supervisor plus its children. */
function workerMemory(pid: number): { rss: number; pss: number } {
  const pids = [pid, ...childPids(pid)];
  return {
    rss: pids.reduce((s, p) => s + (readRssMb(p) ?? 0), 0),
    pss: pids.reduce((s, p) => s + (readPssMb(p) ?? 0), 0),
  };
}

async function startFleet(n: number, env: Record<string, string>): Promise<Fleet> {
  const args = ENTRY.endsWith('.ts') ? ['--import', 'tsx', ENTRY] : [ENTRY];
  const procs = Array.from({ length: n }, (_, i) =>
    spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env, WORKER_NUM: String(i + 1) },
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  await Promise.all(
    procs.map(
      (p) =>
        new Promise<void>((resolve, reject) => {
          let out = '';
          p.stdout?.on('data', (d: Buffer) => {
            out += d.toString();
            if (/ ready\.\n/.test(out)) resolve();
          });
          p.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready:\n${out}`)));
        }),
    ),
  );
  return {
    procs,
    async stop() {
      await Promise.all(
        procs.map((p) => {
          const exited = new Promise((r) => p.once('exit', r));
          p.kill('SIGTERM');
          return exited;
        }),
      );
    },
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
  };
  const client = openFleetClient(loadConfig(env));
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
  const start = performance.now();
  await queue.resume();
  while ((await queue.getJobCounts('completed')).completed! < JOBS) await sleep(20);
  const seconds = (performance.now() - start) / 1000;
  clearInterval(sampler);
  await fleet.stop();
  await queue.obliterate({ force: true });
  const keys = await client.redis.keys(`${prefix}:*`);
  if (keys.length > 0) await client.redis.del(...keys);
  await client.close();
  const avg = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  return {
    perSecond: JOBS / seconds,
    idleRss: avg(idle.map((m) => m.rss)),
    idlePss: avg(idle.map((m) => m.pss)),
    peakRss: peak.rss,
    peakPss: peak.pss,
  };
}

const mb = (x: number) => `${x.toFixed(0)} MB`;
console.log(`worker entry: ${ENTRY}; ${JOBS} no-op jobs per run`);
console.log('(a) no-op throughput  (c) memory per worker = supervisor + child');
console.log('workers  max-tasks-per-child  tasks/s   idle RSS (PSS)    peak RSS (PSS)');
for (const [n, maxTasks] of [
  [1, 1e9],
  [5, 1e9],
  [5, 20],
] as const) {
  const r = await noopRun(n, maxTasks);
  console.log(
    `${String(n).padEnd(8)} ${String(maxTasks === 1e9 ? 'off' : maxTasks).padEnd(20)} ${r.perSecond.toFixed(0).padStart(7)}   ${mb(r.idleRss)} (${mb(r.idlePss)})   ${mb(r.peakRss)} (${mb(r.peakPss)})`,
  );
}

// ── (b) PDF corpus, 1 and 5 workers ────────────────────────────────────────────────────────────────
// NOT YET: runs once the PDF task works end to end in a worker (src/pipeline/process.ts + storage in service
// mode: DATABASE_URL, CHROMA_URL). To do: copy N corpus PDFs (../shared/corpus, MANIFEST.tsv "parse" rows)
// into a temp UPLOAD_DIR, enqueuePdf each, start 1 then 5 workers, and report PDFs/hour, pages/s, makespan vs
// the ideal (sum of single-worker job seconds / workers) and peak RSS per worker (target < 400 MB).
console.log('(b) PDF corpus: not run yet (see bench/fleet.ts section (b))');
