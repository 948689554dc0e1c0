/**
 * Starts a real Chroma server for a test (`node_modules/.bin/chroma run`) on a free port with its data in a
 * temp dir, and stops it (SIGTERM, then SIGKILL after 10 s) and removes the data. Shared by store, fleet and
 * API tests:
 *
 *   const chroma = await startChroma();  // chroma.url = http://127.0.0.1:PORT
 *   ...
 *   await chroma.stop();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const CHROMA_BIN = fileURLToPath(new URL('../../node_modules/.bin/chroma', import.meta.url));

/** A free TCP port on 127.0.0.1 (asks the OS, then releases it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitHealthy(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`chroma exited with ${child.exitCode}: ${log()}`);
    try {
      if ((await fetch(`${url}/api/v2/heartbeat`)).ok) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`chroma not healthy at ${url} within ${timeoutMs} ms: ${log()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A running Chroma server. `stop` is idempotent. */
export interface ChromaServer {
  url: string;
  /** The server's process id (benchmarks read its CPU time); a new one after `restart`. */
  pid: number;
  stop(): Promise<void>;
  /** Stops the server (SIGTERM), keeping its data, for an outage a test makes. */
  halt(): Promise<void>;
  /** Starts it again on the same port and data, after `halt`; resolves once healthy. */
  restart(): Promise<void>;
}

/**
 * Starts Chroma and resolves once `GET /api/v2/heartbeat` answers.
 * @param opts.timeoutMs - how long to wait for health. @defaultValue 30000
 */
export async function startChroma(opts: { timeoutMs?: number } = {}): Promise<ChromaServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'profai-chroma-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-2000);
  };
  let child: ChildProcess;
  const launch = async () => {
    child = spawn(CHROMA_BIN, ['run', '--path', dataDir, '--port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    server.pid = child.pid!;
    await waitHealthy(url, child, opts.timeoutMs ?? 30_000, () => log);
  };
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  const server: ChromaServer = { url, pid: 0, stop, halt: () => stopChild(child), restart: launch };
  try {
    await launch();
  } catch (err) {
    await stop();
    throw err;
  }
  return server;
}
