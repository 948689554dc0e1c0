/**
 * `profai quiz` when the text supports fewer questions than asked: one line on stderr says how many of how many
 * and why, in a teacher's words (with the kinds when --kinds narrowed them), and the --json quiz records the
 * count asked; a quiz that has all it asked for says nothing.
 */
import assert from 'node:assert/strict';
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { quizShortfall } from '../../src/domain/shortfall.ts';
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
      'made 1 of 30 questions: the text gives no more sentences fit for matching or ordering questions at the Bloom level asked; try other kinds, other levels or fewer questions',
    ],
    [
      'a difficulty alone: Bloom is not named',
      { questions: 10, difficulty: ['hard'] },
      4,
      'made 4 of 10 questions: the text gives no more sentences to ask about at the difficulty asked; try other levels or fewer questions',
    ],
    [
      'none made: no sentences at all, and fewer questions would not help',
      { questions: 5, kinds: { ordering: 1 } },
      0,
      'made 0 of 5 questions: the text gives no sentences fit for ordering questions; try other kinds',
    ],
    [
      "a model's quiz: the model's questions, not the text",
      { questions: 20, byModel: true },
      12,
      "made 12 of 20 questions: the model's other questions were refused or it gave too few; try fewer questions",
    ],
  ];
  for (const [name, asked, made, line] of cases)
    test(name, () => assert.equal(shortfallLine(asked, made), line));

  test('levels that narrow nothing are not blamed: all three difficulties, or at least remember', () => {
    const rules = { name: 'offline-cloze' };
    const wide = {
      questions: 10,
      difficulty: ['easy', 'medium', 'hard'] as const,
      minBloom: 'remember' as const,
    };
    assert.equal(
      quizShortfall(wide, 6, rules),
      'made 6 of 10 questions: the text gives no more sentences to ask about; try fewer questions',
    );
    assert.match(
      quizShortfall({ questions: 10 }, 6, { name: 'profai-llm' }) ?? '',
      /the model's other questions/,
    );
  });
});

describe('profai quiz with fewer questions than asked', { timeout: 300_000 }, () => {
  let courseId = '';
  let processed: SpawnSyncReturns<string>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-short-'));
    processed = profai(['process', SAMPLE, '--questions', '200', '--json', '--out', join(dir, 'out')]);
    assert.equal(processed.status, 0, processed.stderr);
    courseId = String(JSON.parse(processed.stdout)[0].courseId);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('process: the first quiz made short says so, in the JSON, the exported course and the summary', async () => {
    const [first] = JSON.parse(processed.stdout);
    assert.ok(first.questions < 200, `made ${first.questions}`);
    const line = `made ${first.questions} of 200 questions: the text gives no more sentences to ask about; try fewer questions`;
    assert.equal(first.shortfall, line);
    const exported = JSON.parse(await readFile(join(first.outDir, 'course.json'), 'utf8'));
    assert.equal(exported.quiz.requested, 200);
    // Again, stored: the summary table is followed by the same line, from the quiz it kept.
    const again = profai(['process', SAMPLE]);
    assert.equal(again.status, 0, again.stderr);
    assert.ok(again.stdout.includes(`sample.pdf: ${line}\n`), again.stdout);
  });

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
