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
 */
export const OPTIMISE_LATER = '--interrupt-budget=540672';
