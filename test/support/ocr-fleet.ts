/**
 * A scanned document through a fleet of real `profai worker` processes on the machine's Redis and PostgreSQL
 * (a fresh database and queue prefix per run) and a given Chroma: the upload written to a fresh UPLOAD_DIR, the
 * PDF job enqueued as the API does, its view polled as the API shows it. For the OCR page-range test and
 * `npm run bench:ocr-fleet`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/config.ts';
import { getJobView } from '../../src/fleet/queues.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { redisKeys } from '../../src/redis-keys.ts';
import { enqueuePdf, openProfaiClient } from '../../src/tasks/client.ts';
import { OCR_RANGE_TASK, type OcrRangeTaskData, type PdfTaskResult } from '../../src/tasks/names.ts';
import { type CliProcess, killAll, spawnProfai } from './cli-processes.ts';
import { createTestDatabase, tempDir } from './databases.ts';
import { pollUntil } from './wait.ts';

export interface FleetRunOptions {
  pdf: Uint8Array;
  workers: number;
  /** CHROMA_URL of the workers. @defaultValue none (vectors in PostgreSQL) */
  chromaUrl?: string;
  /** Settings of every worker (OCR_SPLIT_MIN_PAGES, OCR_RANGE_PAGES, OCR_DPI…). */
  env: Record<string, string>;
  /** Stores the upload where the workers read it. @defaultValue a file in the run's UPLOAD_DIR */
  upload?: (key: string, bytes: Uint8Array) => Promise<void>;
  /** Called with the fleet once the PDF job is enqueued (a test kills a worker from here). */
  during?: (fleet: RunningFleet) => Promise<void>;
  timeoutMs?: number;
}

export interface RunningFleet {
  prefix: string;
  jobId: string;
  workers: CliProcess[];
  view(): Promise<JobView | null>;
  /** Every view of the PDF job seen so far while polling. */
  seen: JobView[];
}

/** What a run stored, in a form two runs can be compared by. */
export interface FleetOutcome {
  view: JobView;
  seen: JobView[];
  /** Seconds from enqueue to the job's completion, as seen by polling every 100 ms. */
  makespanS: number;
  course: unknown;
  quiz: unknown;
  /** `<page_start>-<page_end> <text>` per chunk, in order. */
  chunks: string[];
  courses: number;
  /** Whether the document's OCR pages were still stored in Redis once it completed. */
  ocrPagesLeft: boolean;
  /** Worker lines of every worker, for the test's messages. */
  lines: string[];
  /** Jobs of `pdf_processing` that failed (a range, the assembly, the PDF job). */
  failedJobs: number;
  /** The pages of each page-range job the run made, in page order (none when the document was not split). */
  ranges: number[][];
}

export async function runOcrFleet(opts: FleetRunOptions): Promise<FleetOutcome> {
  const prefix = `test-ocr-${randomBytes(4).toString('hex')}`;
  const uploads = tempDir('profai-ocr-uploads-');
  const database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url,
    ...(opts.chromaUrl ? { CHROMA_URL: opts.chromaUrl } : {}),
    QUEUE_PREFIX: prefix,
    UPLOAD_DIR: uploads.dir,
    DOCUMENTS_DIR: join(uploads.dir, 'documents'),
    WORKER_CONCURRENCY: '1',
    JOB_LOCK_MS: '3000',
    JOB_BACKOFF_MS: '200',
    HEARTBEAT_S: '0.5',
    LOG_LEVEL: 'info',
    ...opts.env,
  };
  const client = openProfaiClient(loadConfig({ QUEUE_PREFIX: prefix }));
  const workers = Array.from({ length: opts.workers }, (_, i) =>
    spawnProfai(['worker'], { ...env, WORKER_NUM: String(i + 1) }),
  );
  // One client, not a pool: a pool's end() resolves before its sockets have closed, and the database's drop
  // (WITH FORCE) then terminated a still-open idle connection, whose error no listener took (seen under load).
  const sql = new pg.Client({ connectionString: database.url });
  let connected = false;
  const query = async (text: string, values?: unknown[]) => {
    if (!connected) {
      await sql.connect();
      connected = true;
    }
    return sql.query(text, values);
  };
  let sha256 = '';
  try {
    await Promise.all(workers.map((w) => w.waitForLine(/^worker\d+@\S+ ready\.$/, 60_000)));
    sha256 = createHash('sha256').update(opts.pdf).digest('hex');
    if (opts.upload) await opts.upload(`${sha256}.pdf`, opts.pdf);
    else writeFileSync(join(uploads.dir, `${sha256}.pdf`), opts.pdf);
    const started = Date.now();
    const { id } = await enqueuePdf(client, { fileName: 'scan.pdf', sha256 });
    const seen: JobView[] = [];
    const view = async () => {
      const v = await getJobView(client, id);
      if (v) seen.push(v);
      return v;
    };
    const fleet: RunningFleet = { prefix, jobId: id, workers, view, seen };
    const during = opts.during?.(fleet);
    const done = await pollUntil(
      `the PDF job ${id} to finish`,
      async () => {
        const v = await view();
        await new Promise((r) => setTimeout(r, 100));
        return v && (v.state === 'completed' || v.state === 'failed') ? v : null;
      },
      opts.timeoutMs ?? 600_000,
    );
    const makespanS = (Date.now() - started) / 1000;
    await during;
    const result = done.result as PdfTaskResult | null;
    const documentId = result?.documentId ?? '';
    const one = async (text: string) => (await query(text, [documentId])).rows;
    const [course] = await one('SELECT body FROM courses WHERE document_id = $1');
    const [quiz] = await one(
      'SELECT q.body FROM quizzes q JOIN courses c ON c.id = q.course_id WHERE c.document_id = $1',
    );
    const chunks = await one(
      'SELECT page_start, page_end, text FROM chunks WHERE document_id = $1 ORDER BY idx',
    );
    const [{ n }] = (await query('SELECT count(*)::int AS n FROM courses')).rows;
    const ocrPagesLeft = (await client.redis.exists(redisKeys.ocrPages(prefix, sha256))) === 1;
    return {
      view: done,
      seen,
      makespanS,
      course: course?.body ?? null,
      quiz: quiz?.body ?? null,
      chunks: chunks.map((c) => `${c.page_start}-${c.page_end} ${c.text}`),
      courses: n,
      ocrPagesLeft,
      failedJobs: (await client.queue('pdf_processing').getJobs(['failed'])).length,
      ranges: (await client.queue('pdf_processing').getJobs(['completed', 'failed']))
        .filter((j) => j.name === OCR_RANGE_TASK)
        .map((j) => (j.data as OcrRangeTaskData).pages)
        .sort((a, b) => a[0]! - b[0]!),
      lines: workers.flatMap((w) => w.lines),
    };
  } finally {
    await killAll(workers);
    if (connected) await sql.end();
    let cursor = '0';
    do {
      const [next, keys] = await client.redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await client.redis.del(...keys);
    } while (cursor !== '0');
    await client.close();
    await database.drop();
    uploads.remove();
  }
}
