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
