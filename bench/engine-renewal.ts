/**
 * `npx tsx bench/engine-renewal.ts [checkout]`: what OCR's PDFium renewal (PdfHandle.shedGrownEngine) costs on a
 * 47 MB file, a corpus scan page plus a 45 MB stream nothing refers to (a large scan's size, a small page).
 * 1. om-scan-book-page.pdf, nothing drawn: does each call renew the instance, its wall time and CPU, the engine's
 *    size after it.
 * 2. om-scan-wikipedia-de.pdf, page 1 drawn at 300 dpi (PDFium grows to ~208 MB), then one call: its time, the
 *    process's peak RSS before and after it (a rise means two instances were resident at once), RSS after it.
 * `checkout` (default this one) is the tree whose src/ is loaded: run it on two to compare, alternating.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withUnusedStream } from '../test/support/make-pdf.ts';

const root = resolve(process.argv[2] ?? join(import.meta.dirname, '..'));
const { loadConfig } = await import(join(root, 'src/config.ts'));
const { checkPdf, openPdf } = await import(join(root, 'src/pipeline/load.ts'));
const { renderPageGray } = await import(join(root, 'src/pipeline/pdf/render.ts'));
const corpus = process.env.CORPUS_DIR ?? '/work/shared/corpus';
const config = loadConfig({});
const MB = 1048576;

async function openLarge(name: string) {
  const bytes = withUnusedStream(new Uint8Array(readFileSync(join(corpus, name))), 45 * MB);
  return openPdf(checkPdf({ bytes, fileName: name }, config), { maxPages: 10 });
}
const engineMb = (pdf: { document: { engine: { heapU8(): Uint8Array } } }) =>
  (pdf.document.engine.heapU8().length / MB).toFixed(1);
async function timed(work: () => Promise<void>): Promise<string> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await work();
  const cpu = process.cpuUsage(cpu0);
  return `${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`;
}

console.log(`checkout ${root}`);
const book = await openLarge('om-scan-book-page.pdf');
console.log(`book page + 45 MB: engine ${engineMb(book)} MB after opening`);
for (let i = 0; i < 3; i++) {
  const before = book.document.engine;
  const took = await timed(() => book.shedGrownEngine());
  console.log(
    `  call ${i}: renewed ${book.document.engine !== before}, ${took}, engine ${engineMb(book)} MB`,
  );
}
await book.close();

const wiki = await openLarge('om-scan-wikipedia-de.pdf');
await renderPageGray(wiki, 1, 300);
const drawnMb = engineMb(wiki);
const peak0 = process.resourceUsage().maxRSS / 1024;
const took = await timed(() => wiki.shedGrownEngine());
const peak1 = process.resourceUsage().maxRSS / 1024;
const rss = process.memoryUsage().rss / MB;
console.log(
  `wikipedia page drawn at 300 dpi + 45 MB: engine ${drawnMb} -> ${engineMb(wiki)} MB, ${took}, ` +
    `peak RSS ${peak0.toFixed(0)} -> ${peak1.toFixed(0)} MB (+${(peak1 - peak0).toFixed(0)}), RSS after ${rss.toFixed(0)} MB`,
);
await wiki.close();
