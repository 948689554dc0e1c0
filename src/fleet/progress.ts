/** Job progress as the fleet reports it to BullMQ. */
import type { Job } from 'bullmq';
import type { WorkerActivity } from './heartbeat.ts';

/** Forwards progress to the job, at most every 250 ms unless the stage changes (a page-by-page stage reports often). */
export function progressReporter(job: Job): (stage: string, percent: number) => void {
  let lastStage = '';
  let lastAt = 0;
  return (stage, percent) => {
    const now = Date.now();
    if (stage === lastStage && now - lastAt < 250 && percent < 100) return;
    lastStage = stage;
    lastAt = now;
    job.updateProgress({ stage, percent: Math.round(percent) }).catch(() => {});
  };
}

/** Progress of a job this worker runs: to the job (see {@link progressReporter}) and to the heartbeat's list. */
export function jobProgress(job: Job, activity: WorkerActivity): (stage: string, percent: number) => void {
  const report = progressReporter(job);
  const id = job.id ?? '';
  return (stage, percent) => {
    activity.progress(id, stage, percent);
    report(stage, percent);
  };
}
