/**
 * One child of `bench/nlp.ts`: loads the pipeline of a checkout (argv[2]) as a worker child does, then runs the
 * files given (argv[3…]) through it, printing one JSON line: RSS idle, after each file, the course and quiz
 * seconds of each file, and (when the checkout has it) what loading the English model alone cost.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../src/config.ts';

const [checkout, ...files] = process.argv.slice(2);
const rssMb = () => Math.round((process.memoryUsage().rss / 1048576) * 10) / 10;
const settle = async () => {
  globalThis.gc?.();
  await new Promise((r) => setTimeout(r, 200));
};

const pipeline = (await import(
  pathToFileURL(join(checkout!, 'src/pipeline/index.ts')).href
)) as typeof import('../src/pipeline/index.ts');
await settle();
const out: Record<string, unknown> = { idleRssMb: rssMb() };
try {
  // Where the checkout keeps its English analyser: src/pipeline/language/en since #23, src/pipeline/nlp before.
  const module = ['src/pipeline/language/en/analyser.ts', 'src/pipeline/nlp/english.ts']
    .map((path) => join(checkout!, path))
    .find((path) => existsSync(path));
  if (!module) throw new Error('no English analyser');
  const english = (await import(
    pathToFileURL(module).href
  )) as typeof import('../src/pipeline/language/en/analyser.ts');
  const started = performance.now();
  await english.loadEnglish();
  out.modelLoadMs = Math.round(performance.now() - started);
  await settle();
  out.rssWithModelMb = rssMb();
} catch {
  out.modelLoadMs = null;
}
const config = loadConfig({});
const runs: unknown[] = [];
for (const file of files) {
  try {
    const result = await pipeline.runPipeline(
      { bytes: new Uint8Array(readFileSync(file)), fileName: file },
      { config },
    );
    await settle();
    const s = result.document.stats;
    runs.push({ file, courseSeconds: s.courseSeconds, quizSeconds: s.quizSeconds, rssAfterMb: rssMb() });
  } catch (err) {
    runs.push({ file, error: String(err).split('\n')[0] });
  }
}
out.runs = runs;
console.log(JSON.stringify(out));
process.exit(0);
