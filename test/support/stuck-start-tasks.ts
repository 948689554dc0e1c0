/**
 * A test task module that a worker's children cannot load: in a forked child (one with an IPC channel; the
 * supervisor that loads it too has none), loading it hangs for ever when TEST_STUCK_START=hang (a module load
 * that blocks) or exits with code 3 when TEST_STUCK_START=crash. Each such child first appends its pid to the
 * file TEST_STUCK_PIDS, so a test can check that the hung ones were killed. Children inherit the environment.
 */
import { appendFileSync } from 'node:fs';
import type { TaskDefinition } from '../../src/fleet/interfaces.ts';

const mode = process.env.TEST_STUCK_START;
if (process.send && (mode === 'hang' || mode === 'crash')) {
  if (process.env.TEST_STUCK_PIDS) appendFileSync(process.env.TEST_STUCK_PIDS, `${process.pid}\n`);
  if (mode === 'crash') process.exit(3);
  await new Promise(() => {});
}

export function createTasks(): TaskDefinition[] {
  return [{ name: 'test.stuck_pid', handler: async () => ({ pid: process.pid }) }];
}
