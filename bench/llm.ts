/**
 * `npm run bench:llm`: what splitting the PDF task buys when courses come from a slow model.
 *
 * A local fake OpenAI server answers every chat call after a fixed LLM_DELAY_MS (default 2000 ms); each
 * document needs about 20 calls (12 lessons + 4 modules + 1 course + 3 quiz calls): 4 chapters of 3 sections,
 * a page each, with an outline. DOCS documents (default 20)
 * go through WORKERS workers (default 5, one child each) on Redis, PostgreSQL and Chroma:
 *  - cpu-only: no LLM settings (the offline generators): the memory baseline;
 *  - split:    LLM stage in the supervisors, LLM_CONCURRENCY=8 jobs per worker, 4 calls in flight per job;
 *  - old:      the I/O stage forced to concurrency 1 and one call at a time (a job holds its worker until its
 *              ~20 calls are done, like the system ProfAI replaces);
 *  - split-1:  concurrency 1 but 4 calls per job (to show what each of the two changes buys);
 *  - split-host: LLM_IN_PDF_WORKERS=false, the WORKERS workers parse only and one LLM worker (no children,
 *              LLM_CONCURRENCY 8 × WORKERS) makes every course; its peak is reported on its own line.
 * Reports makespan, PDFs/hour, LLM calls per document and peak RSS per worker (supervisor + children).
 * BENCH_RUNS picks runs (comma-separated names).
 *
 * Measured 2026-11-28 (session 3), quiet 2-core machine, compiled workers: split-host 18.4 s = 3904 PDFs/h, peak
 * 206 MB per parse worker (supervisor 75) and 196 MB for the LLM worker, against cpu-only 206 MB and split 268 MB
 * in the same invocation (`BENCH_RUNS=cpu-only,split,split-host`). Earlier: cpu-only 4.5-6.0 s, peak 206-211 MB
 * per worker (supervisor 72-76); split 17.9-20.1 s = 3588-4030 PDFs/h, 20 calls/doc, peak 269-270 MB (supervisor
 * 135-137, child ~134); old 166.6 s = 432 PDFs/h. Split vs old 9.3×. With LLM_CONTEXT_TOKENS=32768 (no request
 * needs the tokenizer's tables) split peaks at 248 MB (supervisor 116). The split worker's extra ~60 MB is the
 * LLM stage in the supervisor: the AI SDK, pg and Chroma clients and the pipeline's course code (~23 MB), cl100k's
 * tables when a request may not fit by its length (~19 MB), and the heap of 8 jobs at once. Session 2 (before the
 * child handed off through the supervisor, the lazy tables and the supervisor's 2 MB young generation): split
 * peak 296-301 MB, supervisor 147-148, child ~153.
 */

import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { loadConfig } from '../src/config.ts';
import { readRssMb } from '../src/fleet/pool/memory.ts';
import { getJobView } from '../src/fleet/queues.ts';
import { sleep } from '../src/lib/time.ts';
import { enqueuePdf, openProfaiClient } from '../src/tasks/client.ts';
import { createTestDatabase } from '../test/support/api.ts';
import { startChroma } from '../test/support/chroma.ts';
import { startFakeOpenAI } from '../test/support/fake-openai.ts';
import { dropPrefix } from '../test/support/llm.ts';
import { childPids, cpuSeconds, startFleet, WORKER_ENTRY } from './workers.ts';

const DOCS = Number(process.env.DOCS ?? 20);
const WORKERS = Number(process.env.WORKERS ?? 5);
const DELAY_MS = Number(process.env.LLM_DELAY_MS ?? 2000);
const RUNS = (process.env.BENCH_RUNS ?? 'cpu-only,split,split-host,old').split(',');

const RUN_ENV: Record<string, Record<string, string> | null> = {
  'cpu-only': null,
  split: { LLM_CONCURRENCY: '8', LLM_CALLS_PER_JOB: '4' },
  old: { LLM_CONCURRENCY: '1', LLM_CALLS_PER_JOB: '1' },
  'split-1': { LLM_CONCURRENCY: '1', LLM_CALLS_PER_JOB: '4' },
  'split-host': { LLM_IN_PDF_WORKERS: 'false', LLM_CALLS_PER_JOB: '4' },
};

/**
 * Runs with a separate LLM worker (one per host, no children) beside the WORKERS parse workers: its settings. Its
 * LLM_CONCURRENCY is the five workers' 8 each, so the model sees as many jobs at once as in `split`.
 */
const LLM_WORKER_ENV: Record<string, Record<string, string>> = {
  'split-host': { WORKER_QUEUES: 'llm_generation', LLM_CONCURRENCY: String(8 * WORKERS) },
};

const WORDS =
  'The process moves energy and matter through each stage while the system keeps records of every change it makes'.split(
    ' ',
  );

