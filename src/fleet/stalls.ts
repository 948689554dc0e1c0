/**
 * A job whose worker dies while running it (killed with its children, or cut off from Redis for longer than
 * JOB_LOCK_MS) is failed by nobody: its lock expires, and BullMQ's stalled check puts it back in the queue and
 * counts the stall (attempts made stay as they were). BullMQ fails the job once that count is *above*
 * maxStalledCount, so a job recovered maxStalledCount times runs maxStalledCount + 1 times. Stalls and failed
 * attempts are counted apart: a job may fail some attempts and stall in others.
 */

/** The `maxStalledCount` that lets a job whose every run stalls run JOB_ATTEMPTS times, as one whose runs throw. */
export function maxStalledCount(jobAttempts: number): number {
  return jobAttempts - 1;
}

/** The failed reason BullMQ gives a job stalled more than maxStalledCount times. */
const BULLMQ_STALLED = 'job stalled more than allowable limit';

/** A failed job's reason as operators read it: BullMQ's stalled one says what happened. */
export function describeFailedReason(reason: string): string {
  return reason === BULLMQ_STALLED
    ? `its worker stopped while running it (killed, or cut off from Redis) JOB_ATTEMPTS times (${BULLMQ_STALLED})`
    : reason;
}
