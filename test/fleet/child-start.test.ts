/**
 * Children that never get ready (a module load that hangs, or a crash before ready): each is killed after
 * CHILD_START_TIMEOUT_S and forked again with backoff, and after CHILD_START_ATTEMPTS failures in a row the pool
 * gives up instead of waiting for ever: start() rejects with one line; once started, the job waiting for the slot
 * goes back to the queue unattempted and the worker exits with code 1. Real child processes; real Redis for the
 * worker.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ProfaiError } from '../../src/domain/errors.ts';
import { createLogger } from '../../src/fleet/log.ts';
import { ChildPool, type PoolOptions } from '../../src/fleet/pool/child-pool.ts';
import { usableSetpriv } from '../../src/fleet/pool/parent-death.ts';
import { enqueueTask } from '../../src/fleet/queues.ts';
import { isAlive } from '../support/cli-processes.ts';
import { startRedisGate } from '../support/redis-gate.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  TEST_TASKS,
  testEnv,
  waitFor,
  waitForState,
} from '../support/workers.ts';

const STUCK_TASKS = fileURLToPath(new URL('../support/stuck-start-tasks.ts', import.meta.url));
/** The hook is read by the children, which inherit this process's environment. */
const HOOK = ['TEST_STUCK_START', 'TEST_STUCK_PIDS'] as const;
/** Without a bound, these tests would wait for ever: the runner's timeout turns that into a failure. */
const HANG_GUARD = { timeout: 90_000 };

const pidsFile = () => join(tmpdir(), `stuck-pids-${randomBytes(4).toString('hex')}`);
const pidsIn = (file: string) => readFileSync(file, 'utf8').trim().split('\n').map(Number);
/** Alive and not a zombie waiting for its new parent to reap it. */
const running = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

function stuckPool(
  mode: 'hang' | 'spin' | 'crash' | 'flaky' | 'late-flaky' | 'ready-exit' | 'none',
  pids: string,
  opts: Partial<PoolOptions> = {},
): ChildPool {
  process.env.TEST_STUCK_START = mode;
  process.env.TEST_STUCK_PIDS = pids;
  return new ChildPool({
    size: 2,
    maxTasksPerChild: 1e9,
    maxMemoryPerChildMb: 1000,
    hardMemoryLimitMb: 0,
    childHeapMb: 0,
    // Long enough for a child under tsx to load the module that hangs (so the pids file names it).
    startTimeoutMs: 5000,
    startAttempts: 2,
    init: { taskModules: [TEST_TASKS, STUCK_TASKS], taskSettings: null, logLevel: 'silent', preload: false },
    log: createLogger('silent'),
    ...opts,
  });
}

