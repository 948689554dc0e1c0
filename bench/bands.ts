/**
 * Pages drawn in bands (src/pipeline/pdf/bands.ts):
 *   npx tsx bench/bands.ts compare OTHER_CHECKOUT   every page of the corpus's om-*.pdf at 72 and 300 dpi drawn by
 *     OTHER_CHECKOUT's renderPageGray and this one's renderGray: sizes, band count here, same pixels or not;
 *   npx tsx bench/bands.ts memory [BAND_MB...]       PDFium's memory after drawing the corpus's large scans and a
 *     200 × 200 in page with one image (in a 20 and a 36 MB file) with bands of each BAND_MB (default 16 40), each
 *     drawing in a fresh engine instance.
 * Figures (2026-12-06, the commit that sized bands within the cap): compare against 6e28778, 18 renderings, all the
 * same pixels; memory with 16 vs 40 MB bands: om-mixed-scan-text.pdf p. 2 at 235 dpi 21 vs 44 MB (16 vs 7 bands),
 * om-scan-wikipedia-de.pdf at 300 dpi 73 vs 81 MB, the 200 × 200 in page in a 20 MB file 54 vs 82 MB (2 bands vs
 * one call), in a 36 MB file 73 vs 101 MB.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';
import { collectGarbage, dropEngine, runInEngine } from '../src/pipeline/pdf/engine.ts';
import { fittingDpi } from '../src/pipeline/pdf/render.ts';
import { corpusDir } from '../test/support/corpus.ts';
import { makePosterPagePdf, withUnusedStream } from '../test/support/make-pdf.ts';

const MB = 1024 * 1024;
const [command, ...rest] = process.argv.slice(2);
const open = (bytes: Uint8Array, maxMemoryMb = 256) =>
  openPdf(checkPdf({ bytes, fileName: 'bench.pdf' }, { maxFileMb: 100 }), { maxPages: 50, maxMemoryMb });
const corpusFile = (name: string) => new Uint8Array(readFileSync(join(corpusDir(), name)));
const scans = () =>
  readdirSync(corpusDir())
    .filter((f) => /^om-.*\.pdf$/.test(f))
    .sort();

/** Page `index` drawn here, with `bandMb` MB bands (the default budget when undefined), under PDFium's time limit. */
async function drawHere(bytes: Uint8Array, index: number, dpi: number, bandMb?: number) {
  dropEngine();
  collectGarbage();
  const pdf = await open(bytes, 1024);
  try {
    const doc = pdf.document;
    const bandBytes = bandMb === undefined ? undefined : bandMb * MB;
    const page = runInEngine(
      doc.engine,
      () => doc.renderGray(index, fittingDpi(doc.pageSize(index), dpi), { bandBytes }),
      120_000,
    );
    return { page, engineMb: doc.engine.heapU8().length / MB };
  } finally {
    await pdf.close();
  }
}

async function compare(other: string) {
  const load = await import(resolve(other, 'src/pipeline/load.ts'));
  const render = await import(resolve(other, 'src/pipeline/pdf/render.ts'));
  for (const name of scans()) {
    const bytes = corpusFile(name);
    const theirs = await load
      .openPdf(load.checkPdf({ bytes, fileName: name }, { maxFileMb: 100 }), { maxPages: 50 })
      .catch((err: Error) => err);
    if (theirs instanceof Error) {
      console.log(`${name}: not opened (${theirs.message})`);
      continue;
    }
    for (let index = 0; index < theirs.pageCount; index++)
      for (const dpi of [72, 300]) {
        const before = await render.renderPageGray(theirs, index + 1, dpi);
        const { page } = await drawHere(bytes, index, dpi);
        const same =
          before.width === page.width && Buffer.from(before.pixels).equals(Buffer.from(page.pixels));
        console.log(
          `${name} p. ${index + 1} ${dpi} dpi: ${page.width}×${page.height} at ${page.dpi}, ${page.bands} band(s), ${same ? 'same pixels' : 'PIXELS DIFFER'}`,
        );
      }
    await theirs.close();
  }
}

async function memory(bandMbs: number[]) {
  const poster = await makePosterPagePdf('text');
  const cases: [string, Uint8Array, number, number][] = [
    ['om-mixed-scan-text.pdf p. 2', corpusFile('om-mixed-scan-text.pdf'), 1, 300],
    ['om-scan-wikipedia-de.pdf p. 1', corpusFile('om-scan-wikipedia-de.pdf'), 0, 300],
    ['200 × 200 in page, 20 MB file', withUnusedStream(poster, 20 * MB), 1, 72],
    ['200 × 200 in page, 36 MB file', withUnusedStream(poster, 36 * MB), 1, 72],
  ];
  for (const [label, bytes, index, dpi] of cases)
    for (const bandMb of bandMbs) {
      const { page, engineMb } = await drawHere(bytes, index, dpi, bandMb);
      console.log(
        `${label} at ${page.dpi} dpi, ${bandMb} MB bands: ${page.bands} band(s), PDFium ${engineMb.toFixed(1)} MB`,
      );
    }
}

if (command === 'compare' && rest[0]) await compare(rest[0]);
else if (command === 'memory') await memory(rest.length ? rest.map(Number) : [16, 40]);
else throw new Error('usage: bands.ts compare OTHER_CHECKOUT | memory [BAND_MB...]');
