/**
 * `npm run bench:fleet-corpus`: part (b) of the fleet benchmark. Real PDFs through 1 and 5 `profai worker`
 * processes (concurrency 1 each) on this machine's Redis, with a fresh database and vectors:
 *   --db postgres  (default) a fresh database on the machine's PostgreSQL + a Chroma server started here;
 *   --db pglite    the embedded database served by `profai serve-db` (what `profai up` runs) + pgvector in it.
 * PDFs: the corpus's "parse" rows (../shared/corpus or PROFAI_CORPUS_DIR), else `--copies N` copies of
 * examples/sample.pdf made unique by a comment after %%EOF (`--source copies` forces that).
 * Reports PDFs/hour, pages/s, makespan against the ideal (total work / workers, total work = sum of job
 * durations) and the longest job, peak RSS per worker (supervisor + child, sampled from /proc) and the
 * child's peak per job (run records), and the latency of a probe save into the database during the run.
 *
 * `--one-at-a-time` enqueues each PDF when the previous one is done: five workers then start five cold children
 * but never run at once, which tells what cold children cost (against one worker) from what running at once costs
 * (against five workers with every PDF enqueued at once).
 * `--dir DIR` takes every PDF of a folder instead (e.g. the Celery anchor's 10 Debian manuals, to compare on the same
 * files), `--repeat K` enqueues each PDF K times (K rounds, as the anchor's bench; each copy made unique after %%EOF
 * so that it is a new job and document), `--json` prints the figures as JSON on stdout (the report goes to stderr).
 * Besides throughput it prints CPU ms per page (the children's, and all with the services') and stage ms per page,
 * and RSS per worker idle at the first sample after `ready.`, idle once settled, and at peak; idle and peak again with
 * the files supervisor and child both map counted once (the node binary's pages are shared: RSS counts them twice).
 *
 *   npm run bench:fleet-corpus -- [--workers 1,5] [--db postgres|pglite] [--source corpus|copies] [--copies 10]
 *     [--dir DIR] [--repeat K] [--json] [--llm] [--one-at-a-time] [--gc]
 * `--gc` preloads bench/gc-log.mjs into every worker and child and prints the children's garbage collections (count
 * and main-thread pause) per run and for the first and later jobs, which tells a heap still growing or code still
 * allocating as the interpreter does (a cold child) from running at once.
 * FLEET_CLI_ENTRY=/other/checkout/dist/cli/main.js runs another commit's workers under this bench (before/after).
 * FLEET_WORKER_FLAGS='--cpu-prof --cpu-prof-dir=DIR' profiles every worker and child (Node allows neither in
 * NODE_OPTIONS); children inherit their worker's flags.
 * FLEET_CLI_ENTRY=path/to/dist/cli/main.js runs compiled workers (tsx costs ~100 MB of RSS per worker).
 *
 * Issue 21, what a child warms up (engineer W, 2026-12-07 02:39-03:34, compiled workers at 8f6ec4a, `--dir
 * /work/bench-pdfs --repeat 2 --workers 1,5 --gc`, load 5-16): five workers' children made 5,144-5,219 scavenges
 * (1 MB young generation) and 76-78 mark-compacts where one worker's child made 4,095-4,211 and 46-49, in 4 runs;
 * with one worker a scavenge paused the child ~1.0-1.1 ms and a mark-compact ~16 ms, so the garbage collector's
 * part of five workers' +10-17 s of CPU is ~1.5 s. It comes from the cold children: a child's first manual
 * allocates more than the same manual in the warm lone child (debmake-doc 396-398 scavenges vs 256-265, 4.50-5.46
 * vs 2.11-2.60 s of CPU; gutenprint 270-274 vs 136-152, 3.01-4.01 vs 1.14-1.36 s; zlib-crc-doc 148-152 vs 79-82,
 * 1.95-2.64 vs 0.68-0.72 s) and grows its heap from nothing (the extra mark-compacts). Code that runs in the
 * interpreter or Sparkplug allocates what optimised code keeps in registers, and the lone child's allocation falls
 * over its first ten documents (second to tenth manuals: 1,387-1,419 scavenges in round 1, 1,219-1,227 in round 2),
 * so the count shows how far the JIT has warmed. Most of a cold job's excess is not the collector but the slower
 * code itself, its compiling, and loading (zlib-crc-doc: +70 scavenges, ~0.1 s, for +1.3 s). What was tried
 * against it is listed where the children's flags are (src/fleet/pool/child-handle.ts, src/lib/v8-flags.ts).
 *
 * It prints each job's child RSS at the job's end too (the child's last 200 ms sample before its next job), in order:
 * a trend there is memory a child keeps from job to job, what MAX_TASKS_PER_CHILD would have to bound.
 * Issue 21, recycling (2026-12-06 20:26-20:47, load 4-9, one worker, compiled workers at 93662c0, a 50 ms /proc
 * sampler): `--repeat 6` with MAX_TASKS_PER_CHILD=1000, one child for 60 jobs, RSS after each job 143-184 MB and the
 * same each round; the corpus `--repeat 4` (OCR), one child for 116 jobs, at most 269 MB after a job (OCR), the floor
 * 162-166 MB in round 1 and 177-182 MB in rounds 2-4. `--repeat 4`, MAX_TASKS_PER_CHILD 200 against 20 (one
 * replacement, at job 21), 4 alternated pairs: children's CPU 0.948x (median; 0.883-1.000).
 * Issue 21, worker peak with OCR, with the PGM for Tesseract sharing the page's pixels too (d319d32; 20:31-20:36,
 * load 6-7, this commit then 93662c0): peak 352 vs 435 MB per worker (child 302 vs 377 om-mixed-scan-text.pdf, 259 vs
 * 304 om-scan-wikipedia-de.pdf); OCR stage 23.5 vs 26.5 CPU ms per page (one run each).
 * Issue 21, worker peak with OCR (2026-12-06 20:14-20:21, load 10-13, `--workers 1`, compiled workers, /work/start's
 * 93662c0 then 4f897fd in turn): peak 433 -> 372 MB per worker (child 375 -> 312, om-mixed-scan-text.pdf; the
 * wikipedia scan 328 -> 278). PDFium no longer makes a full-size grey copy of each image (FPDF_GRAYSCALE: 337 MB
 * asked for the 9000 x 9000 page at 72 dpi) and draws pages with large images in bands (pdf/bands.ts). What is left
 * above 350 is Tesseract beside a child already at ~175 MB: om-mixed-scan-text.pdf p. 6 drawn (PDFium +44 MB, its
 * soft mask not counted by the band estimate) while Tesseract holds ~100 MB after reading pages 1-5.
 * OCR unchanged in quality: `npm run bench:ocr` CER 0.72%, WER 1.93% both; the wikipedia scan read alone
 * (bench/ocr-one.ts, whole process, 3 runs each in turn) CPU 7.35 vs 7.28 s (1.01x), peak 277 vs 285 MB.
 * Issue 21, memory with and without OCR (2026-12-06 17:10-17:18, load 4-6, `--workers 1`, compiled workers, each
 * pair run in turn against 8e3d4c5 in the same sitting; peaks sampled every 200 ms, a 50 ms sampler beside it):
 * corpus with OCR (default, 300 dpi) peak 509/524 -> 450/450 MB per worker (child 449/465 -> 392/392 MB; before,
 * Tesseract's ~100 MB and PDFium's grown instance stayed in the child: jobs after the first scan sat at 314-370 MB,
 * now 152-175 as without OCR; om-scan-wikipedia-de.pdf 449 -> 302 MB: PDFium's 149 MB is handed back before
 * Tesseract reads).
 * What is left above 350 MB is om-mixed-scan-text.pdf's page 2 (a 9000 x 9000 RGB image, 243 MB decoded): PDFium
 * grows to ~240 MB before PDF_MAX_MEMORY_MB refuses it, in the page test, and the page is skipped as before.
 * Without OCR peak 240/240 -> 229/235 MB (the 50 ms sampler saw 259-261 before: a new child forked beside the one
 * retiring, or a spare beside a 151 MB child; after, at most 237). The 10 Debian manuals 240 -> 227 MB, children's
 * CPU 11.4 s both. OCR output and every course and quiz identical (7 corpus files, one process each way); OCR CPU
 * 1.11x on the three scans (22.9 vs 20.2 s, `farm-bench -n 3`), OCR stage 22.2/22.6 vs 20.0/19.2 ms per page in the
 * two corpus pairs: each scanned job makes its Tesseract anew (~0.5 s) and reads its first page on cold code.
 * Issue 21, memory per worker (2026-12-06, host shared with other engineers, load 8-17; `FLEET_CLI_ENTRY=…/dist/cli/
 * main.js npx tsx bench/fleet-corpus.ts --dir /work/bench-pdfs --repeat 3 --workers 1,5`, PostgreSQL + Chroma), 4a1d38d
 * against the commit that frees PDFium's dropped instance (the Emscripten glue's globalThis getters held the first
 * one), renews it after a document of 100+ pages, starts children with MALLOC_ARENA_MAX=2 and the supervisor with a
 * 1 MB young generation; two sittings, before / after: 1 worker peak 280 / 250 MB and 284 / 254 MB (child 221 / 192
 * and 225 / 195 MB), idle at first sample 62-63 MB both; 5 workers peak 231-269 / 215-249 and 239-273 / 204-244 MB.
 * The child's peak is the course stage of valgrind_manual.pdf (heap 27 -> 87-93 MB: the English model 16.5 MB, the
 * tag cache, the document's analysis); before, PDFium's 17.75 MB and ~15 MB of glibc arenas stayed resident under it.
 * CPU ms per page with 1 worker 13.50 / 13.36 (load stage 0.10 / 0.30: a fresh PDFium instance after a long document
 * sets off a full GC, ~60 ms). Children's CPU 5 workers / 1 worker: 1.45 / 1.67 and 1.31 / 1.29 (first jobs 1.60-1.85,
 * later 1.10-1.60): the noise of a host at load 8-17 is wider than any difference; bench/cpu-floor.ts in the same
 * sitting: `--parallel 5 --work 300 --heap-mb 50 --rounds 3` 1.048× (rounds 0.94-1.15), `--parallel 2` 0.907×.
 * A cold child's first manual (debmake-doc, 143 pages) costs 4.3-5.1 s of CPU against 1.7-1.8 s warm in one process:
 * module loading 0.33 s, the English model 0.21 s, PDFium's compile 0.04 s (0.01 s with lazy validation), the rest
 * JIT and the garbage collection of a heap growing from nothing (1.3 s of GC in the cold run's profile).
 * The corpus (29 parse rows, `--workers 1`, same sitting, load 9-12), before / after: OCR=off peak 280 / 256 MB (child
 * 222 / 181 MB); OCR=auto (default) peak 776 / 517 MB (child 717 / 481 MB, om-scan-wikipedia-de.pdf: tesseract's
 * memory stays in the child, every later job sits at ~458 MB): OCR is still far above its 350 MB target.
 * Tried, not kept: `gc()` after each task (peak 252 vs 250 MB, +CPU); `--no-liftoff` in children (peak 246 MB,
 * extract 4.03 vs 3.55 ms/page: TurboFan compiles each PDFium function on its first call, on the main thread);
 * renewing PDFium after every document (a full GC each, load stage 0.77 ms/page).
 * Issue 21 (2026-12-06, compiled workers at 0ed03f4, PostgreSQL + Chroma, the 10 Debian manuals, host loaded by other
 * work, load 8-17): `--repeat 1`: children's CPU 10.5 s (1 worker) vs 17.6 s (5), 1.66×: the children's first jobs
 * 1.66×, later jobs 1.70× the same jobs' CPU with one worker. `--one-at-a-time`: 10.6 s vs 16.6 s, 1.56× with no two
 * jobs at once (first jobs 1.63×, later 1.28×): cold children, not contention, make most of five workers' extra CPU;
 * a cold child's first job costs 1.4-2.0 s more than a warm child's on the mid-size manuals (gri, debmake,
 * gutenprint), its later jobs are still warming up. `--repeat 3`: 31.9 s vs 43.4 s, 1.36× (first jobs 1.68×, later
 * 25 jobs 1.22×). bench/cpu-floor.ts puts the host's own cost of running at once at ~1.06-1.15×.
 * Issue 21, where five workers' extra CPU goes (2026-12-06 22:32-23:20, compiled workers at 0462d1e, load 10-17 from
 * other engineers' work): `--repeat 3 --workers 1,5`: children's CPU 54.3 vs 71.6 s (1.32×), supervisors 1.2 vs 4.2 s,
 * PostgreSQL 3.9 vs 4.0 s, Redis 1.3 vs 1.4 s (the services do not contend); the children's first jobs 16.8 -> 26.0 s
 * (1.55×, +9.2 s), later jobs 37.5 -> 45.7 s (1.22×, +8.2 s); by stage, course 6.75 -> 9.27 and extract 4.47 -> 5.31
 * CPU ms per page. The one worker's child is still getting cheaper in its third round (22.2, 17.3, 14.9 s per round
 * of the 10 manuals; five workers 32.1, 21.3, 18.2 s): a child warms up over many documents, and five children
 * each warm up on a fifth of them. Again at 23:22-23:30 (load 10-19): 69.2 vs 92.3 s (1.33×), first jobs 1.54×,
 * later 1.24×, rounds 25.7/22.5/21.0 against 39.1/27.5/25.7 s: five children's third round still 1.22× in both.
 * Cold start against contention (`--dir` of gri, debmake-doc, nettle, gutenprint, freefem, `--repeat 1`; two rounds
 * of 1 worker, 5 workers `--one-at-a-time` and 5 workers at once): a child's first document costs ~2.2-2.8 s more CPU
 * than the same document in a warm child, whatever its size (freefem, 50 pages: 0.62/0.79 s warm, 2.84/3.00 s
 * first; debmake 2.88/3.22 against 4.74-5.85; nettle 1.71/2.11 against 3.81-5.02); five first documents at once
 * cost ~1.0-1.2× the same five one after another (debmake 5.55/5.85 vs 5.45/4.74 s, nettle 4.80/5.02 vs 4.87/3.81,
 * gutenprint 4.10/4.30 vs 4.21). So of the 30-job run's +17 s, ~4 × 2.5 s is the four extra children's start, the
 * rest the later jobs' warm-up lag and running at once; the start alone is 17% of one worker's CPU, so "five
 * workers' CPU at most 10% above one worker's" cannot hold over 30 jobs while each child warms up on its own
 * (a child lives MAX_TASKS_PER_CHILD = 200 jobs, so in a long run the start is ~1% of its CPU).
 * bench/cpu-floor.ts in the same sitting (`--parallel 5 --work 300 --heap-mb 50 --rounds 2`, load 12-22): 0.943×
 * (rounds 0.908, 0.980): on a host this busy, running at once costs nothing measurable over running in turn, so the
 * later jobs' 1.2× is mostly their children's warm-up still under way (a 5-worker child's 2nd-6th job against the
 * one child's 2nd-30th), not contention.
 * Tried in the same sitting, 5 workers `--repeat 2`, alternated, children's CPU (s): none 55.3, 68.7, 60.9, 58.4;
 * FLEET_WORKER_FLAGS=--single-threaded-gc 57.7, 54.2 (peak 262 MB once); --v8-pool-size=1 55.3, 63.3: the host's
 * noise (±11% between identical runs) is wider than any difference. Supervisors with a 16 MB young generation:
 * 3.6/4.5 s against 3.7/3.6 s, idle 69-70 MB against 63. A child loads only what its document needs (a cold
 * child's profile: wink-nlp, its model, zod, pg, PDFium; no tesseract.js, no bullmq).
 * PDFium (issue 16), machine loaded by other work (load 6-12 on 2 cores), compiled workers, PostgreSQL + Chroma,
 * against the pdf.js commit in the same sitting: children's CPU for the corpus with 1 worker 10.0 s (pdf.js 17.2 s);
 * 1 worker 18.0 s (53.4 pages/s; pdf.js 31.3 s, 30.6 pages/s), peak 308 MB per worker (pdf.js 358 MB); five workers
 * could not show their scaling on cores that other processes kept busy (0.89× vs pdf.js's 0.99×).
 * Measured 2026-11-28 (session 3), quiet 2-core machine, compiled workers, PostgreSQL + Chroma (a fresh server per
 * run: session 2's second run re-upserted the first run's chunk ids, updates that cost Chroma 3-10× the CPU):
 * - corpus (29 parse rows, 12.4 MB, largest first): 1 worker 23.8-25.9 s (4032-4389 PDFs/h, peak 312-341 MB per
 *   worker), 5 workers 17.7-17.8 s (5850 PDFs/h, 53.7 pages/s, peak 291-293 MB): 1.35-1.45×. One worker keeps
 *   1.28-1.32 cores busy (pdf.js's thread beside the child's main thread, V8's GC and compiler threads, Chroma), so
 *   2 cores allow at most 2 / 1.3 = 1.5-1.56×; five workers use the 2 cores fully (2.0) but spend 15-30% more CPU
 *   on the same files (five cold children, five JITs, contention).
 * - 30 copies of the example: 1 worker 8.0-8.2 s, 5 workers 8.7-9.2 s (0.90-0.92×): small files are dominated by
 *   each child's cold first task (~0.8 s: module loading, the pdf.js thread) and by Chroma, whose CPU for the same
 *   upserts grows from 0.8 s (one writer) to 4.2 s (five, on busy cores; 2× in an isolated test).
 * - keeping chunk text in Chroma metadata rather than as documents (no full-text index) cut Chroma's CPU for the
 *   corpus from 5.0-5.5 s to 3.5-3.7 s (one worker) and from 4.6-6.3 s to 1.8-2.1 s (five).
 * - `--llm --workers 5` (courses from the fake LLM, 2 s per call, 654 calls): 112.6 s, peak 354 MB per worker
 *   against 291-300 MB for the CPU-only 5-worker run on the same PDFs: the LLM stage in the supervisor (its code,
 *   the tokenizer's tables, eight staged documents at once) costs ~55-60 MB per worker, as in bench:llm.
 * Session 2 (shared Chroma): corpus 24.0 s vs 20.1 s (1.19×); copies 6.9 vs 11.9 s (0.58×); with CHILD_PRELOAD=1
 * the copies' children CPU dropped from 11.8 to 8.8 s. Session 1, loaded machine (load 9-25): corpus 48.6 s vs
 * 37.4 s (1.30×); PGlite served over the wire to 5 workers held (10/10 copies, 0 errors after
 * src/store/pglite-session.ts), so `profai up` keeps it.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { constants } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.ts';
import { SUPERVISOR_NODE_FLAGS } from '../src/fleet/pool/child-handle.ts';
import { readRssMb } from '../src/fleet/pool/memory.ts';
import { getJobView } from '../src/fleet/queues.ts';
import { readRunInfos } from '../src/fleet/runinfo.ts';
import type { JobView } from '../src/fleet/views.ts';
import { sleep } from '../src/lib/time.ts';
import { openDatabase, saveProcessedDocument } from '../src/store/index.ts';
import { enqueuePdf, openProfaiClient } from '../src/tasks/client.ts';
import type { PdfTaskResult } from '../src/tasks/names.ts';
import { type ChromaServer, startChroma } from '../test/support/chroma.ts';
import { loadCorpus } from '../test/support/corpus.ts';
import { createTestDatabase, freshPgliteDir, tempDir } from '../test/support/databases.ts';
import { startFakeOpenAI } from '../test/support/fake-openai.ts';
import { makeDocument } from '../test/support/store-fixtures.ts';
import { cpuSeconds, pidsNamed } from './workers.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = process.env.FLEET_CLI_ENTRY ?? 'src/cli/main.ts';
/** FLEET_WORKER_FLAGS: more Node flags for the workers, which their children inherit (e.g. `--cpu-prof`). */
const WORKER_EXTRA_FLAGS = (process.env.FLEET_WORKER_FLAGS ?? '').split(' ').filter(Boolean);
const SAMPLE = fileURLToPath(new URL('../examples/sample.pdf', import.meta.url));

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,5' },
    db: { type: 'string', default: 'postgres' },
    source: { type: 'string' },
    copies: { type: 'string', default: '10' },
    llm: { type: 'boolean', default: false },
    dir: { type: 'string' },
    repeat: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
    'one-at-a-time': { type: 'boolean', default: false },
    gc: { type: 'boolean', default: false },
  },
});