describe('children that never get ready', () => {
  const files: string[] = [];
  afterEach(() => {
    for (const name of HOOK) delete process.env[name];
    for (const file of files.splice(0)) {
      rmSync(file, { force: true });
      rmSync(`${file}.first`, { force: true });
    }
  });

  test(
    'a child hanging in its start-up: killed, forked again, then start() rejects in one line',
    HANG_GUARD,
    async () => {
      const pids = pidsFile();
      files.push(pids);
      const pool = stuckPool('hang', pids, { forkAtStart: true });
      const err = await pool.start().then(
        () => assert.fail('start() returned with no child ready'),
        (e: unknown) => e,
      );
      await pool.close();
      assert.ok(err instanceof ProfaiError);
      assert.equal(err.code, 'child_start');
      assert.match(
        err.message,
        /^worker children cannot start: slot \d failed 2 times in a row \(CHILD_START_ATTEMPTS\), last: child not ready after 5 s \(CHILD_START_TIMEOUT_S\)$/,
      );
      const forked = pidsIn(pids);
      assert.ok(forked.length >= 2, `each failed start was a new child (${forked.length} forked)`);
      // Killed, and reaped once the pool has seen them exit.
      await waitFor('every hung child killed', async () => (forked.some(isAlive) ? null : true));
    },
  );

  test('a child crashing before ready: start() rejects with its exit', HANG_GUARD, async () => {
    const pids = pidsFile();
    files.push(pids);
    const pool = stuckPool('crash', pids, { forkAtStart: true, startTimeoutMs: 60_000, startAttempts: 3 });
    await assert.rejects(
      pool.start(),
      /failed 3 times in a row .*last: child exited at start-up \(exit code 3\)$/,
    );
    await pool.close();
  });

  test(
    'a slot giving up through a ready child that dies while another slot still starts: start() rejects',
    HANG_GUARD,
    async () => {
      const pids = pidsFile();
      files.push(pids);
      const gaveUp: ProfaiError[] = [];
      // One slot's child gets ready late and stays; the other slot's children die soon after ready, twice.
      const pool = stuckPool('flaky', pids, {
        forkAtStart: true,
        startTimeoutMs: 60_000,
        onGiveUp: (e) => gaveUp.push(e),
      });
      const err = await pool.start().then(
        () => null,
        (e: unknown) => e,
      );
      const outcome = err ? null : await pool.run({ jobId: 'f1', task: 'test.noop', data: {}, attempt: 1 });
      await pool.close();
      assert.ok(
        err instanceof ProfaiError,
        `start() returned though the pool gave up (run: ${JSON.stringify(outcome)}, onGiveUp calls: ${gaveUp.length})`,
      );
      assert.match(
        err.message,
        /failed 2 times in a row .*last: child exited \(exit code 0\) within 5 s of being ready$/,
      );
      assert.deepEqual(gaveUp, [], 'at start, start() rejects instead');
    },
  );

  test(
    'once started: the run answers `released` and the pool says it gave up, once',
    HANG_GUARD,
    async () => {
      const pids = pidsFile();
      files.push(pids);
      const gaveUp: ProfaiError[] = [];
      const pool = stuckPool('hang', pids, { forkAtStart: false, size: 1, onGiveUp: (e) => gaveUp.push(e) });
      await pool.start();
      const outcome = await pool.run({ jobId: 'j1', task: 'test.noop', data: {}, attempt: 1 });
      assert.deepEqual(outcome, { kind: 'released' });
      assert.equal(gaveUp.length, 1);
      assert.match(gaveUp[0]!.message, /^worker children cannot start: slot 0 failed 2 times/);
      // Later runs do not fork again.
      assert.deepEqual(await pool.run({ jobId: 'j2', task: 'test.noop', data: {}, attempt: 1 }), {
        kind: 'released',
      });
      assert.equal(pidsIn(pids).length, 2);
      assert.equal(gaveUp.length, 1);
      await pool.close();
    },
  );

  test(
    'a child slow to get ready that dies soon after ready failed to start: the window counts from ready',
    HANG_GUARD,
    async () => {
      const pids = pidsFile();
      files.push(pids);
      const gaveUp: ProfaiError[] = [];
      // Each child is ready ~6 s after its fork (past the 5 s window from the fork) and dies 0.3 s later.
      const pool = stuckPool('late-flaky', pids, {
        size: 1,
        forkAtStart: true,
        startTimeoutMs: 60_000,
        startAttempts: 1,
        onGiveUp: (e) => gaveUp.push(e),
      });
      await pool.start();
      await waitFor('the pool to give up', async () => (gaveUp.length > 0 ? true : null), 30_000);
      assert.match(gaveUp[0]!.message, /last: child exited \(exit code 0\) within 5 s of being ready$/);
      await pool.close();
    },
  );

  test(
    'released while a child starts: the start is cancelled (child killed), the run answers `released`',
    HANG_GUARD,
    async () => {
      const pids = pidsFile();
      files.push(pids);
      // A start timeout longer than the test's guard: only the release can end this start in time.
      const pool = stuckPool('hang', pids, { forkAtStart: false, size: 1, startTimeoutMs: 120_000 });
      await pool.start();
      const running = pool.run({ jobId: 'r1', task: 'test.noop', data: {}, attempt: 1 });
      const [pid] = await waitFor('a child starting', async () => {
        try {
          return pidsIn(pids);
        } catch {
          return null;
        }
      });
      pool.release();
      assert.deepEqual(await running, { kind: 'released' });
      await waitFor('the starting child killed', async () => (isAlive(pid!) ? null : true));
      assert.deepEqual(pidsIn(pids), [pid], 'no child forked after the release');
      await pool.close();
    },
  );

  test(
    'a child that dies in its first task did start: no give-up, the next task runs',
    HANG_GUARD,
    async () => {
      const gaveUp: ProfaiError[] = [];
      const pool = stuckPool('none', pidsFile(), {
        size: 1,
        startAttempts: 1,
        onGiveUp: (e) => gaveUp.push(e),
      });
      await pool.start();
      const running = pool.run({ jobId: 'k1', task: 'test.sleep', data: { ms: 60_000 }, attempt: 1 });
      const [child] = await waitFor('the task to run', async () => {
        const busy = pool.snapshot().filter((c) => c.busy);
        return busy.length === 1 ? busy : null;
      });
      process.kill(child!.pid, 'SIGKILL');
      const crashed = await running;
      assert.equal(crashed.kind, 'error');
      const next = await pool.run({ jobId: 'k2', task: 'test.noop', data: {}, attempt: 1 });
      assert.equal(next.kind, 'ok');
      assert.deepEqual(gaveUp, []);
      await pool.close();
    },
  );

  test(
    'a worker whose children cannot start exits with code 1; its job waits in the queue, unattempted',
    HANG_GUARD,
    async () => {
      const pids = pidsFile();
      files.push(pids);
      const prefix = randomPrefix();
      const settings = { CHILD_START_TIMEOUT_S: '10', CHILD_START_ATTEMPTS: '2' };
      const { client, cleanup } = openTestClient(prefix, settings);
      const worker = spawnWorker({
        ...testEnv(prefix, settings),
        TASK_MODULES: `${TEST_TASKS},${STUCK_TASKS}`,
        TEST_STUCK_START: 'hang',
        TEST_STUCK_PIDS: pids,
      });
      try {
        await worker.waitForLine(/ ready\.$/, 60_000);
        const { id } = await enqueueTask(client, 'test.noop', {});
        const line = await worker.waitForLine(/giving up: children cannot start/, 45_000);
        assert.match(line, /failed 2 times in a row/);
        assert.deepEqual(await worker.exited, { code: 1, signal: null });
        const view = await waitForState(client, id, 'waiting');
        assert.equal(view.attempts, 0, 'the job used none of its attempts');
        await waitFor('the hung children killed', async () => (pidsIn(pids).some(isAlive) ? null : true));
      } finally {
        await killAll([worker]);
        await cleanup();
      }
    },
  );
  test(
    'a worker whose pool gives up after start() but before the worker is ready exits with code 1 and its line',
    HANG_GUARD,
    async () => {
      const pids = pidsFile();
      files.push(pids);
      const prefix = randomPrefix();
      // CHILD_PRELOAD forks the child in pool.start(); it is ready, so start() returns, then it exits at once: one
      // failed start, and the pool gives up. Meanwhile the worker waits for its queues' Redis connections, which
      // the gate holds (only the worker's first, shared connection goes through) until the pool has given up.
      const settings = { CHILD_START_ATTEMPTS: '1', CHILD_PRELOAD: 'true', WORKER_CONCURRENCY: '1' };
      const gate = await startRedisGate(1);
      const { cleanup } = openTestClient(prefix, settings);
      const worker = spawnWorker({
        ...testEnv(prefix, settings),
        REDIS_URL: gate.url,
        TASK_MODULES: `${TEST_TASKS},${STUCK_TASKS}`,
        TEST_STUCK_START: 'ready-exit',
        TEST_STUCK_PIDS: pids,
      });
      try {
        await worker.waitForLine(/giving up: children cannot start/, 60_000);
        assert.ok(gate.held() > 0, 'the worker was still connecting its queues');
        assert.ok(
          !worker.lines.some((l) => / ready\.$/.test(l)),
          'the pool gave up before the worker was ready',
        );
        gate.open();
        await worker.waitForLine(/ ready\.$/, 30_000);
        const exit = await Promise.race([
          worker.exited,
          new Promise<'running'>((resolve) => setTimeout(() => resolve('running'), 30_000).unref()),
        ]);
        assert.deepEqual(exit, { code: 1, signal: null }, 'the worker stopped for its failure');
        assert.match(
          worker.stderr(),
          /^worker children cannot start: slot 0 failed 1 times in a row \(CHILD_START_ATTEMPTS\), last: child exited \(exit code 0\) within 5 s of being ready\n$/,
        );
      } finally {
        await killAll([worker]);
        await gate.close();
        await cleanup();
      }
    },
  );
  test(
    'a child spinning in its start-up dies with its supervisor when the supervisor is SIGKILLed',
    HANG_GUARD,
    async () => {
      // Without it the kernel kills nothing and this child would rightly outlive its supervisor: say so, not that.
      assert.equal(
        usableSetpriv(),
        'setpriv',
        'this test needs util-linux setpriv with --pdeathsig (2.33 or later) on the PATH',
      );
      const pids = pidsFile();
      files.push(pids);
      const prefix = randomPrefix();
      // Forked at start (CHILD_PRELOAD), never ready, and no start timeout within the test: only its supervisor's
      // death can end it. Spinning, it never sees its IPC channel close.
      const settings = { CHILD_PRELOAD: 'true', CHILD_START_TIMEOUT_S: '600', WORKER_CONCURRENCY: '1' };
      const { cleanup } = openTestClient(prefix, settings);
      const worker = spawnWorker({
        ...testEnv(prefix, settings),
        TASK_MODULES: `${TEST_TASKS},${STUCK_TASKS}`,
        TEST_STUCK_START: 'spin',
        TEST_STUCK_PIDS: pids,
      });
      let child = 0;
      try {
        const [first] = await waitFor(
          'the child spinning',
          async () => {
            try {
              return pidsIn(pids);
            } catch {
              return null;
            }
          },
          60_000,
        );
        child = first!;
        assert.ok(running(child), 'the child spins');
        worker.proc.kill('SIGKILL');
        await worker.exited;
        await waitFor('the orphaned child gone', async () => (running(child) ? null : true), 20_000);
      } finally {
        if (child && running(child)) process.kill(child, 'SIGKILL');
        await killAll([worker]);
        await cleanup();
      }
    },
  );
});
