/** Job progress as the fleet reports it to BullMQ. */
import type { Job } from 'bullmq';
import type { WorkerActivity } from './heartbeat.ts';
import type { StageProgress } from './interfaces.ts';

type Report = (stage: string, percent: number, detail?: StageProgress) => void;

/** Forwards progress to the job, at most every 250 ms unless the stage changes (a page-by-page stage reports often). */
export function progressReporter(job: Job): Report {
  let lastStage = '';
  let lastAt = 0;
  return (stage, percent, detail) => {
    const now = Date.now();
    if (stage === lastStage && now - lastAt < 250 && percent < 100) return;
    lastStage = stage;
    lastAt = now;
    job.updateProgress({ stage, percent: Math.round(percent), ...detail }).catch(() => {});
  };
}

/** Progress of a job this worker runs: to the job (see {@link progressReporter}) and to the heartbeat's list. */
export function jobProgress(job: Job, activity: WorkerActivity): Report {
  const report = progressReporter(job);
  const id = job.id ?? '';
  return (stage, percent, detail) => {
    activity.progress(id, stage, percent);
    report(stage, percent, detail);
  };
}
