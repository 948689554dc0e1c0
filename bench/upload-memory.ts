/**
 * `npm run bench:uploads [-- --uploads 5 --mb 100 --base DIR]`: the API's peak memory while several large
 * uploads stream in at once, with the uploads in a folder (UPLOAD_DIR) and in a bucket (STORAGE_URL on an
 * s3rver this script starts). The API runs as `profai api` from the built dist/ (`npm run build` first), its
 * RSS sampled from /proc every 50 ms and its peak read from VmHWM; the clients stream their bodies from a loop
 * (nothing holds a whole file). Each also with the API's young generation at 2 MB (`--max-semi-space-size=2`,
 * as the workers are started), which decides most of the API's growth under a fast upload. With `--base DIR`, the same folder run of another checkout's built API (an
 * older commit: /work/base) goes first, for a before/after in one sitting. No workers run: the files wait.
 *
 * Each file is a PDF header followed by incompressible bytes: the API checks the magic bytes and hashes the rest,
 * as for any PDF.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createTestDatabase } from '../test/support/api.ts';
import { freePort } from '../test/support/chroma.ts';
import { startS3 } from '../test/support/s3.ts';

const { values } = parseArgs({
  options: {
    uploads: { type: 'string', default: '5' },
    mb: { type: 'string', default: '100' },
    base: { type: 'string' },
  },
});
const UPLOADS = Number(values.uploads);
const BYTES = Number(values.mb) * 1_000_000;
const CHUNK = randomBytes(64 * 1024);

function statusOf(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${field}:`));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

/** Streams one multipart upload of BYTES from a loop, honouring back-pressure; resolves with the status. */
function upload(port: number, name: string): Promise<number> {
  const boundary = `----bench${randomBytes(6).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const body = BYTES - 9; // the header's %PDF-1.7\n counts
  return new Promise((done, fail) => {
    const req = request(
      {
        port,
        host: '127.0.0.1',
        method: 'POST',
        path: '/api/pdfs',
        headers: {
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': head.length + body + tail.length,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? 0));
      },
    );
    req.on('error', fail);
    req.write(head);
    let sent = 0;
    const pump = () => {
      while (sent < body) {
        const n = Math.min(CHUNK.length, body - sent);
        const chunk = n === CHUNK.length ? CHUNK : CHUNK.subarray(0, n);
        sent += n;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      req.end(tail);
    };
    // Distinct content per upload: its own first bytes after the header.
    req.write(Buffer.from(`${name}\n`.padEnd(64, ' ')));
    sent += 64;
    pump();
  });
}

interface Run {
  label: string;
  idleMb: number;
  peakMb: number;
  seconds: number;
  statuses: number[];
}

/** V8 flags the API may be started with: a 2 MB young generation, as the workers run (README). */
const SMALL_YOUNG = ['--max-semi-space-size=2'];

async function run(
  label: string,
  root: string,
  env: Record<string, string>,
  flags: string[] = [],
): Promise<Run> {
  const port = await freePort();
  const api: ChildProcess = spawn(process.execPath, [...flags, join(root, 'bin/profai.js'), 'api'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Its warnings (a refused upload says why), printed when an upload was not taken.
  let log = '';
  api.stdout!.on('data', (d: Buffer) => {
    if (log.length < 20_000) log += d;
  });
  try {
    for (let i = 0; ; i++) {
      const up = await fetch(`http://127.0.0.1:${port}/health`).then(
        (r) => r.status < 600,
        () => false,
      );
      if (up) break;
      if (i > 300) throw new Error(`${label}: the API did not start`);
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const pid = api.pid!;
    const idleMb = statusOf(pid, 'VmRSS');
    let sampled = idleMb;
    const sampler = setInterval(() => {
      sampled = Math.max(sampled, statusOf(pid, 'VmRSS'));
    }, 50);
    const started = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: UPLOADS }, (_, i) => upload(port, `${label}-${i}-${Date.now()}`)),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const peakMb = Math.max(sampled, statusOf(pid, 'VmHWM'));
    if (statuses.some((s) => s !== 202)) console.error(`${label}: the API said\n${log}`);
    return { label, idleMb, peakMb, seconds, statuses };
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'profai-bench-uploads-'));
const pgdb = await createTestDatabase();
const s3 = await startS3({ dir: join(dir, 's3') });
const common = {
  DATABASE_URL: pgdb.url,
  REDIS_URL: 'redis://127.0.0.1:6379/0',
  QUEUE_PREFIX: `bench_uploads_${randomBytes(3).toString('hex')}`,
  MAX_UPLOAD_MB: String(Math.ceil(BYTES / 2 ** 20) + 1),
};
const runs: Run[] = [];
try {
  if (values.base)
    runs.push(await run('folder (base)', resolve(values.base), { ...common, UPLOAD_DIR: join(dir, 'base') }));
  runs.push(await run('folder', resolve('.'), { ...common, UPLOAD_DIR: join(dir, 'uploads') }));
  runs.push(await run('s3', resolve('.'), { ...common, ...s3.env('bench') }));
  runs.push(
    await run(
      'folder, API with --max-semi-space-size=2',
      resolve('.'),
      { ...common, UPLOAD_DIR: join(dir, 'u2') },
      SMALL_YOUNG,
    ),
  );
  runs.push(
    await run(
      's3, API with --max-semi-space-size=2',
      resolve('.'),
      { ...common, ...s3.env('bench2') },
      SMALL_YOUNG,
    ),
  );
} finally {
  await s3.remove();
  await pgdb.drop();
  rmSync(dir, { recursive: true, force: true });
}

const mbs = (r: Run) => ((UPLOADS * BYTES) / 1e6 / r.seconds).toFixed(0);
console.log(`${UPLOADS} uploads of ${BYTES / 1e6} MB at once into \`profai api\` (RSS of the API process):`);
console.log('| storage | RSS idle MB | peak RSS MB | seconds | MB/s in | statuses |');
console.log('|---|---|---|---|---|---|');
for (const r of runs)
  console.log(
    `| ${r.label} | ${r.idleMb.toFixed(0)} | ${r.peakMb.toFixed(0)} | ${r.seconds.toFixed(1)} | ${mbs(r)} | ${r.statuses.join(' ')} |`,
  );
