/**
 * One scanned PDF read by OCR in a fresh process (so peak RSS is this file's, as in a worker child), printing
 * one JSON line: each page's text, OCR seconds and pages, peak RSS. Used by bench/ocr.ts.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { extractDocument } from '../src/pipeline/extract.ts';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';
import { terminateOcr } from '../src/pipeline/ocr/tesseract.ts';
import { ocrDocument } from '../src/pipeline/ocr.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: ocr-one.ts FILE');
const config = loadConfig(process.env);
const bytes = new Uint8Array(await readFile(file));
const pdf = await openPdf(checkPdf({ bytes, fileName: 'scan.pdf' }, config), { maxPages: config.maxPages });
try {
  const doc = await extractDocument(pdf);
  const started = performance.now();
  const outcome = await ocrDocument(pdf, doc, {
    mode: config.ocr,
    langs: config.ocrLangs,
    dpi: config.ocrDpi,
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({
      pages: doc.pages.map((p) => p.lines.map((l) => l.text).join('\n')),
      ocrPages: outcome.read.length,
      confidence: outcome.read.map((p) => p.confidence),
      seconds,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  await pdf.close();
  await terminateOcr();
}