/** With `--json` the figures go to stdout as one JSON document and the text report to stderr. */
const say = (line: string) => (args.json ? console.error(line) : console.log(line));
const repeat = Math.max(1, Math.floor(Number(args.repeat)));
if (!Number.isFinite(repeat)) throw new Error(`--repeat: not a number: ${args.repeat}`);

/**
 * `--llm`: courses from a local fake OpenAI server answering after LLM_DELAY_MS (default 2000), as in bench:llm's
 * split run, so the peak RSS per worker with the LLM stage can be set against the CPU-only run on the same PDFs.
 */
/** `--gc`: where the children's GC logs go (bench/gc-log.mjs), and the flag that preloads it. */
const gcLog = args.gc ? tempDir('profai-bench-gc-') : undefined;
const GC_FLAGS = gcLog ? ['--import', join(ROOT, 'bench/gc-log.mjs')] : [];

const fakeLlm = args.llm
  ? await startFakeOpenAI(() => ({ delayMs: Number(process.env.LLM_DELAY_MS ?? 2000) }))
  : undefined;
const llmEnv: Record<string, string> = fakeLlm
  ? { LLM_BASE_URL: fakeLlm.url, LLM_MODEL: 'bench', LLM_CONCURRENCY: '8', LLM_CALLS_PER_JOB: '4' }
  : {};

