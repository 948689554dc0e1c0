/**
 * `npm run bench:chaos [-- --docs 100 --duration 180 --workers 3 --no-baseline --seed 1 --store postgres|chroma]`:
 * the API and three
 * workers on distinct documents (corpus PDFs made distinct by a trailing comment; copies of the example when the
 * corpus is absent) while random faults hit them for `--duration` seconds: a child or a whole worker SIGKILLed,
 * a worker SIGTERMed, a worker SIGSTOPped for longer than its job lock then SIGCONTed, Redis restarted and
 * SIGKILLed (append-only file on), PostgreSQL restarted and SIGKILLed, Chroma and PostgreSQL stopped for 60 s,
 * the API restarted. Dead workers and the API are started again, as compose's restart policy does. Services
 * are the benchmark's own (a PostgreSQL cluster from initdb, Chroma, Redis), on this machine. `--store` is
 * VECTOR_STORE (default postgres: vectors in that cluster, and no Chroma fault; chroma: Chroma's outage too).
 *
 * It prints the faults done, documents, courses, failed jobs with their reasons, duplicate quizzes, chunks
 * against vectors, and the makespan against the same run without faults (run first, on fresh services).
 * Target: every document gets its course, no job fails, no duplicate, chunks = vectors.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { SUPERVISOR_NODE_FLAGS } from '../src/fleet/pool/child-handle.ts';
import { getJobView } from '../src/fleet/queues.ts';
import { sleep } from '../src/lib/time.ts';
import { HashEmbedder } from '../src/pipeline/embed.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { chromaStore } from '../src/store/vectors/chroma.ts';
import { postgresVectorStore } from '../src/store/vectors/postgres.ts';
import { openProfaiClient } from '../src/tasks/client.ts';
import { type ChromaServer, freePort, startChroma } from '../test/support/chroma.ts';
import { loadCorpus } from '../test/support/corpus.ts';
import { type RedisServer, startRedisServer } from '../test/support/ops.ts';
import { type PgCluster, startPgCluster } from '../test/support/pg-cluster.ts';
import { childPids } from './workers.ts';

const { values: args } = parseArgs({
  options: {
    docs: { type: 'string', default: '100' },
    duration: { type: 'string', default: '180' },
    workers: { type: 'string', default: '3' },
    baseline: { type: 'boolean', default: true },
    'no-baseline': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    store: { type: 'string', default: 'postgres' },
  },
});
if (args.store !== 'postgres' && args.store !== 'chroma') throw new Error('--store is postgres or chroma');
const STORE = args.store;
const DOCS = Number(args.docs);
const DURATION_S = Number(args.duration);
const WORKERS = Number(args.workers);
const JOB_LOCK_MS = 15_000;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI_BUILT = join(ROOT, 'dist/cli/main.js');
const CLI = process.env.FLEET_CLI_ENTRY ?? (readable(CLI_BUILT) ? CLI_BUILT : 'src/cli/main.ts');

function readable(path: string): boolean {
  try {
    readFileSync(path, { flag: 'r' });
    return true;
  } catch {
    return false;
  }
}

/** A seeded PRNG (mulberry32), so a run's faults can be replayed with --seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `DOCS` distinct PDFs: the corpus's parse rows (else the example), each with its own trailing comment. */
function documents(): { name: string; bytes: Buffer }[] {
  const corpus = loadCorpus();
  const sources =
    'rows' in corpus
      ? corpus.rows.filter((r) => r.expected.startsWith('parse')).map((r) => ({ name: r.file, path: r.path }))
      : [{ name: 'sample.pdf', path: join(ROOT, 'examples/sample.pdf') }];
  return Array.from({ length: DOCS }, (_, i) => {
    const src = sources[i % sources.length]!;
    return {
      name: `${i}-${src.name}`,
      bytes: Buffer.concat([readFileSync(src.path), Buffer.from(`\n%chaos ${i}\n`)]),
    };
  });
}

/** A process kept alive as compose's `restart: unless-stopped` would: started again when it dies. */
class Kept {
  proc: ChildProcess | null = null;
  #stopped = false;
  restarts = 0;
  constructor(
    readonly name: string,
    private readonly args: string[],
    private readonly env: Record<string, string>,
  ) {}

