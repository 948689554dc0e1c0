// Preloaded into a worker and its children by `bench/fleet-corpus.ts --gc` (`node --import bench/gc-log.mjs`):
// appends each garbage collection of this process to GC_LOG_DIR/<pid>.jsonl as [kind, epoch ms, pause ms]
// (kind as perf_hooks' constants.NODE_PERFORMANCE_GC_*: 1 scavenge, 4 mark-compact, 8 incremental marking, 16 weak
// callbacks). Each batch the observer gets is written at once: a child stopped by a signal runs no exit handler.
// The bench splits them by job (each job's start and child pid are in its run record). The pause is the main
// thread's wall time: on a loaded host it counts time the process waited for a core, so compare counts first.
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';

const dir = process.env.GC_LOG_DIR;
if (dir) {
  const out = join(dir, `${process.pid}.jsonl`);
  new PerformanceObserver((list) => {
    const lines = list
      .getEntries()
      .map((e) =>
        JSON.stringify([
          e.detail?.kind ?? 0,
          Math.round(performance.timeOrigin + e.startTime),
          +e.duration.toFixed(3),
        ]),
      );
    if (lines.length > 0) appendFileSync(out, `${lines.join('\n')}\n`);
  }).observe({ entryTypes: ['gc'] });
}
