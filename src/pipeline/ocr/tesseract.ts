/**
 * The OCR engine: tesseract.js (Tesseract compiled to WebAssembly, in a worker thread of its own), one instance
 * per process, made on first use and reused for every page of a job, ended by {@link terminateOcr}: a worker child
 * ends it once each PDF or page-range job is done (its memory never shrinks; tasks/ocr-split.ts `endOcr`) and when
 * it retires, `profai process` when its files are done.
 *
 * Offline, always: the traineddata comes from the installed `@tesseract.js-data/<lang>` packages (their LSTM
 * `4.0.0_best_int` models), named by `langPath`, with no cache written. Without `langPath` tesseract.js would
 * fetch from a CDN, and offline that is an uncaught exception that kills the process; so every language is
 * checked to be installed before a worker is made ({@link checkOcrLanguages}), and a worker is never made
 * without `langPath`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Worker } from 'tesseract.js';
import { OcrLanguageError } from '../errors.ts';

/** The model folder inside each `@tesseract.js-data/<lang>` package: LSTM only, integer weights (smaller). */
const MODEL_DIR = '4.0.0_best_int';
const LANGUAGE_CODE = /^[a-z]{3}(?:_[a-z]+)?$/;

const require = createRequire(import.meta.url);

/**
 * The installed traineddata of `lang` (e.g. `eng`, `fra`, `chi_sim`).
 * @throws OcrLanguageError when no `@tesseract.js-data/<lang>` package with that model is installed.
 */
export function traineddataPath(lang: string): string {
  if (!LANGUAGE_CODE.test(lang)) throw new OcrLanguageError(lang, 'not a Tesseract language code');
  let dir: string;
  try {
    dir = dirname(require.resolve(`@tesseract.js-data/${lang}/package.json`));
  } catch {
    throw new OcrLanguageError(lang, `no traineddata installed (npm install @tesseract.js-data/${lang})`);
  }
  const file = join(dir, MODEL_DIR, `${lang}.traineddata.gz`);
  if (!existsSync(file)) throw new OcrLanguageError(lang, `its package has no ${MODEL_DIR} model (${file})`);
  return file;
}

/** Checks that every language of `langs` is installed (at start-up, not mid-job). @throws OcrLanguageError */
export function checkOcrLanguages(langs: readonly string[]): void {
  for (const lang of langs) traineddataPath(lang);
}

/**
 * The folder `langPath` names: the package's own model folder for one language; for several (each in its own
 * package), a folder of links to their files, made once in the temporary folder.
 */
function langPathFor(langs: readonly string[]): string {
  const files = langs.map(traineddataPath);
  if (files.length === 1) return dirname(files[0] as string);
  const dir = join(
    tmpdir(),
    `profai-tessdata-${createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12)}`,
  );
  mkdirSync(dir, { recursive: true });
  langs.forEach((lang, i) => {
    const link = join(dir, `${lang}.traineddata.gz`);
    if (!existsSync(link)) symlinkSync(files[i] as string, link);
  });
  return dir;
}

let current: { key: string; worker: Promise<Worker> } | undefined;

/** The process's tesseract worker for `langs`, made when first needed (or when the languages change). */
export async function ocrWorker(langs: readonly string[]): Promise<Worker> {
  const key = langs.join('+');
  if (current?.key === key) return current.worker;
  await terminateOcr();
  const langPath = langPathFor(langs);
  const worker = (async () => {
    const { createWorker, OEM } = await import('tesseract.js');
    const made = await createWorker([...langs], OEM.LSTM_ONLY, {
      langPath,
      gzip: true,
      cacheMethod: 'none',
      // tesseract.js rejects the failing job as well; this keeps it from also throwing in its worker's handler.
      errorHandler: () => {},
    });
    // Tesseract has read each model into its own memory; the files are not read again.
    for (const lang of langs) await unlinkIn(made, `./${lang}.traineddata`);
    return made;
  })();
  current = { key, worker };
  worker.catch(() => {
    if (current?.worker === worker) current = undefined;
  });
  return worker;
}

/**
 * Where tesseract.js writes the image of the page it is asked to read, in its worker's in-memory file system
 * (tesseract.js's setImage), and leaves it until the next page.
 */
const PAGE_IMAGE_FILE = '/input';

/**
 * Removes `path` from `worker`'s in-memory file system. tesseract.js keeps there each language's traineddata (5.2 MB
 * for `eng`) and the last page's image file (8.4 MB for a letter page at 300 dpi), in its worker thread's memory,
 * beside Tesseract's: om-mixed-scan-text.pdf's OCR alone peaked at 305 MB with them, 284 MB without (2026-12-06,
 * bench/ocr-rss.ts). A file that is not there is no error.
 */
async function unlinkIn(worker: Worker, path: string): Promise<void> {
  try {
    await worker.FS('unlink', [path]);
  } catch {
    // Not there: nothing to hand back.
  }
}

/** Lets `worker`'s copy of the page it last read go (see {@link unlinkIn}), once the page's words are out. */
export const forgetPageImage = (worker: Worker): Promise<void> => unlinkIn(worker, PAGE_IMAGE_FILE);

/** True while the process holds a tesseract worker. */
export function hasOcrWorker(): boolean {
  return current !== undefined;
}

/** Ends the process's tesseract worker, if any (its thread and memory go with it). Never throws. */
export async function terminateOcr(): Promise<void> {
  const ending = current;
  current = undefined;
  if (!ending) return;
  try {
    await (await ending.worker).terminate();
  } catch {
    // It failed to start or is gone already.
  }
}
