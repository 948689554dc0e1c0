/**
 * The child pool on its own (real child processes, no Redis): spares forked ahead of a quota so the slot does
 * not wait for a fork, recycling counts unchanged by them, idle spares and idle children let go; how children die
 * with the supervisor (setpriv, or the IPC watch when it fails); a task sent to a dead child.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SETTINGS } from '../../src/config.ts';
import { createLogger } from '../../src/fleet/log.ts';
import { ChildHandle, childExecArgv } from '../../src/fleet/pool/child-handle.ts';
import {
  ChildPool,
  LEAVE_WAIT_MS,
  type PoolOptions,
  SPARE_BESIDE_MAX_MB,
} from '../../src/fleet/pool/child-pool.ts';
import { usableSetpriv } from '../../src/fleet/pool/parent-death.ts';
import { sleep } from '../../src/lib/time.ts';
import { isAlive } from '../support/cli-processes.ts';
import { TEST_TASKS, waitFor } from '../support/workers.ts';

const SLOW_START_TASKS = fileURLToPath(new URL('../support/slow-start-tasks.ts', import.meta.url));

function openPool(opts: Partial<PoolOptions> = {}): ChildPool {
  return new ChildPool({
    size: 1,
    maxTasksPerChild: 1e9,
    maxMemoryPerChildMb: 1000,
    hardMemoryLimitMb: 0,
    childHeapMb: 0,
    startTimeoutMs: SETTINGS.childStartTimeoutS.default * 1000,
    startAttempts: SETTINGS.childStartAttempts.default,
    init: { taskModules: [TEST_TASKS], taskSettings: null, logLevel: 'silent', preload: false },
    log: createLogger('silent'),
    ...opts,
  });
}

let jobs = 0;
/** Runs a test task to its end on the pool; returns the pid of the child that ran it. */
async function runOn(pool: ChildPool, task: string, data: unknown): Promise<number> {
  const outcome = await pool.run({ jobId: `j${++jobs}`, task, data, attempt: 1 });
  assert.equal(outcome.kind, 'ok');
  return (outcome.kind === 'ok' ? (outcome.value as { pid: number }) : { pid: -1 }).pid;
}

const runSleep = (pool: ChildPool, ms: number) => runOn(pool, 'test.sleep', { ms });

/** A task whose child, once retired or let go, takes `exitMs` to close what it opened. */
const runSlowExit = (pool: ChildPool, exitMs: number) => runOn(pool, 'test.slow_exit', { ms: exitMs });

