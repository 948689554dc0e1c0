/**
 * One job from the user's point of view: a PDF job whose CPU stage handed its course to an LLM job
 * (`result.next`) is shown as that one PDF job, with the LLM job's state, stage, progress, error and result,
 * until the course exists. Its LLM usage (tokens, cost) is recorded under the PDF job's id.
 */
import type { ViewContext } from '../fleet/queues.ts';
import type { JobView } from '../fleet/views.ts';
import { readJobUsage } from '../llm/usage.ts';

/** The LLM job a completed PDF job handed over to, or null. */
export function nextOf(view: Pick<JobView, 'state' | 'result'>): string | null {
  if (view.state !== 'completed') return null;
  const next = (view.result as { next?: unknown } | null)?.next;
  return typeof next === 'string' ? next : null;
}

/** The PDF job's view with its LLM stage folded in. */
export function mergeStaged(pdf: JobView, llm: JobView): JobView {
  const finished = llm.state === 'completed' || llm.state === 'failed';
  const startedAt = pdf.timings.startedAt;
  const finishedAt = finished ? llm.timings.finishedAt : undefined;
  return {
    ...pdf,
    // Queued behind other LLM jobs is still "being processed" for the user: the CPU stage is done.
    state: llm.state === 'waiting' ? 'active' : llm.state,
    stage: llm.stage ?? 'course',
    progress: llm.state === 'completed' ? 100 : Math.max(80, llm.progress),
    ...(llm.stageProgress ? { stageProgress: llm.stageProgress } : {}),
    worker: llm.worker ?? pdf.worker,
    attempts: pdf.attempts + llm.attempts,
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

/**
 * `view` as users should see it: followed to its LLM job when it has one, with `usage` when the job made LLM
 * calls (the fleet client's `completeView`).
 */
export async function completeJobView(view: JobView, ctx: ViewContext): Promise<JobView> {
  const next = nextOf(view);
  const llm = next ? await ctx.read(next) : null;
  const merged = llm ? mergeStaged(view, llm) : view;
  const usage = await readJobUsage(ctx.redis, ctx.prefix, view.id);
  if (!usage) return merged;
  const { inputTokens, outputTokens, costUsd } = usage;
  return { ...merged, usage: { inputTokens, outputTokens, costUsd } };
}