  start(): void {
    const entry = CLI.endsWith('.ts') ? ['--import', 'tsx', CLI] : [CLI];
    const flags = this.args[0] === 'worker' ? SUPERVISOR_NODE_FLAGS : [];
    const proc = spawn(process.execPath, [...flags, ...entry, ...this.args], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    proc.stderr?.on('data', () => {});
    this.proc = proc;
    proc.once('exit', () => {
      if (this.#stopped) return;
      this.restarts++;
      setTimeout(() => !this.#stopped && this.start(), 1000);
    });
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise((r) => p.once('exit', r));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  }
}

interface Services {
  pg: PgCluster;
  chroma: ChromaServer;
  redis: RedisServer;
}

interface Outcome {
  makespanS: number;
  faults: Map<string, number>;
  documents: number;
  courses: number;
  /** Jobs failed for an outage or a fault: what must be 0. */
  failed: { id: string; file: string; reason: string }[];
  /** Jobs refused for the document's own reasons (too little text, a scan without OCR…): not faults' doing. */
  refused: { id: string; file: string; reason: string }[];
  unfinished: number;
  duplicateQuizzes: number;
  chunks: number;
  vectors: number;
  mismatched: number;
  restarts: number;
}

async function run(label: string, withFaults: boolean): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), 'profai-chaos-'));
  const uploads = join(dir, 'uploads');
  mkdirSync(uploads, { recursive: true });
  const [pg, chroma, redis] = await Promise.all([
    startPgCluster(),
    startChroma(),
    startRedisServer({ appendOnly: true }),
  ]);
  const services: Services = { pg, chroma, redis };
  const port = await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: pg.url,
    VECTOR_STORE: STORE,
    CHROMA_URL: chroma.url,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'chaos',
    UPLOAD_DIR: uploads,
    DOCUMENTS_DIR: join(dir, 'documents'),
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    JOB_LOCK_MS: String(JOB_LOCK_MS),
    DEPENDENCY_RETRY_MAX_S: '5',
    SHUTDOWN_GRACE_S: '5',
    HARD_MEMORY_LIMIT_MB: '1500',
    // One client uploads every document: the faults are measured here, not the per-key limits.
    UPLOADS_PER_MINUTE: '0',
    MAX_QUEUED_JOBS_PER_USER: '0',
  };
  const api = new Kept('api', ['api'], env);
  const workers = Array.from(
    { length: WORKERS },
    (_, i) => new Kept(`worker${i + 1}`, ['worker'], { ...env, WORKER_NUM: String(i + 1) }),
  );
  api.start();
  for (const w of workers) w.start();
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/health`).catch(() => null))?.ok ?? false, 120_000);

  const docs = documents();
  const started = Date.now();
  const ids = await Promise.all(docs.map((d) => upload(base, d)));
  const random = rng(Number(args.seed));
  const faults = new Map<string, number>();
  let faulting = withFaults;
  const faultLoop = (async () => {
    while (faulting && Date.now() - started < DURATION_S * 1000) {
      const fault = ACTIVE_FAULTS[Math.floor(random() * ACTIVE_FAULTS.length)]!;
      faults.set(fault.name, (faults.get(fault.name) ?? 0) + 1);
      process.stderr.write(`[${label} +${Math.round((Date.now() - started) / 1000)}s] ${fault.name}\n`);
      await fault
        .run({ services, api, workers, random })
        .catch((err) => process.stderr.write(`  fault ${fault.name} failed: ${(err as Error).message}\n`));
      await sleep(3000 + random() * 5000);
    }
  })();

  const client = openProfaiClient(loadConfig(env));
  const finished = await until(async () => {
    const views = await Promise.all(ids.map((id) => getJobView(client, id).catch(() => null)));
    const done = views.filter((v) => v && (v.state === 'completed' || v.state === 'failed'));
    return done.length === ids.length && (!withFaults || Date.now() - started >= DURATION_S * 1000)
      ? views
      : null;
  }, 30 * 60_000).catch(() => null);
  const makespanS = (Date.now() - started) / 1000;
  faulting = false;
  await faultLoop;
  const views = finished ?? (await Promise.all(ids.map((id) => getJobView(client, id).catch(() => null))));
  const failures = views.flatMap((v, i) =>
    v?.state === 'failed' ? [{ id: ids[i]!, file: docs[i]!.name, reason: v.error ?? '' }] : [],
  );
  const failed = failures.filter((f) => !OWN_REASONS.test(f.reason));
  const refused = failures.filter((f) => OWN_REASONS.test(f.reason));
  const unfinished = views.filter((v) => !v || (v.state !== 'completed' && v.state !== 'failed')).length;

  const db = await openPostgres(pg.url);
  const vectors = STORE === 'chroma' ? chromaStore(chroma.url) : postgresVectorStore(db);
  const space = { name: new HashEmbedder().name, dimension: new HashEmbedder().dimension };
  const count = async (sql: string) => (await db.query<{ n: number }>(sql)).rows[0]!.n;
  const perDoc = await db.query<{ id: string; n: number }>(
    'SELECT d.id, count(c.id)::int AS n FROM documents d LEFT JOIN chunks c ON c.document_id = d.id GROUP BY d.id',
  );
  let mismatched = 0;
  for (const row of perDoc.rows) if ((await vectors.count(space, row.id)) !== row.n) mismatched++;
  const outcome: Outcome = {
    makespanS,
    faults,
    documents: docs.length,
    courses: await count('SELECT count(*)::int AS n FROM courses'),
    failed,
    refused,
    unfinished,
    duplicateQuizzes: await count(
      'SELECT coalesce(sum(n - 1), 0)::int AS n FROM (SELECT count(*) AS n FROM quizzes GROUP BY course_id) q WHERE n > 1',
    ),
    chunks: await count('SELECT count(*)::int AS n FROM chunks'),
    vectors: await vectors.count(space),
    mismatched,
    restarts: workers.reduce((n, w) => n + w.restarts, api.restarts),
  };
  await db.close();
  await client.close();
  await Promise.all([api.stop(), ...workers.map((w) => w.stop())]);
  await Promise.all([pg.stop(), chroma.stop(), redis.stop()]);
  rmSync(dir, { recursive: true, force: true });
  return outcome;
}

/** Why a document itself cannot make a course: permanent, the same with or without faults. */
const OWN_REASONS =
  /^(not enough text|needs OCR|OCR found no|corrupt PDF|encrypted|not a PDF|empty file|too large|too many pages|too complex)/;

async function upload(base: string, doc: { name: string; bytes: Buffer }): Promise<string> {
  const sha = createHash('sha256').update(doc.bytes).digest('hex');
  for (;;) {
    try {
      const form = new FormData();
      form.append('file', new Blob([doc.bytes], { type: 'application/pdf' }), doc.name);
      const res = await fetch(`${base}/api/pdfs`, { method: 'POST', body: form });
      if (res.status === 202 || res.status === 200) {
        const { jobs } = (await res.json()) as { jobs: { id?: string }[] };
        return jobs[0]?.id ?? `pdf-${sha.slice(0, 16)}`;
      }
    } catch {
      // the API is restarting: try again
    }
    await sleep(1000);
  }
}

async function until<T>(fn: () => Promise<T | null | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(1000);
  }
}

interface FaultContext {
  services: Services;
  api: Kept;
  workers: Kept[];
  random: () => number;
}

const pick = <T>(xs: readonly T[], random: () => number) => xs[Math.floor(random() * xs.length)]!;
const pidOf = (k: Kept) => k.proc?.pid;

const FAULTS: { name: string; run(c: FaultContext): Promise<void> }[] = [
  {
    name: 'SIGKILL a child',
    async run({ workers, random }) {
      const pid = pidOf(pick(workers, random));
      const children = pid ? childPids(pid) : [];
      if (children.length > 0) process.kill(pick(children, random), 'SIGKILL');
    },
  },
  {
    name: 'SIGKILL a worker',
    run: async ({ workers, random }) => void pick(workers, random).proc?.kill('SIGKILL'),
  },
  {
    name: 'SIGTERM a worker',
    run: async ({ workers, random }) => void pick(workers, random).proc?.kill('SIGTERM'),
  },
  {
    name: 'SIGSTOP a worker past its lock',
    async run({ workers, random }) {
      const w = pick(workers, random).proc;
      if (!w?.pid) return;
      const tree = [w.pid, ...childPids(w.pid)];
      for (const pid of tree) process.kill(pid, 'SIGSTOP');
      await sleep(JOB_LOCK_MS + 5000);
      for (const pid of tree) {
        try {
          process.kill(pid, 'SIGCONT');
        } catch {
          // gone meanwhile
        }
      }
    },
  },
  {
    name: 'restart Redis',
    async run({ services }) {
      spawnSync('redis-cli', ['-p', String(services.redis.port), 'shutdown']);
      await sleep(1000);
      await services.redis.start();
    },
  },
  {
    name: 'SIGKILL Redis',
    async run({ services }) {
      await services.redis.stop();
      await sleep(1000);
      await services.redis.start();
    },
  },
  {
    name: 'restart PostgreSQL',
    async run({ services }) {
      await services.pg.halt();
      await services.pg.restart();
    },
  },
  {
    name: 'SIGKILL PostgreSQL',
    async run({ services }) {
      await services.pg.kill();
      await sleep(1000);
      await services.pg.restart();
    },
  },
  {
    name: 'stop Chroma for 60 s',
    async run({ services }) {
      await services.chroma.halt();
      await sleep(60_000);
      await services.chroma.restart();
    },
  },
  {
    name: 'stop PostgreSQL for 60 s',
    async run({ services }) {
      await services.pg.halt();
      await sleep(60_000);
      await services.pg.restart();
    },
  },
  { name: 'restart the API', run: async ({ api }) => void api.proc?.kill('SIGTERM') },
];
/** The faults of this run: Chroma's outage only where it holds the vectors. */
const ACTIVE_FAULTS = FAULTS.filter((f) => STORE === 'chroma' || !/Chroma/.test(f.name));

function report(label: string, o: Outcome): void {
  console.log(`\n${label}`);
  console.log(`  makespan: ${o.makespanS.toFixed(1)} s; processes restarted by the bench: ${o.restarts}`);
  if (o.faults.size > 0) {
    const total = [...o.faults.values()].reduce((a, b) => a + b, 0);
    console.log(`  faults (${total}): ${[...o.faults].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  }
  console.log(
    `  documents: ${o.documents}, courses: ${o.courses} (${o.documents - o.courses} without a course)`,
  );
  console.log(`  jobs failed: ${o.failed.length}, not finished: ${o.unfinished}`);
  for (const f of o.failed.slice(0, 20)) console.log(`    ${f.id}: ${f.reason}`);
  console.log(`  refused for the document's own reasons: ${o.refused.length}`);
  // Copies of one corpus file are named `<i>-<file>`: one line per file, with its copies counted.
  const bySource = new Map<string, { reason: string; copies: number }>();
  for (const r of o.refused) {
    const source = r.file.replace(/^\d+-/, '');
    const seen = bySource.get(source);
    bySource.set(source, { reason: r.reason.slice(0, 100), copies: (seen?.copies ?? 0) + 1 });
  }
  for (const [file, { reason, copies }] of bySource) console.log(`    ${file} ×${copies}: ${reason}`);
  console.log(`  duplicate quizzes: ${o.duplicateQuizzes}`);
  console.log(`  chunks: ${o.chunks}, vectors: ${o.vectors}, documents whose counts differ: ${o.mismatched}`);
}

writeFileSync(join(tmpdir(), 'profai-chaos.started'), new Date().toISOString());
console.log(
  `bench:chaos: ${DOCS} documents, ${WORKERS} workers, ${DURATION_S} s of faults (seed ${args.seed}), vectors in ${STORE}, CLI ${CLI}`,
);
const baseline = args.baseline && !args['no-baseline'] ? await run('baseline', false) : null;
if (baseline) report('without faults', baseline);
const chaos = await run('chaos', true);
report('with faults', chaos);
if (baseline)
  console.log(`\n  makespan with faults / without: ${(chaos.makespanS / baseline.makespanS).toFixed(2)}×`);
const ok =
  chaos.courses === chaos.documents - chaos.refused.length &&
  chaos.failed.length === 0 &&
  chaos.unfinished === 0 &&
  chaos.duplicateQuizzes === 0 &&
  chaos.chunks === chaos.vectors &&
  chaos.mismatched === 0;
console.log(
  `\n  target (every course, no failure, no duplicate, chunks = vectors): ${ok ? 'met' : 'MISSED'}`,
);
process.exit(0);
