/**
 * ProfAI on several hosts, on one machine (shared by `test/e2e/hosts.test.ts` and `npm run bench:hosts`): a
 * services host (`hub`: Redis, PostgreSQL, Chroma, s3rver), an API host and two worker hosts, each a network
 * namespace of its own (netns.ts) with data folders of its own, so nothing is shared but what goes over the links:
 * uploads and kept PDFs go through object storage (STORAGE_URL). A teacher's client uploads the documents from
 * inside the API host; once worker 2 runs a job, its link is cut and its processes are killed.
 *
 * What it measures comes back as figures: jobs by state, which worker finished how many, courses and duplicates
 * in PostgreSQL, `profai doctor --json` (chunks against vectors) run on the services host, the kept PDFs and left
 * uploads in the bucket's folder, and any file that appeared in a host's own folders.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { getJobView } from '../../src/fleet/queues.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { profaiClientOn } from '../../src/tasks/client.ts';
import { freePort } from './chroma.ts';
import { makeLecturePdf } from './cli-processes.ts';
import { createHosts, type Hosts, killGroup } from './netns.ts';
import { type PgCluster, startPgCluster } from './pg-cluster.ts';
import { type S3Server, startS3 } from './s3.ts';
import { describeStuckJobs } from './stuck-jobs.ts';
import { sleep } from './wait.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CHROMA_BIN = join(ROOT, 'node_modules/.bin/chroma');
const TSX = ['--import', 'tsx'];

export interface HostsFleetOptions {
  docs: number;
  /** Pages of each lecture PDF. */
  pages: number;
  /** Progress lines. @defaultValue none */
  log?: (line: string) => void;
}

export interface HostsFleetFigures {
  docs: number;
  states: Record<string, number>;
  /** Completed jobs by the worker that finished them. */
  byWorker: Record<string, number>;
  documents: number;
  courses: number;
  /** Courses beyond one per document, quizzes beyond one per course (the first quiz of each PDF job). */
  duplicateCourses: number;
  duplicateQuizzes: number;
  /** `profai doctor --json` on the services host: chunks against vectors, kept PDFs against documents. */
  doctor: {
    agree: boolean;
    documents: number;
    chunks: number;
    findings: number;
    pdfsMissing: number;
    pdfOrphans: number;
  };
  keptPdfs: number;
  leftUploads: number;
  /** Files that appeared in a host's own folders (none: nothing is shared through a file system). */
  hostFiles: string[];
  /** Seconds from the first upload to the cut, and to the last job's end. */
  cutAtS: number;
  makespanS: number;
  /** Jobs worker 2 was running when it was cut off. */
  heldByCutWorker: number;
}

/** A process in a host, with its output kept for a failure's message. */
interface HostProcess {
  child: ChildProcess;
  output: () => string;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<void>;
}

function start(
  hosts: Hosts,
  host: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  command = process.execPath,
) {
  const child = hosts.spawn(host, command, args, { env, cwd: ROOT });
  let out = '';
  const keep = (d: Buffer) => {
    out = (out + d).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const proc: HostProcess = {
    child,
    output: () => out,
    async waitFor(pattern, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(out)) {
        if (child.exitCode !== null) throw new Error(`${host}: exited (${child.exitCode}):\n${out}`);
        if (Date.now() > deadline) throw new Error(`${host}: no ${pattern} within ${timeoutMs} ms:\n${out}`);
        await sleep(100);
      }
    },
  };
  return proc;
}

/** Files under `dir`, recursively (relative names). */
function filesUnder(dir: string, base = dir): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, base) : [path.slice(base.length + 1)];
  });
}

