/**
 * `npm run bench:pipeline -- [DIR|FILE…]`: every PDF through the pipeline, one fresh process per file.
 * Prints per file and in total: pages, pages/s, seconds per stage, peak RSS, heading recall (files with an
 * outline), and poppler's `pdftotext` pages/s on the same files as the native reference when it is installed,
 * with the character similarity of our text to pdftotext's (bench/text-similarity.ts).
 * Default input: the shared corpus (its parse rows).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { renderTable } from '../src/cli/table.ts';
import { loadCorpus } from '../test/support/corpus.ts';
import { documentSimilarity, pdftotextPages } from './text-similarity.ts';

interface OneResult {
  file: string;
  ok: boolean;
  pages?: number;
  seconds: number;
  stages?: Record<string, number>;
  peakRssMb: number;
  recall?: { matched: number; total: number; recall: number } | null;
  /** open+extract+structure again on the warm engine, as in a worker child. */
  warmSeconds?: number;
  /** Each page's extracted text. */
  pageTexts?: string[];
  error?: string;
}

function inputs(): string[] {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    const corpus = loadCorpus();
    if ('missing' in corpus) throw new Error(`${corpus.missing}; pass a folder or files`);
    return corpus.rows.filter((r) => r.expected.startsWith('parse')).map((r) => r.path);
  }
  return args.flatMap((a) =>
    statSync(a).isDirectory()
      ? readdirSync(a)
          .filter((f) => f.toLowerCase().endsWith('.pdf'))
          .map((f) => join(a, f))
      : [a],
  );
}

function runOne(file: string): OneResult {
  const out = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'pipeline-one.ts'), file],
    {
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  const line = out.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as OneResult;
  } catch {
    return { file, ok: false, seconds: 0, peakRssMb: 0, error: out.stderr.split('\n')[0] || 'no output' };
  }
}

function pdftotextSeconds(file: string): number | null {
  const start = performance.now();
  try {
    execFileSync('pdftotext', ['-q', file, '/dev/null'], { stdio: 'ignore', timeout: 120_000 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
  }
  return (performance.now() - start) / 1000;
}

const files = inputs();
const hasPdftotext = pdftotextSeconds(files[0]!) !== null;
const rows: (string | number)[][] = [];
const total = {
  pages: 0,
  seconds: 0,
  extractStructure: 0,
  warm: 0,
  poppler: 0,
  matched: 0,
  outline: 0,
  peak: 0,
  /** Files compared with pdftotext, and how many of them reach 0.97 (in order, in content). */
  compared: 0,
  similar: 0,
  similarBigrams: 0,
};
const SIMILAR = 0.97;
const s = (r: OneResult, k: string) => r.stages?.[`${k}Seconds`] ?? 0;
const f2 = (n: number) => Math.round(n * 100) / 100;

for (const file of files) {
  const r = runOne(file);
  const poppler = hasPdftotext ? (pdftotextSeconds(file) ?? 0) : 0;
  if (!r.ok || !r.pages) {
    rows.push([
      r.file ?? file,
      '-',
      '-',
      f2(r.seconds),
      '-',
      '-',
      '-',
      '-',
      '-',
      Math.round(r.peakRssMb),
      '-',
      '-',
      '-',
      `failed: ${r.error}`,
    ]);
    continue;
  }
  const exStr = s(r, 'load') + s(r, 'extract') + s(r, 'structure');
  total.pages += r.pages;
  total.seconds += r.seconds;
  total.extractStructure += exStr;
  total.warm += r.warmSeconds ?? exStr;
  total.poppler += poppler;
  total.peak = Math.max(total.peak, r.peakRssMb);
  if (r.recall) {
    total.matched += r.recall.matched;
    total.outline += r.recall.total;
  }
  const theirs = hasPdftotext && r.pageTexts ? pdftotextPages(file) : null;
  const similarity = theirs && r.pageTexts ? documentSimilarity(r.pageTexts, theirs) : null;
  if (similarity !== null) {
    total.compared++;
    if (similarity.ordered >= SIMILAR) total.similar++;
    if (similarity.bigrams >= SIMILAR) total.similarBigrams++;
  }
  rows.push([
    r.file,
    r.pages,
    f2(r.pages / r.seconds),
    f2(r.seconds),
    f2(exStr),
    f2(s(r, 'chunk')),
    f2(s(r, 'embed')),
    f2(s(r, 'course') + s(r, 'quiz')),
    hasPdftotext ? f2(r.pages / Math.max(poppler, 1e-3)) : '-',
    similarity === null ? '-' : similarity.ordered.toFixed(3),
    similarity === null ? '-' : similarity.bigrams.toFixed(3),
    Math.round(r.peakRssMb),
    r.recall ? `${r.recall.matched}/${r.recall.total}` : '-',
    'ok',
  ]);
}

console.log(
  renderTable(
    [
      'file',
      'pages',
      'pages/s',
      'total s',
      'load+extract+structure s',
      'chunk s',
      'embed s',
      'course+quiz s',
      'pdftotext pages/s',
      'sim. in order',
      'sim. bigrams',
      'peak MB',
      'heading recall',
      'result',
    ],
    rows,
  ),
);
const ours = total.pages / Math.max(total.extractStructure, 1e-9);
const warm = total.pages / Math.max(total.warm, 1e-9);
const poppler = total.pages / Math.max(total.poppler, 1e-9);
console.log(
  `\nTotal: ${total.pages} pages in ${f2(total.seconds)} s of pipeline (${f2(total.pages / total.seconds)} pages/s)`,
);
const vsPoppler = (x: number) => (hasPdftotext ? ` = 1/${f2(poppler / x)} of pdftotext` : '');
console.log(`pdftotext: ${hasPdftotext ? `${f2(poppler)} pages/s (one process per file)` : 'not installed'}`);
console.log(
  `Load+extract+structure, cold (new process and engine per file): ${f2(ours)} pages/s${vsPoppler(ours)}`,
);
console.log(
  `Load+extract+structure, warm (engine reused, as in a worker child): ${f2(warm)} pages/s${vsPoppler(warm)}`,
);
console.log(`Peak RSS of the largest: ${Math.round(total.peak)} MB`);
if (total.outline > 0)
  console.log(
    `Heading recall without the outline: ${total.matched}/${total.outline} = ${f2((100 * total.matched) / total.outline)}%`,
  );
if (total.compared > 0)
  console.log(
    `Character similarity to pdftotext (bench/text-similarity.ts), files at ${SIMILAR} or more: in reading order ${total.similar}/${total.compared}, in content (bigrams) ${total.similarBigrams}/${total.compared}`,
  );
