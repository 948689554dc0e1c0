/**
 * Does a worker child's English reading carry over from one document to the next? Runs the course and quiz of
 * every document prepared by `bench/course-stage.ts prepare` twice over in one process, with the pipeline of
 * CHECKOUT, and prints after each document the process's RSS and heap (after a GC) and the tokens the analyser
 * gives a probe sentence of the valgrind manual (wink keeps every unknown word it reads, and read "Memcheck's"
 * as one word once it had read "such as Memcheck's.").
 *
 * `node --expose-gc --import tsx bench/english-history.ts CHECKOUT CACHE`
 *
 * Issue 21 (2026-12-06, the 10 Debian manuals of /work/bench-pdfs, load 7-12), 7599584 (before) vs issue-21d:
 * - the probe read after the valgrind manual: "Memcheck's" (one token) before, from then on to the end of the
 *   process; "Memcheck" + "'s" after, always.
 * - heap after a GC, after each document: before 38 MB after the first, 62 MB after the valgrind manual and
 *   ~60 MB ever after (the second round's bzip2 59.7 MB against 38.1 MB the first time); after, each document's
 *   own (bzip2 38.2 then 41.6 MB, valgrind 60.8 then 61.2 MB, the smallest ~40 MB), dropped when the next
 *   course starts. RSS (tsx included): the second round's highest 259.5 MB before, 239.9 MB after.
 * - `tsx bench/course-stage.ts run CHECKOUT /tmp/d-cache2 OUT` over each manual twice in one process: before, the
 *   valgrind manual's second course differed from its first (18 lines of key terms, "Memcheck" in and out);
 *   after, every second course and quiz is byte-identical to the first and to the before's first.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [checkout, cache] = process.argv.slice(2);
if (!checkout || !cache) {
  console.error('usage: english-history.ts CHECKOUT CACHE');
  process.exit(2);
}
const load = async <T>(path: string) =>
  (await import(pathToFileURL(join(resolve(checkout), path)).href)) as T;
const { completeDocument } = await load<typeof import('../src/pipeline/index.ts')>('src/pipeline/index.ts');
const { loadConfig } = await load<typeof import('../src/config.ts')>('src/config.ts');
const { loadEnglish } = await load<typeof import('../src/pipeline/language/en/analyser.ts')>(
  'src/pipeline/language/en/analyser.ts',
);
const config = loadConfig({});
const probe = "Compile your program with -g so that Memcheck's error messages include exact line numbers.";
const mb = (n: number) => (n / 1048576).toFixed(1);
const names = readdirSync(cache)
  .filter((f) => f.endsWith('.json'))
  .sort();
for (const round of [1, 2]) {
  for (const name of names) {
    const document = JSON.parse(readFileSync(join(cache, name), 'utf8'));
    await completeDocument({ document }, { config });
    globalThis.gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    // The probe is read where the next document would start: a fresh reading in the fixed analyser.
    const tokens = (await loadEnglish()).tag(probe).map((t) => t.text);
    const memcheck = tokens.filter((t) => t.startsWith('Memcheck')).join(' ');
    console.log(
      `${round}\t${name.replace(/\.json$/u, '')}\trss ${mb(rss)} MB\theap ${mb(heapUsed)} MB\t${memcheck}`,
    );
  }
}
