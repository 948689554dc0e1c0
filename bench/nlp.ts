/**
 * `npm run bench:nlp [-- --base DIR] [FILE…]`: what the English language model costs a worker child. A fresh
 * child process (as the prefork pool forks) loads the pipeline, then the model, then makes the course and quiz
 * of each file in turn; printed: idle RSS, RSS with the model, model load time, and per file the course and quiz
 * seconds and the RSS after it. With --base, the same in a child of another checkout (e.g. a worktree of the
 * commit before the model), for ratios measured in one sitting. Default files: the example and the corpus's
 * largest English manual when present.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { renderTable } from '../src/cli/table.ts';
import { corpusDir } from '../test/support/corpus.ts';

interface ChildResult {
  idleRssMb: number;
  modelLoadMs: number | null;
  rssWithModelMb?: number;
  runs: { file: string; courseSeconds?: number; quizSeconds?: number; rssAfterMb?: number; error?: string }[];
}

const REPO = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const baseAt = args.indexOf('--base');
const base = baseAt >= 0 ? resolve(args[baseAt + 1]!) : null;
const given = args.filter((_, i) => i !== baseAt && i !== baseAt + 1);
const files =
  given.length > 0
    ? given.map((f) => resolve(f))
    : [join(REPO, 'examples', 'sample.pdf'), join(corpusDir(), 'deb-valgrind-manual-397p.pdf')].filter(
        existsSync,
      );

function child(checkout: string): ChildResult {
  const run = spawnSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(REPO, 'bench', 'nlp-child.ts'), checkout, ...files],
    { cwd: checkout, encoding: 'utf8', maxBuffer: 16 << 20, timeout: 900_000 },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line) as ChildResult;
  } catch {
    throw new Error(
      `child of ${checkout} printed no result: ${run.stderr.split('\n').slice(0, 3).join(' / ')}`,
    );
  }
}

const checkouts: [string, string][] = [
  ['this checkout', REPO],
  ...(base ? ([['base', base]] as [string, string][]) : []),
];
const results = checkouts.map(([name, dir]) => [name, child(dir)] as const);
console.log(
  renderTable(
    ['checkout', 'idle RSS MB', 'model load ms', 'RSS with model MB'],
    results.map(([name, r]) => [name, r.idleRssMb, r.modelLoadMs ?? '-', r.rssWithModelMb ?? '-']),
  ),
);
console.log('');
console.log(
  renderTable(
    ['checkout', 'file', 'course s', 'quiz s', 'RSS after MB'],
    results.flatMap(([name, r]) =>
      r.runs.map((x) => [
        name,
        basename(x.file),
        x.courseSeconds?.toFixed(2) ?? x.error ?? '-',
        x.quizSeconds?.toFixed(2) ?? '-',
        x.rssAfterMb ?? '-',
      ]),
    ),
  ),
);
