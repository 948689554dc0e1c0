/**
 * The structure, chunk and embed stages alone, on extractions made once, for before/after comparisons of those
 * stages (each a few percent of a page's CPU, lost in the noise of a whole pipeline run). The extraction comes from
 * this checkout's extractor:
 *
 * - `tsx bench/small-stages.ts prepare CACHE FILE…`: extracts each PDF (OCR off) and keeps the extraction as
 *   CACHE/<file>.json (a PDF that cannot be read is left out, with its one-line reason).
 * - `tsx bench/small-stages.ts run CHECKOUT CACHE [REPS]`: runs buildStructure, chunkDocument and the hashing
 *   embedder of CHECKOUT (this one, or a worktree of another commit) on every cached extraction REPS times
 *   (default 3) after one warm-up, and prints each stage's CPU ms per page, the KB per page it allocated (the
 *   sampling heap profiler, objects already collected included) and a hash of the structures, chunks and vectors:
 *   two checkouts with the same hash make the same outputs.
 *
 * Issue 21, item 3 (engineer S, 2026-12-06, 2 shared cores at load 7-12 with other engineers' benchmarks), the 10
 * manuals of /work/bench-pdfs (1,177 pages) prepared once, /work/start (93662c0) against 5cfe4ec (embed) and
 * 64fee4d (structure), with the same outputs (this script's hash; and runPipeline's document JSON and raw vectors
 * diffed on those manuals and the corpus's parse PDFs). `npx tsx bench/small-stages.ts run /work/start CACHE 3` and
 * `run . CACHE 3` alternated, 6 pairs after a warm-up pair, the printed lines paired (medians, ms of CPU and KB
 * allocated a page):
 * - structure 0.244 -> 0.159 ms (ratio 0.65, 0.60-0.68), 84 -> 40 KB: the licence pattern was tried at every
 *   position of every section's text (~16% of the stage), now only on text that holds one of its words.
 * - embed 0.337 -> 0.339 ms (1.00, 0.85-1.13), 106 -> 60 KB: fewer allocations, no CPU gain measurable here.
 * - chunk 0.169 ms, 31 KB, unchanged (an ASCII lookup table for the token estimate, tried: 1.04, not kept).
 * - the three together 0.760 -> 0.687 ms (0.90); whole processes (user+sys) 0.90.
 * Then 2c4adf0 (each line's normalised title made once while the outline is placed), 3 alternated pairs at load
 * 5-7: structure 0.282 -> 0.163 ms a page against /work/start, median ratio 0.58.
 * In the whole pipeline (runPipeline of the 10 manuals, OCR off, 4 alternated pairs) structure 0.439 -> 0.350 ms a
 * page (0.77); load, chunk, embed and quiz within noise (0.95-1.17).
 */

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ExtractedDocument } from '../src/domain/document.ts';

type Stage = 'structure' | 'chunk' | 'embed';
const STAGES: Stage[] = ['structure', 'chunk', 'embed'];
/** The function whose calls make up each stage: a heap profile's samples under it are the stage's. */
const ENTRY: Record<Stage, string> = {
  structure: 'buildStructure',
  chunk: 'chunkDocument',
  embed: 'embedOne',
};

const [mode, ...rest] = process.argv.slice(2);
const moduleOf = async <T>(checkout: string, path: string) =>
  (await import(pathToFileURL(join(resolve(checkout), path)).href)) as T;

