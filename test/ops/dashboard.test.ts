import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { enqueueTask } from '../../src/fleet/queues.ts';
import { workerName } from '../../src/fleet/supervisor.ts';
import { launchChromium } from '../support/chromium.ts';
import { startTestApi, startWorkersInto, type TestApi } from '../support/ops.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  testConfig,
  testEnv,
  type WorkerProcess,
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
    const shot = `${ARTIFACTS}dashboard.png`;
    await page.screenshot({ path: shot, fullPage: true });
    assert.ok(existsSync(shot));

    await page.waitForSelector(`#recent tr[data-job="${id}"][data-state="completed"]`, { timeout: 20_000 });
    assert.equal(await page.locator(row).count(), 0, 'no longer listed as active');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
