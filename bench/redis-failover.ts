/**
 * `npm run bench:failover [-- --mode sentinel|cluster --jobs 30 --ms 400 --workers 2 --runs 1 --trace]`:
 * the Redis master is SIGKILLed while jobs run (test tasks that log each execution to a file), on a master with a
 * replica and three Sentinels, or on a three-master Redis Cluster with a replica each (real redis-server
 * processes of its own on free ports). Prints, per run: seconds from the kill to the replica's promotion and to
 * the first job started and completed after it, jobs completed, failed, lost and duplicated (run twice).
 * Target: every job completes, 0 lost, 0 duplicated, workers consuming again within 30 s of the new master.
 */
import { parseArgs } from 'node:util';
import { runThroughFailover } from '../test/support/failover-run.ts';

const { values: args } = parseArgs({
  options: {
    mode: { type: 'string', default: 'sentinel' },
    jobs: { type: 'string', default: '30' },
    ms: { type: 'string', default: '400' },
    workers: { type: 'string', default: '2' },
    runs: { type: 'string', default: '1' },
    trace: { type: 'boolean', default: false },
  },
});
const kind = args.mode === 'cluster' ? 'cluster' : 'sentinel';
const s = (v: number | null) => (v === null ? 'never' : `${v.toFixed(1)} s`);

console.log(
  `Redis failover (${kind}): ${args.jobs} jobs of ${args.ms} ms, ${args.workers} workers × 2 slots, master SIGKILLed mid-run`,
);
for (let run = 1; run <= Number(args.runs); run++) {
  const r = await runThroughFailover({
    kind,
    jobs: Number(args.jobs),
    ms: Number(args.ms),
    workers: Number(args.workers),
    trace: args.trace
      ? (line) => console.log(`  [${new Date().toISOString().slice(11, 23)}] ${line}`)
      : undefined,
  });
  console.log(
    `run ${run}: new master ${s((r.promotedAt - r.killedAt) / 1000)} after the kill; first job started ` +
      `${s(r.firstStartS)} and completed ${s(r.firstCompletionS)} after the kill; ${r.completed}/${r.jobs} ` +
      `completed, ${r.failed} failed, ${r.lost} lost, ${r.duplicated.length} duplicated`,
  );
}
process.exit(0);
