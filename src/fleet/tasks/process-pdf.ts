/**
 * `pdf_processing.process_pdf_and_generate_course`: an uploaded PDF → course, first quiz and vectors, saved.
 * Thin: read the upload, call the pipeline, report progress, return the ids and counts.
 */
import { readFile } from 'node:fs/promises';
import { usesEmbeddingsApi } from '../../config.ts';
import { ProfaiError } from '../../errors.ts';
import { PDF_TASK, type PdfStagedResult, type PdfTaskData, type PdfTaskResult } from '../contract.ts';
import type { TaskContext, TaskDefinition } from '../registry.ts';
import { checkPayload } from './payload.ts';
import { closeTaskStorage, taskStorage } from './storage.ts';

/** The upload named in the job is not in UPLOAD_DIR (removed, or a volume not shared with this worker). */
export class UploadMissingError extends ProfaiError {
  constructor(path: string) {
    super('upload_missing', `upload not found: ${path} (is UPLOAD_DIR shared with the workers?)`, true);
  }
}

/** Where each pipeline stage sits in the job's overall percent: [start, end). */
const STAGE_SPAN: Record<string, [number, number]> = {
  load: [0, 5],
  extract: [5, 50],
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

async function processPdf(raw: unknown, ctx: TaskContext): Promise<PdfTaskResult | PdfStagedResult> {
  const data = checkPayload<PdfTaskData>(PDF_TASK, raw, {
    path: 'string',
    fileName: 'string',
    sha256: 'string',
  });
  const bytes = await readUpload(data.path);
  const { db, vectors } = await taskStorage(ctx.config);
  const input = { bytes, fileName: data.fileName, ...(data.password ? { password: data.password } : {}) };
  const onProgress = (stage: string, done: number, total: number) =>
    ctx.progress(stage, overallPercent(stage, done, total));
  // Redis and the AI SDK load only when an embeddings API is configured.
  const embedder = usesEmbeddingsApi(ctx.config)
    ? await (await staging()).apiEmbedder(ctx.config)
    : undefined;
  const storage = { db, vectors, ...(embedder ? { embedder } : {}) };
  if (ctx.config.llmBaseUrl) {
    // LLM courses: only the CPU stage runs here; the LLM stage runs on llm_generation (see llm-stage.ts).
    return (await staging()).stagePdf(data, input, ctx, storage, onProgress);
  }
  const { processDocument } = await import('../../pipeline/process.ts');
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

let loaded: Promise<typeof import('./llm-stage.ts')> | null = null;
/** llm-stage.ts (Redis beside BullMQ's, the LLM queue), loaded by the first task that needs it. */
const staging = () => (loaded ??= import('./llm-stage.ts'));

export const processPdfTask: TaskDefinition = {
  name: PDF_TASK,
  handler: processPdf,
  needsDatabase: true,
  warm: async (config) => {
    const [{ warmPdfParser }] = await Promise.all([
      import('../../pipeline/load.ts'),
      import('../../pipeline/process.ts'),
      taskStorage(config),
    ]);
    await warmPdfParser();
  },
  dispose: async () => {
    await closeTaskStorage();
    if (loaded) await (await loaded).closeStageConnection();
  },
};
