/**
 * A slot's children that fail to start: each is forked again after a backoff, and a slot that fails
 * CHILD_START_ATTEMPTS times in a row makes the pool give up. Without that bound a child hanging in its start-up
 * (a module load that blocks) or crashing before it is ready kept `start()`, or the job waiting for the slot,
 * waiting for ever, with no error.
 *
 * A failure is a child not ready within CHILD_START_TIMEOUT_S (killed), one that exits before it is ready, or one
 * that exits within {@link EARLY_EXIT_MS} of being ready without having run a task.
 */
import { ProfaiError } from '../../domain/errors.ts';

/** A child dying this soon after it was ready, before any task, failed to start. */
export const EARLY_EXIT_MS = 5000;
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;

/** The wait before the next fork of a slot whose last `failures` starts failed: 0.25 s, doubling, at most 30 s. */
export function startBackoffMs(failures: number): number {
  return failures > 0 ? Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (failures - 1)) : 0;
}

/** The one-line error a worker stops with when a slot's children keep failing to start. */
export function childStartError(slot: number, failures: number, last: string): ProfaiError {
  return new ProfaiError(
    'child_start',
    `worker children cannot start: slot ${slot} failed ${failures} times in a row (CHILD_START_ATTEMPTS), last: ${last}`,
  );
}
