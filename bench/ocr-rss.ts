/**
 * Where a PDF's OCR stage holds memory: the file's OCR alone in this process (as in a worker child, without the
 * child's other stages), its RSS sampled every 5 ms by a worker thread (which runs while PDFium or Tesseract keeps
 * the main thread busy), printed before OCR, after each page read and at its peak while each page is drawn and read.
 *
 *   npx tsx bench/ocr-rss.ts FILE      (OCR settings from the environment: OCR, OCR_DPI, OCR_LANGS)
 *
 * A worker child runs with MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=1048576 (fleet/pool/child-handle.ts); set them
 * here too to see what a child holds: om-mixed-scan-text.pdf peaked at 275-297 MB with them (2026-12-07, 6 runs, load
 * 5-9, 129-134 MB before OCR), at 285-325 MB without (3 runs, load 12-15).
 *
 * om-mixed-scan-text.pdf (2026-12-06 23:27-23:38, load 10-17, tsx: 142-146 MB before OCR, alternated with 0462d1e's
 * sources): peak 277, 268 MB against 330, 298 (p. 6 drawn while Tesseract held pages 1-5's memory); here p. 6 is drawn
 * in 2 bands (its soft mask counted), the model and page files tesseract.js leaves in its worker's file system are
 * removed, and Tesseract takes the page without a copy. Same pages and confidences; OCR CPU 28.6, 28.0 s against
 * 27.8, 27.4 (both threads).
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../src/config.ts';
import { extractDocument } from '../src/pipeline/extract.ts';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';
import { terminateOcr } from '../src/pipeline/ocr/tesseract.ts';
import { ocrDocument } from '../src/pipeline/ocr.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: ocr-rss.ts FILE');
/** Peak RSS (kB) per label; the main thread sets the label, the sampler keeps the highest figure seen under it. */
const sampler = new Worker(
  `const { readFileSync } = require('node:fs');
   const { parentPort } = require('node:worker_threads');
   let label = 'start';
   const peaks = {};
   parentPort.on('message', (m) => (m === 'dump' ? parentPort.postMessage(peaks) : (label = m)));
   setInterval(() => {
     const kb = Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]);
     if (!(peaks[label] >= kb)) peaks[label] = kb;
   }, 5);`,
  { eval: true },
);
const rssMb = () =>
  Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024);

const config = loadConfig(process.env);
const bytes = new Uint8Array(readFileSync(file));
const pdf = await openPdf(checkPdf({ bytes, fileName: 'scan.pdf' }, config), { maxPages: config.maxPages });
try {
  const doc = await extractDocument(pdf);
  console.log(`before OCR: ${rssMb()} MB`);
  sampler.postMessage('page 1');
  const cpu = process.cpuUsage();
  const outcome = await ocrDocument(pdf, doc, {
    mode: config.ocr,
    langs: config.ocrLangs,
    dpi: config.ocrDpi,
    onProgress: (done, total) => {
      console.log(`page ${done} of ${total} read: ${rssMb()} MB`);
      sampler.postMessage(`page ${done + 1}`);
    },
  });
  const used = process.cpuUsage(cpu);
  sampler.postMessage('dump');
  const peaks: Record<string, number> = await new Promise((resolve) => sampler.once('message', resolve));
  for (const [label, kb] of Object.entries(peaks))
    console.log(`peak while ${label}: ${Math.round(kb / 1024)} MB`);
  console.log(`peak: ${Math.round(Math.max(...Object.values(peaks)) / 1024)} MB`);
  console.log(
    `pages read (page:confidence): ${outcome.read.map((p) => `${p.page}:${p.confidence}`).join(' ')}`,
  );
  console.log(`OCR CPU (both threads): ${((used.user + used.system) / 1e6).toFixed(2)} s`);
} finally {
  await pdf.close();
  await terminateOcr();
  await sampler.terminate();
}