interface Pdf {
  name: string;
  bytes: Uint8Array;
}

/** `bytes` made unique (a different sha256, so a different job and document) by a comment after %%EOF. */
const variant = (bytes: Uint8Array, k: number): Uint8Array =>
  k === 0 ? bytes : new Uint8Array(Buffer.concat([bytes, Buffer.from(`\n%copy ${k}\n`)]));

/**
 * `--repeat K`: every PDF enqueued K times, as the Celery anchor's bench does (K rounds of the files), each copy
 * made unique so that the job id and the stored document differ (ProfAI would otherwise skip a known file).
 */
function repeated(pdfs: Pdf[], k: number): Pdf[] {
  return Array.from({ length: k }, (_, round) =>
    pdfs.map((p) => ({
      name: round === 0 ? p.name : `${p.name} (copy ${round + 1})`,
      bytes: variant(p.bytes, round),
    })),
  ).flat();
}

/** Every `*.pdf` in `dir` (`--dir`: any folder, e.g. the Celery anchor's 10 Debian manuals). */
function pdfsIn(dir: string): Pdf[] {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith('.pdf'))
    .sort();
  if (files.length === 0) throw new Error(`--dir ${dir}: no .pdf file in it`);
  return files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
}

/** The PDFs of `--dir`, else the corpus's parse rows, else copies of the example made unique after %%EOF. */
function loadPdfs(): { pdfs: Pdf[]; source: string } {
  if (args.dir) {
    const pdfs = pdfsIn(args.dir);
    return { pdfs, source: `${pdfs.length} PDFs in ${args.dir}` };
  }
  const corpus = args.source === 'copies' ? { missing: '--source copies' } : loadCorpus();
  if ('rows' in corpus) {
    const rows = corpus.rows.filter((r) => r.expected.startsWith('parse'));
    return {
      pdfs: rows.map((r) => ({ name: r.file, bytes: new Uint8Array(readFileSync(r.path)) })),
      source: `corpus: ${rows.length} "parse" rows`,
    };
  }
  const sample = readFileSync(SAMPLE);
  const n = Number(args.copies);
  const pdfs = Array.from({ length: n }, (_, i) => ({
    name: `sample-${i + 1}.pdf`,
    bytes: variant(new Uint8Array(sample), i + 1),
  }));
  return { pdfs, source: `${n} copies of examples/sample.pdf (${corpus.missing})` };
}

