/** Where each stage of a document's job sits in its overall percent, as the job reports it. */
import type { TaskContext } from '../fleet/interfaces.ts';

/** Each stage's share of the job: [start, end) percent. */
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

/** The workflow's `onProgress(stage, done, total)` as the job's progress: overall percent and the stage's units. */
export function stageProgress(ctx: Pick<TaskContext, 'progress'>) {
  // OCR is seconds a page: the job, the monitor and the dashboard show which page (`ocr 3/12`).
  return (stage: string, done: number, total: number) =>
    ctx.progress(
      stage === 'ocr' ? `ocr ${done}/${total}` : stage,
      overallPercent(stage, done, total),
      total > 1 ? { done, total } : undefined,
    );
}
