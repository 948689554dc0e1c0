/**
 * One job from the user's point of view: a PDF job whose CPU stage handed its course to an LLM job
 * (`result.next`) is shown as that one PDF job, with the LLM job's state, stage, progress, error and result,
 * until the course exists. Its LLM usage (tokens, cost) is recorded under the PDF job's id. A PDF job whose OCR
 * was split into page ranges is followed the same way to its assembly job (and on to its LLM job), its progress
 * the pages read by all its ranges while they run.
 */
import type { ViewContext } from '../fleet/queues.ts';
import type { JobView } from '../fleet/views.ts';
import { readJobUsage } from '../llm/usage.ts';
import type { OcrRanges } from './names.ts';
import { overallPercent } from './progress.ts';

/** The LLM job a completed PDF job handed over to, or null. */
export function nextOf(view: Pick<JobView, 'state' | 'result'>): string | null {
  if (view.state !== 'completed') return null;
  const next = (view.result as { next?: unknown } | null)?.next;
  return typeof next === 'string' ? next : null;
}

/** Percent a job shown through its next job has reached at least: its LLM stage starts after embedding. */
const LLM_FLOOR = 80;

/** The PDF job's view with its next stage (LLM, or OCR assembly) folded in, at least `floor` percent through. */
export function mergeStaged(pdf: JobView, llm: JobView, floor = LLM_FLOOR): JobView {
  const finished = llm.state === 'completed' || llm.state === 'failed';
  const startedAt = pdf.timings.startedAt;
  const finishedAt = finished ? llm.timings.finishedAt : undefined;
  return {
    ...pdf,
    // Queued behind other LLM jobs is still "being processed" for the user: the CPU stage is done.
    state: llm.state === 'waiting' ? 'active' : llm.state,
    stage: llm.stage ?? 'course',
    progress: llm.state === 'completed' ? 100 : Math.max(floor, llm.progress),
    ...(llm.stageProgress ? { stageProgress: llm.stageProgress } : {}),
    worker: llm.worker ?? pdf.worker,
    attempts: pdf.attempts + llm.attempts,
    stalls: pdf.stalls + llm.stalls,
    timings: {
      queuedAt: pdf.timings.queuedAt,
      ...(startedAt ? { startedAt } : {}),
      ...(finishedAt ? { finishedAt } : {}),
      ...(startedAt && finishedAt
        ? { seconds: (Date.parse(finishedAt) - Date.parse(startedAt)) / 1000 }
        : {}),
    },
    error: llm.error,
    result: llm.result,
  };
}

/** The page ranges a PDF job split its OCR into, from its result. */
function ocrRangesOf(result: unknown): OcrRanges | null {
  const ocr = (result as { ocr?: OcrRanges } | null)?.ocr;
  return ocr && Array.isArray(ocr.ranges) ? ocr : null;
}

/**
 * A split document's assembly job while it waits for its page ranges: at the OCR stage, `ocr <pages read>/<pages>`
 * summed over the ranges (a range no longer found was completed and removed by retention). Failed because a range
 * failed: that range's reason.
 */
export async function assemblyView(assembly: JobView, ocr: OcrRanges, ctx: ViewContext): Promise<JobView> {
  if (assembly.state !== 'waiting' && assembly.state !== 'failed') return assembly;
  const ranges = await Promise.all(ocr.ranges.map((r) => ctx.read(r.id)));
  if (assembly.state === 'failed') {
    // BullMQ fails the parent of a range that failed for good naming the range's key: say why it failed.
    const i = ranges.findIndex((r) => r?.state === 'failed');
    const pages = /-(\d+-\d+)$/.exec(ocr.ranges[i]?.id ?? '')?.[1];
    return i < 0 ? assembly : { ...assembly, error: `OCR of pages ${pages}: ${ranges[i]!.error}` };
  }
  let done = 0;
  let worker: string | null = null;
  ranges.forEach((range, i) => {
    const size = ocr.ranges[i]!.pages;
    if (!range || range.state === 'completed') done += size;
    else if (range.state === 'active') {
      done += Math.min(size, range.stageProgress?.done ?? 0);
      worker ??= range.worker;
    }
  });
  return {
    ...assembly,
    stage: `ocr ${done}/${ocr.pages}`,
    progress: overallPercent('ocr', done, ocr.pages),
    stageProgress: { done, total: ocr.pages },
    worker: worker ?? assembly.worker,
  };
}

/** `view` followed through its next jobs (OCR assembly, LLM stage), at most `depth` of them. */
async function follow(view: JobView, ctx: ViewContext, depth = 3): Promise<JobView> {
  const next = depth > 0 ? nextOf(view) : null;
  const raw = next ? await ctx.read(next) : null;
  if (!raw) return view;
  const ocr = ocrRangesOf(view.result);
  const shown = await follow(ocr ? await assemblyView(raw, ocr, ctx) : raw, ctx, depth - 1);
  // Its ranges all read, an assembly does not go back to 25 % as it extracts again: OCR is done.
  const floor = ocr ? overallPercent(raw.state === 'waiting' ? 'ocr' : 'structure', 0, 1) : LLM_FLOOR;
  return mergeStaged(view, shown, floor);
}

/**
 * `view` as users should see it: followed to its OCR assembly and LLM jobs when it has them, with `usage` when
 * the job made LLM calls (the fleet client's `completeView`).
 */
export async function completeJobView(view: JobView, ctx: ViewContext): Promise<JobView> {
  const merged = await follow(view, ctx);
  const usage = await readJobUsage(ctx.redis, ctx.prefix, view.id);
  if (!usage) return merged;
  const { inputTokens, outputTokens, costUsd } = usage;
  return { ...merged, usage: { inputTokens, outputTokens, costUsd } };
}
