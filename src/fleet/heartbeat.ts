/**
 * Worker heartbeats. Every HEARTBEAT_S a worker writes its {@link WorkerHeartbeat} as the key
 * `<prefix>:heartbeat:<name>` with a TTL of three periods, and adds its name to the set `<prefix>:heartbeats`.
 * A worker that dies without a word disappears when its key expires (Redis decides, so a reader's clock or
 * HEARTBEAT_S never matters); a worker that stops cleanly removes its key at once.
 *
 * Also here: what a heartbeat is made of (active tasks, CPU %), so the supervisor only wires it in.
 */

import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { type RedisClient, redisKeys } from '../redis-keys.ts';
import { readRssMb, roundMb } from './pool/memory.ts';
import type { ActiveTask, WorkerHeartbeat } from './views.ts';

/** How long a heartbeat lives: three periods. */
export const heartbeatTtlMs = (periodS: number) => Math.max(1, Math.round(3 * periodS * 1000));

/** Writes `beat()` now and every `periodS` seconds. Returns a stop function that also removes the entry. */
export function startHeartbeat(
  redis: RedisClient,
  prefix: string,
  periodS: number,
  beat: () => WorkerHeartbeat,
): { stop(): Promise<void>; beatNow(): Promise<void> } {
  const ttlMs = heartbeatTtlMs(periodS);
  // Two plain commands, not a MULTI: ioredis builds each MULTI as a Pipeline that copies onto itself every Lua
  // script defined on the connection (BullMQ defines ~50 on the supervisor's), so a beat cost the supervisor
  // ~2 ms of CPU and garbage for its 1 MB young generation: heartbeats were ~14% of five supervisors' busy time
  // during a fleet run at HEARTBEAT_S=1 (--cpu-prof, `bench/fleet-corpus.ts --dir /work/bench-pdfs --workers 5`,
  // 2026-12-06). One connection runs them in order, so a reader never finds the name before its key (readers drop
  // names whose key has gone, hence the SADD every beat).
  const beatNow = async () => {
    const hb = beat();
    await Promise.all([
      redis.set(redisKeys.heartbeat(prefix, hb.name), JSON.stringify(hb), 'PX', ttlMs),
      redis.sadd(redisKeys.heartbeats(prefix), hb.name),
    ]).catch(() => {});
  };
  void beatNow();
  const timer = setInterval(() => void beatNow(), periodS * 1000);
  timer.unref();
  return {
    beatNow,
    async stop() {
      clearInterval(timer);
      const { name } = beat();
      await redis
        .multi()
        .del(redisKeys.heartbeat(prefix, name))
        .srem(redisKeys.heartbeats(prefix), name)
        .exec()
        .catch(() => {});
    },
  };
}

/**
 * Live workers (those whose heartbeat key has not expired), sorted by name (worker2 before worker10). The
 * writer's TTL decides, so readers with other settings agree.
 */
export async function readHeartbeats(redis: RedisClient, prefix: string): Promise<WorkerHeartbeat[]> {
  const names = await redis.smembers(redisKeys.heartbeats(prefix));
  if (names.length === 0) return [];
  const values = await redis.mget(names.map((n) => redisKeys.heartbeat(prefix, n)));
  const gone = names.filter((_, i) => values[i] === null);
  if (gone.length > 0) void redis.srem(redisKeys.heartbeats(prefix), ...gone).catch(() => {});
  return values
    .flatMap((json) => (json === null ? [] : [parseHeartbeat(json)]))
    .filter((hb): hb is WorkerHeartbeat => hb !== null)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}

function parseHeartbeat(json: string): WorkerHeartbeat | null {
  try {
    const hb = JSON.parse(json) as WorkerHeartbeat;
    return typeof hb?.name === 'string' ? hb : null;
  } catch {
    return null;
  }
}

/** The tasks a worker runs right now, kept by the supervisor's processor for its heartbeat. */
export class WorkerActivity {
  readonly #active = new Map<string, ActiveTask>();

  start(
    job: Pick<ActiveTask, 'id' | 'name' | 'label' | 'attempt' | 'stalls' | 'parentJobId'>,
    childPid: number,
  ): void {
    this.#active.set(job.id, { ...job, stage: null, percent: 0, startedAt: Date.now(), childPid });
  }

