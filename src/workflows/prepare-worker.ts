/**
 * The worker thread of {@link prepareInThread}: runs the pipeline's CPU stages (prepareDocument) on the document it
 * is given and posts the result back. A PdfError goes back as its code and message (the main thread rebuilds it);
 * any other failure goes back as `other`, and the main thread runs the stages itself to fail as it always did.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ProgressFn } from '../domain/document.ts';
import { PdfError } from '../pipeline/errors.ts';
import { type PipelineInput, type PipelineSettings, prepareDocument } from '../pipeline/index.ts';
import { terminateOcr } from '../pipeline/ocr/tesseract.ts';
import type { PrepareReply } from './prepare-thread.ts';

const { input, config } = workerData as { input: PipelineInput; config: PipelineSettings };
const reply = (message: PrepareReply, transfer: ArrayBuffer[] = []) =>
  parentPort!.postMessage(message, transfer);

try {
  const onProgress: ProgressFn = (stage, done, total) => reply({ kind: 'progress', stage, done, total });
  const prepared = await prepareDocument(input, { config, onProgress });
  // The vectors move, not copied: each one's buffer goes to the main thread.
  const buffers = new Set(prepared.embeddings.map((e) => e.buffer as ArrayBuffer));
  reply({ kind: 'prepared', prepared }, [...buffers]);
} catch (err) {
  reply(
    err instanceof PdfError ? { kind: 'pdf_error', code: err.code, message: err.message } : { kind: 'other' },
  );
} finally {
  // A scan's OCR worker would keep this thread alive.
  await terminateOcr();
}
