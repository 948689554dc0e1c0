/**
 * CPU milliseconds per page of extraction alone (open + extractDocument + close) over PDFs, on a warm engine,
 * and the engine's WebAssembly memory after each document: the figure extraction changes are judged by.
 *
 *   npx tsx bench/extract-cpu.ts [--repeat N] FILE.pdf…
 *
 * Prints one line per round (CPU ms/page over all files) and, for the last round, per file: pages, CPU ms/page
 * and the engine's heap in MB after the document was closed.
 *
 * Measured 2026-12-06 (issue 21), the 10 Debian manuals (1,177 pages), load 9-18 on 2 shared cores, three runs
 * of each checkout taken in turn: warm rounds 1.73-1.83 CPU ms/page against 1.78-2.01 before the JS changes of
 * that day (median 1.75 vs 1.88, 0.93×); the first round of a process (cold) 2.2-2.3 either way. Where a warm
 * page goes: PDFium's FPDF_LoadPage (content parsing) ~0.73 ms and FPDFText_LoadPage (its text analysis) ~0.85
 * ms, ~80% of the stage together and the same in another PDFium WebAssembly build (@hyzyla/pdfium 2.1.13: 0.64
 * and 0.78 ms, same sitting); the per-character calls, runs, lines and running text in JS are the rest. The
 * cold round's extra CPU is mostly V8 compiling PDFium's hot functions on its background threads (~0.2 s). The
 * engine's heap stays at its initial 17.75 MB over all 10 manuals and every corpus PDF (21.3 MB after drawing a
 * page at 400 dpi): there is nothing to release between documents.
 * Per PDFium export (issue 21, later that day: a --cpu-prof of three rounds, each WebAssembly frame charged to the
 * export JS called, named from the module's export section): FPDFText_LoadPage 37% of the stage, FPDF_LoadPage 33%,
 * FPDFText_GetLooseCharBox 1.9%, FPDF_ClosePage 1.8%, FPDFText_GetUnicode and GetTextObject 0.5% together. The
 * per-character calls across the boundary cost too little for a bulk API to win (and PDFium has none for boxes);
 * FPDFText_GetText would also have to be proven to give one code unit per character index. The column gutter
 * search, the largest JS part after the character loop, was halved (0.024 -> 0.012 ms/page, same gutters).
 * Tried, not kept: making PDFium before raising `profai process`'s tiering budget (V8's own budget for PDFium
 * only; the budget is taken when the engine is made, not when its compile is asked for): the 397-page manual's
 * extraction 0.89-0.94 s CPU instead of 0.96-1.07 s, but the example on a new data dir 1.41-1.51 s user instead of
 * 1.32-1.40 s (PDFium's optimising compiles on a small document), and the whole runs' CPU within noise.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { extractDocument } from '../src/pipeline/extract.ts';
import { checkPdf, openPdf, warmPdfParser } from '../src/pipeline/load.ts';
import { engine, hasEngine } from '../src/pipeline/pdf/engine.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--repeat');
const repeat = at >= 0 ? Number(args.splice(at, 2)[1]) : 3;
const files = args.map((path) => ({ name: basename(path), bytes: new Uint8Array(readFileSync(path)) }));
if (files.length === 0) throw new Error('usage: extract-cpu.ts [--repeat N] FILE.pdf…');

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const heapMb = async () => (hasEngine() ? (await engine()).heapU8().length / 2 ** 20 : 0);

await warmPdfParser();
console.log(`engine heap after warm-up: ${await heapMb()} MB`);
for (let round = 1; round <= repeat; round++) {
  let pages = 0;
  let spent = 0;
  const rows: string[] = [];
  for (const { name, bytes } of files) {
    const start = cpuMs();
    let count = 0;
    try {
      const pdf = await openPdf(checkPdf({ bytes, fileName: name }, { maxFileMb: 100 }), { maxPages: 5000 });
      try {
        count = (await extractDocument(pdf)).pageCount;
      } finally {
        await pdf.close();
      }
    } catch (err) {
      rows.push(`  ${name.padEnd(32)} refused: ${(err as Error).message}  heap ${await heapMb()} MB`);
      continue;
    }
    const ms = cpuMs() - start;
    pages += count;
    spent += ms;
    rows.push(
      `  ${name.padEnd(32)} ${String(count).padStart(4)} p  ${(ms / count).toFixed(2)} ms/p  heap ${await heapMb()} MB`,
    );
  }
  console.log(`round ${round}: ${pages} pages, ${(spent / pages).toFixed(3)} CPU ms/page`);
  if (round === repeat) console.log(rows.join('\n'));
}