/** A document of 4 chapters × 3 sections (~250 words each), unique by `n`. */
function makeDoc(n: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ info: { Title: `Bench manual ${n}` } });
    const out: Buffer[] = [];
    doc.on('data', (c: Buffer) => out.push(c));
    doc.on('end', () => resolve(Buffer.concat(out)));
    doc.on('error', reject);
    for (let ch = 1; ch <= 4; ch++) {
      if (ch > 1) doc.addPage();
      const chapter = `Chapter ${ch}. Topic ${n}-${ch}`;
      doc.font('Helvetica-Bold').fontSize(22).text(chapter);
      const entry = doc.outline.addItem(chapter);
      for (let s = 1; s <= 3; s++) {
        if (s > 1) doc.addPage();
        const section = `${ch}.${s} Section ${n} ${ch} ${s}`;
        doc.moveDown().font('Helvetica-Bold').fontSize(15).text(section);
        entry.addItem(section);
        const words = Array.from({ length: 250 }, (_, i) => WORDS[(i * 7 + n + ch * 3 + s) % WORDS.length]);
        const text = words.map((w, i) => (i % 15 === 14 ? `${w}.` : w)).join(' ');
        doc.font('Helvetica').fontSize(11).text(`Document ${n} part ${ch}.${s}: ${text}`);
      }
    }
    doc.end();
  });
}

interface RunResult {
  name: string;
  makespanS: number;
  pdfsPerHour: number;
  callsPerDoc: number;
  peakRssMb: number;
  /** The supervisor alone (where the LLM stage runs). */
  peakSupervisorMb: number;
  /** The separate LLM worker's, in runs that have one. */
  peakLlmWorkerMb?: number;
  failed: number;
  /** Mean seconds per document: CPU stage (in a child), waiting for an LLM slot, LLM stage. */
  cpuS: number;
  llmWaitS: number;
  llmS: number;
}

/** Mean stage times of the jobs, from their BullMQ records (the PDF job and the LLM job it handed over to). */
async function stageTimes(client: ReturnType<typeof openProfaiClient>, ids: string[]) {
  let cpu = 0;
  let wait = 0;
  let llm = 0;
  let n = 0;
  for (const id of ids) {
    const pdf = await client.queue('pdf_processing').getJob(id);
    if (!pdf?.processedOn || !pdf.finishedOn) continue;
    cpu += pdf.finishedOn - pdf.processedOn;
    const next = (pdf.returnvalue as { next?: string } | null)?.next;
    const job = next ? await client.queue('llm_generation').getJob(next) : undefined;
    if (job?.processedOn && job.finishedOn) {
      wait += job.processedOn - pdf.finishedOn;
      llm += job.finishedOn - job.processedOn;
    }
    n++;
  }
  const mean = (ms: number) => (n > 0 ? ms / n / 1000 : 0);
  return { cpuS: mean(cpu), llmWaitS: mean(wait), llmS: mean(llm) };
}

/** A document of the benchmark: its upload path (written before each run) and bytes. */
interface BenchFile {
  path: string;
  fileName: string;
  sha256: string;
  bytes: Buffer;
}

