/**
 * The machine's floor for "five workers no dearer than one": how much more CPU the same CPU-bound work costs
 * when two processes run it at once than when they run it one after the other. On 2 cores, shared caches,
 * memory bandwidth, clock and the hypervisor make concurrent work dearer whatever ProfAI does, so a fleet's
 * 5-worker/1-worker CPU ratio is only ours above this floor. Alternates the two orders over --rounds rounds.
 *
 *   npx tsx bench/cpu-floor.ts [--rounds 6] [--work 400] [--heap-mb 0] [--parallel 2]
 * --node-flags '--single-threaded-gc' runs the work processes with those V8/Node flags.
 * --heap-mb keeps that much live heap in each process, read and replaced as it works (a child holding a document).
 *
 * 2026-12-06, 2 vCPU (2 cores, no SMT; KVM), other engineers' work on the host (load 10-21):
 * - `--parallel 2 --rounds 6 --work 400`: 1.018× (rounds 0.91-1.14); `--parallel 5 --rounds 4`: 0.984×.
 *   Work that lives in the caches costs no more at once than one after another.
 * - `--parallel 5 --work 300 --heap-mb 50` (~170 MB RSS each, like a worker child): 1.147×, 1.059×, 1.084×
 *   (rounds 1.07-1.25): caches, TLB and memory bandwidth shared by five heaps are the floor a 5-worker fleet
 *   pays over one worker whatever ProfAI does, ~1.06-1.15× here.
 * - the same with `--node-flags=--single-threaded-gc` (no parallel GC helpers on busy cores): 1.071×, 1.062×,
 *   1.172×: no measurable difference, so children keep V8's default GC threads.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const WORK = fileURLToPath(new URL('./cpu-floor-work.mjs', import.meta.url));
const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '6' },
    work: { type: 'string', default: '400' },
    parallel: { type: 'string', default: '2' },
    'heap-mb': { type: 'string', default: '0' },
    'node-flags': { type: 'string', default: '' },
  },
});
const rounds = Number(values.rounds);
const parallel = Number(values.parallel);
const nodeFlags = values['node-flags']!.split(' ').filter(Boolean);

function runWork(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, WORK, values.work!, values['heap-mb']!], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve((JSON.parse(out) as { cpuMs: number }).cpuMs)
        : reject(new Error(`work exited ${code}`)),
    );
  });
}

async function oneAfterAnother(): Promise<number> {
  let total = 0;
  for (let i = 0; i < parallel; i++) total += await runWork();
  return total;
}

async function atOnce(): Promise<number> {
  const each = await Promise.all(Array.from({ length: parallel }, runWork));
  return each.reduce((a, b) => a + b, 0);
}

const load = loadavg()[0]!.toFixed(2);
let sequential = 0;
let concurrent = 0;
for (let round = 0; round < rounds; round++) {
  const [first, second] = round % 2 === 0 ? [oneAfterAnother, atOnce] : [atOnce, oneAfterAnother];
  const a = await first();
  const b = await second();
  const [seq, con] = round % 2 === 0 ? [a, b] : [b, a];
  sequential += seq;
  concurrent += con;
  console.error(
    `round ${round + 1}: one after another ${seq.toFixed(0)} ms CPU, at once ${con.toFixed(0)} ms (${(con / seq).toFixed(3)}×)`,
  );
}
const ratio = concurrent / sequential;
console.error(
  `${parallel} processes at once cost ${ratio.toFixed(3)}× the CPU of the same work one after another (load ${load} at start, ${loadavg()[0]!.toFixed(2)} at end)`,
);
console.log(JSON.stringify({ parallel, rounds, sequentialMs: sequential, concurrentMs: concurrent, ratio }));
