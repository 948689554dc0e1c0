/**
 * A scanned document's OCR spread over the fleet. The PDF job's child extracts the document and, finding at
 * least OCR_SPLIT_MIN_PAGES pages to OCR (those the page test keeps: blank pages and drawings are neither
 * counted nor put in ranges), stops there ({@link splitBeforeOcr}) and returns the split
 * ({@link splitOf}); its supervisor adds a BullMQ flow ({@link addOcrFlow}): an assembly job (the same PDF task,
 * with `ocrAssembly`) waiting for page-range jobs of OCR_RANGE_PAGES pages each, which any worker of
 * `pdf_processing` takes. The PDF job completes naming the assembly job (`next`), as a hand-off to the LLM stage
 * does, so users follow one job. A range whose worker dies is taken again by another worker once its lock
 * expires (BullMQ's stalled-job check); a range that fails for good fails the assembly, and so the document.
 */
import type { FlowProducer, Queue } from 'bullmq';
import { queueOf } from '../fleet/registry.ts';
import type { PipelineOptions } from '../pipeline/index.ts';
import {
  OCR_RANGE_TASK,
  type OcrRangeTaskData,
  ocrAssemblyJobIdOf,
  ocrRangeJobIdOf,
  PDF_TASK,
  type PdfSplit,
  type PdfSplitResult,
  type PdfTaskData,
} from './names.ts';
import type { TaskSettings } from './settings.ts';

/** Thrown by {@link splitBeforeOcr} to stop a PDF job's pipeline before OCR: the pages go to range jobs. */
export class OcrSplitSignal extends Error {
  constructor(readonly pages: readonly number[]) {
    super(`${pages.length} pages to OCR: split into page ranges`);
  }
}

/**
 * The pipeline's `beforeOcr` for a PDF job: stops the run when it would OCR enough pages to split, unless the
 * job is the assembly of a split (it never splits again) or splitting is off (OCR_SPLIT_MIN_PAGES=0).
 */
export function splitBeforeOcr(
  config: Pick<TaskSettings, 'ocrSplitMinPages'>,
  data: PdfTaskData,
): ((pages: readonly number[]) => void) | undefined {
  const min = config.ocrSplitMinPages;
  if (min === 0 || data.ocrAssembly) return undefined;
  return (pages) => {
    if (pages.length >= min) throw new OcrSplitSignal(pages);
  };
}

/**
 * The pipeline options of OCR page ranges for a PDF job: for a job that may split, the check that stops it
 * before OCR; for an assembly job, the pages its ranges read (from Redis; a page missing there, its key expired
 * or dropped, is read again by the assembly itself).
 */
export async function ocrSplitOptions(
  config: TaskSettings,
  data: PdfTaskData,
): Promise<Pick<PipelineOptions, 'beforeOcr' | 'ocrPages'>> {
  const beforeOcr = splitBeforeOcr(config, data);
  if (beforeOcr) return { beforeOcr };
  if (!data.ocrAssembly) return {};
  const { loadOcrPages } = await import('./ocr-pages.ts');
  return { ocrPages: await loadOcrPages(await redisOf(config), config.queuePrefix, data.sha256) };
}

/** After its assembly, a document's stored OCR pages go (their TTL removes them if this fails). */
export async function forgetOcrPages(config: TaskSettings, sha256: string): Promise<void> {
  const { dropOcrPages } = await import('./ocr-pages.ts');
  await dropOcrPages(await redisOf(config), config.queuePrefix, sha256).catch(() => {});
}

/** `pages` in runs of `size`, in order. */
export function pageRanges(pages: readonly number[], size: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < pages.length; i += size) out.push(pages.slice(i, i + size));
  return out;
}

