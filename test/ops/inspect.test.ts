import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enqueueTask } from '../../src/fleet/queues.ts';
import { workerName } from '../../src/fleet/supervisor.ts';
import type { ActiveTaskStatus, FleetSnapshot, WorkerStatus } from '../../src/ops/types.ts';
import { redisKeys } from '../../src/redis-keys.ts';
import { runCli, startWorkersInto } from '../support/ops.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
} from '../support/workers.ts';

const NAME = workerName({ workerNum: 1 });

describe('heartbeats, profai inspect and profai monitor on a real worker', { timeout: 300_000 }, () => {
  const prefix = randomPrefix();
  const env = testEnv(prefix, {
    WORKER_CONCURRENCY: '2',
    MAX_MEMORY_PER_CHILD_MB: '900',
    HARD_MEMORY_LIMIT_MB: '1200',
  });
  const { client, cleanup } = openTestClient(prefix);
  const workers: WorkerProcess[] = [];
  let jobId = '';

  before(async () => {
    await startWorkersInto(workers, 1, env);
    jobId = (await enqueueTask(client, 'test.sleep', { ms: 120_000 })).id;
    // Running, and past its first progress report, as the heartbeat sees it.
    await waitFor('the heartbeat to show the running task', async () => {
      const json = await client.redis.get(redisKeys.heartbeat(prefix, NAME));
      return json && JSON.parse(json).active?.[0]?.stage === 'sleep' ? true : null;
    });
  });
  after(async () => {
    await killAll(workers);
    await cleanup();
  });

  test('the heartbeat says who the worker is, what it runs and what it costs', async () => {
    const key = redisKeys.heartbeat(prefix, NAME);
    const hb = JSON.parse((await client.redis.get(key)) ?? '{}');
    assert.match(hb.name, /^worker1@/);
    assert.equal(hb.pool, 'prefork');
    assert.equal(hb.concurrency, 2);
    assert.deepEqual(hb.queues, ['test']);
    assert.ok(hb.registered.includes('test.sleep'));
    assert.match(hb.version, /^\d+\.\d+\.\d+/);
    assert.deepEqual(hb.limits, { softMb: 900, hardMb: 1200 });
    assert.equal(hb.children.length, 1, 'the slot given the job forked its child; the idle one has none yet');
    for (const c of hb.children)
      assert.ok(c.rssMb > 20 && typeof c.cpuPercent === 'number', JSON.stringify(c));
    assert.ok(hb.rssMb > 20 && hb.totalRssMb > hb.rssMb);
    assert.equal(typeof hb.cpuPercent, 'number');
    assert.deepEqual(
      hb.active.map((t: ActiveTaskStatus) => [t.id, t.name, t.stage, t.percent, t.attempt]),
      [[jobId, 'test.sleep', 'sleep', 0, 1]],
    );
    assert.ok(hb.children.some((c: { pid: number }) => c.pid === hb.active[0].childPid));
    // Expires on its own: three periods of HEARTBEAT_S=0.3.
    const ttl = await client.redis.pttl(key);
    assert.ok(ttl > 0 && ttl <= 900, `pttl ${ttl}`);
  });

  test('inspect ping, active, registered and stats answer with stable JSON keyed by hostname', async () => {
    const results = await Promise.all(
      ['ping', 'active', 'registered', 'stats'].map((a) => runCli(['inspect', a, '--json'], env)),
    );
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const [ping, active, registered, stats] = results;
    assert.deepEqual(JSON.parse(ping!.stdout), { [NAME]: { ok: 'pong' } });
    const tasks = JSON.parse(active!.stdout)[NAME] as ActiveTaskStatus[];
    assert.deepEqual(
      tasks.map((t) => ({ id: t.id, name: t.name, stage: t.stage, percent: t.percent })),
      [{ id: jobId, name: 'test.sleep', stage: 'sleep', percent: 0 }],
    );
    assert.ok(!Number.isNaN(Date.parse(tasks[0]!.startedAt)));
    const names = JSON.parse(registered!.stdout)[NAME] as string[];
    assert.ok(
      names.includes('test.sleep') && names.includes('pdf_processing.process_pdf_and_generate_course'),
    );
    assert.deepEqual(names, [...names].sort());
    const w = JSON.parse(stats!.stdout)[NAME] as WorkerStatus;
    assert.deepEqual(Object.keys(w).sort(), [
      'active',
      'children',
      'concurrency',
      'cpuPercent',
      'done',
      'failed',
      'heartbeatAt',
      'host',
      'hostname',
      'limits',
      'pid',
      'pool',
      'queues',
      'recycled',
      'registered',
      'rssMb',
      'startedAt',
      'state',
      'totalRssMb',
      'uptimeS',
      'version',
      'waiting',
    ]);
    assert.deepEqual(w.waiting, [], 'a worker waiting for nothing');
    assert.equal(w.pid, workers[0]!.proc.pid);
    assert.deepEqual(w.recycled, { tasks: 0, memory: 0, crash: 0, total: 0 });
  });

  test('inspect in text: one `name: pong` line; -d picks workers, none matching is exit 1', async () => {
    const ping = await runCli(['inspect', 'ping'], env);
    assert.equal(ping.stdout, `${NAME}: pong\n`);
    const active = await runCli(['inspect', 'active', '-d', NAME], env);
    assert.match(active.stdout, new RegExp(`^${NAME}: 1 active\\n  ↳ ${jobId} test.sleep   sleep 0%`));
    const nobody = await runCli(['inspect', 'ping', '-d', 'worker9@nowhere'], env);
    assert.equal(nobody.code, 1);
    assert.equal(nobody.stderr, 'profai: No workers replied\n');
  });

  test('monitor --json is one snapshot; the text has the fleet layout', async () => {
    const json = await runCli(['monitor', '--json'], env);
    assert.equal(json.code, 0, json.stderr);
    const s = JSON.parse(json.stdout) as FleetSnapshot;
    assert.equal(s.redis.up, true);
    assert.deepEqual(
      s.workers.map((w) => [w.hostname, w.pool, w.concurrency, w.active.length]),
      [[NAME, 'prefork', 2, 1]],
    );
    const q = s.queues.find((x) => x.name === 'test');
    assert.deepEqual(q && [q.waiting, q.active], [0, 1]);

    const text = await runCli(['monitor'], env);
    const lines = text.stdout.split('\n');
    assert.equal(lines[0], 'WORKER STATUS');
    assert.equal(lines[1], 'Found 1 active worker');
    assert.match(
      lines[2]!,
      /^Worker: worker1@\S+ {3}Pool: prefork {3}Max Concurrency: 2 {3}Active Tasks: 1 {3}RSS: \d+ MB {3}CPU: \d+% {3}Done: 0 {3}Recycled: 0$/,
    );
    assert.ok(lines.includes('QUEUE STATUS'));
    assert.ok(lines.includes('test: 0 waiting, 1 active, 0 delayed, 0 failed'), text.stdout);
    assert.ok(lines.includes('No tasks in queue (all workers available)'));
  });

  test('monitor shows waiting work instead of "No tasks in queue"', async () => {
    await client.queue('test').pause();
    const queued = await enqueueTask(client, 'test.noop', {}, { delay: 60_000 });
    const waiting = await enqueueTask(client, 'test.noop', {});
    try {
      const text = await runCli(['monitor'], env);
      assert.match(text.stdout, /\ntest: 1 waiting, [01] active, 1 delayed, 0 failed\n/);
      assert.doesNotMatch(text.stdout, /No tasks in queue/);
    } finally {
      await client.queue('test').resume();
      await (await client.queue('test').getJob(queued.id))?.remove();
    }
    await waitForFinished(client, waiting.id);
  });

  test('a worker that dies (mid-task) disappears when its heartbeat expires; then nobody replies', async () => {
    workers[0]!.proc.kill('SIGKILL');
    await workers[0]!.exited;
    const killedAt = Date.now();
    await waitFor('the heartbeat to expire', async () =>
      (await client.redis.exists(redisKeys.heartbeat(prefix, NAME))) === 0 ? true : null,
    );
    assert.ok(Date.now() - killedAt < 3000, 'gone within the TTL (0.9 s) and some slack');
    const ping = await runCli(['inspect', 'ping', '--json'], env);
    assert.equal(ping.code, 1);
    assert.equal(ping.stdout.trim(), '{}');
    assert.equal(ping.stderr, 'profai: No workers replied\n');
    // Readers prune the name from the index once the key is gone.
    assert.deepEqual(await client.redis.smembers(redisKeys.heartbeats(prefix)), []);
  });
});
