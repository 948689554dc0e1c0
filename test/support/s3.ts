/**
 * A real S3-speaking server for tests: `s3rver` (npm), in a process of its own so that a test can stop it for an
 * outage and start it again on the same port and data, or run it inside a network namespace. Path-style, the
 * fixed credentials S3RVER/S3RVER, one bucket made at start.
 *
 *   const s3 = await startS3();          // s3.endpoint = http://127.0.0.1:PORT
 *   loadConfig({ ...s3.env('prefix'), … }) and Object.assign(process.env, s3.awsEnv) for in-process clients
 *   await s3.stop(); await s3.start();   // an outage
 *   await s3.remove();
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { freePort } from './chroma.ts';

const S3RVER = fileURLToPath(new URL('../../node_modules/s3rver/bin/s3rver.js', import.meta.url));

export interface S3Server {
  endpoint: string;
  bucket: string;
  /** The server's data folder (objects are files under it). */
  dir: string;
  /** The AWS SDK's variables that point a client at this server. */
  awsEnv: Record<string, string>;
  /** ProfAI's settings for storage under `prefix` of the bucket, with {@link awsEnv}. */
  env(prefix?: string): Record<string, string>;
  /** Starts the server again after {@link stop} (same port, same data). */
  start(): Promise<void>;
  /** Kills the server (SIGKILL: an outage, not a shutdown). */
  stop(): Promise<void>;
  /** Stops it and removes its data. */
  remove(): Promise<void>;
}

export interface S3Options {
  /** Address to bind. @defaultValue 127.0.0.1 */
  address?: string;
  port?: number;
  /** Data folder (a small tmpfs to fill, say). @defaultValue a new temp dir */
  dir?: string;
  /** Run inside this network namespace (`ip netns exec NS`). */
  netns?: string;
  bucket?: string;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startS3(opts: S3Options = {}): Promise<S3Server> {
  const address = opts.address ?? '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const ownDir = opts.dir ? null : mkdtempSync(join(tmpdir(), 'profai-s3-'));
  const dir = opts.dir ?? ownDir!;
  const bucket = opts.bucket ?? 'profai-test';
  const endpoint = `http://${address}:${port}`;
  let child: ChildProcess | null = null;
  let log = '';

  const start = async () => {
    // In a namespace its address cannot be tried from here: it says when it listens (so it is not silent then).
    const quiet = opts.netns ? [] : ['-s'];
    const args = [
      S3RVER,
      '-d',
      dir,
      '-a',
      address,
      '-p',
      String(port),
      ...quiet,
      '--configure-bucket',
      bucket,
    ];
    child = opts.netns
      ? spawn('ip', ['netns', 'exec', opts.netns, process.execPath, ...args], {
          stdio: ['ignore', 'pipe', 'pipe'],
        })
      : spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (d: Buffer) => {
      if (log.length < 4096) log += d;
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`s3rver exited (${child.exitCode}): ${log}`);
      if (opts.netns ? /listening on/i.test(log) : await answers(address, port)) return;
      await sleep(100);
    }
    throw new Error(`s3rver did not start on ${endpoint} within 15 s: ${log}`);
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  const awsEnv = {
    AWS_ENDPOINT_URL_S3: endpoint,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REGION: 'us-east-1',
  };
  return {
    endpoint,
    bucket,
    dir,
    awsEnv,
    env: (prefix = 'profai') => ({
      ...awsEnv,
      STORAGE_URL: `s3://${bucket}/${prefix}`,
      STORAGE_S3_PATH_STYLE: 'true',
    }),
    start,
    stop,
    async remove() {
      await stop();
      if (ownDir) rmSync(ownDir, { recursive: true, force: true });
    },
  };
}