describe('child pool', () => {
  const pools: ChildPool[] = [];
  after(async () => {
    for (const pool of pools) await pool.close();
  });

  test('short tasks: the replacement is forked ahead and takes over; counts as before', async () => {
    const pool = openPool({ maxTasksPerChild: 2 });
    pools.push(pool);
    await pool.start();
    const first = await runSleep(pool, 5);
    assert.equal(await runSleep(pool, 5), first);
    // Two 5 ms tasks against a fork of tens of ms: a spare is forked before the quota is reached.
    const [spare] = await waitFor('a spare', async () =>
      pool.sparePids.length === 1 ? pool.sparePids : null,
    );
    const third = await runSleep(pool, 5);
    assert.equal(third, spare, 'the third task ran on the spare, not on a child forked after it arrived');
    assert.notEqual(third, first);
    await runSleep(pool, 5);
    await runSleep(pool, 5);
    await runSleep(pool, 5);
    assert.deepEqual(pool.recycles, { tasks: 2, memory: 0, crash: 0 });
    assert.equal(pool.snapshot().length, 1, 'a spare is not a slot child');
    assert.equal(pool.snapshot()[0]?.tasks, 2);
    await waitFor('the first child to leave', async () => (isAlive(first) ? null : true));
  });

  test('a replacement is forked once the child it replaces has exited (quota and memory recycles)', async () => {
    for (const limits of [{ maxTasksPerChild: 1 }, { maxMemoryPerChildMb: 32 }]) {
      const pool = openPool(limits);
      pools.push(pool);
      await pool.start();
      // The first child takes 3 s to close its tasks once retired: well beyond a fork even on a loaded machine
      // (so a fork that did not wait would overlap it), and under LEAVE_WAIT_MS (so it is not killed first).
      const firstPid = await runSlowExit(pool, 3000);
      const next = await pool.run({
        jobId: `j${++jobs}`,
        task: 'test.is_running',
        data: { pid: firstPid },
        attempt: 1,
      });
      assert.equal(next.kind, 'ok');
      const seen = next.kind === 'ok' ? (next.value as { running: boolean; pid: number }) : null;
      assert.notEqual(seen?.pid, firstPid, `${JSON.stringify(limits)}: the second task ran on a new child`);
      assert.equal(
        seen?.running,
        false,
        `${JSON.stringify(limits)}: the retired child was gone when its replacement ran`,
      );
    }
  });

  test('release while a replacement waits for the retired child: `released` at once, and no new child', async () => {
    const pool = openPool({ maxTasksPerChild: 1 });
    pools.push(pool);
    await pool.start();
    // The retired child would take 30 s to leave: the next run waits for it (up to LEAVE_WAIT_MS).
    const firstPid = await runSlowExit(pool, 30_000);
    const startedAt = Date.now();
    const second = pool.run({ jobId: `j${++jobs}`, task: 'test.sleep', data: { ms: 10 }, attempt: 1 });
    await sleep(300);
    pool.release();
    const outcome = await second;
    const tookMs = Date.now() - startedAt;
    assert.equal(outcome.kind, 'released');
    assert.ok(tookMs < LEAVE_WAIT_MS, `released after ${tookMs} ms: it sat out the leave wait`);
    assert.deepEqual(pool.snapshot(), [], 'no child was forked for a released pool');
    await waitFor('the retired child to be gone', async () => (isAlive(firstPid) ? null : true), 10_000);
  });

  test('close while a replacement waits for the retired child: close sees it gone, and no new child', async () => {
    const pool = openPool({ maxTasksPerChild: 1 });
    await pool.start();
    const firstPid = await runSlowExit(pool, 30_000);
    const second = pool.run({ jobId: `j${++jobs}`, task: 'test.sleep', data: { ms: 10 }, attempt: 1 });
    await sleep(300);
    await pool.close(1000);
    assert.equal(isAlive(firstPid), false, 'close returned with the retired child still there');
    assert.equal((await second).kind, 'released');
    assert.deepEqual(pool.snapshot(), [], 'no child was forked for a closed pool');
  });

  test('a child let go whose dispose hangs is killed after LEAVE_WAIT_MS, with a warning (idle exit)', async () => {
    const lines: string[] = [];
    const pool = openPool({ idleExitMs: 300, log: createLogger('warn', {}, (line) => lines.push(line)) });
    pools.push(pool);
    await pool.start();
    // This child's dispose takes 30 s: nothing waits for its slot, so only the let-go path can end it.
    const pid = await runSlowExit(pool, 30_000);
    await waitFor('the idle child to leave its slot', async () =>
      pool.snapshot().length === 0 ? true : null,
    );
    await waitFor(
      'the hung child to be killed',
      async () => (isAlive(pid) ? null : true),
      LEAVE_WAIT_MS + 10_000,
    );
    const warned = lines.map((l) => JSON.parse(l) as { msg: string; childPid?: number });
    assert.ok(
      warned.some((l) => l.msg === 'child killed: still there after leaving' && l.childPid === pid),
      `a warning names the killed child: ${lines.join('')}`,
    );
  });

  test('no spare is forked beside a child that holds more than SPARE_BESIDE_MAX_MB', async () => {
    const pool = openPool({ maxTasksPerChild: 4 });
    pools.push(pool);
    await pool.start();
    const big = await pool.run({
      jobId: `j${++jobs}`,
      task: 'test.allocate',
      data: { mb: 200, holdMs: 0 },
      attempt: 1,
    });
    assert.equal(big.kind, 'ok');
    const rss = pool.snapshot()[0]?.rssMb ?? 0;
    assert.ok(rss > SPARE_BESIDE_MAX_MB, `the child holds ${rss} MB`);
    // Short tasks with the quota near: a small child would get a spare here (the first test).
    await runSleep(pool, 5);
    await runSleep(pool, 5);
    await sleep(1000);
    assert.deepEqual(pool.sparePids, [], 'no spare beside the big child');
  });

  test('a spare nobody needs leaves after the idle time', async () => {
    const pool = openPool({ maxTasksPerChild: 1, spareIdleMs: 300 });
    pools.push(pool);
    await pool.start();
    await runSleep(pool, 5); // measures a task: the pool knows tasks are short from now on
    await runSleep(pool, 5);
    const [spare] = await waitFor('a spare', async () =>
      pool.sparePids.length === 1 ? pool.sparePids : null,
    );
    await waitFor('the idle spare to leave', async () => (isAlive(spare!) ? null : true), 10_000);
    assert.deepEqual(pool.sparePids, []);
    assert.equal(pool.recycles.tasks, 1, 'dropping a spare is not a replacement');
    const pid = await runSleep(pool, 5);
    assert.notEqual(pid, spare);
    assert.equal(pool.recycles.tasks, 2);
  });

  test('CHILD_IDLE_EXIT_S: an idle child leaves (no recycle); the next task forks one; a busy one stays', async () => {
    const pool = openPool({ size: 2, idleExitMs: 400 });
    pools.push(pool);
    await pool.start();
    const started = pool.snapshot().map((c) => c.pid);
    assert.equal(started.length, 2);
    // A task longer than the idle time keeps its child; the other slot's child leaves meanwhile.
    const busyPid = await runSleep(pool, 900);
    assert.ok(started.includes(busyPid));
    const other = started.find((pid) => pid !== busyPid)!;
    assert.deepEqual(
      pool.snapshot().map((c) => c.pid),
      [busyPid],
      'the child that had no task left the slot while the other worked',
    );
    // Its process may take a moment more to end on a loaded machine.
    await waitFor('the idle child to end', async () => (isAlive(other) ? null : true));
    await waitFor('the last child to leave', async () => (pool.snapshot().length === 0 ? true : null), 5000);
    await waitFor('its process to end', async () => (isAlive(busyPid) ? null : true));
    const next = await runSleep(pool, 5);
    assert.ok(!started.includes(next), 'a new child for the next task');
    assert.deepEqual(pool.recycles, { tasks: 0, memory: 0, crash: 0 });
  });

  test('start() returns with a child in every slot, however much later than another one a child is ready', async () => {
    const claim = join(tmpdir(), `pool-claim-${randomBytes(4).toString('hex')}`);
    const pool = openPool({
      size: 2,
      idleExitMs: 300,
      init: {
        taskModules: [SLOW_START_TASKS],
        taskSettings: { claim, slowMs: 1500 },
        logLevel: 'silent',
        preload: true,
      },
    });
    pools.push(pool);
    try {
      await pool.start();
    } finally {
      rmSync(claim, { force: true });
    }
    assert.equal(
      pool.snapshot().length,
      2,
      'the child ready first did not leave idle while the other started',
    );
  });

  test('forkAtStart false: no child until the first task; then one per slot given work, which stays', async () => {
    const pool = openPool({ size: 2, forkAtStart: false });
    pools.push(pool);
    await pool.start();
    assert.deepEqual(pool.snapshot(), [], 'a pool that has not worked holds no child');
    const first = await runSleep(pool, 5);
    assert.deepEqual(
      pool.snapshot().map((c) => c.pid),
      [first],
    );
    assert.equal(await runSleep(pool, 5), first, 'the next task reuses the child that is there');
    const both = await Promise.all([runSleep(pool, 300), runSleep(pool, 300)]);
    assert.equal(new Set(both).size, 2, 'two tasks at once: the second slot forks its child');
    assert.deepEqual(pool.recycles, { tasks: 0, memory: 0, crash: 0 });
  });

  test('a spare that dies is not a crash of the slot, and the next task still runs', async () => {
    const pool = openPool({ maxTasksPerChild: 1 });
    pools.push(pool);
    await pool.start();
    await runSleep(pool, 5);
    await runSleep(pool, 5);
    const [spare] = await waitFor('a spare', async () =>
      pool.sparePids.length === 1 ? pool.sparePids : null,
    );
    process.kill(spare!, 'SIGKILL');
    await waitFor('the spare to be gone', async () => (pool.sparePids.length === 0 ? true : null));
    const pid = await runSleep(pool, 5);
    assert.notEqual(pid, spare);
    assert.deepEqual(pool.recycles, { tasks: 2, memory: 0, crash: 0 });
  });

  test('without a quota in sight there is no spare', async () => {
    const pool = openPool();
    pools.push(pool);
    await pool.start();
    const pid = await runSleep(pool, 0);
    for (let i = 0; i < 20; i++) await runSleep(pool, 0);
    assert.deepEqual(pool.sparePids, []);
    assert.equal(pool.snapshot()[0]?.pid, pid);
    assert.equal(pool.snapshot()[0]?.tasks, 21);
  });

  test('close lets a spare go too', async () => {
    const pool = openPool({ maxTasksPerChild: 1 });
    await pool.start();
    await runSleep(pool, 5);
    const second = await runSleep(pool, 5);
    const [spare] = await waitFor('a spare', async () =>
      pool.sparePids.length === 1 ? pool.sparePids : null,
    );
    await pool.close();
    assert.equal(isAlive(second), false);
    assert.equal(isAlive(spare!), false);
  });
});

