/**
 * The pipeline's CPU stages (extract, OCR, structure, chunk, embed) on a worker thread, so that the main thread
 * does its own work meanwhile: `profai process` opens the embedded database and loads the English model while
 * the PDF is read, on the machine's second core, instead of before and after it.
 *
 * Same code, same result: the worker runs {@link prepareDocument} and the main thread gets its output by
 * structured clone (plain data; the vectors' buffers are moved). A rejected PDF comes back as the same
 * PdfError. Anything else (the worker cannot start, crashes, or fails otherwise) makes the main thread run the
 * stages itself, so such a failure reads exactly as it did without the thread.
 */
import { Worker } from 'node:worker_threads';
import type { StageName } from '../domain/document.ts';
import { PdfError, type PdfErrorCode } from '../pipeline/errors.ts';
import {
  type PipelineInput,
  type PipelineOptions,
  type PipelineSettings,
  type PreparedDocument,
  prepareDocument,
} from '../pipeline/index.ts';

/** What the worker posts (see prepare-worker.ts). */
export type PrepareReply =
  | { kind: 'progress'; stage: StageName; done: number; total: number }
  | { kind: 'prepared'; prepared: PreparedDocument }
  | { kind: 'pdf_error'; code: PdfErrorCode; message: string }
  | { kind: 'other' };

/** A preparation under way on a worker thread. */
export interface Preparing {
  /** The prepared document; rejects as the stages would have in this thread. */
  readonly result: Promise<PreparedDocument>;
  /** Stops the worker (the result is not needed: the document was stored already, or the run failed). */
  cancel(): Promise<void>;
}

/** The settings the stages read, copied by name: the whole configuration need not be cloneable. */
const PIPELINE_SETTINGS = [
  'maxFileMb',
  'maxPages',
  'pdfPageTimeoutS',
  'pdfTimeoutS',
  'pdfMaxMemoryMb',
  'ocr',
  'ocrLangs',
  'ocrDpi',
  'chunkTokens',
  'chunkOverlapTokens',
  'hashEmbeddingDim',
  'quizQuestions',
] as const satisfies readonly (keyof PipelineSettings)[];

function pipelineSettings(config: PipelineSettings): PipelineSettings {
  return Object.fromEntries(PIPELINE_SETTINGS.map((k) => [k, config[k]])) as unknown as PipelineSettings;
}

/**
 * The worker's module beside this one: compiled (.js) in dist/; TypeScript (.ts) when this runs under tsx
 * (tests, a checkout not built), whose loader a worker thread of Node 20 does not inherit, so the worker
 * registers it before importing its module.
 */
function workerEntry(): { entry: string | URL; eval: boolean } {
  if (!import.meta.url.endsWith('.ts'))
    return { entry: new URL('./prepare-worker.js', import.meta.url), eval: false };
  const module = JSON.stringify(new URL('./prepare-worker.ts', import.meta.url).href);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return { entry: `import(${tsx}).then((tsx) => { tsx.register(); return import(${module}); })`, eval: true };
}

/**
 * Starts the CPU stages of `input` on a worker thread, with the offline embedder (the only one that can cross a
 * thread: the embeddings API's needs its client here). `opts.onProgress` hears the stages as they go.
 */
export function prepareInThread(
  input: PipelineInput,
  opts: Pick<PipelineOptions, 'config' | 'onProgress'>,
): Preparing {
  const { entry, eval: isCode } = workerEntry();
  const worker = new Worker(entry, {
    eval: isCode,
    workerData: { input, config: pipelineSettings(opts.config) },
  });
  let settled = false;
  let stop: (err: Error) => void = () => {};
  const result = new Promise<PreparedDocument>((resolve, reject) => {
    stop = reject;
    const inThisThread = () => prepareDocument(input, opts).then(resolve, reject);
    worker.on('message', (reply: PrepareReply) => {
      if (reply.kind === 'progress') return opts.onProgress?.(reply.stage, reply.done, reply.total);
      settled = true;
      if (reply.kind === 'prepared') resolve(reply.prepared);
      else if (reply.kind === 'pdf_error') reject(new PdfError(reply.code, reply.message));
      else void inThisThread();
    });
    worker.on('error', () => {
      if (settled) return;
      settled = true;
      void inThisThread();
    });
    worker.on('exit', () => {
      if (settled) return;
      settled = true;
      void inThisThread();
    });
  });
  // A PDF refused before anyone awaits the result (the database still opening) is not an unhandled rejection:
  // whoever awaits it later still gets the error.
  result.catch(() => {});
  return {
    result,
    async cancel() {
      if (!settled) stop(new Error('preparation cancelled'));
      settled = true;
      await worker.terminate();
    },
  };
}
