/**
 * A test task module whose children are not ready together: with CHILD_PRELOAD, the first child to warm up
 * claims the file `claim` and is ready at once; every later one takes `slowMs` more (as a child starting on a
 * loaded host can). Loaded with `taskSettings: { claim, slowMs }`.
 */
import { writeFileSync } from 'node:fs';
import type { TaskDefinition } from '../../src/fleet/interfaces.ts';
import { sleep } from '../../src/lib/time.ts';

export function createTasks(settings: { claim: string; slowMs: number }): TaskDefinition[] {
  return [
    {
      name: 'test.pid',
      handler: async () => ({ pid: process.pid }),
      async warm() {
        try {
          writeFileSync(settings.claim, String(process.pid), { flag: 'wx' });
        } catch {
          await sleep(settings.slowMs);
        }
      },
    },
  ];
}
