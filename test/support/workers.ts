/**
 * Test harness of the fleet: real worker processes (`src/tasks/worker-main.ts` under tsx) on the machine's
 * Redis, under a random QUEUE_PREFIX per test, with the test-only tasks of test-tasks.ts.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { type Config, loadConfig } from '../../src/config.ts';
import { type FleetClient, getJobView, listWorkers } from '../../src/fleet/queues.ts';
import { scanKeys } from '../../src/fleet/redis.ts';
import type { JobView, WorkerHeartbeat } from '../../src/fleet/views.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { pollUntil } from './wait.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const TEST_TASKS = fileURLToPath(new URL('./test-tasks.ts', import.meta.url));
const WORKER_MAIN = fileURLToPath(new URL('../../src/tasks/worker-main.ts', import.meta.url));

export { sleep } from './wait.ts';

export function randomPrefix(): string {
  return `test-fleet-${randomBytes(4).toString('hex')}`;
}

/** Settings every test worker and client shares; `extra` wins. */
export function testEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    QUEUE_PREFIX: prefix,
    WORKER_QUEUES: 'test',
    TASK_MODULES: TEST_TASKS,
    JOB_BACKOFF_MS: '100',
    JOB_LOCK_MS: '2000',
    HEARTBEAT_S: '0.3',
    LOG_LEVEL: 'info',
    // Children stay, so that what a test sees of them does not depend on how long it idled.
    CHILD_IDLE_EXIT_S: '0',
    ...extra,
  };
}

export function testConfig(prefix: string, extra: Record<string, string> = {}): Config {
  return loadConfig({ ...testEnv(prefix), ...extra });
}

export interface WorkerProcess {
  proc: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Everything written to stderr so far. */
  stderr(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node --import tsx src/tasks/worker-main.ts` with `env` on top of ours. */
/**
 * Starts `profai worker` (from src/) with `env` on top of ours; `wrap` is a command line it runs under (e.g.
 * `unshare --pid --fork`), whose last process is the worker. @defaultValue none
 */
export function spawnWorker(env: Record<string, string>, wrap: readonly string[] = []): WorkerProcess {
  const argv = [...wrap, process.execPath, '--import', 'tsx', WORKER_MAIN];
  const proc = spawn(argv[0]!, argv.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  let buffer = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLine = (pattern: RegExp, timeoutMs = 20_000) => {
    const seen = lines.find((l) => pattern.test(l));
    if (seen) return Promise.resolve(seen);
    return new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`no line ${pattern} in ${timeoutMs} ms; stdout:\n${lines.join('\n')}\n${stderr}`)),
        timeoutMs,
      );
      waiters.push({
        pattern,
        resolve: (line) => {
          clearTimeout(timer);
          resolve(line);
        },
      });
    });
  };
  return { proc, lines, waitForLine, stderr: () => stderr, exited };
}

/** Starts workers numbered first..first+n-1 (WORKER_NUM) and waits until each printed `ready.`. */
export async function startWorkers(
  n: number,
  env: Record<string, string>,
  first = 1,
): Promise<WorkerProcess[]> {
  const workers = Array.from({ length: n }, (_, i) => spawnWorker({ ...env, WORKER_NUM: String(first + i) }));
  await Promise.all(workers.map((w) => w.waitForLine(/ ready\.$/, 60_000)));
  return workers;
}

/** SIGKILLs what is still running (tests stop workers properly when that is what they test). */
export async function killAll(workers: readonly WorkerProcess[]): Promise<void> {
  for (const w of workers) if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));
}

/** Polls `fn` until it returns a non-null value. */
export function waitFor<T>(
  what: string,
  fn: () => Promise<T | null | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  return pollUntil(what, fn, timeoutMs);
}

/** Waits until the job is completed or failed, and returns its view. */
export function waitForFinished(client: FleetClient, id: string, timeoutMs = 20_000): Promise<JobView> {
  return waitFor(
    `job ${id} to finish`,
    async () => {
      const view = await getJobView(client, id);
      return view && (view.state === 'completed' || view.state === 'failed') ? view : null;
    },
    timeoutMs,
  );
}

export function waitForState(client: FleetClient, id: string, state: JobView['state']): Promise<JobView> {
  return waitFor(`job ${id} to be ${state}`, async () => {
    const view = await getJobView(client, id);
    return view?.state === state ? view : null;
  });
}

export async function heartbeatOf(client: FleetClient, name: RegExp): Promise<WorkerHeartbeat | undefined> {
  return (await listWorkers(client)).find((hb) => name.test(hb.name));
}

/** A client on `prefix`, and a cleanup that closes it and deletes every key under the prefix. */
export function openTestClient(prefix: string, extra: Record<string, string> = {}) {
  const client = openProfaiClient(testConfig(prefix, extra));
  const cleanup = async () => {
    // On a cluster the prefix is a hash tag (`{prefix}`), and the keys are on the master of its slot.
    const keys = await scanKeys(client.redis, `${client.settings.queuePrefix}:*`);
    for (let i = 0; i < keys.length; i += 1000) await client.redis.del(...keys.slice(i, i + 1000));
    await client.close();
  };
  return { client, cleanup };
}
