/**
 * `npm run bench:pipeline-cli -- [--vs DIR] [--runs N] [--pdf FILE]`: the whole `profai process` as a user runs
 * it (a new process: module loading, PGlite's start, PDFium, the pipeline, the save), for issue 21's two
 * targets, each command A (this checkout) and B (`--vs`, another built checkout) in turn, A B A B …:
 *
 * - first run: `examples/sample.pdf` on a new data dir (the first `profai process` of a fresh clone);
 * - 397 pages: `--pdf` (default the corpus's valgrind manual) on a copy of a data dir that processed the
 *   example once with that checkout (D0).
 *
 * Prints per case and checkout the median wall, CPU (user + system, every thread) and peak RSS, and B/A. The
 * machine is shared: quote CPU before wall, and the load printed beside them.
 *
 * Measured 2026-12-06, 2 cores shared by five engineers (load 8-17), against 4a1d38d (/work/start), with
 * `farm-bench -n 5 --vs OLD -- NEW` (the same commands as this bench), medians:
 * - first run, sample.pdf on a new data dir: CPU 4.50 → 2.43 s (0.55×), wall 11.2 → 7.6 s (0.67×, load 17),
 *   peak 292 → 220 MiB. Of it: the migrated PGlite template (5.49 → 4.73 s CPU before the other changes, the
 *   migrations no longer run on a new data dir), V8's baseline code only for WebAssembly (4.24 → 3.28 s), no
 *   pg or Chroma client loaded (~0.1 s).
 * - The README's command in fresh clones (`git clone`, `npm ci`, then `npx profai process examples/sample.pdf`,
 *   three runs each, alternating, load 10-13): 4a1d38d 5.30 s wall, 5.17 s CPU, 308 MB; this branch 2.97 s
 *   wall, 2.88 s CPU, 224 MB (the first run of each clone: 5.10 s against 2.97 s).
 * - `npx profai --version` costs 1.34 s of CPU against `node bin/profai.js --version`'s 0.19 s: npm loads
 *   itself (~0.5 s) and, since package.json declares the `profai` bin, runs it as a "self-execution of a local
 *   bin" through Arborist over the ~400 installed packages (~0.3 s), whatever the project does.
 * - 397 pages (valgrind manual) on D0, load 11-12: CPU 8.98 → 7.84 s (0.84×), wall 20.7 → 20.1 s (0.92×, pair by
 *   pair; wall is the load's more than ProfAI's here: the same command's runs spread 12.4-28.7 s), peak 404 →
 *   326 MiB (0.81×). The 4 s target (4.50 s last session on a ~1.85× faster machine) is not shown met here.
 * - Not done, measured: bundling the CLI (esbuild) cut importing `process`'s module graph by 0.72× of its CPU
 *   (~0.12 s; zod's 99 files alone 37 → 5 ms), but dist/ code resolves files by import.meta.url and a bundle
 *   beside the tsc output would load some modules twice (ProfaiError's instanceof across copies); sections by
 *   binary COPY saved nothing (a statement's first run in a new process is what costs).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    vs: { type: 'string' },
    runs: { type: 'string', default: '5' },
    pdf: { type: 'string', default: '../shared/corpus/deb-valgrind-manual-397p.pdf' },
  },
});
const runs = Number(values.runs);
const checkouts = [resolve('.'), ...(values.vs ? [resolve(values.vs)] : [])];
const work = mkdtempSync(join(tmpdir(), 'profai-bench-cli-'));

/** Prints the child's own CPU and peak RSS on exit (every thread's CPU: wasm compiles, the GC). */
const REPORT = `data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\nBENCH '+JSON.stringify({cpu:(c.user+c.system)/1e6,peakMb:process.resourceUsage().maxRSS/1024})+'\\n')})`;

interface Run {
  wall: number;
  cpu: number;
  peakMb: number;
}

function profai(root: string, dataDir: string, file: string): Run {
  const start = performance.now();
  const out = spawnSync(
    process.execPath,
    ['--import', REPORT, join(root, 'bin/profai.js'), 'process', file],
    {
      env: { ...process.env, PROFAI_DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  const wall = (performance.now() - start) / 1000;
  if (out.status !== 0) throw new Error(`${root}: profai process ${file} failed: ${out.stderr.trim()}`);
  const line = out.stderr.split('\n').find((l) => l.startsWith('BENCH '));
  return { wall, ...(JSON.parse(line!.slice(6)) as Omit<Run, 'wall'>) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** D0 of a checkout: a data dir that processed the example once with it. */
function baseDataDir(root: string, index: number): string {
  const dir = join(work, `d0-${index}`);
  profai(root, dir, join(root, 'examples/sample.pdf'));
  return dir;
}

const cases: { name: string; run: (root: string, index: number) => Run }[] = [
  {
    name: 'first run: sample.pdf, new data dir',
    run: (root, i) => {
      const dir = join(work, `new-${i}`);
      rmSync(dir, { recursive: true, force: true });
      return profai(root, dir, join(root, 'examples/sample.pdf'));
    },
  },
  {
    name: `${values.pdf}, existing data dir`,
    run: (root, i) => {
      const dir = join(work, `d-${i}`);
      rmSync(dir, { recursive: true, force: true });
      cpSync(bases[i]!, dir, { recursive: true });
      return profai(root, dir, resolve(values.pdf));
    },
  },
];

const bases = checkouts.map(baseDataDir);
try {
  for (const c of cases) {
    const results: Run[][] = checkouts.map(() => []);
    const loads: number[] = [];
    c.run(checkouts[0]!, 0); // warm-up: page cache, the PGlite template in the cache folder
    for (let r = 0; r < runs; r++)
      checkouts.forEach((root, i) => {
        loads.push(loadavg()[0]!);
        results[i]!.push(c.run(root, i));
      });
    console.log(`${c.name} (${runs} runs each, load ${median(loads).toFixed(1)})`);
    checkouts.forEach((root, i) => {
      const rs = results[i]!;
      const [wall, cpu, peak] = [rs.map((x) => x.wall), rs.map((x) => x.cpu), rs.map((x) => x.peakMb)];
      console.log(
        `  ${i === 0 ? 'A' : 'B'} ${root}: wall ${median(wall).toFixed(2)} s, cpu ${median(cpu).toFixed(2)} s, peak ${median(peak).toFixed(0)} MB`,
      );
    });
    if (checkouts.length === 2) {
      const ratio = (k: keyof Run) => median(results[0]!.map((a, r) => a[k] / results[1]![r]![k])).toFixed(2);
      console.log(
        `  A/B (pair by pair): wall ${ratio('wall')}, cpu ${ratio('cpu')}, peak ${ratio('peakMb')}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