  progress(id: string, stage: string, percent: number): void {
    const task = this.#active.get(id);
    if (task) Object.assign(task, { stage, percent: Math.round(percent) });
  }

  end(id: string): void {
    this.#active.delete(id);
  }

  list(): ActiveTask[] {
    return [...this.#active.values()].map((t) => ({ ...t }));
  }
}

/** Clock ticks per second of /proc/<pid>/stat times: 100 on every Linux Node supports. */
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat; null when it is gone. */
export function readCpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/**
 * CPU % since the previous sample, of this process (process.cpuUsage) and of other processes by pid
 * (/proc). 100 = one core fully busy, as `top` and `docker stats` count.
 */
export class CpuMeter {
  #at = performance.now();
  #self = process.cpuUsage();
  readonly #others = new Map<number, number>();

  sample(pids: readonly number[]): { self: number; byPid: Map<number, number> } {
    const now = performance.now();
    const wallS = Math.max(0.001, (now - this.#at) / 1000);
    const usage = process.cpuUsage();
    const selfS = (usage.user - this.#self.user + usage.system - this.#self.system) / 1e6;
    this.#at = now;
    this.#self = usage;
    const byPid = new Map<number, number>();
    for (const pid of pids) {
      const cpu = readCpuSeconds(pid);
      if (cpu === null) continue;
      const before = this.#others.get(pid);
      byPid.set(pid, before === undefined ? 0 : percent(cpu - before, wallS));
      this.#others.set(pid, cpu);
    }
    for (const pid of this.#others.keys()) if (!pids.includes(pid)) this.#others.delete(pid);
    return { self: percent(selfS, wallS), byPid };
  }
}

const percent = (cpuS: number, wallS: number) => Math.max(0, Math.round((cpuS / wallS) * 1000) / 10);

/** ProfAI's version, from package.json (beside src/ and dist/). */
export const PROFAI_VERSION: string = (() => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
})();

/** What the supervisor knows when it beats. */
export interface HeartbeatInputs {
  name: string;
  queues: string[];
  concurrency: number;
  startedAt: number;
  registered: string[];
  limits: { softMb: number; hardMb: number };
  children: { pid: number; busy: boolean; jobId: string | null; tasks: number; rssMb: number }[];
  counters: { processed: number; failed: number };
  recycles: WorkerHeartbeat['recycles'];
  state: WorkerHeartbeat['state'];
  activity: WorkerActivity;
  cpu: CpuMeter;
  /** Dependencies the worker waits for, since when. */
  waiting: { dependency: string; since: number }[];
}

/** Builds a heartbeat: live RSS and CPU % of the supervisor and each child, the active tasks. */
export function buildHeartbeat(i: HeartbeatInputs): WorkerHeartbeat {
  const now = Date.now();
  const rssMb = roundMb(process.memoryUsage.rss() / 1048576);
  const cpu = i.cpu.sample(i.children.map((c) => c.pid));
  const children = i.children.map((c) => ({
    ...c,
    rssMb: roundMb(readRssMb(c.pid) ?? c.rssMb),
    cpuPercent: cpu.byPid.get(c.pid) ?? 0,
  }));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    name: i.name,
    pid: process.pid,
    host: hostname(),
    pool: 'prefork',
    version: PROFAI_VERSION,
    queues: i.queues,
    concurrency: i.concurrency,
    registered: i.registered,
    startedAt: i.startedAt,
    at: now,
    uptimeS: Math.round((now - i.startedAt) / 1000),
    rssMb,
    totalRssMb: roundMb(rssMb + sum(children.map((c) => c.rssMb))),
    cpuPercent: Math.round((cpu.self + sum(children.map((c) => c.cpuPercent))) * 10) / 10,
    supervisorCpuPercent: cpu.self,
    limits: i.limits,
    children,
    active: i.activity.list(),
    ...i.counters,
    recycles: { ...i.recycles },
    state: i.state,
    ...(i.waiting.length > 0 ? { waiting: i.waiting } : {}),
  };
}
