/**
 * `profai process`, `courses`, `show` and `quiz` as a user runs them: real processes on a real embedded
 * database in a temporary PROFAI_DATA_DIR.
 */
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CourseSchema, QuizSchema } from '../../src/domain/course.ts';
import { makeInflateBombPdf } from '../support/make-pdf.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'examples', 'sample.pdf');
/** By URL: the CLI runs in a temporary folder, where the bare name `tsx` does not resolve. */
const TSX = import.meta.resolve('tsx');
let dir: string;

function profai(args: string[], env: Record<string, string> = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PROFAI_DATA_DIR: join(dir, 'data'), ...env },
    timeout: 120_000,
  });
}

describe('profai process', () => {
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-cli-'));
    await writeFile(join(dir, 'notes.pdf'), '<html><body>not a pdf</body></html>');
  });
  after(() => rm(dir, { recursive: true, force: true }));

  let courseId = '';
  let firstCounts: Record<string, unknown> = {};

  test('one bad file does not stop the others; exit code 1; --json and --out', async () => {
    const out = profai(['process', SAMPLE, 'notes.pdf', 'missing.pdf', '--json', '--out', 'out']);
    assert.equal(out.status, 1, out.stderr);
    const results = JSON.parse(out.stdout) as Record<string, unknown>[];
    assert.equal(results.length, 3);
    const [ok, html, missing] = results;
    assert.equal(ok!.ok, true);
    assert.equal(ok!.created, true);
    assert.ok((ok!.pages as number) >= 8 && (ok!.modules as number) >= 2 && (ok!.questions as number) === 10);
    assert.deepEqual(html!.error, { code: 'not_pdf', message: 'not a PDF: it looks like an HTML page' });
    assert.equal((missing!.error as { code: string }).code, 'unreadable');
    courseId = ok!.courseId as string;
    firstCounts = pick(ok!);

    const written = JSON.parse(await readFile(join(ok!.outDir as string, 'course.json'), 'utf8'));
    CourseSchema.parse(written.course);
    QuizSchema.parse(written.quiz);
    const md = await readFile(join(ok!.outDir as string, 'course.md'), 'utf8');
    assert.match(md, /^# .+/);
    assert.match(md, /## Module 1: /);
    assert.match(md, /\(p\. \d+/);
    assert.ok(md.indexOf('### Answers') > md.indexOf('## Quiz'), 'answers come after the questions');
  });

  test('errors are one line naming the file, with no stack', () => {
    const out = profai(['process', 'notes.pdf']);
    assert.equal(out.status, 1);
    assert.equal(out.stderr.trim(), 'notes.pdf: not a PDF: it looks like an HTML page');
    assert.doesNotMatch(out.stderr, /\bat .+:\d+:\d+/);
  });

  test('a PDF whose stream inflates to 1.5 GB is refused as too complex, within the engine memory cap', async () => {
    await writeFile(join(dir, 'bomb.pdf'), makeInflateBombPdf(1536));
    const out = profai(['process', 'bomb.pdf', '--json'], { PDF_MAX_MEMORY_MB: '256' });
    assert.equal(out.status, 1, out.stderr);
    const [result] = JSON.parse(out.stdout) as { error: { code: string; message: string }; peakMb: number }[];
    assert.deepEqual(result!.error, {
      code: 'too_complex',
      message: 'too complex: page 1 needs more than 256 MB of memory (PDF_MAX_MEMORY_MB)',
    });
    // The whole process (database included) stays far below the 1.5 GB the stream would inflate to.
    assert.ok(result!.peakMb < 1000, `peak ${result!.peakMb} MB`);
    const list = JSON.parse(profai(['courses', '--json']).stdout) as unknown[];
    assert.equal(list.length, 1, 'nothing stored for the refused file');
  });

  test('processing the same PDF again writes nothing new', () => {
    const out = profai(['process', SAMPLE, '--json']);
    assert.equal(out.status, 0, out.stderr);
    const [again] = JSON.parse(out.stdout);
    assert.equal(again.created, false);
    assert.equal(again.courseId, courseId);
    assert.deepEqual(pick(again), firstCounts, 'the summary of a stored document shows its real counts');
    const list = JSON.parse(profai(['courses', '--json']).stdout) as { id: string }[];
    assert.deepEqual(
      list.map((c) => c.id),
      [courseId],
    );
  });

  test('show prints the course; quiz is deterministic per seed', () => {
    const shown = profai(['show', courseId]);
    assert.equal(shown.status, 0, shown.stderr);
    assert.match(shown.stdout, /## Module 1: /);
    const a = profai(['quiz', courseId, '--questions', '5', '--seed', '7', '--json']);
    const b = profai(['quiz', courseId, '--questions', '5', '--seed', '7', '--json']);
    const c = profai(['quiz', courseId, '--questions', '5', '--seed', '8', '--json']);
    assert.equal(a.status, 0, a.stderr);
    const qa = JSON.parse(a.stdout);
    assert.equal(qa.quiz.questions.length, 5);
    assert.deepEqual(qa, JSON.parse(b.stdout));
    assert.notDeepEqual(qa.quiz.questions, JSON.parse(c.stdout).quiz.questions);
  });

  test('unknown course and bad flags: one line, exit 1', () => {
    const unknown = profai(['show', 'nope']);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr.trim(), 'profai: course nope not found');
    const badFlag = profai(['quiz', courseId, '--questions', 'zero']);
    assert.equal(badFlag.status, 1);
    assert.match(badFlag.stderr, /expected a whole number/);
    const badEnv = profai(['courses'], { MAX_PAGES: 'many' });
    assert.equal(badEnv.status, 1);
    assert.match(badEnv.stderr.trim(), /^profai: MAX_PAGES=many: /);
  });

  test('a second process on the same data directory waits for the first, and both succeed', async () => {
    const first = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), 'courses'], {
      cwd: dir,
      env: { ...process.env, PROFAI_DATA_DIR: join(dir, 'data') },
    });
    const second = profai(['courses', '--json']);
    const firstCode = await new Promise((r) => first.on('exit', r));
    assert.equal(firstCode, 0);
    assert.equal(second.status, 0, second.stderr);
    assert.equal(JSON.parse(second.stdout).length, 1);
  });
});

function pick(r: Record<string, unknown>) {
  const { pages, sections, chunks, modules, lessons, questions } = r;
  return { pages, sections, chunks, modules, lessons, questions };
}
