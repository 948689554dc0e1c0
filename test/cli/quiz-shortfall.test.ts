/**
 * `profai quiz` when the text supports fewer questions than asked: one line on stderr says how many of how many
 * and why, in a teacher's words (with the kinds when --kinds narrowed them), and the --json quiz records the
 * count asked; a quiz that has all it asked for says nothing.
 */
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { shortfallLine } from '../../src/lib/shortfall.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SAMPLE = join(ROOT, 'examples', 'sample.pdf');
const TSX = import.meta.resolve('tsx');
let dir: string;

function profai(args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PROFAI_DATA_DIR: join(dir, 'data') },
    timeout: 120_000,
  });
}

describe('the line that tells a teacher a quiz is short', () => {
  const cases: [string, Parameters<typeof shortfallLine>[0], number, string | undefined][] = [
    ['all made', { questions: 10 }, 10, undefined],
    [
      'one kind',
      { questions: 40, kinds: { true_false: 1 } },
      32,
      'made 32 of 40 questions: the text gives no more sentences fit for true or false questions; try other kinds or fewer questions',
    ],
    [
      'a module, any kind',
      { questions: 20, moduleIndex: 3 },
      7,
      "made 7 of 20 questions: the module's text gives no more sentences to ask about; try the whole course or fewer questions",
    ],
    [
      'kinds weighted but none left out: not narrowed',
      {
        questions: 50,
        kinds: {
          multiple_choice: 1,
          true_false: 1,
          multiple_answer: 1,
          matching: 1,
          short_answer: 1,
          numerical: 1,
          ordering: 9,
        },
      },
      44,
      'made 44 of 50 questions: the text gives no more sentences to ask about; try fewer questions',
    ],
    [
      'two kinds and a level',
      { questions: 30, kinds: { matching: 1, ordering: 2, numerical: 0 }, minBloom: 'apply' },
      1,
      'made 1 of 30 questions: the text gives no more sentences fit for matching or ordering questions at the difficulty and Bloom level asked; try other kinds, other levels or fewer questions',
    ],
  ];
  for (const [name, asked, made, line] of cases)
    test(name, () => assert.equal(shortfallLine(asked, made), line));
});

describe('profai quiz with fewer questions than asked', { timeout: 300_000 }, () => {
  let courseId = '';
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-short-'));
    const made = profai(['process', SAMPLE, '--json']);
    assert.equal(made.status, 0, made.stderr);
    courseId = String(JSON.parse(made.stdout)[0].courseId);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('--kinds narrows it: one line on stderr naming the kind; --json records what was asked', () => {
    const res = profai(['quiz', courseId, '--kinds', 'matching', '--questions', '10', '--json']);
    assert.equal(res.status, 0, res.stderr);
    const out = JSON.parse(res.stdout);
    const made = out.quiz.questions.length;
    assert.ok(made > 0 && made < 10, `made ${made}`);
    assert.equal(out.quiz.requested, 10);
    const line = `made ${made} of 10 questions: the text gives no more sentences fit for matching questions; try other kinds or fewer questions`;
    assert.equal(out.shortfall, line);
    assert.equal(res.stderr, `profai: ${line}\n`);
  });

  test('too many for the whole text: the same line without kinds, also beside the Markdown', () => {
    const res = profai(['quiz', courseId, '--questions', '200']);
    assert.equal(res.status, 0, res.stderr);
    assert.match(
      res.stderr,
      /^profai: made \d+ of 200 questions: the text gives no more sentences to ask about; try fewer questions\n$/,
    );
    assert.match(res.stdout, /^Quiz q/);
  });

  test('a quiz with all it asked for: nothing on stderr, requested recorded', () => {
    const res = profai(['quiz', courseId, '--questions', '5', '--json']);
    assert.equal(res.status, 0, res.stderr);
    assert.equal(res.stderr, '');
    const out = JSON.parse(res.stdout);
    assert.equal(out.quiz.questions.length, 5);
    assert.equal(out.quiz.requested, 5);
    assert.equal(out.shortfall, undefined);
  });
});
