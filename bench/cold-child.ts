/**
 * What a worker child's first document costs against its later ones: forks a checkout's compiled child the way a
 * worker does (its ChildHandle, its flags), runs one PDF job in it (cold), then `--warm N` more jobs of the same
 * file made unique after %%EOF (warm), on a fresh PostgreSQL database, and prints the CPU seconds of each job as
 * the child measured it, the child's CPU from fork to the end of its first job (its start-up included), its RSS, and
 * a digest of the stored courses and quizzes (the same file must give the same digest in every checkout).
 * `--child-flags='…'` adds Node flags to the child's. `--checkouts A,B` alternates checkouts round by round and prints each one's medians and B/A ratios.
 *
 *   npx tsx bench/cold-child.ts [--checkouts DIR[,DIR…]] [--file PDF] [--rounds 3] [--warm 1] [--json]
 * Each checkout must be built (`npm run build`): this runs its dist/.
 *
 * Issue 21, 2026-12-06 (debmake-doc.en.pdf, 143 pages; host shared, load 3-9), against 8e3d4c5 (/work/start):
 * - where a cold child's first document goes, in one process with the child's flags (CPU): importing the pipeline
 *   and the workflow 0.16-0.21 s, the English model 0.18-0.24 s, PDFium 0.05 s, then the manual 2.2-2.3 s against
 *   1.3-1.4 s on its third run; with `--no-opt` the first run costs the same and later ones stay at 1.9 s: most
 *   of the difference is V8 warming up (lazy compilation, type feedback, optimising and deoptimising), not loading.
 * - `--interrupt-budget=540672` (8x V8's; CHILD_NODE_FLAGS): cold job 2.42 s against 2.81 s (0.86x), warm jobs
 *   0.98x, RSS 141 against 144 MB, the same digest (`--checkouts /work/start,. --rounds 5 --warm 2`).
 * - Bundling the child's own code with esbuild (the entry, the task module and every module they import on demand,
 *   split at dynamic imports; packages left in node_modules): 0.979x and 0.99x of the cold job in two sittings.
 *   Bundling the packages too: at most ~0.1 s more, RSS +13-18 MB (zod whole, the English model's JSON as code).
 *   Not kept (branch cold-child-bundle): too little for a build step, a dependency and a Dockerfile change.
 * - `--child-flags`, one process, six manuals in a row: `--max-semi-space-size=4` cold job 0.93-0.97x for +8-13 MB
 *   RSS, 16 MB 0.91-0.95x for +40 MB (a worker may hold 250 MB: not taken); `--wasm-tiering-budget=1800000000`,
 *   `--no-wasm-tier-up`, `--single-threaded-gc`, `--single-threaded`, `--no-lazy-feedback-allocation`,
 *   `--always-sparkplug`, `--no-sparkplug`, `--maglev`: within the noise (±5%).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    checkouts: { type: 'string', default: '.' },
    file: { type: 'string', default: '/work/bench-pdfs/debmake-doc.en.pdf' },
    rounds: { type: 'string', default: '3' },
    warm: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    'child-flags': { type: 'string', default: '' },
  },
});
const checkouts = values.checkouts.split(',').map((dir) => resolve(dir));
const rounds = Number(values.rounds);
const warmJobs = Number(values.warm);
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CLK_TCK = 100;
/** Node flags added to every child's (e.g. `--cpu-prof --cpu-prof-dir=DIR`, or GC settings to try). */
const childFlags = values['child-flags'].split(' ').filter(Boolean);

interface Round {
  checkout: string;
  /** CPU s of the first job, as the child measured it (process.cpuUsage around the handler). */
  coldJobCpu: number;
  /** CPU s of the child from fork to the end of its first job (/proc): start-up, init and the first job. */
  coldChildCpu: number;
  /** CPU s of each later job. */
  warmJobCpu: number[];
  /** The child's RSS after each job, MB. */
  rssMb: number[];
  /** The file the child was forked from (the bundle's entry or dist/'s), from /proc/PID/cmdline. */
  entry: string;
  /** sha256 of the stored courses and quizzes (ids and timestamps left out). */
  outputDigest: string;
}

/** user + system CPU seconds of a process, from /proc/PID/stat (children's included once waited for). */
function procCpu(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** The same PDF as a new file (a comment after %%EOF): a new sha256, hence a new job and document. */
function uniqueCopy(bytes: Buffer, tag: string): Buffer {
  return Buffer.concat([bytes, Buffer.from(`\n%cold-child ${tag}\n`)]);
}

async function outputDigest(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const hash = createHash('sha256');
    // Content only, in job order: ids name the document by its sha256 (each copy has its own), times differ.
    const { rows: courses } = await client.query(
      'SELECT id, document_id, title, body::text AS body FROM courses ORDER BY created_at',
    );
    for (const course of courses) {
      const { rows: quizzes } = await client.query(
        `SELECT z.id, z.title, z.body::text AS body,
                (SELECT json_agg(json_build_array(q.kind, q.prompt, q.source_page, q.body) ORDER BY q.idx)
                   FROM questions q WHERE q.quiz_id = z.id)::text AS questions
           FROM quizzes z WHERE z.course_id = $1 ORDER BY z.created_at`,
        [course.id],
      );
      const ids = [course.id, course.document_id, ...quizzes.map((z) => z.id)] as string[];
      const anonymous = (text: string) => ids.reduce((t, id) => t.replaceAll(id, 'ID'), text);
      hash.update(
        anonymous(
          JSON.stringify([course.title, course.body, quizzes.map((z) => [z.title, z.body, z.questions])]),
        ),
      );
    }
    return hash.digest('hex').slice(0, 16);
  } finally {
    await client.end();
  }
}

