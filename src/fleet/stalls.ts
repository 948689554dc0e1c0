/**
 * A job whose worker stops while running it (killed or SIGSTOPped with its children, or cut off from Redis for
 * longer than JOB_LOCK_MS) is failed by nobody: its lock expires, and BullMQ's stalled check puts it back in the
 * queue and counts the stall (attempts made stay as they were). BullMQ never resets the count, so stalls add up over
 * a job's life: two Redis outages and one kill are three (`profai jobs retry` clears it with the attempts:
 * tasks/retry.ts). BullMQ fails the job once that count is *above*
 * maxStalledCount, so a job whose every run stalls runs maxStalledCount + 1 times (the last failure is deferred to
 * the next worker that takes the job, which fails it unrun: {@link attemptsRun}). Stalls and failed attempts are
 * counted apart: a job may fail some attempts and stall in others, so it runs at most 2 × JOB_ATTEMPTS times
 * (JOB_ATTEMPTS - 1 failed attempts, JOB_ATTEMPTS stalls put back, then a last run that fails either way).
 *
 * That bound is kept on purpose rather than one total for both: a job that failed an attempt on a bad moment and then
 * stalled through a Redis outage would fail though nothing was wrong with it. A put-back job starts again at the same
 * attempt, so its views show its stalls beside its attempts (JobView.stalls, the monitor's `run 3 (attempt 2, 1
 * stall)`): the runs are never hidden.
 */

/**
 * The `maxStalledCount` for JOB_ATTEMPTS: as many stalls put back as attempts. Stalls are infrastructure events,
 * not the job's fault, so JOB_ATTEMPTS=1 still survives a Redis blip ("no work lost").
 */
export function maxStalledCount(jobAttempts: number): number {
  return jobAttempts;
}

/** The failed reason BullMQ gives a job stalled more than maxStalledCount times. */
const BULLMQ_STALLED = 'job stalled more than allowable limit';

/**
 * Attempts a job really ran. BullMQ 6.7 does not fail a job at its last stall: it only marks it (`defa`) and puts it
 * back, and the next worker to take it fails it without running it, which adds one to its attempts made. A job
 * failed by its stalls has therefore one attempt more than it ran (JOB_ATTEMPTS=2: `attemptsMade` 1 and 3 stalls for
 * three runs, each stalled); that one is taken off so that attempts + stalls stays the runs.
 */
export function attemptsRun(attemptsMade: number, failedReason: string | undefined): number {
  return failedReason === BULLMQ_STALLED ? Math.max(0, attemptsMade - 1) : attemptsMade;
}

/** A failed job's reason as operators read it: BullMQ's stalled one says what happened. */
export function describeFailedReason(reason: string): string {
  return reason === BULLMQ_STALLED
    ? `its worker stopped while running it (killed, or cut off from Redis) more than JOB_ATTEMPTS times (${BULLMQ_STALLED})`
    : reason;
}
