/**
 * `npm run eval:kinds -- [--keep DIR] [--cache DIR] FILE…`: how many items of each kind the offline quiz makes of each
 * document, for a person to read. Each file goes through the pipeline (an embedded database in a temporary
 * folder), then per kind a 10-question quiz of that kind alone (seed 1) and the default 20-question mix. Prints
 * one row per file: items made per kind (at most 10) and the kinds of the default quiz; `--keep DIR` writes every
 * item to DIR/<file>.json; `--cache DIR` reads each course from (or makes it once into) eval:refusals' cache
 * (course-cache.ts), so a rule change is measured in seconds, not in minutes per manual. Held-out manuals: `bash scripts/quality/heldout.sh`, then pass them here.
 *
 * A script, not a test: it prints figures, it does not pass or fail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { renderTable } from '../../src/cli/table.ts';
import { loadConfig } from '../../src/config.ts';
import { QUESTION_KINDS, type QuestionKind } from '../../src/domain/questions.ts';
import { terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import { generateQuiz } from '../../src/pipeline/quiz.ts';
import { loadChunks, openDatabase, openVectorStore } from '../../src/store/index.ts';
import { processDocument } from '../../src/workflows/document.ts';
import { courseOf } from './course-cache.ts';

const args = process.argv.slice(2);
const keepAt = args.indexOf('--keep');
const keep = keepAt >= 0 ? resolve(args.splice(keepAt, 2)[1] ?? 'kinds-out') : undefined;
const cacheAt = args.indexOf('--cache');
const cache = cacheAt >= 0 ? resolve(args.splice(cacheAt, 2)[1] ?? 'refusals-cache') : undefined;
if (args.length === 0) {
  console.log('eval:kinds: pass PDF files (e.g. the held-out manuals of scripts/quality/heldout.sh).');
  process.exit(0);
}
if (keep) mkdirSync(keep, { recursive: true });
if (cache) mkdirSync(cache, { recursive: true });

const config = loadConfig({});
const dir = await mkdtemp(join(tmpdir(), 'profai-kinds-'));
const db = await openDatabase({ ...config, dataDir: dir, databaseUrl: undefined });
const vectors = await openVectorStore({ ...config, chromaUrl: undefined }, db);
const short: Record<QuestionKind, string> = {
  multiple_choice: 'MC',
  true_false: 'T/F',
  multiple_answer: 'multi',
  matching: 'match',
  short_answer: 'short',
  numerical: 'number',
  ordering: 'order',
};
const rows: string[][] = [];
try {
  for (const file of args) {
    const name = basename(file);
    try {
      const { course, chunks } = cache ? await courseOf(file, cache) : await madeHere(file, name);
      const items: Record<string, unknown> = {};
      const made: string[] = [];
      for (const kind of QUESTION_KINDS) {
        const quiz = await generateQuiz({ course, chunks, count: 10, seed: 1, kinds: { [kind]: 1 } }).catch(
          () => null,
        );
        const mine = quiz?.questions.filter((q) => q.kind === kind) ?? [];
        items[kind] = mine;
        made.push(String(mine.length));
      }
      const mix = await generateQuiz({ course, chunks, count: 20, seed: 1 });
      items.default = mix.questions;
      const counts = new Map<string, number>();
      for (const q of mix.questions) counts.set(short[q.kind], (counts.get(short[q.kind]) ?? 0) + 1);
      rows.push([name, ...made, [...counts].map(([k, n]) => `${k} ${n}`).join(', ')]);
      if (keep) writeFileSync(join(keep, `${name}.json`), JSON.stringify(items, null, 1));
    } catch (err) {
      rows.push([name, ...QUESTION_KINDS.map(() => '-'), `failed: ${(err as Error).message.slice(0, 80)}`]);
    }
  }
} finally {
  await vectors.close();
  // The OCR worker thread a scanned page started (tesseract.js) would keep the process alive after the table.
  await Promise.all([db.close(), terminateOcr()]);
  await rm(dir, { recursive: true, force: true });
}
/** The course and chunks of one file, made in this run's database. */
async function madeHere(file: string, name: string) {
  const bytes = new Uint8Array(await readFile(file));
  const { course, saved } = await processDocument({ bytes, fileName: name }, { config, db, vectors });
  return { course, chunks: await loadChunks(db, saved.documentId) };
}
console.log('Items made per kind (a 10-question quiz of that kind alone), and the default 20-question mix:');
console.log(renderTable(['file', ...QUESTION_KINDS.map((k) => short[k]), 'default 20'], rows));
