/**
 * `pdf_processing.process_pdf_and_generate_course`: an uploaded PDF → course, first quiz and vectors, saved.
 * Thin: read the upload, run the document workflow, report progress, return the ids and counts. With
 * LLM_BASE_URL, only the CPU stage runs in the child; the supervisor hands the staged document to the LLM
 * stage (`settle`).
 */

import { usesEmbeddingsApi } from '../config.ts';
import { ProfaiError } from '../domain/errors.ts';
import { BadPayloadError } from '../fleet/errors.ts';
import type { TaskContext, TaskDefinition } from '../fleet/interfaces.ts';
import { createLogger } from '../fleet/log.ts';
import type { PipelineInput } from '../pipeline/index.ts';
import type { ProcessDeps, StagedDocument } from '../workflows/document.ts';
import { configuredEmbedder, usesModel } from '../workflows/generators.ts';
import { type LazyFiles, lazyFiles, readUpload } from './files.ts';
import {
  isPdfHandoff,
  isPdfSplit,
  type LlmTaskData,
  llmJobIdOf,
  PDF_TASK,
  type PdfHandoff,
  type PdfSplit,
  type PdfTaskData,
  type PdfTaskResult,
} from './names.ts';
import {
  addOcrFlow,
  closeSplitConnections,
  endOcr,
  forgetOcrPages,
  OcrSplitSignal,
  ocrSplitOptions,
  splitOf,
} from './ocr-split.ts';
import { checkPayload } from './payload.ts';
import { stageProgress } from './progress.ts';
import type { TaskSettings } from './settings.ts';
import { type LazyStorage, requireDatabase } from './storage.ts';
import { pdfResultOf } from './stored-result.ts';
import { discardUpload } from './uploads.ts';

/**
 * The upload kept as the document's PDF (files/documents.ts, loaded when a job first needs it). Storage that
 * cannot be reached makes the job wait and try again (its course is found stored, the PDF kept then); one that
 * is full or refuses the PDF is logged, and the job completes with its course.
 */
