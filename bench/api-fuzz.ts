/**
 * `npm run bench:api-fuzz`: BENCH_CASES (default 3000) generated hostile requests (test/support/hostile-requests.ts,
 * seed BENCH_SEED, default 1) against an API on real PostgreSQL, Chroma and Redis with MAX_UPLOAD_MB=1. Prints the
 * answers by status, each 5xx (or error body out of shape) grouped by what it said, the run time, whether `/health`
 * still answers, and what UPLOAD_DIR holds that no 2xx upload accounts for. Run it on two commits to compare.
 * Keys on: the requests carry an admin's key, or with BENCH_AS=teacher a teacher's who owns the course.
 */
import { readdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { fuzzApi, startFuzzTarget } from '../test/support/hostile-requests.ts';

const cases = Number(process.env.BENCH_CASES ?? 3000);
const seed = Number(process.env.BENCH_SEED ?? 1);
/** Whose key the requests carry: an admin's, or a teacher's who owns the fuzzed course (BENCH_AS=teacher). */
const as = process.env.BENCH_AS === 'teacher' ? 'teacher' : 'admin';

// The API's error log (pino, JSON lines on stdout) is kept, not shown: it says why each 500 happened.
const serverErrors = new Map<string, number>();
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
  const text = String(chunk);
  if (!text.startsWith('{"level":')) return write(chunk, ...rest);
  for (const line of text.split('\n').filter(Boolean)) {
    const entry = JSON.parse(line) as { level: number; err?: { message?: string }; msg?: string };
    if (entry.level < 50) continue;
    const why = (entry.err?.message ?? entry.msg ?? '').split('\n')[0]!.slice(0, 100);
    serverErrors.set(why, (serverErrors.get(why) ?? 0) + 1);
  }
  return true;
}) as typeof process.stdout.write;

const { fx, app, ids, pdf } = await startFuzzTarget('error', as);
try {
  const started = performance.now();
  const report = await fuzzApi(app, ids, pdf, { seed, numRuns: cases });
  const seconds = (performance.now() - started) / 1000;
  console.log(`${report.cases} requests as ${as}, seed ${seed}, in ${seconds.toFixed(1)} s`);
  const statuses = [...report.statuses].sort(([a], [b]) => a - b);
  console.log(`by status: ${statuses.map(([s, n]) => `${s}×${n}`).join('  ')}`);
  const byReason = new Map<string, number>();
  for (const line of report.violations) {
    // "500 multipart POST /api/pdfs: {body}": group by status, family and the answer, not the URL.
    const [head, ...rest] = line.split(': ');
    const [status, family] = (head ?? '').split(' ');
    const key = `${status} ${family}: ${rest.join(': ').slice(0, 100)}`;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  console.log(`violations (5xx, or 4xx without {error,message}): ${report.violations.length}`);
  for (const [reason, n] of [...byReason].sort((a, b) => b[1] - a[1])) console.log(`  ${n}× ${reason}`);
  console.log(`errors the API logged: ${[...serverErrors.values()].reduce((a, b) => a + b, 0)}`);
  for (const [why, n] of [...serverErrors].sort((a, b) => b[1] - a[1])) console.log(`  ${n}× ${why}`);
  const health = await app.inject('/health');
  console.log(`/health after: ${health.statusCode}`);
  const stray = (await readdir(fx.uploadDir)).filter(
    (f) => !report.acceptedShas.has(f.replace(/\.pdf$/, '')),
  );
  console.log(
    `UPLOAD_DIR: files no 2xx upload accounts for: ${stray.length}${stray.length ? ` (${stray.slice(0, 5).join(', ')})` : ''}`,
  );
} finally {
  await fx.stop();
}