function spawnCli(args: string[], env: Record<string, string>): ChildProcess {
  const entry = CLI.endsWith('.ts') ? ['--import', 'tsx', CLI] : [CLI];
  const flags = args[0] === 'worker' ? [...SUPERVISOR_NODE_FLAGS, ...WORKER_EXTRA_FLAGS, ...GC_FLAGS] : [];
  return spawn(process.execPath, [...flags, ...entry, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...(gcLog && args[0] === 'worker' ? { GC_LOG_DIR: gcLog.dir } : {}) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
function lineOf(proc: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const hit = out.split('\n').find((l) => pattern.test(l));
      if (hit) resolve(hit);
    });
    proc.once('exit', (code) =>
      reject(new Error(`exited (${code}) before ${pattern}:\n${out.slice(-2000)}`)),
    );
  });
}

function stop(procs: readonly ChildProcess[]): Promise<unknown> {
  return Promise.all(
    procs.map((p) => {
      if (p.exitCode !== null || p.signalCode !== null) return null;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      return exited;
    }),
  );
}

/** Pids of a process and its descendants (a worker: supervisor + children). */
function treePids(pid: number): number[] {
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {}
  return [pid, ...children.flatMap(treePids)];
}

/** RSS (MB) of a process and its descendants (a worker: supervisor + children). */
function treeRssMb(pid: number): number {
  return treePids(pid).reduce((s, p) => s + (readRssMb(p) ?? 0), 0);
}

