/** The task registry and the pure helpers of the fleet (no Redis, no processes). */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { ProfaiError } from '../../src/domain/errors.ts';
import { serializeError, TaskModuleError, UnknownTaskError } from '../../src/fleet/errors.ts';
import {
  CHILD_NODE_FLAGS,
  childEnv,
  childExecArgv,
  SUPERVISOR_NODE_FLAGS,
} from '../../src/fleet/pool/child-handle.ts';
import { queueOfJobId } from '../../src/fleet/queues.ts';
import { createRegistry, loadTaskModule, TaskRegistry, tasksOf } from '../../src/fleet/registry.ts';
import { describeRedisUrl } from '../../src/lib/urls.ts';
import { TASKS_MODULE } from '../../src/tasks/index.ts';
import { JOB_ID_PREFIXES, PDF_TASK, QUIZ_TASK } from '../../src/tasks/names.ts';
import { overallPercent } from '../../src/tasks/progress.ts';
import { TEST_TASKS } from '../support/workers.ts';

describe('task registry', () => {
  test('registers the two real tasks and those of an extra module', async () => {
    const registry = await createRegistry([TASKS_MODULE, TEST_TASKS], loadConfig({}));
    assert.ok(registry.has(PDF_TASK));
    assert.ok(registry.has(QUIZ_TASK));
    assert.ok(registry.names().includes('test.sleep'));
    assert.deepEqual(registry.names(), [...registry.names()].sort());
    assert.throws(() => registry.get(PDF_TASK).preflight!(), /DATABASE_URL is required for a worker/);
  });

  test('an unknown task is a permanent error', () => {
    const registry = new TaskRegistry();
    assert.throws(() => registry.get('x.y'), UnknownTaskError);
    assert.equal(new UnknownTaskError('x.y').permanent, true);
  });

  test('a name without a queue, or registered twice, is refused', () => {
    const registry = new TaskRegistry();
    const handler = async () => null;
    assert.throws(() => registry.register({ name: 'noqueue', handler }), TaskModuleError);
    registry.register({ name: 'q.a', handler });
    assert.throws(() => registry.register({ name: 'q.a', handler }), /registered twice/);
  });

  test('tasksOf finds task objects and arrays of them, nothing else', () => {
    const a = { name: 'q.a', handler: async () => 1 };
    const b = { name: 'q.b', handler: async () => 2 };
    const found = tasksOf({ a, list: [b, 3], helper: () => 0, name: 'q.c' });
    assert.deepEqual(
      found.map((t) => t.name),
      ['q.a', 'q.b'],
    );
  });

  test('a module without tasks is refused with its path', async () => {
    await assert.rejects(loadTaskModule('src/fleet/pool/memory.ts'), /memory\.ts exports no task/);
  });

  test('a module exporting createTasks is given the settings and its tasks are what it returns', () => {
    const handler = async () => null;
    const createTasks = (settings: { n: number }) => [{ name: `q.made${settings.n}`, handler }];
    const found = tasksOf({ createTasks, stray: { name: 'q.ignored', handler } }, { n: 7 });
    assert.deepEqual(
      found.map((t) => t.name),
      ['q.made7'],
    );
  });
});

describe('fleet helpers', () => {
  test("child flags keep tsx, drop debugger flags and the supervisor's young generation, add the heap cap", () => {
    const dev = new URL('file:///x/child.ts');
    assert.deepEqual(childExecArgv(['--inspect=9229'], 0, dev), ['--import', 'tsx', ...CHILD_NODE_FLAGS]);
    assert.deepEqual(childExecArgv(['--import', 'tsx', '--max-old-space-size=99'], 512, dev), [
      '--import',
      'tsx',
      ...CHILD_NODE_FLAGS,
      '--max-old-space-size=512',
    ]);
    const js = new URL('file:///x/child.js');
    assert.deepEqual(childExecArgv([], 0, js), CHILD_NODE_FLAGS);
    assert.deepEqual(childExecArgv([...SUPERVISOR_NODE_FLAGS], 0, js), CHILD_NODE_FLAGS);
    assert.deepEqual(
      childExecArgv(
        ['--heap-growing-percent=90', '--max-semi-space-size=64', '--interrupt-budget=1000'],
        0,
        js,
      ),
      CHILD_NODE_FLAGS,
    );
    // Only the budget itself is the child's: V8's other interrupt-budget flags an operator set are kept.
    const feedback = '--interrupt-budget-factor-for-feedback-allocation=4';
    assert.deepEqual(childExecArgv([feedback, '--interrupt_budget=9'], 0, js), [
      feedback,
      ...CHILD_NODE_FLAGS,
    ]);
  });

  test("a child's malloc keeps two arenas and maps blocks of 1 MB on their own unless the operator chose, and keeps the rest of the environment", () => {
    assert.deepEqual(childEnv({ REDIS_URL: 'redis://r' }), {
      REDIS_URL: 'redis://r',
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '1048576',
    });
    assert.equal(childEnv({ MALLOC_ARENA_MAX: '8' }).MALLOC_ARENA_MAX, '8');
    assert.equal(childEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_, '65536');
  });

  test('a supervisor started with code on the command line (node -e/-p/--eval) does not pass it to its children', () => {
    const js = new URL('file:///x/child.js');
    const start = "import('profai').then((m) => m.startWorker())";
    for (const argv of [
      ['-e', start, '--max-semi-space-size=2'],
      ['--eval', start],
      [`--eval=${start}`],
      ['-p', start],
      ['--print', start],
      ['-pe', start],
      ['--input-type=module', '-e', start],
      ['--input-type', 'module', '--eval', start],
      ['-i'],
    ])
      assert.deepEqual(childExecArgv(argv, 0, js), CHILD_NODE_FLAGS, argv.join(' '));
    assert.deepEqual(childExecArgv(['--import', 'tsx', '-e', start], 0, js), [
      '--import',
      'tsx',
      ...CHILD_NODE_FLAGS,
    ]);
  });

  test('errors cross IPC with their code, one-line message and permanence', () => {
    const permanent = serializeError(new ProfaiError('corrupt', 'corrupt PDF: bad xref'));
    assert.deepEqual(permanent, {
      name: 'ProfaiError',
      code: 'corrupt',
      message: 'corrupt PDF: bad xref',
      permanent: true,
    });
    const transient = serializeError(new TypeError('x is not a function\n    at stack'));
    assert.equal(transient.permanent, false);
    assert.equal(transient.message, 'TypeError: x is not a function');
  });

  test('job ids name their queue', () => {
    const client = { options: { idPrefixes: JOB_ID_PREFIXES } };
    assert.equal(queueOfJobId(client, 'pdf-0123456789abcdef'), 'pdf_processing');
    assert.equal(queueOfJobId(client, 'quiz-0123'), 'quiz_generation');
    assert.equal(queueOfJobId(client, 'test-9b98377c-0d5c'), 'test');
  });

  test('the Redis URL is shown with host, port and db, password redacted', () => {
    assert.equal(describeRedisUrl('redis://:s3cret@cache:6380/2'), 'redis://:***@cache:6380/2');
    assert.equal(describeRedisUrl('redis://127.0.0.1'), 'redis://127.0.0.1:6379/0');
  });

  test('PDF progress is one percent across stages', () => {
    assert.equal(overallPercent('load', 0, 1), 0);
    assert.equal(overallPercent('extract', 5, 10), 15);
    assert.equal(overallPercent('ocr', 1, 2), 37.5);
    assert.equal(overallPercent('save', 1, 1), 100);
  });
});
