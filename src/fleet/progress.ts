/** Job progress as the fleet reports it to BullMQ. */
import type { Job } from 'bullmq';

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
