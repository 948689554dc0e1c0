/**
 * Who is signed in, and sharing, in headless Chromium against the real API (PostgreSQL, Chroma, Redis; keys on):
 * a teacher signs in with her key and the header names her and her role; she shares her course read-only from
 * the course page's dialog; the other teacher finds it in his list marked as shared, reads it without the edit
 * controls, and meets "Not found" at her other course; an operator's key in the app says it is not for him and
 * points to /dashboard, where the header names him; wrong keys typed past AUTH_FAILURES_PER_MINUTE get a page
 * saying how long to wait. Screenshots go to test-artifacts/web/access-*.png.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { addUploadOwner, addUser, saveProcessedDocument, shareCourse } from '../../src/store/index.ts';
import { fixtureDocument } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { launchChromium, unlabelled } from '../support/chromium.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

describe('signed in as someone, and sharing, in headless Chromium', { timeout: 180_000 }, () => {
  let fx: ApiFixture;
  let browser: Browser;
  let base = '';
  const keys: Record<string, string> = {};
  const courseIds: Record<string, string> = {};
  const errors: string[] = [];

  const shot = async (p: Page, name: string) => {
    await p.screenshot({ path: join(SHOTS, `access-${name}.png`), fullPage: true });
    assert.deepEqual(await unlabelled(p), [], `${name}: every control has a name`);
  };

  /** A new tab of a new browser session, signed in by typing `key` in the key dialog. */
  async function signIn(key: string, viewport = DESKTOP): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const p = await context.newPage();
    p.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await p.goto(`${base}/`);
    await p.waitForSelector('#key-dialog[open]');
    await p.fill('#key-input', key);
    await p.click('#key-form button[type=submit]');
    await p.waitForSelector('#who:not([hidden])');
    return p;
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    for (const [name, role] of [
      ['ana', 'teacher'],
      ['ben', 'teacher'],
      ['oli', 'operator'],
    ] as const) {
      const { user, key } = await addUser(fx.deps.db, name, role);
      keys[name] = key;
      keys[`${name}:id`] = user.id;
    }
    for (const [name, title] of [
      ['photo', 'Photosynthesis for beginners'],
      ['cells', 'Cells and their parts'],
    ] as const) {
      const sha = createHash('sha256').update(`web access ${name}`).digest('hex');
      const doc = fixtureDocument(sha, `${name}.pdf`);
      doc.course.title = title;
      courseIds[name] = (await saveProcessedDocument(fx.deps.db, doc)).courseId;
      await addUploadOwner(fx.deps.db, sha, keys['ana:id']!);
    }
    await fx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fx?.stop();
  });

  test('a teacher signs in: the header names her and her role; she shares her course read-only', async () => {
    const p = await signIn(keys.ana!);
    await p.waitForSelector('h1:has-text("Courses")');
    assert.equal(await p.textContent('#who-name'), 'ana');
    assert.equal(await p.textContent('#who-role'), 'teacher');
    await shot(p, 'teacher-home');
    await p.goto(`${base}/#/course/${courseIds.photo}`);
    // Her own course: she may delete it.
    await p.waitForSelector('#delete-course');
    await p.click('button:has-text("Share…")');
    await p.waitForSelector('#share-dialog[open] li:has-text("Only you")');
    await p.fill('#share-user', 'ben');
    await p.selectOption('#share-access', 'read');
    await p.click('#share-dialog button[type=submit]');
    await p.waitForSelector('#share-dialog li[data-user="ben"]');
    assert.match((await p.textContent('#share-dialog li[data-user="ben"]')) ?? '', /Can read and export/);
    await shot(p, 'share-dialog');
    await p.fill('#share-user', 'nobody-by-that-name');
    await p.click('#share-dialog button[type=submit]');
    await p.waitForSelector('#share-dialog p.error');
    assert.match((await p.textContent('#share-dialog p.error')) ?? '', /User nobody-by-that-name not found/);
    await p.context().close();
  });

  test('the other teacher sees the shared course, read-only, and not her other course', async () => {
    const p = await signIn(keys.ben!);
    await p.waitForSelector(`tr[data-course="${courseIds.photo}"]`);
    assert.equal(await p.locator(`tr[data-course="${courseIds.cells}"]`).count(), 0);
    assert.match((await p.textContent(`tr[data-course="${courseIds.photo}"]`)) ?? '', /Shared, read only/);
    await shot(p, 'shared-home');
    await p.goto(`${base}/#/course/${courseIds.photo}`);
    await p.waitForSelector('.access-row .badge-shared');
    assert.equal(await p.locator('a:has-text("Review and edit")').count(), 0);
    assert.equal(await p.locator('form.new-quiz').count(), 0);
    assert.equal(await p.locator('button:has-text("Share…")').count(), 0);
    assert.ok((await p.locator('a:has-text("Take the quiz")').count()) > 0);
    assert.equal(await p.locator('#delete-course').count(), 0, 'a read-only share cannot delete');
    await shot(p, 'shared-course');
    // An editing share: the review, still no delete (only owners and admins delete).
    await shareCourse(fx.deps.db, courseIds.photo!, keys['ben:id']!, 'edit', keys['ana:id']!);
    await p.reload();
    await p.waitForSelector('a:has-text("Review and edit")');
    assert.equal(await p.locator('#delete-course').count(), 0, 'an editing share cannot delete');
    await shot(p, 'shared-edit-course');
    await p.goto(`${base}/#/course/${courseIds.cells}`);
    await p.waitForSelector('h1:has-text("Not found")');
    assert.ok(
      !((await p.textContent('main')) ?? '').includes('Cells and their parts'),
      'the title stays hidden',
    );
    await p.context().close();
  });

  test("an operator's key: the app points to /dashboard, which names him", async () => {
    const p = await signIn(keys.oli!);
    await p.waitForSelector('h1:has-text("Not for this key")');
    assert.equal(await p.textContent('#who-role'), 'operator');
    await shot(p, 'operator-app');
    await p.click('a:has-text("Open the fleet dashboard")');
    await p.waitForSelector('#who:not([hidden])');
    assert.equal(await p.textContent('#who-name'), 'oli');
    await p.waitForSelector('#redis.up');
    await p.screenshot({ path: join(SHOTS, 'access-operator-dashboard.png') });
    await p.context().close();
  });

  test('phone width: the header keeps the name and role', async () => {
    const p = await signIn(keys.ana!, PHONE);
    await p.waitForSelector('h1:has-text("Courses")');
    assert.ok(await p.isVisible('#who-role'));
    const overflow = await p.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    assert.equal(overflow, 0, 'no sideways scroll');
    await shot(p, 'phone-home');
    await p.context().close();
    assert.deepEqual(errors, []);
  });

  test('wrong keys typed past AUTH_FAILURES_PER_MINUTE: the page says to wait, and for how long', async () => {
    // Its own counters (another prefix), so that the other tests' address is not held out.
    const limited = await fx.variant({
      authFailuresPerMinute: 3,
      rateLimitWindowS: 60,
      queuePrefix: `${fx.config.queuePrefix}-keys`,
    });
    await limited.listen({ port: 0, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${(limited.server.address() as AddressInfo).port}/`;
    const p = await (await browser.newContext({ viewport: DESKTOP })).newPage();
    p.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    await p.goto(url);
    let refused = 0;
    for (let tries = 0; tries < 6; tries++) {
      await p.waitForSelector('#key-dialog[open], main p.error');
      if (await p.isVisible('main p.error')) break;
      if (tries > 0) assert.match((await p.textContent('#key-error')) ?? '', /not accepted/);
      await p.fill('#key-input', `guess-${tries}`);
      await p.click('#key-form button[type=submit]');
      refused++;
    }
    assert.equal(await p.textContent('main h1'), 'Too many wrong keys');
    assert.match(
      (await p.textContent('main p.error')) ?? '',
      /^Too many wrong API keys from this address: 3 per 60 s \(AUTH_FAILURES_PER_MINUTE=3\); retry in \d+ seconds?$/,
    );
    assert.ok(refused >= 2 && refused <= 3, `keys typed before the refusal: ${refused}`);
    await shot(p, 'too-many-keys');
    await p.context().close();
    assert.deepEqual(errors, []);
  });
});