/**
 * RSS (MB) of a process and its descendants with the files they map counted once: their anonymous memory plus
 * the largest file-backed part of one of them. Supervisor and child run the same node binary, whose ~38 MB of
 * resident code pages the sum of RSS counts twice though the host holds them once.
 */
function treeOwnMb(pid: number): number {
  const parts = treePids(pid).map((p) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, 'utf8');
      const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
      return { anon: kb('RssAnon') + kb('RssShmem'), file: kb('RssFile') };
    } catch {
      return { anon: 0, file: 0 };
    }
  });
  return (parts.reduce((s, x) => s + x.anon, 0) + Math.max(0, ...parts.map((x) => x.file))) / 1024;
}

/**
 * Database and vector store of one run, and how to dispose of them. Each run gets its own Chroma server: the
 * same documents upserted again into a collection that holds them are updates, which cost Chroma several times
 * the CPU of inserts and would bill the second run for the first.
 */
async function openBackend(
  kind: string,
): Promise<{ env: Record<string, string>; chroma?: ChromaServer; dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const data = await freshPgliteDir();
    const server = spawnCli(['serve-db'], { PROFAI_DATA_DIR: data.dir });
    const line = await lineOf(server, /^Embedded database .* at postgres:\/\//);
    const url = line.slice(line.indexOf('postgres://'));
    return {
      env: { DATABASE_URL: url },
      async dispose() {
        await stop([server]);
        data.remove();
      },
    };
  }
  const [db, chroma] = await Promise.all([createTestDatabase(), startChroma()]);
  return {
    env: { DATABASE_URL: db.url, CHROMA_URL: chroma.url },
    chroma,
    dispose: async () => {
      await Promise.all([db.drop(), chroma.stop()]);
    },
  };
}

/** Saves a small fixture document every 500 ms and records how long each save took. */
function probeSaves(databaseUrl: string) {
  const latencies: number[] = [];
  const errors: string[] = [];
  let running = true;
  const done = (async () => {
    const db = await openDatabase(loadConfig({ DATABASE_URL: databaseUrl }));
    while (running) {
      const t = performance.now();
      try {
        await saveProcessedDocument(db, makeDocument());
        latencies.push(performance.now() - t);
      } catch (err) {
        errors.push((err as Error).message);
      }
      await sleep(500);
    }
    await db.close();
  })();
  return {
    async stop() {
      running = false;
      await done;
      return { latencies, errors };
    },
  };
}

/** Seconds per pipeline stage, summed over the run's documents, and the stages of its slowest document. */
async function stageSeconds(databaseUrl: string) {
  const db = await openDatabase(loadConfig({ DATABASE_URL: databaseUrl }));
  try {
    // Documents with stage timings: the pipeline's (the probe's fixtures have none).
    const { rows } = await db.query<{ file_name: string; stats: Record<string, number> }>(
      "SELECT file_name, stats FROM documents WHERE stats ? 'extractSeconds'",
    );
    const total: Record<string, number> = {};
    const sum = (stats: Record<string, number>) => Object.values(stats).reduce((s, x) => s + x, 0);
    for (const { stats } of rows) {
      for (const [k, v] of Object.entries(stats)) total[k] = (total[k] ?? 0) + v;
    }
    const slowest = rows.reduce((a, b) => (sum(b.stats) > sum(a.stats) ? b : a), rows[0]!);
    return { total, slowest: { file: slowest.file_name, stats: slowest.stats } };
  } finally {
    await db.close();
  }
}

const stagesText = (stats: Record<string, number>) =>
  Object.entries(stats)
    .filter(([k]) => k.endsWith('Seconds') && !k.endsWith('CpuSeconds'))
    .map(([k, v]) => `${k.replace(/Seconds$/, '')} ${v.toFixed(1)}`)
    .join(', ');

/** How long the workers stay idle after `ready.` before the jobs come, for the settled idle RSS. */
const IDLE_SETTLE_MS = 3000;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

