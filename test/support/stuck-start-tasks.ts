/**
 * A test task module that a worker's children cannot load: in a forked child (one with an IPC channel; the
 * supervisor that loads it too has none), loading it hangs for ever when TEST_STUCK_START=hang (a module load
 * that blocks) or exits with code 3 when TEST_STUCK_START=crash. Each such child first appends its pid to the
 * file TEST_STUCK_PIDS, so a test can check that the hung ones were killed. Children inherit the environment.
 *
 * TEST_STUCK_START=flaky: the first child forked (the one that creates TEST_STUCK_PIDS.first) gets ready only once
 * two other children have come and gone, then stays; every other child exits {@link FLAKY_EXIT_MS} after loading
 * this module, so soon after it is ready.
 * TEST_STUCK_START=late-flaky: every child takes {@link LATE_MS} to load this module (longer than the pool's
 * early-exit window), then exits {@link FLAKY_EXIT_MS} after, soon after it is ready.
 * TEST_STUCK_START=spin: loading this module spins for ever in synchronous code, so the child's event loop never
 * turns (it cannot see its IPC channel close).
 * TEST_STUCK_START=ready-exit: every child exits {@link FLAKY_EXIT_MS} after it has said it is ready (however long
 * its start-up took, preload included): a start that succeeds, then fails soon after.
 */
import { appendFileSync, existsSync, openSync, readFileSync } from 'node:fs';
import type { TaskDefinition } from '../../src/fleet/interfaces.ts';

const FLAKY_EXIT_MS = 300;
const LATE_MS = 6000;
const mode = process.env.TEST_STUCK_START;
const pidsFile = process.env.TEST_STUCK_PIDS;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** True for the one child that creates the marker file first. */
function claimFirst(file: string): boolean {
  try {
    openSync(`${file}.first`, 'wx');
    return true;
  } catch {
    return false;
  }
}

/** Waits until two other children were forked and have exited, and a little longer (their pool sees it). */
async function untilTwoOthersGone(file: string): Promise<void> {
  for (;;) {
    const others = existsSync(file)
      ? readFileSync(file, 'utf8')
          .trim()
          .split('\n')
          .map(Number)
          .filter((pid) => pid !== process.pid)
      : [];
    if (others.length >= 2 && !others.some(alive)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

if (process.send && mode === 'ready-exit') {
  if (pidsFile) appendFileSync(pidsFile, `${process.pid}\n`);
  const send = process.send.bind(process) as (message: unknown) => boolean;
  process.send = ((message: { type?: string }) => {
    const sent = send(message);
    if (message?.type === 'ready') setTimeout(() => process.exit(0), FLAKY_EXIT_MS);
    return sent;
  }) as typeof process.send;
}

if (
  process.send &&
  (mode === 'hang' || mode === 'spin' || mode === 'crash' || mode === 'flaky' || mode === 'late-flaky')
) {
  if (pidsFile) appendFileSync(pidsFile, `${process.pid}\n`);
  if (mode === 'crash') process.exit(3);
  if (mode === 'spin') for (;;);
  if (mode === 'hang') await new Promise(() => {});
  if (mode === 'late-flaky') await new Promise((resolve) => setTimeout(resolve, LATE_MS));
  if (mode === 'flaky' && pidsFile && claimFirst(pidsFile)) await untilTwoOthersGone(pidsFile);
  else setTimeout(() => process.exit(0), FLAKY_EXIT_MS);
}

export function createTasks(): TaskDefinition[] {
  return [{ name: 'test.stuck_pid', handler: async () => ({ pid: process.pid }) }];
}
