/**
 * Extraction speed and behaviour over the corpus: PDFium (open + extract + structure) against `pdftotext`.
 *
 *   npx tsx bench/extract.ts              every MANIFEST row: expected vs actual, then pages/s of both tools
 *   npx tsx bench/extract.ts FILE.pdf     one file: pages/s and this process's peak RSS
 *
 * Times are wall clock; CPU seconds are shown too because the machines are shared and wall time swings with
 * their load.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { extractDocument } from '../src/pipeline/extract.ts';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';
import { buildStructure } from '../src/pipeline/structure.ts';

const corpus = join(import.meta.dirname, '../../shared/corpus');

interface Outcome {
  outcome: string;
  pages: number;
  seconds: number;
  cpuSeconds: number;
}

async function runOurs(path: string): Promise<Outcome> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const elapsed = () => {
    const c = process.cpuUsage(cpu);
    return { seconds: (performance.now() - started) / 1000, cpuSeconds: (c.user + c.system) / 1e6 };
  };
  try {
    const bytes = new Uint8Array(readFileSync(path));
    const checked = checkPdf({ bytes, fileName: basename(path) }, { maxFileMb: 100 });
    const pdf = await openPdf(checked, { maxPages: 2000 });
    try {
      const doc = await extractDocument(pdf);
      buildStructure(doc, { fileName: basename(path) });
      const ocr = doc.pages.filter((p) => p.needsOcr).length;
      return { outcome: `parse${ocr ? ` (OCR needed: ${ocr})` : ''}`, pages: doc.pageCount, ...elapsed() };
    } finally {
      await pdf.close();
    }
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'crash';
    return { outcome: `reject: ${code} (${(err as Error).message})`, pages: 0, ...elapsed() };
  }
}

function runPdftotext(path: string): { seconds: number; cpuSeconds: number } {
  const started = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S', 'pdftotext', '-q', path, '/dev/null'], {
    encoding: 'utf8',
  });
  const [user = 0, sys = 0] = (r.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { seconds: (performance.now() - started) / 1000, cpuSeconds: user + sys };
}

/** Whether an outcome matches MANIFEST's `expected_behaviour`. */
function matches(expected: string, outcome: string): boolean {
  if (expected.startsWith('parse with OCR')) return outcome.includes('OCR needed');
  if (expected.startsWith('parse')) return outcome.startsWith('parse');
  const code = {
    encrypted: 'encrypted',
    corrupt: 'corrupt',
    'empty file': 'empty_file',
    'not a PDF': 'not_pdf',
  };
  const want = Object.entries(code).find(([k]) => expected.startsWith(`reject: ${k}`))?.[1];
  return want !== undefined && outcome.startsWith(`reject: ${want} `);
}

async function wholeCorpus() {
  const rows = readFileSync(join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1);
  // Compile the engine first so the first file does not pay for it.
  await runOurs(join(corpus, 'sf-minimal-document.pdf'));
  let ours = { pages: 0, seconds: 0, cpu: 0 };
  let theirs = { seconds: 0, cpu: 0 };
  let slowestReject = { name: '', seconds: 0 };
  for (const row of rows) {
    const [name = '', , , , , , , , , expected = ''] = row.split('\t');
    const path = join(corpus, name);
    const r = await runOurs(path);
    const ok = matches(expected, r.outcome);
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${name.padEnd(32)} ${r.seconds.toFixed(2)}s  ${expected} → ${r.outcome}`,
    );
    if (r.outcome.startsWith('reject') && r.seconds > slowestReject.seconds)
      slowestReject = { name, seconds: r.seconds };
    if (r.pages > 0) {
      const p = runPdftotext(path);
      ours = { pages: ours.pages + r.pages, seconds: ours.seconds + r.seconds, cpu: ours.cpu + r.cpuSeconds };
      theirs = { seconds: theirs.seconds + p.seconds, cpu: theirs.cpu + p.cpuSeconds };
    }
  }
  const rate = (pages: number, s: number) => (pages / s).toFixed(0);
  console.log(
    `\nPDFium+structure: ${ours.pages} pages, ${rate(ours.pages, ours.seconds)} pages/s wall, ${rate(ours.pages, ours.cpu)} pages/CPU-s`,
  );
  console.log(
    `pdftotext:        ${ours.pages} pages, ${rate(ours.pages, theirs.seconds)} pages/s wall, ${rate(ours.pages, theirs.cpu)} pages/CPU-s`,
  );
  console.log(
    `ratio (ours/pdftotext): wall 1/${(ours.seconds / theirs.seconds).toFixed(1)}, CPU 1/${(ours.cpu / theirs.cpu).toFixed(1)}`,
  );
  console.log(`slowest rejection: ${slowestReject.name} ${slowestReject.seconds.toFixed(2)}s`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
}

async function oneFile(path: string) {
  const r = await runOurs(path);
  const p = runPdftotext(path);
  console.log(
    `${basename(path)}: ${r.outcome}, ${r.pages} pages in ${r.seconds.toFixed(2)}s (${(r.pages / r.seconds).toFixed(0)} pages/s, ` +
      `${r.cpuSeconds.toFixed(2)} CPU-s); pdftotext ${p.seconds.toFixed(2)}s (${p.cpuSeconds.toFixed(2)} CPU-s); ` +
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}

if (process.argv[2]) await oneFile(process.argv[2]);
else await wholeCorpus();
