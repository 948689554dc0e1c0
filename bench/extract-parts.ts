/**
 * Where a warm page of extraction goes, part by part: every page of the PDFs given is read again and again on one
 * warm engine, each time doing one step more, and the best of `--repeat` rounds (CPU ms/page) is printed per step:
 *   load-page   FPDF_LoadPage + FPDF_ClosePage (PDFium parses the page's content)
 *   text-page   + FPDFText_LoadPage + FPDFText_ClosePage (PDFium's text analysis)
 *   char-calls  + the three calls `readPage` makes per character (unicode, text object, loose box)
 *   read-page   `PdfiumDocument.readPage` (the above, styles, runs)
 *   lines       + `buildLines` on its runs
 * The differences between steps are the parts' costs; the document-wide steps (running text, hyphens, outline) and
 * the time limit around each slice of pages are left out (see bench/extract-cpu.ts for the whole stage).
 *
 *   npx tsx bench/extract-parts.ts [--repeat N] FILE.pdf…
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { checkPdf, openPdf, warmPdfParser } from '../src/pipeline/load.ts';
import type { PdfiumDocument } from '../src/pipeline/pdf/document.ts';
import { buildLines } from '../src/pipeline/pdf/lines.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--repeat');
const repeat = at >= 0 ? Number(args.splice(at, 2)[1]) : 4;
if (args.length === 0) throw new Error('usage: extract-parts.ts [--repeat N] FILE.pdf…');

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Loads page `i` and, when `text`, its text page; `perText` runs on the text page before both are closed. */
function withPage(doc: PdfiumDocument, i: number, text: boolean, perText?: (textPage: number) => void): void {
  const E = doc.engine.exports;
  const page = E.FPDF_LoadPage!(doc.handle, i);
  if (!page) return;
  if (text) {
    const textPage = E.FPDFText_LoadPage!(page);
    if (textPage) {
      perText?.(textPage);
      E.FPDFText_ClosePage!(textPage);
    }
  }
  E.FPDF_ClosePage!(page);
}

function charCalls(doc: PdfiumDocument, textPage: number): void {
  const E = doc.engine.exports;
  const rect = E.malloc!(16);
  for (let k = 0, n = E.FPDFText_CountChars!(textPage); k < n; k++) {
    E.FPDFText_GetUnicode!(textPage, k);
    E.FPDFText_GetTextObject!(textPage, k);
    E.FPDFText_GetLooseCharBox!(textPage, k, rect);
  }
  E.free!(rect);
}

const steps: Record<string, (doc: PdfiumDocument, i: number) => void> = {
  'load-page': (doc, i) => withPage(doc, i, false),
  'text-page': (doc, i) => withPage(doc, i, true),
  'char-calls': (doc, i) => withPage(doc, i, true, (t) => charCalls(doc, t)),
  'read-page': (doc, i) => doc.readPage(i),
  lines: (doc, i) => {
    const page = doc.readPage(i);
    buildLines(page.items, i + 1, page.box);
  },
};

await warmPdfParser();
const pdfs = [];
for (const path of args) {
  const checked = checkPdf(
    { bytes: new Uint8Array(readFileSync(path)), fileName: basename(path) },
    { maxFileMb: 100 },
  );
  pdfs.push(await openPdf(checked, { maxPages: 5000 }));
}
const pages = pdfs.reduce((sum, pdf) => sum + pdf.pageCount, 0);
const best = new Map<string, number>();
for (let round = 0; round < repeat; round++) {
  for (const [name, step] of Object.entries(steps)) {
    const start = cpuMs();
    for (const pdf of pdfs) for (let i = 0; i < pdf.pageCount; i++) step(pdf.document, i);
    const ms = (cpuMs() - start) / pages;
    best.set(name, Math.min(best.get(name) ?? Number.POSITIVE_INFINITY, ms));
  }
}
console.log(`${pages} pages, best of ${repeat} rounds, CPU ms/page:`);
for (const [name, ms] of best) console.log(`  ${name.padEnd(11)} ${ms.toFixed(3)}`);
for (const pdf of pdfs) await pdf.close({ read: 0 });
