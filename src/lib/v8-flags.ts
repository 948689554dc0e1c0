/**
 * V8 flags ProfAI sets for its own work: shared by the fleet's children (on their command line) and `profai
 * process` (from code, before the pipeline's functions first run).
 */

/**
 * V8 optimises a JavaScript function once it has run a budget of bytecode; with 8× its default budget (67584) a
 * process optimises fewer functions, later, on better type feedback, and throws less optimised code away. The
 * pipeline runs once per document, mostly on cold code, so this pays: a cold worker child built its first 143-page
 * manual's course in 1.83-1.98 s of CPU instead of 2.19-2.29 s (4× saved less, 16× less again), and `profai
 * process` of the 397-page manual on an existing data dir took 0.91× the CPU and 0.94× the wall time (4.52 s
 * against 4.86 s median) for +15 MiB of peak (`farm-bench -n 5`, 2026-12-06, load 3.4-4). It changes when code is
 * optimised, not what it computes: the courses and quizzes are the same bytes.
 * The price is a longer warm-up: code that runs in the interpreter or Sparkplug allocates what optimised code keeps
 * in registers, so a child's allocation (counted as 1 MB scavenges, `bench:fleet-corpus --gc`) falls for ten
 * documents or more: a lone child's second to tenth manuals took 1,387-1,419 scavenges in their first round and
 * 1,219-1,227 in their second. Children at V8's default budget instead (issue 21, 2026-12-07 02:49-03:12,
 * `--dir /work/bench-pdfs --repeat 2 --workers 1,5`, compiled, alternated with this budget, load 7-16): 9% fewer
 * scavenges with one worker (3,794-3,870 vs 4,184-4,205) and 16% fewer with five (4,380 vs 5,192), but no CPU
 * we could measure (children's CPU, 4 pairs, medians: 1 worker 36.0 vs 36.4 s, 5 workers 51.0 vs 52.3 s; 5 ÷ 1
 * worker 1.31-1.59 vs 1.39-1.52) and the worker's peak up to 10 MB higher (248-255 vs 243-251 MB, against a 250 MB
 * target): not taken.
 */
export const OPTIMISE_LATER = '--interrupt-budget=540672';
