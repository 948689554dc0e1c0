/**
 * `npm run bench:ocr-fleet`: the makespan of one scanned document on a fleet of 1, 2 and 5 `profai worker`
 * processes (WORKER_CONCURRENCY 1 each), with OCR page ranges off (OCR_SPLIT_MIN_PAGES=0: the document is read
 * by one child, as before) and on (OCR_SPLIT_MIN_PAGES/OCR_RANGE_PAGES as given). The scan is an image-only
 * copy of 60 pages of a corpus manual made by scripts/make-scanned-pdf.ts. Each run has a fresh database and
 * queue prefix on the machine's Redis and PostgreSQL and one test-started Chroma; the makespan runs from the
 * PDF job's enqueue to its completion, workers started and ready before. Runs alternate off/on per fleet size,
 * in one sitting; the load average before each run is printed, since the machine's cores are shared.
 *
 *   npm run bench:ocr-fleet [-- --workers 1,2,5 --modes off,on | --runs 1:off,1:on,2:on,5:on]
 *                           [--pages 21-80 --dpi 150 --range 6]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeScannedPdf } from '../scripts/make-scanned-pdf.ts';
import { renderTable } from '../src/cli/table.ts';
import { SETTINGS } from '../src/config.ts';
import { startChroma } from '../test/support/chroma.ts';
import { corpusDir } from '../test/support/corpus.ts';
import { runOcrFleet } from '../test/support/ocr-fleet.ts';

const { values: args } = parseArgs({
  options: {
    workers: { type: 'string', default: '1,2,5' },
    /** Runs as `workers:mode` pairs, in order (e.g. `1:off,1:on,2:on,5:on`); overrides --workers and --modes. */
    runs: { type: 'string' },
    file: { type: 'string', default: 'deb-valgrind-manual-397p.pdf' },
    pages: { type: 'string', default: '21-80' },
    /** OCR_DPI of the runs (the scan itself is made at 150 dpi). */
    dpi: { type: 'string', default: '150' },
    /** OCR_RANGE_PAGES when splitting. */
    range: { type: 'string', default: '6' },
    modes: { type: 'string', default: 'off,on' },
  },
});

const [from, to] = args.pages.split('-').map(Number) as [number, number];
const pages = Array.from({ length: to - from + 1 }, (_, i) => from + i);
const source = join(corpusDir(), args.file);
if (!existsSync(source)) {
  console.error(
    `bench:ocr-fleet: ${source} not found (the corpus is in ../shared/corpus or PROFAI_CORPUS_DIR)`,
  );
  process.exit(1);
}
const cached = join(tmpdir(), `profai-bench-scan-${args.file}-${args.pages}.pdf`);
if (!existsSync(cached))
  writeFileSync(cached, await makeScannedPdf(new Uint8Array(readFileSync(source)), { dpi: 150, pages }));
const pdf = new Uint8Array(readFileSync(cached));

type Mode = 'off' | 'on';
const runs: [number, Mode][] = args.runs
  ? args.runs.split(',').map((r) => {
      const [w, m] = r.split(':');
      return [Number(w), m === 'on' ? 'on' : 'off'];
    })
  : args.workers
      .split(',')
      .flatMap((w) => (args.modes.split(',') as Mode[]).map((m): [number, Mode] => [Number(w), m]));
const chroma = await startChroma();
const rows: (string | number)[][] = [];
let baseline: number | null = null;
try {
  for (const [workers, mode] of runs) {
    const load = loadavg()[0]!.toFixed(1);
    const env = {
      OCR_DPI: args.dpi,
      OCR_SPLIT_MIN_PAGES: mode === 'on' ? '2' : '0',
      OCR_RANGE_PAGES: args.range,
      LOG_LEVEL: 'warn',
      // The default lock, not the tests' short one: on oversubscribed cores a short lock expires while a range
      // runs, and the range is read twice (the tests want quick recovery from a killed worker instead).
      JOB_LOCK_MS: String(SETTINGS.lockDurationMs.default),
    };
    const run = await runOcrFleet({ pdf, workers, chromaUrl: chroma.url, env, timeoutMs: 3_600_000 });
    if (run.view.state !== 'completed')
      throw new Error(`${workers} worker(s), split ${mode}: ${run.view.error}`);
    baseline ??= run.makespanS;
    rows.push([
      workers,
      mode,
      Number(run.makespanS.toFixed(1)),
      Number((run.makespanS / baseline).toFixed(2)),
      load,
    ]);
    console.error(`${workers} worker(s), split ${mode}: ${run.makespanS.toFixed(1)} s (load ${load})`);
  }
} finally {
  await chroma.stop();
}
console.log(
  `${pages.length}-page scan of ${args.file} (p. ${args.pages}, made at 150 dpi), OCR_DPI ${args.dpi}, ` +
    `OCR_RANGE_PAGES ${args.range}; ${cpus().length} cores, load average now ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
console.log(renderTable(['workers', 'split', 'makespan s', `× first row`, 'load avg before'], rows));
