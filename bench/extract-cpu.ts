/**
 * CPU milliseconds per page of extraction alone (open + extractDocument + close) over PDFs, on a warm engine,
 * and the engine's WebAssembly memory after each document: the figure extraction changes are judged by.
 *
 *   npx tsx bench/extract-cpu.ts [--repeat N] FILE.pdf…
 *
 * Prints one line per round (CPU ms/page over all files) and, for the last round, per file: pages, CPU ms/page
 * and the engine's heap in MB after the document was closed.
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
