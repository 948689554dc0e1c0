/**
 * One PDF through every pipeline stage in a fresh process (so peak RSS is this file's), printing one JSON line.
 * Used by bench/pipeline.ts; not meant to be run by hand (but it can be: `tsx bench/pipeline-one.ts FILE`).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { countsOf } from '../src/domain/document.ts';
import { describeError, ProfaiError } from '../src/domain/errors.ts';
import { extractDocument } from '../src/pipeline/extract.ts';
import { runPipeline } from '../src/pipeline/index.ts';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';
import { terminateOcr } from '../src/pipeline/ocr/tesseract.ts';
import { buildStructure, headingRecall } from '../src/pipeline/structure.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: pipeline-one.ts FILE');
const config = loadConfig({});
const bytes = new Uint8Array(await readFile(file));
const fileName = basename(file);
const started = performance.now();

try {
  const result = await runPipeline({ bytes, fileName }, { config });
  const seconds = (performance.now() - started) / 1000;
  const { recall, warmSeconds, pageTexts } = await measureWarm();
  console.log(
    JSON.stringify({
      file: fileName,
      ok: true,
      ...countsOf(result.document),
      seconds,
      stages: result.document.stats,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      recall,
      warmSeconds,
      pageTexts,
    }),
  );
} catch (err) {
  console.log(
    JSON.stringify({
      file: fileName,
      ok: false,
      code: err instanceof ProfaiError ? err.code : 'internal',
      error: describeError(err),
      seconds: (performance.now() - started) / 1000,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
} finally {
  // A scanned file started tesseract's worker thread, which would keep this process alive until bench:pipeline's
  // 120 s timeout killed it (four scans made a run take 8.5 min).
  await terminateOcr();
}

/**
 * A second open+extract+structure on the now warm engine (the steady state of a worker child, which keeps its
 * engine instance), timed; heading detection without the outline scored against the outline; and each page's
 * extracted text (lines joined), for bench/pipeline.ts to compare with pdftotext's.
 */
async function measureWarm() {
  const start = performance.now();
  const pdf = await openPdf(checkPdf({ bytes, fileName }, config), config);
  try {
    const doc = await extractDocument(pdf);
    buildStructure(doc, { fileName });
    const warmSeconds = (performance.now() - start) / 1000;
    const pageTexts = doc.pages.map((p) => p.lines.map((l) => l.text).join('\n'));
    if (doc.outline.length === 0) return { recall: null, warmSeconds, pageTexts };
    const detected = buildStructure(doc, { fileName, useOutline: false });
    return { recall: headingRecall(doc.outline, detected.sections), warmSeconds, pageTexts };
  } finally {
    await pdf.close();
  }
}
