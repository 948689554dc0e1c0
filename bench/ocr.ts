/**
 * `npm run bench:ocr`: OCR accuracy and cost on scans whose right text is known. Each input is a born-digital
 * PDF (the project's example, and pages of corpus PDFs) turned into an image-only copy by
 * scripts/make-scanned-pdf.ts at 200 dpi; the copy goes through extraction + OCR (OCR_DPI, default 300) in a
 * fresh process each, and its text is compared with the original's text layer as the pipeline extracts it.
 * Prints per file: pages, character and word error rates (Levenshtein distance over the reference's length,
 * after whitespace is normalised), mean confidence, OCR pages/s in one process (as in one worker child), and
 * that process's peak RSS, beside the compose file's per-child limit.
 *
 *   npm run bench:ocr [-- --dpi 300]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeScannedPdf } from '../scripts/make-scanned-pdf.ts';
import { renderTable } from '../src/cli/table.ts';
import { extractDocument } from '../src/pipeline/extract.ts';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';
import { corpusDir } from '../test/support/corpus.ts';

const { values: args } = parseArgs({ options: { dpi: { type: 'string', default: '300' } } });
const SAMPLE = join(import.meta.dirname, '..', 'examples', 'sample.pdf');
/** The compose file's HARD_MEMORY_LIMIT_MB: a child above it mid-task is killed. */
const CHILD_LIMIT_MB = 1164;

interface Input {
  name: string;
  path: string;
  /** 1-based pages to scan; all when absent. */
  pages?: number[];
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const corpus = corpusDir();
const INPUTS: Input[] = [
  { name: 'sample.pdf (the example)', path: SAMPLE },
  { name: 'sf-pdflatex-outline.pdf', path: join(corpus, 'sf-pdflatex-outline.pdf') },
  { name: 'sf-multicolumn.pdf (2 columns)', path: join(corpus, 'sf-multicolumn.pdf') },
  {
    name: 'gov-va-coding-handbook.pdf p. 10-12',
    path: join(corpus, 'gov-va-coding-handbook.pdf'),
    pages: range(10, 12),
  },
  {
    name: 'deb-valgrind-manual-397p.pdf p. 21-40',
    path: join(corpus, 'deb-valgrind-manual-397p.pdf'),
    pages: range(21, 40),
  },
];

/** Levenshtein distance between two sequences (strings or word arrays). */
function levenshtein<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  if (a.length === 0) return b.length;
  let prev = new Int32Array(b.length + 1).map((_, j) => j);
  let cur = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The original's text per page (the pages scanned), as the pipeline extracts its text layer. */
async function referencePages(input: Input): Promise<string[]> {
  const bytes = new Uint8Array(readFileSync(input.path));
  const pdf = await openPdf(checkPdf({ bytes, fileName: input.name }, { maxFileMb: 100 }), {
    maxPages: 2000,
  });
  try {
    const doc = await extractDocument(pdf);
    const pages = input.pages ?? doc.pages.map((p) => p.page);
    return pages.map((n) => doc.pages[n - 1]?.lines.map((l) => l.text).join('\n') ?? '');
  } finally {
    await pdf.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'profai-bench-ocr-'));
const rows: (string | number)[][] = [];
const total = { pages: 0, seconds: 0, chars: 0, charErrors: 0, words: 0, wordErrors: 0, peak: 0 };
const pct = (n: number) => `${(100 * n).toFixed(2)}%`;
try {
  for (const input of INPUTS) {
    const reference = await referencePages(input);
    const scan = join(dir, 'scan.pdf');
    writeFileSync(
      scan,
      await makeScannedPdf(new Uint8Array(readFileSync(input.path)), {
        dpi: 200,
        ...(input.pages ? { pages: input.pages } : {}),
      }),
    );
    const out = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'ocr-one.ts'), scan],
      {
        encoding: 'utf8',
        env: { ...process.env, OCR_DPI: args.dpi },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const r = JSON.parse(out.stdout.trim().split('\n').pop() ?? '{}') as {
      pages: string[];
      ocrPages: number;
      confidence: number[];
      seconds: number;
      peakRssMb: number;
    };
    if (!r.pages) throw new Error(`${input.name}: ${out.stderr.split('\n')[0]}`);
    let chars = 0;
    let charErrors = 0;
    let words = 0;
    let wordErrors = 0;
    reference.forEach((ref, i) => {
      const a = normalise(ref);
      const b = normalise(r.pages[i] ?? '');
      chars += a.length;
      charErrors += levenshtein(a, b);
      const wa = a.split(' ').filter(Boolean);
      words += wa.length;
      wordErrors += levenshtein(wa, b.split(' ').filter(Boolean));
    });
    const confidence = r.confidence.reduce((s, c) => s + c, 0) / Math.max(1, r.confidence.length);
    rows.push([
      input.name,
      reference.length,
      pct(charErrors / chars),
      pct(wordErrors / words),
      confidence.toFixed(1),
      (r.ocrPages / r.seconds).toFixed(2),
      Math.round(r.peakRssMb),
    ]);
    total.pages += r.ocrPages;
    total.seconds += r.seconds;
    total.chars += chars;
    total.charErrors += charErrors;
    total.words += words;
    total.wordErrors += wordErrors;
    total.peak = Math.max(total.peak, r.peakRssMb);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(
  `OCR at ${args.dpi} dpi of scans made at 200 dpi; load average ${loadavg()[0]?.toFixed(1)} on this machine`,
);
console.log(
  renderTable(['file', 'pages', 'CER', 'WER', 'mean confidence', 'OCR pages/s', 'peak RSS MB'], rows),
);
console.log(
  `\nAll: ${total.pages} pages, CER ${pct(total.charErrors / total.chars)}, WER ${pct(total.wordErrors / total.words)}, ` +
    `${(total.pages / total.seconds).toFixed(2)} OCR pages/s in one process, peak RSS ${Math.round(total.peak)} MB ` +
    `(the compose file's per-child limit: ${CHILD_LIMIT_MB} MB)`,
);
