/**
 * `profai process FILE…`: the whole pipeline in this process, on the embedded database.
 * One bad file does not stop the others; the exit code is 0 only if every file succeeded.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import type { Config } from '../../config.ts';
import { describeError, ProfaiError } from '../../domain/errors.ts';
import { type ExportInput, renderExport } from '../../export/index.ts';
import { keepDocumentBytes } from '../../files/documents.ts';
import { openStorage, type Storage } from '../../files/index.ts';
import { OPTIMISE_LATER } from '../../lib/v8-flags.ts';
import { warmPdfParser } from '../../pipeline/load.ts';
import { checkOcrLanguages, terminateOcr } from '../../pipeline/ocr/tesseract.ts';
import { openDatabase, openVectorStore } from '../../store/index.ts';
import { type ProcessDeps, type ProcessOutcome, processConfigured } from '../../workflows/document.ts';
import { peakRssMb, printJson, printLine } from '../output.ts';
import { progressLine } from '../progress.ts';
import { renderTable } from '../table.ts';

export interface ProcessOptions {
  password?: string;
  out?: string;
  json?: boolean;
  questions?: number;
  seed?: number;
}

interface FileResult {
  file: string;
  ok: boolean;
  error?: { code: string; message: string };
  outcome?: ProcessOutcome;
  seconds: number;
  peakMb: number;
  outDir?: string;
}

/**
 * WebAssembly is optimised (TurboFan) only where it runs long: a function tiers up after about 1.8 GB of bytes
 * executed (V8's default budget is 1,000 times less). Optimising PGlite's (9 MB) and PDFium's warm functions, on
 * background threads, cost a one-shot run more CPU than the faster code gave back, while tesseract's inner loops,
 * which run for seconds a page, still get it. V8 reads the budget when it compiles: set before PGlite or PDFium
 * does. `/usr/bin/time node dist/cli/main.js process FILE` on a new data dir, quiet 2-core host, alternating
 * (user CPU): the example 1.75-2.17 s with `--liftoff-only` (never optimise), 2.01-2.16 s with this budget,
 * 2.55-2.61 s with V8's default; the 397-page manual 7.26-8.05 / 6.51-7.07 / 7.53-8.87 s; a 12-page scan read by
 * OCR 98.6 s with `--liftoff-only` (tesseract never optimised), 58.7 s with this budget, 59.1 s with the default.
 * V8's flags are the process's: turning `--liftoff-only` off before the scan's pages did not help (98.6 s).
 */
const WASM_TIER_UP_WHEN_HOT = '--wasm-tiering-budget=1800000000';

export async function processCommand(files: string[], opts: ProcessOptions, config: Config): Promise<number> {
  setFlagsFromString(WASM_TIER_UP_WHEN_HOT);
  // Read when a function first gathers feedback: set before the pipeline's functions first run.
  setFlagsFromString(OPTIMISE_LATER);
  // A missing OCR language is a one-line error before any file, not a failure of the first scan.
  if (config.ocr !== 'off') checkOcrLanguages(config.ocrLangs);
  // PDFium compiles while the database opens.
  const [db] = await Promise.all([openDatabase(config), warmPdfParser().catch(() => {})]);
  try {
    const vectors = await openVectorStore(config, db);
    const storage = await openStorage(config);
    const results: FileResult[] = [];
    try {
      for (const file of files) results.push(await processOne(file, opts, config, { db, vectors, storage }));
    } finally {
      await Promise.all([vectors.close(), storage.close()]);
    }
    report(results, opts);
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    // The OCR worker thread, if a scan made one, would keep the process alive.
    await Promise.all([db.close(), terminateOcr()]);
  }
}

