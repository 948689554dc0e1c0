import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApi } from '../../src/api/server.ts';
import { enqueueTask } from '../../src/fleet/queues.ts';
import { workerName } from '../../src/fleet/supervisor.ts';
import type { FleetSnapshot } from '../../src/ops/types.ts';
import {
  parseMetrics,
  type RedisServer,
  startRedisServer,
  startTestApi,
  startWorkersInto,
  type TestApi,
} from '../support/ops.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  testConfig,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
} from '../support/workers.ts';

const WORKER = workerName({ workerNum: 1 });

describe('/metrics, /dashboard and /api/fleet on a Redis the test stops and starts', {
  timeout: 300_000,
}, () => {
  const prefix = randomPrefix();
  let redis: RedisServer;
  let api: TestApi;
  const workers: WorkerProcess[] = [];
  let client: ReturnType<typeof openTestClient>['client'];
  let cleanup: () => Promise<void> = async () => {};

  const scrape = async () => {
    const started = performance.now();
    const res = await api.app.inject('/metrics');
    assert.equal(res.statusCode, 200);
    assert.match(res.headers['content-type'] as string, /^text\/plain/);
    return { metrics: parseMetrics(res.body), text: res.body, ms: performance.now() - started };
  };

  before(async () => {
    redis = await startRedisServer();
    const extra = { REDIS_URL: redis.url, WORKER_CONCURRENCY: '2' };
    ({ client, cleanup } = openTestClient(prefix, extra));
    api = await startTestApi(testConfig(prefix, extra));
    await startWorkersInto(workers, 1, testEnv(prefix, extra));
  });
  after(async () => {
    await killAll(workers);
    // The clients below wait for Redis rather than fail: give them one to close on.
    if (redis && !redis.running()) await redis.start();
    await cleanup().catch(() => {});
    await api?.close();
    await redis?.stop();
  });

  test('after jobs ran: queue depth, workers, durations, failures by reason, retries, recycles', async () => {
    const ids = await Promise.all([
      enqueueTask(client, 'test.sleep', { ms: 300 }),
      enqueueTask(client, 'test.sleep', { ms: 300 }),
      enqueueTask(client, 'test.fail_permanently', {}),
      enqueueTask(client, 'test.flaky', { succeedOn: 2 }),
    ]);
    for (const { id } of ids) await waitForFinished(client, id);
    // A worker's own counts arrive with its next heartbeat (HEARTBEAT_S), not with the job's end.
    const { metrics: m, text } = await waitFor('the heartbeat to count the 3 finished tasks', async () => {
      const s = await scrape();
      return s.metrics.get(`profai_worker_tasks{worker="${WORKER}",outcome="done"}`) === 3 ? s : null;
    });
    const at = (series: string) => m.get(series);
    assert.equal(at('profai_redis_up'), 1);
    assert.equal(at('profai_dependency_up{dependency="redis"}'), 1);
    assert.equal(at('profai_dependency_up{dependency="pglite"}'), 1, 'the database (PGlite here) answered');
    // Vectors live in that database (VECTOR_STORE=postgres): no dependency of their own.
    assert.equal(at('profai_dependency_up{dependency="chroma"}'), undefined);
    assert.equal(at('profai_workers'), 1);
    assert.equal(at('profai_queue_jobs{queue="test",state="completed"}'), 3);
    assert.equal(at('profai_queue_jobs{queue="test",state="failed"}'), 1);
    assert.equal(at('profai_queue_jobs{queue="test",state="waiting"}'), 0);
    assert.equal(at('profai_job_duration_seconds_count{task="test.sleep",outcome="completed"}'), 2);
    assert.ok((at('profai_job_duration_seconds_sum{task="test.sleep",outcome="completed"}') ?? 0) >= 0.6);
    assert.equal(at('profai_job_duration_seconds_count{task="test.fail_permanently",outcome="failed"}'), 1);
    assert.equal(at('profai_job_failures_total{task="test.fail_permanently",reason="corrupt pdf"}'), 1);
    assert.equal(at('profai_job_retries_total{task="test.flaky"}'), 1);
    assert.equal(at('profai_job_peak_rss_bytes_count{task="test.sleep"}'), 2);
    assert.ok((at(`profai_worker_rss_bytes{worker="${WORKER}"}`) ?? 0) > 50 * 1024 * 1024);
    assert.equal(at(`profai_worker_concurrency{worker="${WORKER}"}`), 2);
    assert.equal(at(`profai_worker_tasks{worker="${WORKER}",outcome="done"}`), 3);
    for (const reason of ['tasks', 'memory', 'crash'])
      assert.equal(at(`profai_worker_child_recycles{worker="${WORKER}",reason="${reason}"}`), 0, reason);
    for (const family of ['profai_job_duration_seconds', 'profai_job_failures_total', 'profai_queue_jobs'])
      assert.match(text, new RegExp(`^# HELP ${family} `, 'm'));
    // A second scrape does not count the same jobs again.
    const again = (await scrape()).metrics;
    assert.equal(again.get('profai_job_duration_seconds_count{task="test.sleep",outcome="completed"}'), 2);
  });

  test('with API_KEY: the page is public, its data and /metrics need the key', async () => {
    const keyed = await buildApi({ ...api.deps, config: { ...api.deps.config, apiKey: 'k3y' } });
    try {
      const page = await keyed.inject('/dashboard');
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-type'] as string, /^text\/html/);
      assert.match(page.headers['content-security-policy'] as string, /default-src 'none'/);
      assert.doesNotMatch(page.body, /https?:\/\//, 'self-contained: no external URL');
      assert.equal((await keyed.inject('/api/fleet')).statusCode, 401);
      assert.equal((await keyed.inject('/metrics')).statusCode, 401);
      // The worker is listed while its heartbeat key lives (three HEARTBEAT_S of 0.3 s): on a loaded host a beat can
      // come late and the key lapse for a moment, so the listing is awaited rather than read once.
      const workers = await waitFor('the worker listed with the key', async () => {
        const fleet = await keyed.inject({ url: '/api/fleet', headers: { 'x-api-key': 'k3y' } });
        assert.equal(fleet.statusCode, 200);
        const names = (fleet.json() as FleetSnapshot).workers.map((w) => w.hostname);
        return names.length > 0 ? names : null;
      });
      assert.deepEqual(workers, [WORKER]);
    } finally {
      await keyed.close();
    }
  });

  test('Redis down: all three keep answering quickly and say so; back up: they recover', async () => {
    await redis.stop();
    const down = await waitFor('/metrics to report Redis down', async () => {
      const s = await scrape();
      assert.ok(s.ms < 1500, `scrape took ${Math.round(s.ms)} ms`);
      return s.metrics.get('profai_redis_up') === 0 ? s : null;
    });
    // No stale fleet gauges: labelled ones vanish, the label-less worker count reads 0 (check profai_redis_up).
    assert.equal(down.metrics.get('profai_workers'), 0);
    assert.equal(down.metrics.get('profai_dependency_up{dependency="redis"}'), 0);
    assert.equal(down.metrics.get(`profai_worker_rss_bytes{worker="${WORKER}"}`), undefined);
    assert.equal(down.metrics.get('profai_queue_jobs{queue="test",state="completed"}'), undefined);
    assert.equal(
      down.metrics.get('profai_job_duration_seconds_count{task="test.sleep",outcome="completed"}'),
      2,
      'job counters survive',
    );
    const started = performance.now();
    const fleet = await api.app.inject('/api/fleet');
    const page = await api.app.inject('/dashboard');
    assert.ok(performance.now() - started < 1500);
    assert.equal(fleet.statusCode, 200);
    const snapshot = fleet.json() as FleetSnapshot;
    assert.equal(snapshot.redis.up, false);
    assert.match(snapshot.redis.error ?? '', /ECONNREFUSED|not connected|connection lost/);
    assert.deepEqual(snapshot.workers, []);
    assert.equal(page.statusCode, 200);

    await redis.start();
    // The worker reconnects and beats again; the API's connection comes back on its own.
    const back = await waitFor(
      'the fleet to be visible again',
      async () => {
        const s = await scrape();
        return s.metrics.get('profai_redis_up') === 1 && s.metrics.get('profai_workers') === 1 ? s : null;
      },
      30_000,
    );
    assert.equal(
      back.metrics.get('profai_queue_jobs{queue="test",state="completed"}'),
      0,
      'the new Redis is empty',
    );
    const { id } = await enqueueTask(client, 'test.sleep', { ms: 100 });
    await waitForFinished(client, id);
    const after = (await scrape()).metrics;
    assert.equal(after.get('profai_job_duration_seconds_count{task="test.sleep",outcome="completed"}'), 3);
    assert.equal(((await api.app.inject('/api/fleet')).json() as FleetSnapshot).redis.up, true);
  });
});