if (mode === 'prepare') {
  const [cache, ...files] = rest;
  mkdirSync(cache!, { recursive: true });
  const { checkPdf, openPdf } = await import('../src/pipeline/load.ts');
  const { extractDocument } = await import('../src/pipeline/extract.ts');
  const { loadConfig } = await import('../src/config.ts');
  const config = loadConfig({});
  for (const file of files) {
    try {
      const checked = checkPdf(
        { bytes: new Uint8Array(readFileSync(file)), fileName: basename(file) },
        { maxFileMb: config.maxFileMb },
      );
      const pdf = await openPdf(checked, {
        maxPages: config.maxPages,
        pageTimeoutMs: config.pdfPageTimeoutS * 1000,
        timeoutMs: config.pdfTimeoutS * 1000,
        maxMemoryMb: config.pdfMaxMemoryMb,
      });
      try {
        writeFileSync(join(cache!, `${basename(file)}.json`), JSON.stringify(await extractDocument(pdf, {})));
      } finally {
        await pdf.close();
      }
      console.log(`${basename(file)}: extracted`);
    } catch (err) {
      console.log(`${basename(file)}: ${String(err).split('\n')[0]}`);
    }
  }
} else if (mode === 'run') {
  const [checkout, cache, reps = '3'] = rest;
  const { buildStructure } = await moduleOf<typeof import('../src/pipeline/structure.ts')>(
    checkout!,
    'src/pipeline/structure.ts',
  );
  const { chunkDocument } = await moduleOf<typeof import('../src/pipeline/chunk.ts')>(
    checkout!,
    'src/pipeline/chunk.ts',
  );
  const { HashEmbedder } = await moduleOf<typeof import('../src/pipeline/embed.ts')>(
    checkout!,
    'src/pipeline/embed.ts',
  );
  const docs = readdirSync(cache!)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({
      fileName: f.replace(/\.json$/u, ''),
      doc: JSON.parse(readFileSync(join(cache!, f), 'utf8')) as ExtractedDocument,
    }));
  const pages = docs.reduce((sum, d) => sum + d.doc.pageCount, 0);
  const embedder = new HashEmbedder();
  const stages = (onStage: <T>(stage: Stage, fn: () => T) => T) => {
    const hash = createHash('sha256');
    for (const { fileName, doc } of docs) {
      const structure = onStage('structure', () => buildStructure(doc, { fileName }));
      const chunks = onStage('chunk', () => chunkDocument(structure, { documentId: fileName }));
      const vectors = onStage('embed', () => chunks.map((c) => embedder.embedOne(c.text)));
      hash.update(JSON.stringify(structure)).update(JSON.stringify(chunks));
      for (const v of vectors) hash.update(new Uint8Array(v.buffer));
    }
    return hash.digest('hex').slice(0, 16);
  };
  const outputs = stages((_, fn) => fn());
  const cpu: Record<Stage, number> = { structure: 0, chunk: 0, embed: 0 };
  for (let r = 0; r < Number(reps); r++)
    stages((stage, fn) => {
      const start = process.cpuUsage();
      const value = fn();
      const used = process.cpuUsage(start);
      cpu[stage] += (used.user + used.system) / 1000;
      return value;
    });
  const allocated = await allocationByStage(stages);
  const perPage = (stage: Stage) =>
    `${stage} ${(cpu[stage] / Number(reps) / pages).toFixed(3)} ms ${(allocated[stage] / 1024 / pages).toFixed(0)} KB`;
  console.log(`${pages} pages\t${STAGES.map(perPage).join('\t')}\toutputs ${outputs}`);
} else {
  console.error('usage: tsx bench/small-stages.ts prepare CACHE FILE… | run CHECKOUT CACHE [REPS]');
  process.exitCode = 2;
}

interface ProfileNode {
  callFrame: { functionName: string };
  selfSize: number;
  children: ProfileNode[];
}

/** Bytes each stage allocates in one pass, by the sampling heap profiler (collected objects included). */
async function allocationByStage(stages: (onStage: <T>(stage: Stage, fn: () => T) => T) => string) {
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  stages((_, fn) => fn());
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();
  const bytes: Record<Stage, number> = { structure: 0, chunk: 0, embed: 0 };
  const total = (node: ProfileNode): number =>
    node.children.reduce((sum, c) => sum + total(c), node.selfSize);
  const walk = (node: ProfileNode) => {
    const stage = STAGES.find((s) => ENTRY[s] === node.callFrame.functionName);
    if (stage) bytes[stage] += total(node);
    else for (const child of node.children) walk(child);
  };
  walk(profile.head as ProfileNode);
  return bytes;
}
