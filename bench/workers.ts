/**
 * Worker processes for the benchmarks: which entry they run, starting N of them on this machine's Redis, and
 * reading their processes from /proc (Linux).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SUPERVISOR_NODE_FLAGS } from '../src/fleet/pool/child-handle.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/tasks/worker-main.js', import.meta.url));

/**
 * The worker script: compiled when built (`npm run build`), as in production, since tsx adds ~100 MB to every
 * process; else the sources under tsx. FLEET_WORKER_ENTRY overrides.
 */
export const WORKER_ENTRY =
  process.env.FLEET_WORKER_ENTRY ?? (existsSync(BUILT) ? BUILT : 'src/tasks/worker-main.ts');

export interface Fleet {
  procs: ChildProcess[];
  /** SIGTERM to every worker; resolves when all have exited. */
  stop(): Promise<void>;
}

/**
 * Starts `n` workers (WORKER_NUM firstNum+1..firstNum+n) with `env` on top of ours; resolves once each printed
 * `ready.`. `echo` copies their stdout to ours.
 */
export async function startFleet(
  n: number,
  env: Record<string, string>,
  echo = false,
  firstNum = 0,
): Promise<Fleet> {
  const entry = WORKER_ENTRY.endsWith('.ts') ? ['--import', 'tsx', WORKER_ENTRY] : [WORKER_ENTRY];
  const args = [...SUPERVISOR_NODE_FLAGS, ...entry];
  const procs = Array.from({ length: n }, (_, i) =>
    spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...env, WORKER_NUM: String(firstNum + i + 1) },
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
            if (echo) process.stdout.write(d);
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

/** Direct children of `pid` (cheap enough to sample every 200 ms without skewing the run). */
export function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** CPU seconds of `pid` (user + system), with those of its reaped children when `reaped`; 0 when gone. */
export function cpuSeconds(pid: number, reaped = false): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat
      .slice(stat.lastIndexOf(')') + 2)
      .split(' ')
      .map(Number);
    return (f[11]! + f[12]! + (reaped ? f[13]! + f[14]! : 0)) / 100;
  } catch {
    return 0;
  }
}

/** Process ids whose command name (`/proc/PID/comm`) is one of `names`, e.g. the PostgreSQL backends. */
export function pidsNamed(...names: string[]): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return names.includes(readFileSync(`/proc/${d}/comm`, 'utf8').trim());
      } catch {
        return false;
      }
    })
    .map(Number);
}