/** CPU seconds so far of the services the workers share (reaped PostgreSQL backends count in the postmaster's). */
function serviceCpu(chromaPid: number | undefined) {
  const sum = (pids: number[]) => pids.reduce((s, pid) => s + cpuSeconds(pid, true), 0);
  return {
    chroma: chromaPid ? cpuSeconds(chromaPid, true) : 0,
    postgres: sum(pidsNamed('postgres')),
    redis: sum(pidsNamed('redis-server')),
  };
}

async function run(workers: number, pdfs: Pdf[]) {
  const prefix = `bench-corpus-${randomBytes(4).toString('hex')}`;
  const uploads = tempDir('profai-bench-uploads-');
  const backend = await openBackend(args.db!);
  const env = {
    ...backend.env,
    QUEUE_PREFIX: prefix,
    UPLOAD_DIR: uploads.dir,
    LOG_LEVEL: 'warn',
    HEARTBEAT_S: '1',
    JOB_ATTEMPTS: '1',
    ...llmEnv,
  };
  const client = openProfaiClient(loadConfig(env));
  const procs = Array.from({ length: workers }, (_, i) =>
    spawnCli(['worker'], { ...env, WORKER_NUM: String(i + 1) }),
  );
  try {
    await Promise.all(procs.map((p) => lineOf(p, / ready\.$/)));
    // Idle RSS per worker: at the first sample (just after `ready.`) and once settled, before any job.
    const idleFirst = procs.map((p) => treeRssMb(p.pid!));
    const idleFirstOwn = procs.map((p) => treeOwnMb(p.pid!));
    await sleep(IDLE_SETTLE_MS);
    const idleSettled = procs.map((p) => treeRssMb(p.pid!));
    const peaks = procs.map(() => 0);
    const ownPeaks = procs.map(() => 0);
    const childSamples: RssSample[] = [];
    const sampler = setInterval(() => {
      procs.forEach((p, i) => {
        peaks[i] = Math.max(peaks[i]!, treeRssMb(p.pid!));
        ownPeaks[i] = Math.max(ownPeaks[i]!, treeOwnMb(p.pid!));
        for (const pid of treePids(p.pid!).slice(1))
          childSamples.push({ at: Date.now(), pid, rssMb: readRssMb(pid) ?? 0 });
      });
    }, 200);
    const probe = probeSaves(backend.env.DATABASE_URL!);
    // Largest first (in each of the --repeat rounds), so the makespan measures the fleet rather than an unlucky
    // order of the longest job.
    const ordered = repeated(
      [...pdfs].sort((a, b) => b.bytes.length - a.bytes.length),
      repeat,
    );
    const start = Date.now();
    const servicesBefore = serviceCpu(backend.chroma?.pid);
    // The supervisors' start-up (before `ready.`) is not the run's work.
    const supervisorsBefore = procs.reduce((s, p) => s + cpuSeconds(p.pid!), 0);
    const ids: string[] = [];
    const views: JobView[] = [];
    const finished = async (id: string): Promise<JobView> => {
      for (;;) {
        const v = await getJobView(client, id);
        if (v && (v.state === 'completed' || v.state === 'failed')) return v;
        await sleep(100);
      }
    };
    for (const pdf of ordered) {
      const sha256 = createHash('sha256').update(pdf.bytes).digest('hex');
      const path = join(uploads.dir, `${sha256}.pdf`);
      writeFileSync(path, pdf.bytes);
      const { id } = await enqueuePdf(client, { path, fileName: pdf.name, sha256 });
      ids.push(id);
      if (args['one-at-a-time']) views.push(await finished(id));
    }
    if (!args['one-at-a-time']) for (const id of ids) views.push(await finished(id));
    const end = Math.max(...views.map((v) => Date.parse(v.timings.finishedAt ?? '') || Date.now()));
    clearInterval(sampler);
    const servicesAfter = serviceCpu(backend.chroma?.pid);
    const supervisorsCpu = procs.reduce((s, p) => s + cpuSeconds(p.pid!), 0) - supervisorsBefore;
    const saves = await probe.stop();
    const runInfos = await readRunInfos(client.redis, prefix, ids);
    const makespan = (end - start) / 1000;
    const durations = views.map((v) => v.timings.seconds ?? 0);
    const work = durations.reduce((s, x) => s + x, 0);
    const done = views.filter((v) => v.state === 'completed');
    const pages = done.reduce((s, v) => s + ((v.result as PdfTaskResult).pages ?? 0), 0);
    return {
      workers,
      pages,
      idleFirstRss: idleFirst,
      idleSettledRss: idleSettled,
      peakRss: peaks,
      /** As idleFirstRss and peakRss, with the files supervisor and child both map counted once. */
      idleFirstOwn,
      peakOwn: ownPeaks,
      makespan,
      work,
      ideal: work / workers,
      longest: Math.max(...durations),
      completed: done.length,
      failed: views.filter((v) => v.state === 'failed').map((v) => `${v.file}: ${v.error}`),
      pdfsPerHour: (views.length / makespan) * 3600,
      pagesPerSecond: pages / makespan,
      peakWorkerRss: Math.max(...peaks),
      peakChildRss: Math.max(...views.map((v) => v.peakRssMb ?? 0)),
      cpu: runInfos.reduce((sum, r) => sum + (r?.cpuSeconds ?? 0), 0),
      jobs: jobCosts(views, runInfos),
      /** Each job's child RSS when the job ended, in the order the jobs were enqueued (NaN: no sample in the job). */
      jobAfterRss: rssAfterJobs(jobCosts(views, runInfos), childSamples),
      heaviest: views.reduce((a, b) => ((b.peakRssMb ?? 0) > (a.peakRssMb ?? 0) ? b : a)).file,
      /** Each job's child peak RSS, in the order the jobs were enqueued. */
      jobPeaks: views.map((v) => ({ file: v.file, peakRssMb: v.peakRssMb ?? 0 })),
      saves,
      otherCpu: {
        supervisors: supervisorsCpu,
        chroma: servicesAfter.chroma - servicesBefore.chroma,
        postgres: servicesAfter.postgres - servicesBefore.postgres,
        redis: servicesAfter.redis - servicesBefore.redis,
      },
      stages: await stageSeconds(backend.env.DATABASE_URL!),
    };
  } finally {
    await stop(procs);
    const keys = await client.redis.keys(`${prefix}:*`);
    if (keys.length > 0) await client.redis.del(...keys);
    await client.close();
    await backend.dispose();
    uploads.remove();
  }
}