async function processOne(
  file: string,
  opts: ProcessOptions,
  config: Config,
  deps: Pick<ProcessDeps, 'db' | 'vectors'> & { storage: Storage },
): Promise<FileResult> {
  const started = performance.now();
  const line = progressLine(basename(file));
  const finish = (r: Omit<FileResult, 'seconds' | 'peakMb'>): FileResult => {
    line.done();
    return { ...r, seconds: (performance.now() - started) / 1000, peakMb: peakRssMb() };
  };
  try {
    const bytes = await readInput(file);
    const input = { bytes, fileName: basename(file), password: opts.password };
    const { storage, ...stores } = deps;
    const pipeline = {
      ...stores,
      config,
      questions: opts.questions,
      seed: opts.seed,
      onProgress: line.update,
    };
    const warn = (message: string) => process.stderr.write(`${file}: warning: ${message}\n`);
    const outcome = await processConfigured(input, pipeline, config, warn);
    await keepDocumentBytes(storage, bytes, createHash('sha256').update(bytes).digest('hex'));
    const outDir = opts.out ? await writeOut(opts.out, outcome, basename(file)) : undefined;
    return finish({ file, ok: true, outcome, outDir });
  } catch (err) {
    const code = err instanceof ProfaiError ? err.code : 'internal';
    const result = finish({ file, ok: false, error: { code, message: describeError(err) } });
    if (!opts.json) process.stderr.write(`${file}: ${result.error!.message}\n`);
    return result;
  }
}

async function readInput(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : 'cannot be read';
    throw new ProfaiError('unreadable', reason, { cause: err });
  }
}

/** Writes `DIR/<documentId>/course.json` (schema-valid) and `course.md`: the `json` and `md` exports. */
async function writeOut(dir: string, outcome: ProcessOutcome, fileName: string): Promise<string> {
  const target = resolve(dir, outcome.saved.documentId);
  await mkdir(target, { recursive: true });
  const { quizId } = outcome.saved;
  const input: ExportInput = {
    courseId: outcome.saved.courseId,
    fileName,
    course: outcome.course,
    quiz:
      outcome.quiz && quizId
        ? {
            id: quizId,
            quiz: outcome.quiz,
            questionKeys: outcome.quiz.questions.map((_, i) => `${quizId}:${i}`),
            reviewed: false,
          }
        : null,
  };
  await writeFile(join(target, 'course.json'), renderExport(input, 'json'));
  await writeFile(join(target, 'course.md'), renderExport(input, 'md'));
  return target;
}

function report(results: FileResult[], opts: ProcessOptions): void {
  if (opts.json) {
    printJson(
      results.map((r) => ({
        file: r.file,
        ok: r.ok,
        error: r.error,
        documentId: r.outcome?.saved.documentId,
        courseId: r.outcome?.saved.courseId,
        quizId: r.outcome?.saved.quizId || undefined,
        created: r.outcome?.saved.created,
        title: r.outcome?.title,
        ...r.outcome?.counts,
        stages: r.outcome?.stats,
        warnings: r.outcome?.warnings,
        shortfall: r.outcome?.shortfall,
        seconds: round(r.seconds),
        peakMb: r.peakMb,
        outDir: r.outDir,
      })),
    );
    return;
  }
  const rows = results.map((r) => {
    const c = r.outcome?.counts;
    const status = r.ok
      ? r.outcome!.saved.created
        ? r.outcome!.saved.courseId
        : `${r.outcome!.saved.courseId} (stored)`
      : `failed: ${r.error!.code}`;
    return [
      basename(r.file),
      c?.pages ?? '-',
      c?.sections ?? '-',
      c?.chunks ?? '-',
      c?.modules ?? '-',
      c?.lessons ?? '-',
      c?.questions ?? '-',
      round(r.seconds),
      r.peakMb,
      status,
    ];
  });
  printLine(
    renderTable(
      [
        'file',
        'pages',
        'sections',
        'chunks',
        'modules',
        'lessons',
        'questions',
        'seconds',
        'peak MB',
        'course',
      ],
      rows,
    ),
  );
  for (const r of results)
    for (const w of r.outcome?.warnings ?? []) printLine(`${basename(r.file)}: warning: ${w}`);
  // The same line as `profai quiz` gives, so a first quiz made short says so too.
  for (const r of results) if (r.outcome?.shortfall) printLine(`${basename(r.file)}: ${r.outcome.shortfall}`);
  for (const r of results)
    if (r.outDir) printLine(`${basename(r.file)}: wrote ${join(r.outDir, 'course.md')}`);
  const failed = results.filter((r) => !r.ok).length;
  printLine(
    `${results.length - failed} of ${results.length} file(s) processed${failed ? `, ${failed} failed` : ''}.`,
  );
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