export async function runHostsFleet(opts: HostsFleetOptions): Promise<HostsFleetFigures> {
  const log = opts.log ?? (() => {});
  const root = join(tmpdir(), `profai-hosts-${randomBytes(3).toString('hex')}`);
  mkdirSync(root, { recursive: true });
  const hosts = createHosts(['api', 'w1', 'w2']);
  const hub = hosts.addressOf('hub');
  const procs: HostProcess[] = [];
  let pgc: PgCluster | undefined;
  let s3: S3Server | undefined;
  let client: ReturnType<typeof profaiClientOn> | undefined;
  try {
    // ── the services host ──────────────────────────────────────────────────────
    const redisPort = await freePort();
    const redisSocket = join(root, 'redis.sock');
    // Reached from other hosts: a password, as docs/deployment.md asks of a Redis on a network.
    const redisPassword = randomBytes(12).toString('hex');
    const redis = start(
      hosts,
      'hub',
      [
        ...['--port', String(redisPort), '--bind', hub, '--requirepass', redisPassword],
        ...['--save', '', '--appendonly', 'no', '--unixsocket', redisSocket],
      ],
      {},
      'redis-server',
    );
    procs.push(redis);
    await redis.waitFor(/Ready to accept connections/, 20_000);
    const chromaPort = await freePort();
    const chroma = start(
      hosts,
      'hub',
      ['run', '--path', join(root, 'chroma'), '--host', hub, '--port', String(chromaPort)],
      process.env,
      CHROMA_BIN,
    );
    procs.push(chroma);
    [pgc, s3] = await Promise.all([
      startPgCluster({ netns: hosts.netnsOf('hub'), address: hub }),
      startS3({ netns: hosts.netnsOf('hub'), address: hub, dir: join(root, 's3') }),
    ]);
    // Asked from inside the services host (its address is not reachable from here), by Node: no curl needed.
    const heartbeat = `fetch('http://${hub}:${chromaPort}/api/v2/heartbeat').then((r) => console.log(r.status), () => console.log(0))`;
    for (let i = 0; ; i++) {
      if (hosts.run('hub', process.execPath, ['-e', heartbeat]).trim() === '200') break;
      if (i > 300) throw new Error(`chroma did not start:\n${chroma.output()}`);
      await sleep(100);
    }
    log(
      `services on ${hub}: redis :${redisPort}, postgres :${pgc.port}, chroma :${chromaPort}, s3rver ${s3.endpoint}`,
    );

    const prefix = `hosts_${randomBytes(3).toString('hex')}`;
    const common: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...s3.env('fleet'),
      DATABASE_URL: pgc.url,
      REDIS_URL: `redis://:${redisPassword}@${hub}:${redisPort}/0`,
      CHROMA_URL: `http://${hub}:${chromaPort}`,
      // Chroma, as the fleet this replaced (after #21 vectors default to PostgreSQL, which then needs it named).
      VECTOR_STORE: 'chroma',
      QUEUE_PREFIX: prefix,
      LOG_LEVEL: 'info',
      JOB_LOCK_MS: '10000',
      HEARTBEAT_S: '1',
      DEPENDENCY_RETRY_MAX_S: '2',
      CHILD_IDLE_EXIT_S: '0',
      // One client uploads every document: a measure of the fleet, not of the per-key limits (test/api/limits.test.ts).
      UPLOADS_PER_MINUTE: '0',
      MAX_QUEUED_JOBS_PER_USER: '0',
    };
    /** Each host's own folders: nothing in them is seen by another host. */
    const own = (host: string) => ({
      PROFAI_DATA_DIR: join(root, host, 'data'),
      UPLOAD_DIR: join(root, host, 'uploads'),
      DOCUMENTS_DIR: join(root, host, 'documents'),
    });

    // ── the API host and the worker hosts ──────────────────────────────────────
    const apiKey = randomBytes(16).toString('hex');
    const api = start(hosts, 'api', [...TSX, 'src/cli/main.ts', 'api'], {
      ...common,
      ...own('api'),
      PORT: '5001',
      // Listening beyond loopback needs a credential (the API refuses to start without one).
      HOST: '0.0.0.0',
      API_KEY: apiKey,
    });
    procs.push(api);
    const workers = ['w1', 'w2'].map((host, i) =>
      start(hosts, host, [...TSX, 'src/tasks/worker-main.ts'], {
        ...common,
        ...own(host),
        WORKER_NUM: String(i + 1),
      }),
    );
    procs.push(...workers);
    await Promise.all([
      api.waitFor(/listening/, 60_000),
      ...workers.map((w) => w.waitFor(/ ready\./, 120_000)),
    ]);
    log('API and 2 workers ready');

    // ── a teacher uploads, from the API host ──────────────────────────────────
    const inbox = join(root, 'inbox');
    mkdirSync(inbox);
    const files: string[] = [];
    for (let i = 0; i < opts.docs; i++) {
      const file = join(inbox, `lecture-${i}.pdf`);
      writeFileSync(file, await makeLecturePdf(`fleet of hosts ${i}`, opts.pages));
      files.push(file);
    }
    const started = Date.now();
    const uploader = `
      const { readFileSync } = await import('node:fs');
      const ids = [];
      for (const file of process.argv.slice(1)) {
        const form = new FormData();
        form.append('file', new Blob([readFileSync(file)], { type: 'application/pdf' }), file.split('/').pop());
        const res = await fetch('http://127.0.0.1:5001/api/pdfs', {
          method: 'POST',
          body: form,
          headers: { authorization: 'Bearer ${apiKey}' },
        });
        const body = await res.json();
        if (res.status !== 202) throw new Error(res.status + ' ' + JSON.stringify(body));
        ids.push(body.jobs[0].id);
      }
      console.log(JSON.stringify(ids));`;
    const ids = JSON.parse(
      hosts.run('api', process.execPath, ['--input-type=module', '-e', uploader, ...files]),
    ) as string[];
    log(`${ids.length} uploads queued`);

    // ── watch from outside the hosts (Redis's Unix socket), cut worker 2 mid-job ─
    const settings = loadConfig({ QUEUE_PREFIX: prefix });
    client = profaiClientOn(
      settings,
      new Redis({ path: redisSocket, password: redisPassword, maxRetriesPerRequest: null }),
    );
    const views = async () => (await Promise.all(ids.map((id) => getJobView(client!, id)))) as JobView[];
    let held = 0;
    for (let i = 0; ; i++) {
      const now = await views();
      held = now.filter((v) => v.state === 'active' && /^worker2@/.test(v.worker ?? '')).length;
      // Cut mid-job, once it has shown it finishes jobs too.
      const done2 = now.some((v) => v.state === 'completed' && /^worker2@/.test(v.worker ?? ''));
      if (held > 0 && done2) break;
      if (i > 1200) throw new Error('worker 2 never ran a job');
      await sleep(100);
    }
    hosts.cut('w2');
    killGroup(workers[1]!.child);
    const cutAtS = (Date.now() - started) / 1000;
    log(`worker 2 cut off and killed at ${cutAtS.toFixed(1)} s, holding ${held} job(s)`);

    /** The states, and what BullMQ, the workers and PostgreSQL hold of each unfinished job. */
    const whyUnfinished = async (now: JobView[]) => {
      const db = new pg.Client({
        host: pgc!.socketDir,
        port: pgc!.port,
        user: 'postgres',
        database: 'postgres',
      });
      const connected = await db.connect().then(
        () => db,
        () => undefined,
      );
      const detail = await describeStuckJobs(client!, now, connected);
      await db.end().catch(() => {});
      const tail = (p: HostProcess) => p.output().slice(-4000);
      return `${now.map((v) => v.state).join(' ')}\n${detail}\nworker 1's last output:\n${tail(workers[0]!)}`;
    };
    let last: JobView[] = [];
    for (let i = 0; ; i++) {
      last = await views();
      if (last.every((v) => v.state === 'completed' || v.state === 'failed')) break;
      if (i > 3000) throw new Error(`jobs still running after 5 min: ${await whyUnfinished(last)}`);
      await sleep(100);
    }
    const makespanS = (Date.now() - started) / 1000;
    const states: Record<string, number> = {};
    const byWorker: Record<string, number> = {};
    for (const v of last) {
      states[v.state] = (states[v.state] ?? 0) + 1;
      if (v.state === 'completed') {
        const worker = (v.worker ?? 'unknown').split('@')[0]!;
        byWorker[worker] = (byWorker[worker] ?? 0) + 1;
      }
    }

    // ── what the stores hold ─────────────────────────────────────────────────
    const db = new pg.Client({ host: pgc.socketDir, port: pgc.port, user: 'postgres', database: 'postgres' });
    await db.connect();
    const one = async (sql: string) => Number((await db.query(sql)).rows[0].n);
    const documents = await one('SELECT count(*) AS n FROM documents');
    const courses = await one('SELECT count(*) AS n FROM courses');
    const duplicateCourses = courses - (await one('SELECT count(DISTINCT document_id) AS n FROM courses'));
    const duplicateQuizzes =
      (await one('SELECT count(*) AS n FROM quizzes')) -
      (await one('SELECT count(DISTINCT course_id) AS n FROM quizzes'));
    await db.end();
    const doctorOut = hosts.run('hub', 'env', [
      ...Object.entries({ ...common, ...own('hub') }).map(([k, v]) => `${k}=${v}`),
      process.execPath,
      ...TSX,
      join(ROOT, 'src/cli/main.ts'),
      'doctor',
      '--json',
    ]);
    const report = JSON.parse(doctorOut) as {
      agree: boolean;
      documents: number;
      chunks: number;
      findings: unknown[];
      files: { missing: string[]; orphans: string[] };
    };
    const bucket = join(root, 's3', s3.bucket, 'fleet');
    const objects = (folder: string) =>
      filesUnder(join(bucket, folder)).filter((f) => f.endsWith('._S3rver_object'));
    return {
      docs: opts.docs,
      states,
      byWorker,
      documents,
      courses,
      duplicateCourses,
      duplicateQuizzes,
      doctor: {
        agree: report.agree,
        documents: report.documents,
        chunks: report.chunks,
        findings: report.findings.length,
        pdfsMissing: report.files.missing.length,
        pdfOrphans: report.files.orphans.length,
      },
      keptPdfs: objects('documents').length,
      leftUploads: objects('uploads').length,
      hostFiles: ['api', 'w1', 'w2'].flatMap((host) =>
        filesUnder(join(root, host)).map((f) => `${host}/${f}`),
      ),
      cutAtS,
      makespanS,
      heldByCutWorker: held,
    };
  } finally {
    await client?.close().catch(() => {});
    for (const p of procs) killGroup(p.child);
    await Promise.all([pgc?.stop().catch(() => {}), s3?.remove().catch(() => {})]);
    hosts.remove();
    rmSync(root, { recursive: true, force: true });
  }
}
