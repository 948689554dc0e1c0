/** The pure pieces under `profai worker` and `profai up`: flag mapping, restart backoff, prefixed lines. */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { describe, test } from 'node:test';
import { displayUrl } from '../../src/cli/commands/api.ts';
import { workerOverrides } from '../../src/cli/commands/worker.ts';
import { progressText, renderBar } from '../../src/cli/progress.ts';
import { renderTable } from '../../src/cli/table.ts';
import { formatPrefix, LineSplitter, PrefixedOutput } from '../../src/cli/up/prefix.ts';
import { DEFAULT_RESTART, restartDelay } from '../../src/cli/up/service.ts';
import { cutToColumns, displayWidth } from '../../src/cli/width.ts';
import { loadConfig } from '../../src/config.ts';

describe('profai worker flags', () => {
  const env = { WORKER_CONCURRENCY: '3', TASK_MODULES: '/env/tasks.js', WORKER_QUEUES: 'a' };

  test('each flag sets its setting and wins over the environment', () => {
    const config = loadConfig(
      env,
      workerOverrides({
        concurrency: 2,
        maxTasksPerChild: 7,
        maxMemoryPerChild: 500,
        hardMemoryLimit: 900,
        childHeap: 256,
        queues: 'pdf_processing,quiz_generation',
        tasksModule: ['/a.js', '/b.js'],
      }),
    );
    assert.equal(config.concurrency, 2);
    assert.equal(config.maxTasksPerChild, 7);
    assert.equal(config.maxMemoryPerChildMb, 500);
    assert.equal(config.hardMemoryLimitMb, 900);
    assert.equal(config.childHeapMb, 256);
    assert.deepEqual(config.queues, ['pdf_processing', 'quiz_generation']);
    assert.deepEqual(config.taskModules, ['/a.js', '/b.js']);
  });

  test('absent flags leave the environment alone', () => {
    const config = loadConfig(env, workerOverrides({}));
    assert.equal(config.concurrency, 3);
    assert.deepEqual(config.taskModules, ['/env/tasks.js']);
    assert.deepEqual(config.queues, ['a']);
  });
});

test('a wildcard listen address is shown as a loopback URL', () => {
  assert.equal(displayUrl('http://0.0.0.0:5001'), 'http://127.0.0.1:5001');
  assert.equal(displayUrl('http://10.1.2.3:5001'), 'http://10.1.2.3:5001');
});

test('restart delays double from 1 s to 30 s, then up gives up', () => {
  const delays = [0, 1, 2, 3, 4, 5].map((n) => restartDelay(n));
  assert.deepEqual(delays, [1000, 1000, 2000, 4000, 8000, null]);
  assert.equal(restartDelay(4, { ...DEFAULT_RESTART, maxQuickFailures: 99, maxDelayMs: 5000 }), 5000);
});

describe('prefixed output', () => {
  test('names padded to one width, colours only when asked', () => {
    assert.equal(formatPrefix('api', 7), 'api    | ');
    assert.equal(formatPrefix('worker1', 7), 'worker1| ');
    assert.equal(formatPrefix('api', 3, 36), '\x1b[36mapi| \x1b[0m');
  });

  test('lines split across chunks come out whole, each prefixed', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push('one\ntw'), ['one']);
    assert.deepEqual(splitter.push('o\r\nthree'), ['two']);
    assert.deepEqual(splitter.flush(), ['three']);
    const out = new PassThrough();
    const err = new PassThrough();
    const output = new PrefixedOutput(['up', 'api', 'worker1'], false, out, err);
    output.write('api', ['a', 'b']);
    output.write('worker1', ['oops'], true);
    output.say('stopping');
    assert.equal(out.read().toString(), 'api    | a\napi    | b\nup     | stopping\n');
    assert.equal(err.read().toString(), 'worker1| oops\n');
  });

  test('a UTF-8 character split across two chunks comes out whole', () => {
    const splitter = new LineSplitter();
    const bytes = Buffer.from('講義 ready.\nnaïve\n');
    // 講 is three bytes: cut after its first; ï is two: cut between them.
    const cuts = [1, bytes.indexOf(Buffer.from('ï')) + 1];
    const lines = [
      ...splitter.push(bytes.subarray(0, cuts[0])),
      ...splitter.push(bytes.subarray(cuts[0], cuts[1])),
      ...splitter.push(bytes.subarray(cuts[1])),
      ...splitter.flush(),
    ];
    assert.deepEqual(lines, ['講義 ready.', 'naïve']);
    assert.deepEqual(new LineSplitter().push(Buffer.from([0xe8, 0xac])), [], 'half a character waits');
  });
});

describe('text measured by display width', () => {
  test('a table with Japanese titles lines up: columns padded to display width, not string length', () => {
    const table = renderTable(
      ['title', 'pages'],
      [
        ['日本語の教科書', 12],
        ['Physics', 7],
      ],
    );
    const lines = table.split('\n');
    assert.deepEqual(lines, [
      'title           pages',
      '──────────────  ─────',
      '日本語の教科書     12',
      'Physics             7',
    ]);
    assert.equal(displayWidth(lines[2]!), displayWidth(lines[3]!));
  });

  test('the progress line is cut to the terminal by display width, never through a wide character', () => {
    const text = progressText('第一章の講義ノート.pdf', 'extract', 3, 10, 30);
    // 22 columns of name (nine wide characters), two spaces, then what fits of the stage in 29 columns.
    assert.equal(text, '第一章の講義ノート.pdf  extra');
    assert.equal(displayWidth(text), 29);
    assert.equal(cutToColumns('日本語', 5), '日本', 'a wide character that does not fit is left out whole');
    assert.equal(progressText('a.pdf', 'extract', 3, 10, 80), `a.pdf  extract   ${renderBar(3, 10)}`);
  });
});
