/**
 * docker/healthcheck.mjs, the containers' health check: run as the image runs it (a separate node process),
 * against a real worker and an HTTP server standing in for the API's /health.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  testEnv,
  type WorkerProcess,
} from '../support/workers.ts';

const SCRIPT = fileURLToPath(new URL('../../docker/healthcheck.mjs', import.meta.url));
const TEST_DB = 'postgres://postgres@127.0.0.1:5432/test';

function healthcheck(
  env: Record<string, string>,
  role?: string,
): Promise<{ code: number | null; stderr: string }> {
  const args = ['--import', 'tsx', SCRIPT, ...(role ? [role] : [])];
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  return new Promise((resolve) => proc.on('exit', (code) => resolve({ code, stderr })));
}

describe('worker health', () => {
  const workers: WorkerProcess[] = [];
  const prefix = randomPrefix();
  const { cleanup } = openTestClient(prefix);
  after(async () => {
    await killAll(workers);
    await cleanup();
  });

  test('healthy while its heartbeat is live; unhealthy for another number and once it stopped', {
    timeout: 60_000,
  }, async () => {
    const env = testEnv(prefix, { WORKER_NUM: '3', DATABASE_URL: TEST_DB });
    const worker = spawnWorker(env);
    workers.push(worker);
    await worker.waitForLine(/ ready\.$/, 45_000);
    const check = { QUEUE_PREFIX: prefix, WORKER_NUM: '3', PORT: '1' };

    assert.equal((await healthcheck(check, 'worker')).code, 0);
    assert.equal((await healthcheck(check)).code, 0, 'no role: a live heartbeat is enough');

    const other = await healthcheck({ ...check, WORKER_NUM: '4' }, 'worker');
    assert.equal(other.code, 1);
    assert.match(other.stderr, /^unhealthy: no live heartbeat from worker4@/);

    worker.proc.kill('SIGTERM');
    await worker.exited;
    assert.equal((await healthcheck(check, 'worker')).code, 1);
  });
});

describe('API health', () => {
  test('healthy when GET /health answers 200, not when it answers 503', async () => {
    let status = 200;
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/health' ? status : 404).end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const env = { PORT: String((server.address() as AddressInfo).port) };
      assert.equal((await healthcheck(env, 'api')).code, 0);
      status = 503;
      const down = await healthcheck(env, 'api');
      assert.equal(down.code, 1);
      assert.match(down.stderr, /GET \/health answered 503/);
    } finally {
      server.close();
    }
  });
});