const { pdfs, source } = loadPdfs();
say(
  `PDFs: ${source}${repeat > 1 ? `, each enqueued ${repeat} times` : ''}; database: ${args.db === 'pglite' ? 'PGlite over the wire (serve-db) + pgvector' : 'PostgreSQL + Chroma'}; CLI: ${CLI}${fakeLlm ? '; courses from a fake LLM (--llm)' : ''}`,
);
say(
  `${(pdfs.reduce((s, p) => s + p.bytes.length, 0) / 1048576).toFixed(1)} MB in ${pdfs.length} files, largest first`,
);

/**
 * Each job's CPU and where it ran, and whether it was its child's first job (which pays the child's warm-up:
 * imports, the English model, PDFium, cold JIT): set against the same file's CPU in another run, the first jobs'
 * excess is the warm-up and the later jobs' excess is what running at once costs.
 */
function jobCosts(views: JobView[], runInfos: Awaited<ReturnType<typeof readRunInfos>>) {
  const jobs = views.map((v, i) => ({
    file: v.file,
    childPid: runInfos[i]?.childPid ?? 0,
    startedAt: runInfos[i]?.startedAt ?? 0,
    cpuSeconds: runInfos[i]?.cpuSeconds ?? 0,
  }));
  const firstStart = new Map<number, number>();
  for (const j of jobs)
    firstStart.set(j.childPid, Math.min(firstStart.get(j.childPid) ?? j.startedAt, j.startedAt));
  return jobs.map((j) => ({
    ...j,
    childsFirst: firstStart.get(j.childPid) === j.startedAt,
    gc: gcOfJob(j, jobs),
  }));
}

/** GCs of one job (`--gc`): those its child logged from the job's start to its next job's start. */
function gcOfJob(
  job: { childPid: number; startedAt: number },
  jobs: { childPid: number; startedAt: number }[],
) {
  const next = Math.min(
    ...jobs.filter((j) => j.childPid === job.childPid && j.startedAt > job.startedAt).map((j) => j.startedAt),
  );
  const mine = gcLogOf(job.childPid).filter(([, at]) => at >= job.startedAt && at < next);
  const pause = (xs: typeof mine) => xs.reduce((s, x) => s + x[2], 0);
  const scavenges = mine.filter(([kind]) => kind === constants.NODE_PERFORMANCE_GC_MINOR);
  const majors = mine.filter(([kind]) => kind === constants.NODE_PERFORMANCE_GC_MAJOR);
  return {
    scavenges: scavenges.length,
    scavengeMs: pause(scavenges),
    markCompacts: majors.length,
    markCompactMs: pause(majors),
  };
}

/** A child's GC log (`--gc`, bench/gc-log.mjs): [kind, epoch ms, pause ms] per collection; none without --gc. */
function gcLogOf(pid: number): [number, number, number][] {
  if (!gcLog) return [];
  try {
    return readFileSync(join(gcLog.dir, `${pid}.jsonl`), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as [number, number, number]);
  } catch {
    return [];
  }
}

type JobGc = ReturnType<typeof gcOfJob>;
const gcText = (gcs: JobGc[]) => {
  const sum = (k: keyof JobGc) => gcs.reduce((s, g) => s + g[k], 0);
  return `${sum('scavenges')} scavenges (${sum('scavengeMs').toFixed(0)} ms paused), ${sum('markCompacts')} mark-compacts (${sum('markCompactMs').toFixed(0)} ms)`;
};

interface RssSample {
  at: number;
  pid: number;
  rssMb: number;
}

/**
 * The child's RSS at the end of each job: its last sample before its next job started (or ever, for its last job).
 * Whether a child's memory stays flat from job to job decides how often it must be replaced (MAX_TASKS_PER_CHILD).
 */
function rssAfterJobs(jobs: { childPid: number; startedAt: number }[], samples: RssSample[]): number[] {
  return jobs.map((job) => {
    const next = Math.min(
      ...jobs
        .filter((j) => j.childPid === job.childPid && j.startedAt > job.startedAt)
        .map((j) => j.startedAt),
    );
    const within = samples.filter((s) => s.pid === job.childPid && s.at >= job.startedAt && s.at < next);
    return within.at(-1)?.rssMb ?? Number.NaN;
  });
}

/**
 * CPU figures per page of one run: the children's and all (with the services'), and per stage: its CPU
 * (`<stage>CpuSeconds`, every thread of the child) where the workers record it, else its wall time (older
 * commits; on a busy host wall time overstates the CPU). `vectors` is wall time (mostly waiting on the store).
 */
function perPage(r: Awaited<ReturnType<typeof run>>) {
  const pages = Math.max(1, r.pages);
  const services = Object.values(r.otherCpu).reduce((s, x) => s + x, 0);
  const t = r.stages.total;
  const names = Object.keys(t)
    .filter((k) => k.endsWith('Seconds') && !k.endsWith('CpuSeconds'))
    .map((k) => k.replace(/Seconds$/, ''));
  const cpuRecorded = names.some((n) => t[`${n}CpuSeconds`] !== undefined);
  const stages = Object.fromEntries(
    names.map((n) => [n, (t[`${n}CpuSeconds`] ?? t[`${n}Seconds`] ?? 0) / pages]),
  );
  return { children: r.cpu / pages, all: (r.cpu + services) / pages, stages, stagesAreCpu: cpuRecorded };
}

const ms = (seconds: number) => (seconds * 1000).toFixed(2);
const mbList = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