async function run(
  name: string,
  files: BenchFile[],
  shared: {
    llmUrl: string;
    uploadDir: string;
    calls: () => number;
  },
): Promise<RunResult> {
  // Each run gets a fresh database and Chroma (the same chunks upserted again would be updates, which cost Chroma
  // more than inserts), and the uploads as the API stores them (workers remove them once processed).
  const [pgdb, chroma] = await Promise.all([createTestDatabase(), startChroma()]);
  await Promise.all(files.map((f) => writeFile(f.path, f.bytes)));
  const prefix = `bench-llm-${randomBytes(4).toString('hex')}`;
  const llm = RUN_ENV[name];
  const env: Record<string, string> = {
    QUEUE_PREFIX: prefix,
    WORKER_QUEUES: 'pdf_processing',
    WORKER_CONCURRENCY: '1',
    DATABASE_URL: pgdb.url,
    CHROMA_URL: chroma.url,
    UPLOAD_DIR: shared.uploadDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    ...(llm ? { LLM_BASE_URL: shared.llmUrl, LLM_MODEL: 'bench', LLM_TIMEOUT_S: '60', ...llm } : {}),
  };
  const fleet = await startFleet(WORKERS, env, Boolean(process.env.BENCH_LOG_LEVEL));
  const llmWorker = LLM_WORKER_ENV[name]
    ? await startFleet(1, { ...env, ...LLM_WORKER_ENV[name] }, Boolean(process.env.BENCH_LOG_LEVEL), WORKERS)
    : undefined;
  const { procs } = fleet;
  const client = openProfaiClient(loadConfig(env));
  let peak = 0;
  let peakSupervisor = 0;
  let peakLlmWorker = 0;
  const sampler = setInterval(() => {
    for (const p of llmWorker?.procs ?? []) peakLlmWorker = Math.max(peakLlmWorker, readRssMb(p.pid!) ?? 0);
    for (const p of procs) {
      const own = readRssMb(p.pid!) ?? 0;
      peakSupervisor = Math.max(peakSupervisor, own);
      peak = Math.max(
        peak,
        childPids(p.pid!).reduce((s, q) => s + (readRssMb(q) ?? 0), own),
      );
    }
  }, 200);
  const callsBefore = shared.calls();
  const started = Date.now();
  try {
    const ids = await Promise.all(files.map(async ({ bytes: _, ...f }) => (await enqueuePdf(client, f)).id));
    const pending = new Set(ids);
    let failed = 0;
    while (pending.size > 0) {
      await sleep(250);
      for (const id of [...pending]) {
        const view = await getJobView(client, id);
        if (view?.state === 'completed' || view?.state === 'failed') {
          pending.delete(id);
          if (view.state === 'failed') {
            failed++;
            console.error(`  ${id} failed: ${view.error}`);
          }
        }
      }
    }
    const makespanS = (Date.now() - started) / 1000;
    const stages = await stageTimes(client, ids);
    return {
      name,
      makespanS,
      pdfsPerHour: (files.length / makespanS) * 3600,
      callsPerDoc: (shared.calls() - callsBefore) / files.length,
      peakRssMb: peak,
      peakSupervisorMb: peakSupervisor,
      ...(llmWorker ? { peakLlmWorkerMb: peakLlmWorker } : {}),
      failed,
      ...stages,
    };
  } finally {
    clearInterval(sampler);
    if (process.env.BENCH_TRACE)
      console.log(`  supervisor CPU seconds: ${procs.map((p) => cpuSeconds(p.pid!).toFixed(1)).join(' ')}`);
    await Promise.all([fleet.stop(), llmWorker?.stop()]);
    await dropPrefix(client.redis, prefix);
    await client.close();
    await Promise.all([pgdb.drop(), chroma.stop()]);
  }
}

const fake = await startFakeOpenAI(() => ({ delayMs: DELAY_MS }));
const uploadDir = await mkdtemp(join(tmpdir(), 'profai-bench-llm-'));
try {
  const files = await Promise.all(
    Array.from({ length: DOCS }, async (_, n) => {
      const bytes = await makeDoc(n);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      return { path: join(uploadDir, `${sha256}.pdf`), fileName: `bench-${n}.pdf`, sha256, bytes };
    }),
  );
  console.log(
    `${DOCS} documents, ${WORKERS} workers (1 child each), fake LLM answering after ${DELAY_MS} ms; workers: ${WORKER_ENTRY}`,
  );
  console.log(
    'run        makespan   PDFs/hour   LLM calls/doc   peak RSS/worker (supervisor)   failed   per doc: CPU / LLM wait / LLM',
  );
  const results: RunResult[] = [];
  for (const name of RUNS) {
    const r = await run(name, files, {
      llmUrl: fake.url,
      uploadDir,
      calls: () => fake.chats().length,
    });
    results.push(r);
    console.log(
      `${r.name.padEnd(10)} ${`${r.makespanS.toFixed(1)} s`.padStart(8)}   ${r.pdfsPerHour.toFixed(0).padStart(9)}   ${r.callsPerDoc.toFixed(1).padStart(13)}   ${`${r.peakRssMb.toFixed(0)} MB`.padStart(15)} ${`(${r.peakSupervisorMb.toFixed(0)} MB)`.padStart(12)}   ${String(r.failed).padStart(6)}   ${r.cpuS.toFixed(1)} / ${r.llmWaitS.toFixed(1)} / ${r.llmS.toFixed(1)} s`,
    );
    if (r.peakLlmWorkerMb !== undefined)
      console.log(
        `           + one LLM worker for the ${WORKERS} (no children): peak ${r.peakLlmWorkerMb.toFixed(0)} MB`,
      );
  }
  if (process.env.BENCH_TRACE) {
    const byDoc = new Map<string, number[]>();
    for (const r of fake.chats()) {
      const doc = `doc ${/Bench manual (\d+)/.exec(r.user)?.[1] ?? /Topic (\d+)-/.exec(r.user)?.[1] ?? '?'}`;
      byDoc.set(doc, [...(byDoc.get(doc) ?? []), r.at]);
    }
    const t0 = Math.min(...fake.chats().map((r) => r.at));
    for (const [doc, ats] of [...byDoc].slice(0, 6)) {
      console.log(doc, ats.map((a) => ((a - t0) / 1000).toFixed(1)).join(' '));
    }
  }
  const split = results.find((r) => r.name === 'split');
  const old = results.find((r) => r.name === 'old');
  if (split && old)
    console.log(`split / old: ${(split.pdfsPerHour / old.pdfsPerHour).toFixed(1)}× PDFs/hour (target ≥ 5×)`);
} finally {
  await fake.close();
  await rm(uploadDir, { recursive: true, force: true });
}
