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
 *
 * Issue 21 item 3, 2026-12-06 19:25-20:10 UTC, load 5-14 on 2 shared cores, the children's flags (CHILD_NODE_FLAGS)
 * on the command line, 10 manuals; A/B figures are whole-process CPU of `node <flags> --import tsx
 * bench/extract-cpu.ts --repeat R <10 manuals>`, A and B run in turn, median of the pairs' ratios:
 * - Where a warm page goes (`bench/extract-parts.ts`, best of 4): FPDF_LoadPage 0.87 ms, FPDFText_LoadPage +1.28,
 *   the three per-character calls +0.05, styles and runs ~+0.1-0.3, buildLines 0.05 (0.15 on its first pass, cold
 *   JS). PDFium is ~90% of a warm page; batching the per-character calls (FPDFText_GetText, boxes per rect) can win
 *   at most those 0.05 ms and would have to reproduce the runs exactly.
 * - Each page is loaded once (FPDF_LoadPage and FPDFText_LoadPage once, in readPage) and all of its text is used:
 *   running text, hyphens and the OCR flag work on those lines and that character count; only the OCR stage
 *   loads again, and only the pages without text that it draws.
 * - runInEngine: 252 calls for the 1,177 pages (slices of 50 ms, plus open, outline and close per document),
 *   0.21 a page. A call with a timeout costs 60-65 us of CPU (190-255 us wall; 3.3 us without one): ~15 ms per
 *   10 manuals, 0.013 ms/page. A --cpu-prof shows ~0.9 s under `runInContext` at load 9-14: wall time waiting
 *   to join the watchdog thread, not CPU.
 * - PDFium's WebAssembly (--trace-wasm-compilation-times, 3 passes in one process): Liftoff compiles each function
 *   lazily on its first call (1,530 functions, 18 ms in all, all in the first pass); TurboFan tiers up 576 in the
 *   first pass, 85 more in the second, 46 in the third. The 4 engine renewals per pass compile nothing again:
 *   instances made from the one compiled module share its code (a fresh instance reads as fast as the old one).
 *   Flags over a child's life (--repeat 1), A/B CPU: --no-wasm-tier-up 1.01x, --wasm-tiering-budget=180000 1.06x,
 *   --no-liftoff 0.98x (13 MB less peak), all within noise (n=3). PDFium's TurboFan code saved by one process
 *   (V8's test-only %SerializeWasmModule, 1.1 MB) and loaded by the next: first pass 3.50 against 3.53 CPU ms/page
 *   (medians of 5), whole process 0.99x: the optimising compiles are not where a cold pass's extra CPU goes (most
 *   likely our JavaScript warming up: buildLines' first pass is 3x its later ones), so nothing was kept.
 * - The stage allocated 235 MB per 10 manuals; 188 MB since b7f5665 (whole process of 3 passes 0.94x, 0.87-1.17,
 *   n=5). A heap holding the English model (a pipeline run first, 56 MB) did not make pages dearer (3.18-3.36
 *   against 3.01-3.56 ms/page, same sitting).
 *
 * TeX fonts decoded (pdf/tex-fonts.ts, 2026-12-07 23:10 UTC, load 2.5-3.3): 4 pairs of `--repeat 8` processes, base
 * and branch in turn, best warm round: the valgrind manual (no TeX font) 1.66-2.03 against 1.78-1.96 CPU ms/page
 * (pair ratios 0.93-1.04, median 0.99), datatool-user-guide.pdf (3,494 CMSY characters decoded) 1.46-1.81 against
 * 1.62-1.83 (0.90-1.09, median 0.98): no cost seen.
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