const results = [];
for (const n of args.workers!.split(',').map(Number)) {
  const r = await run(n, pdfs);
  const cost = perPage(r);
  results.push({ ...r, perPage: cost });
  const s = r.saves.latencies;
  say(
    [
      `\n${n} worker(s): ${r.completed} completed, ${r.failed.length} failed in ${r.makespan.toFixed(1)} s (load average now ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores: other processes skew these figures)`,
      `  ${r.pdfsPerHour.toFixed(0)} PDFs/hour, ${r.pagesPerSecond.toFixed(1)} pages/s (${r.pages} pages)`,
      `  makespan ${r.makespan.toFixed(1)} s vs ideal ${r.ideal.toFixed(1)} s (total work ${r.work.toFixed(1)} s / ${n}); longest job ${r.longest.toFixed(1)} s; efficiency ${((Math.max(r.ideal, r.longest) / r.makespan) * 100).toFixed(0)}%`,
      `  CPU of the children ${r.cpu.toFixed(1)} s, ${(r.cpu / r.makespan).toFixed(2)} cores busy on average (of ${availableParallelism()})`,
      `  CPU besides the children: ${Object.entries(r.otherCpu)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(
          ', ',
        )}; all together ${((r.cpu + Object.values(r.otherCpu).reduce((s, x) => s + x, 0)) / r.makespan).toFixed(2)} cores`,
      `  CPU ms per page: children ${ms(cost.children)}, all (with supervisors, PostgreSQL, Chroma, Redis) ${ms(cost.all)}`,
      `  stage ${cost.stagesAreCpu ? 'CPU' : 'wall (no CPU recorded by these workers)'} ms per page: ${Object.entries(
        cost.stages,
      )
        .map(
          ([k, v]) =>
            `${k} ${ms(v)}${cost.stagesAreCpu && !(`${k}CpuSeconds` in r.stages.total) ? ' (wall)' : ''}`,
        )
        .join(', ')}`,
      `  RSS per worker (supervisor + child), MB: idle at first sample ${mbList(r.idleFirstRss)}; idle after ${IDLE_SETTLE_MS / 1000} s ${mbList(r.idleSettledRss)}; peak ${mbList(r.peakRss)}`,
      `  the same with the files supervisor and child both map (the node binary) counted once, MB: idle at first sample ${mbList(r.idleFirstOwn)}; peak ${mbList(r.peakOwn)}`,
      `  peak child RSS in a job ${r.peakChildRss.toFixed(0)} MB (${r.heaviest}); per job: ${r.jobPeaks.map((j) => `${j.file} ${j.peakRssMb.toFixed(0)}`).join(', ')}`,
      `  child RSS after each job, MB, in order (- : job shorter than a sample): ${r.jobAfterRss.map((x) => (Number.isNaN(x) ? '-' : x.toFixed(0))).join(' ')}`,
      `  wall seconds per stage, all documents: ${stagesText(r.stages.total)}`,
      `  slowest document ${r.stages.slowest.file}: ${stagesText(r.stages.slowest.stats)}`,
      ...(gcLog ? [`  GC in the children (main thread, wall): ${gcText(r.jobs.map((j) => j.gc))}`] : []),
      `  probe saves during the run: ${s.length} ok, ${r.saves.errors.length} errors, p50 ${pct(s, 0.5).toFixed(0)} ms, p95 ${pct(s, 0.95).toFixed(0)} ms, max ${Math.max(0, ...s).toFixed(0)} ms`,
      ...r.failed.map((f) => `  failed: ${f}`),
    ].join('\n'),
  );
}
if (results.length >= 2) {
  const [a, b] = [results[0]!, results[results.length - 1]!];
  // The same jobs' CPU in both runs (both enqueue the same files in the same order), split by whether the job was
  // its child's first in the later run.
  const cpuOf = (r: typeof a, first: boolean) => {
    const picked = r.jobs.flatMap((j, i) => (j.childsFirst === first ? [i] : []));
    const sum = (x: typeof a) => picked.reduce((s, i) => s + (x.jobs[i]?.cpuSeconds ?? 0), 0);
    const gcs = (x: typeof a) => picked.flatMap((i) => (x.jobs[i] ? [x.jobs[i].gc] : []));
    return { files: picked.length, base: sum(a), now: sum(b), gcBase: gcs(a), gcNow: gcs(b) };
  };
  for (const first of [true, false]) {
    const c = cpuOf(b, first);
    if (c.files > 0)
      say(
        `${b.workers} workers, ${first ? "children's first jobs" : 'later jobs'} (${c.files} jobs): ${c.now.toFixed(1)} s CPU vs ${c.base.toFixed(1)} s for the same jobs with ${a.workers} worker(s) (${(c.now / Math.max(c.base, 1e-9)).toFixed(2)}×)${gcLog ? `; GC ${gcText(c.gcNow)} vs ${gcText(c.gcBase)}` : ''}`,
      );
  }
  say(
    `\nthroughput ${b.workers} vs ${a.workers} worker(s): ${(b.pdfsPerHour / a.pdfsPerHour).toFixed(2)}× (PDFs/hour), ${(b.pagesPerSecond / a.pagesPerSecond).toFixed(2)}× (pages/s); children's CPU ${(b.cpu / a.cpu).toFixed(2)}×, all CPU ${(b.perPage.all / a.perPage.all).toFixed(2)}×`,
  );
}
if (fakeLlm) {
  say(`LLM calls: ${fakeLlm.chats().length}`);
  await fakeLlm.close();
}
gcLog?.remove();
if (args.json) {
  console.log(
    JSON.stringify(
      {
        source,
        repeat,
        cli: CLI,
        db: args.db,
        results: results.map(({ saves, ...r }) => ({
          ...r,
          probeSaves: {
            ok: saves.latencies.length,
            errors: saves.errors.length,
            p95Ms: pct(saves.latencies, 0.95),
          },
        })),
      },
      null,
      2,
    ),
  );
}