async function keepUpload(files: LazyFiles, sha256: string, config: TaskSettings, warn: (m: string) => void) {
  const { keepUpload: keep } = await import('../files/documents.ts');
  try {
    await keep(await files.get(), sha256, config);
  } catch (err) {
    if (err instanceof ProfaiError && err.code === 'dependency_unavailable') throw err;
    warn(
      `the PDF of ${sha256} was not kept: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
}

let handoffModule: Promise<typeof import('./handoff.ts')> | null = null;
/**
 * handoff.ts (its own Redis connection, the LLM queue), loaded when first needed: in a child only for the
 * embeddings API's rate limit, in the supervisor for the hand-off.
 */
const handoff = () => (handoffModule ??= import('./handoff.ts'));

/** The PDF task of a worker configured by `config`; `storage` is the child's. */
export function createPdfTask(
  config: TaskSettings,
  storage: LazyStorage,
): TaskDefinition<PdfTaskData, PdfTaskResult | PdfHandoff | PdfSplit> {
  const files = lazyFiles(config);
  async function run(data: PdfTaskData, ctx: TaskContext): Promise<PdfTaskResult | PdfHandoff | PdfSplit> {
    const { db, vectors } = await storage.get();
    const { findStored } = await import('../workflows/document.ts');
    // Done already (a retry whose completion was lost, or the same file twice): that course, upload or not.
    const stored = await findStored(data.sha256, db);
    if (stored) return { ...stored.saved, ...stored.counts };
    const bytes = await readUpload(files, data.sha256);
    const input = { bytes, fileName: data.fileName, ...(data.password ? { password: data.password } : {}) };
    const onProgress = stageProgress(ctx);
    // Redis and the AI SDK load only when an embeddings API is configured.
    const redis = usesEmbeddingsApi(config) ? (await handoff()).stageRedis(config) : undefined;
    const deps = {
      config,
      db,
      vectors,
      onProgress,
      ...(await configuredEmbedder(config, redis)),
      ...(await ocrSplitOptions(config, data)),
    };
    try {
      return await runStages(data, ctx, input, deps);
    } catch (err) {
      if (!(err instanceof OcrSplitSignal)) throw err;
      ctx.log.info('OCR split into page ranges', { fileName: data.fileName, pages: err.pages.length });
      return splitOf(data, ctx.jobId, err.pages, config);
    }
  }

  async function runStages(
    data: PdfTaskData,
    ctx: TaskContext,
    input: PipelineInput,
    deps: ProcessDeps,
  ): Promise<PdfTaskResult | PdfHandoff> {
    const { processDocument, stageDocument } = await import('../workflows/document.ts');
    if (usesModel(config)) {
      // Course and quiz from the model: only the CPU stage runs here; the supervisor hands the rest on (`settle`).
      const staged = await stageDocument(input, deps);
      if ('stored' in staged) return pdfResultOf(staged.stored);
      ctx.log.info('document staged for the LLM', { fileName: data.fileName });
      return handoffOf(data, ctx.jobId, staged.staged);
    }
    const outcome = await processDocument(input, {
      ...deps,
      ...(data.questions ? { questions: data.questions } : {}),
    });
    ctx.log.info('document processed', {
      fileName: data.fileName,
      created: outcome.saved.created,
      ...outcome.counts,
    });
    return pdfResultOf(outcome);
  }

  return {
    name: PDF_TASK,
    parse: (raw) => {
      const data = checkPayload<PdfTaskData>(PDF_TASK, raw, { fileName: 'string', sha256: 'string' });
      if (!/^[0-9a-f]{64}$/i.test(data.sha256))
        throw new BadPayloadError(PDF_TASK, 'sha256 must be 64 hex digits');
      return data;
    },
    async handler(data, ctx) {
      let result: PdfTaskResult | PdfHandoff | PdfSplit;
      try {
        result = await run(data, ctx);
      } catch (err) {
        // A permanent failure is not retried by the queue: the upload is kept for KEEP_FAILED_UPLOADS_H, for an
        // operator's retry (uploads.ts), or removed now when that is 0. Otherwise the queue's retry reads it.
        if (err instanceof ProfaiError && err.permanent && config.keepFailedUploadsH === 0)
          await discardUpload(await files.get(), data.sha256, config);
        throw err;
      } finally {
        await endOcr();
      }
      // The course exists: the upload becomes the document's kept PDF (DOCUMENTS_DIR). A hand-off's upload moves
      // once the supervisor has handed it off (a failed hand-off is retried from the PDF).
      // A split's upload stays for its page ranges and assembly.
      if (isPdfSplit(result)) return result;
      if (data.ocrAssembly) await forgetOcrPages(config, data.sha256);
      if (!isPdfHandoff(result)) await keepUpload(files, data.sha256, config, (m) => ctx.log.warn(m));
      return result;
    },
    // OCR_LANGS is checked by the worker entry before it starts (tasks/worker.ts).
    preflight: () => requireDatabase(config),
    secrets: ['password'],
    label: (data) => data.fileName,
    warm: async () => {
      const [{ warmPdfParser }] = await Promise.all([
        import('../pipeline/load.ts'),
        import('../workflows/document.ts'),
        storage.get(),
      ]);
      await warmPdfParser();
    },
    dispose: async () => {
      // The process's tesseract worker (a thread with its own memory), if a scanned page made one.
      await endOcr();
      await storage.close();
      await files.close();
      await closeSplitConnections();
      if (handoffModule) await (await handoffModule).closeStageConnection();
    },
    // In the supervisor, which closes the staging connection (`dispose`) when it stops.
    settle: async (result) => {
      if (isPdfSplit(result)) return addOcrFlow(result, config);
      if (!isPdfHandoff(result)) return result;
      const staged = await (await handoff()).handOff(result, config);
      await keepUpload(files, result.handoff.task.sha256, config, (m) =>
        createLogger(config.logLevel).warn(m),
      );
      return staged;
    },
  };
}

/** A staged document and the LLM job that will make its course, for the supervisor to hand off. */
function handoffOf(data: PdfTaskData, jobId: string, staged: StagedDocument): PdfHandoff {
  const documentId = staged.document.documentId;
  const task: LlmTaskData = {
    parentJobId: data.ocrAssembly?.parentJobId ?? jobId,
    documentId,
    sha256: data.sha256,
    fileName: data.fileName,
    ...(data.questions ? { questions: data.questions } : {}),
  };
  return { next: llmJobIdOf(data.sha256), documentId, handoff: { staged, task } };
}