async function oneRound(checkout: string, round: number): Promise<Round> {
  const dist = (path: string) => pathToFileURL(join(checkout, 'dist', path)).href;
  const { loadConfig } = (await import(dist('config.js'))) as typeof import('../src/config.ts');
  const { taskSettingsOf } = (await import(
    dist('tasks/settings.js')
  )) as typeof import('../src/tasks/settings.ts');
  const { TASKS_MODULE } = (await import(dist('tasks/index.js'))) as typeof import('../src/tasks/index.ts');
  const handle = (await import(
    dist('fleet/pool/child-handle.js')
  )) as typeof import('../src/fleet/pool/child-handle.ts');

  const dbName = `cold_child_${process.pid}_${round}_${checkouts.indexOf(checkout)}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  const dir = mkdtempSync(join(tmpdir(), 'cold-child-'));
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  try {
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      VECTOR_STORE: 'postgres',
      UPLOAD_DIR: join(dir, 'uploads'),
      DOCUMENTS_DIR: join(dir, 'documents'),
      PROFAI_DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'warn',
    });
    mkdirSync(join(dir, 'uploads'), { recursive: true });
    const bytes = readFileSync(values.file);
    const jobs = Array.from({ length: 1 + warmJobs }, (_, i) => {
      const copy = uniqueCopy(bytes, `${i}`);
      const sha256 = createHash('sha256').update(copy).digest('hex');
      writeFileSync(join(dir, 'uploads', `${sha256}.pdf`), copy, { flag: 'w' });
      return { sha256, fileName: `copy-${i}.pdf` };
    });
    const child = await handle.ChildHandle.start(
      { taskModules: [TASKS_MODULE], taskSettings: taskSettingsOf(config), logLevel: 'warn', preload: false },
      [...handle.childExecArgv([], 0), ...childFlags],
    );
    const entry =
      readFileSync(`/proc/${child.pid}/cmdline`, 'utf8').split('\0').filter(Boolean).at(-1) ?? '?';
    const cpus: number[] = [];
    const rssMb: number[] = [];
    let coldChildCpu = 0;
    for (const [i, data] of jobs.entries()) {
      const answer = await child.run(
        { jobId: `j${i}`, task: 'pdf_processing.process_pdf_and_generate_course', data, attempt: 1 },
        () => {},
      );
      if (answer.kind !== 'done' || !answer.done.ok)
        throw new Error(
          `job ${i} failed: ${JSON.stringify(answer.kind === 'done' ? answer.done.error : answer.exit)}`,
        );
      if (i === 0) coldChildCpu = procCpu(child.pid);
      cpus.push(answer.done.cpuSeconds);
      rssMb.push(Math.round(answer.done.rssMb));
    }
    child.retire();
    await child.exited;
    return {
      checkout,
      coldJobCpu: cpus[0]!,
      coldChildCpu,
      warmJobCpu: cpus.slice(1),
      rssMb,
      entry: entry.replace(`${checkout}/`, ''),
      outputDigest: await outputDigest(databaseUrl),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

async function main(): Promise<void> {
  const results: Round[] = [];
  for (let round = 0; round < rounds; round++)
    for (const checkout of checkouts) {
      const r = await oneRound(checkout, round);
      results.push(r);
      console.error(
        `round ${round + 1} ${checkout}: cold job ${r.coldJobCpu.toFixed(2)} s (child from fork ${r.coldChildCpu.toFixed(2)} s), warm ${r.warmJobCpu.map((c) => c.toFixed(2)).join(', ')} s, RSS ${r.rssMb.join(', ')} MB, output ${r.outputDigest}, entry ${r.entry}`,
      );
    }
  const summary = checkouts.map((checkout) => {
    const mine = results.filter((r) => r.checkout === checkout);
    return {
      checkout,
      coldJobCpu: median(mine.map((r) => r.coldJobCpu)),
      coldChildCpu: median(mine.map((r) => r.coldChildCpu)),
      warmJobCpu: median(mine.flatMap((r) => r.warmJobCpu)),
      peakRssMb: Math.max(...mine.flatMap((r) => r.rssMb)),
      outputDigests: [...new Set(mine.map((r) => r.outputDigest))],
    };
  });
  for (const s of summary)
    console.error(
      `${s.checkout}: medians cold job ${s.coldJobCpu.toFixed(2)} s, child from fork ${s.coldChildCpu.toFixed(2)} s, warm job ${s.warmJobCpu.toFixed(2)} s (cold/warm ${(s.coldChildCpu / s.warmJobCpu).toFixed(2)}), peak RSS ${s.peakRssMb} MB, outputs ${s.outputDigests.join(' ')}`,
    );
  const [base, ...others] = summary;
  for (const s of others)
    console.error(
      `${s.checkout} / ${base!.checkout}: cold job ${(s.coldJobCpu / base!.coldJobCpu).toFixed(3)}x, child from fork ${(s.coldChildCpu / base!.coldChildCpu).toFixed(3)}x, warm job ${(s.warmJobCpu / base!.warmJobCpu).toFixed(3)}x`,
    );
  if (values.json) console.log(JSON.stringify({ file: values.file, rounds, summary, results }));
}

await main();