/** The split of the PDF job `jobId` (its payload `data`) whose `pages` are to be read by OCR. */
export function splitOf(
  data: PdfTaskData,
  jobId: string,
  pages: readonly number[],
  config: Pick<TaskSettings, 'ocrRangePages'>,
): PdfSplit {
  const { path: _, ...task } = data;
  const ranges: OcrRangeTaskData[] = pageRanges(pages, config.ocrRangePages).map((range) => ({
    fileName: data.fileName,
    sha256: data.sha256,
    pages: range,
    parentJobId: jobId,
    ...(data.password ? { password: data.password } : {}),
  }));
  return {
    next: ocrAssemblyJobIdOf(data.sha256),
    documentId: data.sha256.slice(0, 16),
    ocr: {
      pages: pages.length,
      ranges: ranges.map((r) => ({ id: ocrRangeJobIdOf(r.sha256, r.pages), pages: r.pages.length })),
    },
    split: { assembly: { ...task, ocrAssembly: { parentJobId: jobId } }, ranges },
  };
}

let handoffModule: Promise<typeof import('./handoff.ts')> | null = null;
/** The process's staging connection (handoff.ts), for the flow and the stored pages, opened on first use. */
export async function redisOf(config: TaskSettings) {
  handoffModule ??= import('./handoff.ts');
  return (await handoffModule).stageRedis(config);
}

let producer: FlowProducer | null = null;
let queue: Queue | null = null;

async function connections(config: TaskSettings): Promise<{ producer: FlowProducer; queue: Queue }> {
  if (!producer || !queue) {
    const { FlowProducer, Queue } = await import('bullmq');
    const connection = await redisOf(config);
    producer = new FlowProducer({ connection, prefix: config.queuePrefix });
    producer.on('error', () => {});
    queue = new Queue(queueOf(PDF_TASK), { connection, prefix: config.queuePrefix });
    queue.on('error', () => {});
  }
  return { producer, queue };
}

/** Closes what this module opened in the process (the flow's producer and queue, the staging connection). */
export async function closeSplitConnections(): Promise<void> {
  const [p, q] = [producer, queue];
  [producer, queue] = [null, null];
  await p?.close().catch(() => {});
  await q?.close().catch(() => {});
  if (handoffModule) await (await handoffModule).closeStageConnection();
}

/**
 * In the supervisor: adds the assembly job and its page-range jobs as one flow, and returns the PDF job's
 * result. Idempotent: an assembly still to run (a retried settle) is kept; a finished one (failed, or a stale
 * success) is replaced with its ranges.
 */
export async function addOcrFlow(split: PdfSplit, config: TaskSettings): Promise<PdfSplitResult> {
  const { split: flow, ...result } = split;
  const { producer, queue } = await connections(config);
  const old = await queue.getJob(result.next);
  if (old) {
    const state = await old.getState();
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return result;
    await old.remove({ removeChildren: true });
  }
  const jobOpts = {
    attempts: config.jobAttempts,
    backoff: { type: 'exponential', delay: config.jobBackoffMs },
    removeOnComplete: { count: config.keepCompletedJobs },
    removeOnFail: { count: config.keepFailedJobs },
  };
  await producer.add({
    name: PDF_TASK,
    queueName: queueOf(PDF_TASK),
    data: flow.assembly,
    opts: { ...jobOpts, jobId: result.next },
    children: flow.ranges.map((range, i) => ({
      name: OCR_RANGE_TASK,
      queueName: queueOf(OCR_RANGE_TASK),
      data: range,
      // A range that fails for good fails the document: its assembly would lack pages.
      opts: { ...jobOpts, jobId: result.ocr.ranges[i]!.id, failParentOnFailure: true },
    })),
  });
  return result;
}

/**
 * Ends the tesseract worker a job's scanned pages started, once the job is done: its thread and WebAssembly memory
 * (~100 MB after a page read at 300 dpi, which never shrinks) would otherwise stay in the child for every later
 * job, scanned or not; a corpus worker's later jobs sat at ~450 MB. The next scan makes a new one (~0.47 s of
 * CPU). The tasks' dispose ends it too, when their child retires. Never throws.
 */
export async function endOcr(): Promise<void> {
  await (await import('../pipeline/ocr/tesseract.ts')).terminateOcr();
}
