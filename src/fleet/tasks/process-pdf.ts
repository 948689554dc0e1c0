/**
 * `pdf_processing.process_pdf_and_generate_course`: an uploaded PDF → course, first quiz and vectors, saved.
 * Thin: read the upload, call the pipeline, report progress, return the ids and counts. With LLM_BASE_URL, only
 * the CPU stage runs in the child; the supervisor hands the staged document to the LLM stage (`settle`).
 */
import { readFile } from 'node:fs/promises';
import { usesEmbeddingsApi } from '../../config.ts';
import { ProfaiError } from '../../domain/errors.ts';
import type { StagedDocument } from '../../workflows/document.ts';
import {
  isPdfHandoff,
  type LlmTaskData,
  llmJobIdOf,
  PDF_TASK,
  type PdfHandoff,
  type PdfTaskData,
  type PdfTaskResult,
} from '../contract.ts';
import type { TaskContext, TaskDefinition } from '../registry.ts';
import { discardUpload } from '../uploads.ts';
import { checkPayload } from './payload.ts';
import { closeTaskStorage, taskStorage } from './storage.ts';

/** The upload named in the job is not in UPLOAD_DIR (removed, or a volume not shared with this worker). */
export class UploadMissingError extends ProfaiError {
  constructor(path: string) {
    super('upload_missing', `upload not found: ${path} (is UPLOAD_DIR shared with the workers?)`);
  }
}

/** Where each pipeline stage sits in the job's overall percent: [start, end). */
const STAGE_SPAN: Record<string, [number, number]> = {
  load: [0, 5],
  extract: [5, 25],
  ocr: [25, 50],
  structure: [50, 55],
  chunk: [55, 60],
  embed: [60, 80],
  course: [80, 90],
  quiz: [90, 95],
  save: [95, 100],
};

/** The job's overall percent when `stage` is `done` of `total` through. */
export function overallPercent(stage: string, done: number, total: number): number {
  const [start, end] = STAGE_SPAN[stage] ?? [0, 100];
  return start + (end - start) * (total > 0 ? Math.min(1, done / total) : 0);
}

async function readUpload(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UploadMissingError(path);
    throw err;
  }
}

async function processPdf(raw: unknown, ctx: TaskContext): Promise<PdfTaskResult | PdfHandoff> {
  const data = checkPayload<PdfTaskData>(PDF_TASK, raw, {
    path: 'string',
    fileName: 'string',
    sha256: 'string',
  });
  let result: PdfTaskResult | PdfHandoff;
  try {
    result = await runPdf(data, ctx);
  } catch (err) {
    // A permanent failure is not retried: the upload is no longer needed. Otherwise the retry reads it.
    if (err instanceof ProfaiError && err.permanent) await discardUpload(data.path, ctx.config);
    throw err;
  }
  // A hand-off's upload goes once the supervisor has handed it off (a failed hand-off is retried from the PDF).
  if (!isPdfHandoff(result)) await discardUpload(data.path, ctx.config);
  return result;
}

async function runPdf(data: PdfTaskData, ctx: TaskContext): Promise<PdfTaskResult | PdfHandoff> {
  const bytes = await readUpload(data.path);
  const { db, vectors } = await taskStorage(ctx.config);
  const input = { bytes, fileName: data.fileName, ...(data.password ? { password: data.password } : {}) };
  // OCR is seconds a page: the job, the monitor and the dashboard show which page (`ocr 3/12`).
  const onProgress = (stage: string, done: number, total: number) =>
    ctx.progress(stage === 'ocr' ? `ocr ${done}/${total}` : stage, overallPercent(stage, done, total));
  // Redis and the AI SDK load only when an embeddings API is configured.
  const embedder = usesEmbeddingsApi(ctx.config)
    ? await (await staging()).apiEmbedder(ctx.config)
    : undefined;
  const storage = { db, vectors, ...(embedder ? { embedder } : {}) };
  const { processDocument, stageDocument } = await import('../../workflows/document.ts');
  if (ctx.config.llmBaseUrl) {
    // LLM courses: only the CPU stage runs here; the supervisor hands the rest to llm_generation (`settle`).
    const staged = await stageDocument(input, { config: ctx.config, ...storage, onProgress });
    if ('stored' in staged) return { ...staged.stored.saved, ...staged.stored.counts };
    ctx.log.info('document staged for the LLM', { fileName: data.fileName });
    return handoffOf(data, ctx.jobId, staged.staged);
  }
  const outcome = await processDocument(input, {
    config: ctx.config,
    ...storage,
    ...(data.questions ? { questions: data.questions } : {}),
    onProgress,
  });
  ctx.log.info('document processed', {
    fileName: data.fileName,
    created: outcome.saved.created,
    ...outcome.counts,
  });
  return { ...outcome.saved, ...outcome.counts };
}

/** A staged document and the LLM job that will make its course, for the supervisor to hand off. */
function handoffOf(data: PdfTaskData, jobId: string, staged: StagedDocument): PdfHandoff {
  const documentId = staged.document.documentId;
  const task: LlmTaskData = {
    parentJobId: jobId,
    documentId,
    sha256: data.sha256,
    fileName: data.fileName,
    ...(data.questions ? { questions: data.questions } : {}),
  };
  return { next: llmJobIdOf(data.sha256), documentId, handoff: { staged, task, upload: data.path } };
}

let loaded: Promise<typeof import('./llm-stage.ts')> | null = null;
/**
 * llm-stage.ts (its own Redis connection, the LLM queue), loaded when first needed: in a child only for the
 * embeddings API's rate limit, in the supervisor for the hand-off.
 */
const staging = () => (loaded ??= import('./llm-stage.ts'));

export const processPdfTask: TaskDefinition = {
  name: PDF_TASK,
  handler: processPdf,
  needsDatabase: true,
  secrets: ['password'],
  warm: async (config) => {
    const [{ warmPdfParser }] = await Promise.all([
      import('../../pipeline/load.ts'),
      import('../../workflows/document.ts'),
      taskStorage(config),
    ]);
    await warmPdfParser();
  },
  dispose: async () => {
    // The child's tesseract worker (a thread with its own memory), if a scanned page made one.
    await (await import('../../pipeline/ocr/tesseract.ts')).terminateOcr();
    await closeTaskStorage();
    if (loaded) await (await loaded).closeStageConnection();
  },
  // In the supervisor, which runs the LLM stage's queue and closes the staging connection when it stops.
  settle: async (result, config) => {
    if (!isPdfHandoff(result)) return result;
    const staged = await (await staging()).handOff(result, config);
    await discardUpload(result.handoff.upload, config);
    return staged;
  },
};
