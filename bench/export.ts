/**
 * `npm run bench:export [-- FILE…]`: each PDF (default: the corpus's longest, the 397-page manual, and the
 * example) through the pipeline once (a 40-question quiz of the default mix of kinds, which it prints), then
 * every export format (the Common Cartridge of the whole course too) of its course and quiz rendered 20 times:
 * milliseconds per export (median) and output size. Exports run on each API download, so they should stay
 * far below a request's patience.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.ts';
import { EXPORT_FORMAT_NAMES, type ExportInput, renderExport } from '../src/export/index.ts';
import { runPipeline } from '../src/pipeline/index.ts';
import { corpusDir } from '../test/support/corpus.ts';

const RUNS = 20;
const files = process.argv.slice(2);
if (files.length === 0) files.push(join(corpusDir(), 'deb-valgrind-manual-397p.pdf'), 'examples/sample.pdf');
const config = loadConfig({ QUIZ_QUESTIONS: '40' });

for (const file of files) {
  const bytes = new Uint8Array(await readFile(file));
  const { document } = await runPipeline({ bytes, fileName: basename(file) }, { config, questions: 40 });
  const quizId = 'qbench0000000000';
  const input: ExportInput = {
    courseId: 'cbench000000',
    fileName: basename(file),
    course: document.course,
    quiz: {
      id: quizId,
      quiz: document.quiz,
      questionKeys: document.quiz.questions.map((_, i) => `${quizId}:${i}`),
      reviewed: false,
    },
  };
  const lessons = document.course.modules.reduce((n, m) => n + m.lessons.length, 0);
  const kinds = new Map<string, number>();
  for (const q of document.quiz.questions) kinds.set(q.kind, (kinds.get(q.kind) ?? 0) + 1);
  console.log(
    `${basename(file)}: ${document.pageCount} pages, ${document.course.modules.length} modules, ${lessons} lessons, ${document.quiz.questions.length} questions (${[...kinds].map(([k, n]) => `${n} ${k}`).join(', ')})`,
  );
  for (const format of EXPORT_FORMAT_NAMES) {
    const times: number[] = [];
    let size = 0;
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      const out = renderExport(input, format);
      times.push(performance.now() - start);
      size = typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(RUNS / 2)]!;
    console.log(
      `  ${format.padEnd(10)} ${median.toFixed(2).padStart(7)} ms  ${(size / 1024).toFixed(1).padStart(7)} KB`,
    );
  }
}
