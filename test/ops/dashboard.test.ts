import assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { enqueueTask, listWorkers } from '../../src/fleet/queues.ts';
import { workerName } from '../../src/fleet/supervisor.ts';
import { redisKeys } from '../../src/redis-keys.ts';
import { launchChromium } from '../support/chromium.ts';
import { startTestApi, startWorkersInto, type TestApi } from '../support/ops.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  testConfig,
  testEnv,
  type WorkerProcess,
  waitForFinished,
} from '../support/workers.ts';

const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const KEY = 'dashboard-test-key';

describe('/dashboard in headless Chromium', { timeout: 300_000 }, () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  const workers: WorkerProcess[] = [];
  let api: TestApi;
  let browser: Browser;
  let url = '';

  before(async () => {
    const starting = startWorkersInto(workers, 2, testEnv(prefix));
    starting.catch(() => {}); // awaited below; the API may fail first
    api = await startTestApi(testConfig(prefix, { API_KEY: KEY }));
    await starting;
    url = await api.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await api?.close();
    await killAll(workers);
    await cleanup();
  });

  test('both workers appear; a submitted job shows its progress, then its completion', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    // No inline script or style: the policy allows none, and the browser would say so for any it refused.
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
    });
    const answer = await fetch(`${url}/dashboard`);
    assert.doesNotMatch(answer.headers.get('content-security-policy') ?? 'none', /unsafe-inline/);
    // The key travels in the fragment, which the browser never sends to the server.
    await page.goto(`${url}/dashboard?interval=250#key=${KEY}`);
    for (const n of [1, 2]) {
      await page.waitForSelector(`[data-worker="${workerName({ workerNum: n })}"]`, { timeout: 20_000 });
    }
    assert.equal(await page.locator('[data-worker]').count(), 2);
    assert.equal(await page.getAttribute('#redis', 'data-up'), 'true');
    assert.equal(await page.locator('#keyform').isVisible(), false, 'the key from #key= was accepted');
    assert.equal(new URL(page.url()).hash, '', 'the key is removed from the address bar');

    const { id } = await enqueueTask(client, 'test.sleep', { ms: 4000 });
    const row = `#active tr[data-job="${id}"]`;
    await page.waitForSelector(`${row}[data-progress="50"]`, { timeout: 20_000 });
    assert.match((await page.textContent(row)) ?? '', /sleep.*50%/);
    assert.match((await page.textContent('#queues tr[data-queue="test"]')) ?? '', /^test0100/);

    mkdirSync(ARTIFACTS, { recursive: true });
    const shot = join(ARTIFACTS, 'dashboard.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(existsSync(shot));

    await page.waitForSelector(`#recent tr[data-job="${id}"][data-state="completed"]`, { timeout: 20_000 });
    assert.equal(await page.locator(row).count(), 0, 'no longer listed as active');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a worker waiting for a dependency says so on its card, with since when', async () => {
    // A third worker's heartbeat as a waiting worker writes it (its fields from a live worker's), in this Redis.
    const [live] = await listWorkers(client);
    assert.ok(live);
    const since = Date.now() - 42_000;
    const name = 'worker9@waiting-host';
    const beat = { ...live, name, waiting: [{ dependency: 'postgres', since }] };
    const prefix = client.settings.queuePrefix;
    await client.redis
      .multi()
      .set(redisKeys.heartbeat(prefix, name), JSON.stringify(beat), 'PX', 60_000)
      .sadd(redisKeys.heartbeats(prefix), name)
      .exec();
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    try {
      await page.goto(`${url}/dashboard?interval=250#key=${KEY}`);
      const card = `[data-worker="${name}"] [data-waiting="postgres"]`;
      await page.waitForSelector(card, { timeout: 20_000 });
      const text = (await page.textContent(card)) ?? '';
      assert.match(text, /^waiting for postgres since \d{1,2}:\d{2}:\d{2}/);
      assert.equal(await page.locator(`[data-worker="${live.name}"] [data-waiting]`).count(), 0);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-waiting.png'), fullPage: true });
    } finally {
      await page.close();
      await client.redis
        .multi()
        .del(redisKeys.heartbeat(prefix, name))
        .srem(redisKeys.heartbeats(prefix), name)
        .exec();
    }
  });

  test('a failure has a retry button: the job goes back to its queue with the API key and completes', async () => {
    const counter = join(tmpdir(), `profai-retry-${prefix}.count`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const { id } = await enqueueTask(client, 'test.fail_until_count', { counter, passAt: 4 });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const posted: { url: string; key: string | null }[] = [];
    page.on('request', (r) => {
      // The page sends the key as the app does (one helper, src/web/api.js).
      const auth = r.headers().authorization;
      if (r.method() === 'POST') posted.push({ url: r.url(), key: auth?.replace(/^Bearer /, '') ?? null });
    });
    await page.goto(`${url}/dashboard?interval=250#key=${KEY}`);
    const button = `#failures tr[data-job="${id}"] button[data-retry="${id}"]`;
    await page.waitForSelector(button, { timeout: 30_000 });
    assert.match(
      (await page.textContent(`#failures tr[data-job="${id}"]`)) ?? '',
      /not yet: run 3 of 4.*3retry$/,
    );
    const shot = join(ARTIFACTS, 'dashboard-retry.png');
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(existsSync(shot));

    await page.click(button);
    await page.waitForSelector(`#recent tr[data-job="${id}"][data-state="completed"]`, { timeout: 20_000 });
    assert.equal(await page.locator(`#failures tr[data-job="${id}"]`).count(), 0, 'no longer a failure');
    assert.match(
      (await page.textContent('#notice')) ?? '',
      // The state the API read just after the retry: a quick worker may have finished it already.
      /^Retried test\.fail_until_count: (waiting|active|completed)$/,
    );
    assert.deepEqual(posted, [{ url: `${url}/api/jobs/${id}/retry`, key: KEY }]);
    const view = await waitForFinished(client, id);
    assert.deepEqual(view.result, { attempt: 1, runs: 4 });
    assert.deepEqual(errors, []);
    await page.close();
    rmSync(counter, { force: true });
  });

  test('a failure that asks for a password: the page asks for it, and says why a retry was refused', async () => {
    const { id } = await enqueueTask(client, 'test.needs_password', {});
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const asked: string[] = [];
    page.on('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept('open sesame');
    });
    const bodies: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') bodies.push(r.postData() ?? '');
    });
    await page.goto(`${url}/dashboard?interval=250#key=${KEY}`);
    await page.click(`button[data-retry="${id}"]`, { timeout: 30_000 });
    await page.waitForSelector('#notice.bad', { timeout: 10_000 });
    assert.deepEqual(asked, ['Password of test.needs_password (leave empty to retry without one)']);
    assert.deepEqual(
      bodies.map((b) => JSON.parse(b)),
      [{ password: 'open sesame' }],
    );
    assert.equal(
      await page.textContent('#notice'),
      `Not retried: job ${id} opens no PDF: a password does not apply to it`,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'dashboard-retry-refused.png'), fullPage: true });
    assert.equal(await page.isEnabled(`button[data-retry="${id}"]`), true, 'the button can be used again');
    await page.close();
  });
});
