/**
 * Test harness of the operations tools: the `profai` CLI as a subprocess, a throw-away redis-server that a
 * test can stop and start again, and an API (buildApi) on the embedded database in a temporary folder.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { type ApiDeps, buildApi } from '../../src/api/server.ts';
import type { Config } from '../../src/config.ts';
import { openDatabase, openVectorStore } from '../../src/store/index.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { freePort } from './chroma.ts';
import { sleep, spawnWorker, type WorkerProcess } from './workers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole process, ms. */
  ms: number;
}

/** Runs `profai ARGS` (node --import tsx src/cli/main.ts) with `env` on top of ours. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const started = performance.now();
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (c: Buffer) => {
    stdout += c.toString();
  });
  proc.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) =>
    proc.once('close', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started })),
  );
}

/** A TCP port nothing listens on (now). */
export { freePort } from './chroma.ts';

export interface RedisServer {
  url: string;
  port: number;
  /** Kills it (SIGKILL, by PID) and waits until it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved). */
  start(): Promise<void>;
  running(): boolean;
}

/**
 * A private `redis-server --port N --save ""`, for tests that take Redis away: without persistence, or with its
 * append-only file in a temp dir (`appendOnly`), so that what it held survives a stop and start.
 */
export async function startRedisServer(
  opts: { appendOnly?: boolean; args?: string[] } = {},
): Promise<RedisServer> {
  const port = await freePort();
  const dir = opts.appendOnly ? mkdtempSync(join(tmpdir(), 'profai-redis-')) : null;
  const persistence = dir
    ? ['--appendonly', 'yes', '--appendfsync', 'always', '--dir', dir]
    : ['--appendonly', 'no'];
  let proc: ChildProcess | null = null;
  const start = async () => {
    proc = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', ...persistence, ...(opts.args ?? [])],
      {
        stdio: 'ignore',
      },
    );
    const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
    probe.on('error', () => {});
    for (let i = 0; ; i++) {
      try {
        await probe.connect();
        await probe.ping();
        break;
      } catch {
        if (i > 100) throw new Error(`redis-server on port ${port} did not start`);
        await sleep(50);
      }
    }
    probe.disconnect();
  };
  const stop = async () => {
    const p = proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGKILL');
    await exited;
  };
  const running = () => proc !== null && proc.exitCode === null && proc.signalCode === null;
  await start();
  return { url: `redis://127.0.0.1:${port}/0`, port, stop, start, running };
}

/**
 * Puts a Redis at maxmemory for good: under `noeviction` with its limit set to half of what it holds, it refuses
 * every write until the limit is raised (`CONFIG SET maxmemory 0`). Filling it until the first refusal is not
 * enough: the refused command's buffers are freed right after, and the next small write may fit again.
 */
export async function squeezeRedis(redis: Redis): Promise<void> {
  const used = Number(/^used_memory:(\d+)/m.exec(await redis.info('memory'))?.[1]);
  await redis.config('SET', 'maxmemory-policy', 'noeviction');
  await redis.config('SET', 'maxmemory', String(Math.floor(used / 2)));
  await redis.set('profai-test:squeezed', 'x').then(
    () => {
      throw new Error('Redis still takes writes');
    },
    (err: Error) => {
      if (!/^OOM command not allowed/.test(err.message)) throw err;
    },
  );
}

export interface TestApi {
  app: FastifyInstance;
  deps: ApiDeps;
  close(): Promise<void>;
}

/**
 * buildApi on the embedded database (PGlite + pgvector) in a temporary folder; `config` gives Redis, `overrides`
 * what else differs (an UPLOAD_DIR on a small volume).
 */
export async function startTestApi(config: Config, overrides: Partial<Config> = {}): Promise<TestApi> {
  const dir = await mkdtemp(join(tmpdir(), 'profai-ops-'));
  const full: Config = {
    ...config,
    dataDir: join(dir, 'data'),
    uploadDir: join(dir, 'uploads'),
    logLevel: 'silent',
    ...overrides,
  };
  const db = await openDatabase(full);
  const vectors = await openVectorStore(full, db);
  const fleet = openProfaiClient(full);
  const deps: ApiDeps = {
    config: full,
    db,
    vectors,
    fleet,
    redisPing: async () => void (await fleet.redis.ping()),
  };
  const app = await buildApi(deps);
  return {
    app,
    deps,
    async close() {
      await app.close();
      await fleet.close();
      await vectors.close();
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Parses Prometheus text into `name{labels}` → value. */
export function parseMetrics(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    values.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return values;
}

/**
 * Starts workers numbered first..first+n-1 and waits until each is ready. Each process is added to `into`
 * as soon as it is spawned, so an `after` hook kills it even when start-up fails or times out (a live
 * child would otherwise keep the test file from ever ending).
 */
export async function startWorkersInto(
  into: WorkerProcess[],
  n: number,
  env: Record<string, string>,
  first = 1,
): Promise<void> {
  const started = Array.from({ length: n }, (_, i) => spawnWorker({ ...env, WORKER_NUM: String(first + i) }));
  into.push(...started);
  await Promise.all(started.map((w) => w.waitForLine(/ ready\.$/, 120_000)));
}