describe('children dying with their supervisor', () => {
  const linesOf = async (setpriv: string | undefined) => {
    const lines: string[] = [];
    const pool = openPool({ setpriv, log: createLogger('info', {}, (line) => lines.push(line)) });
    try {
      await pool.start();
      const pid = await runSleep(pool, 5);
      assert.ok(pid > 0, 'a child ran the task');
      await runSleep(pool, 5);
    } finally {
      await pool.close();
    }
    return lines
      .map((l) => JSON.parse(l) as { level: number; msg: string; via?: string; setpriv?: string })
      .filter((l) => /supervisor/.test(l.msg));
  };

  test('a setpriv that fails: one warning at start, and children forked without it still run tasks', async () => {
    const said = await linesOf('false');
    assert.deepEqual(
      said.map((l) => [l.level, l.msg, l.setpriv]),
      [
        [
          40,
          'setpriv --pdeathsig unavailable: children stop only when they see their supervisor gone',
          'false',
        ],
      ],
    );
  });

  test('a missing setpriv: the same fallback', () => {
    assert.equal(usableSetpriv(join(tmpdir(), 'no-such-setpriv')), null);
  });

  test('this host’s setpriv: one line at start saying children die with the supervisor', async () => {
    assert.equal(
      usableSetpriv(),
      'setpriv',
      'util-linux setpriv with --pdeathsig is needed on the test host',
    );
    const said = await linesOf(undefined);
    assert.deepEqual(
      said.map((l) => [l.level, l.msg, l.via]),
      [[30, 'children die with their supervisor', 'setpriv --pdeathsig KILL']],
    );
  });
});

describe('one child', () => {
  test('a task sent to a child that died answers with its exit', async () => {
    const init = {
      taskModules: [TEST_TASKS],
      taskSettings: null,
      logLevel: 'silent' as const,
      preload: false,
    };
    const child = await ChildHandle.start(init, childExecArgv(process.execArgv, 0));
    child.kill('SIGKILL');
    await child.exited;
    const answer = await child.run({ jobId: 'dead', task: 'test.noop', data: {}, attempt: 1 }, () => {});
    assert.deepEqual(answer, { kind: 'exited', exit: { code: null, signal: 'SIGKILL' } });
  });
});
