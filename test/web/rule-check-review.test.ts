/**
 * Marking a quiz reviewed while questions made by rule wait for a check, in headless Chromium: the app says how
 * many before it marks (a way to go to them, one to go on anyway, one to cancel), marks none of them checked, and
 * the export status line of a file downloaded before a check says that the file is older than the quiz now.
 * Phone and desktop width; the screenshots go to test-artifacts/web/ (check-review-*).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { getQuiz, listAudit, saveProcessedDocument, saveQuiz } from '../../src/store/index.ts';
import { fixtureDocument, ruleMadeQuiz } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import {
  collectErrors,
  focused,
  launchChromium,
  shooter,
  signInWith,
  visibleCards,
} from '../support/chromium.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const WARNING = '3 questions made by rule are not yet checked.';

describe('marking a quiz reviewed with questions still to check (headless Chromium)', {
  timeout: 240_000,
}, () => {
  let fx: ApiFixture;
  let browser: Browser;
  let base = '';
  let courseId = '';
  const errors: string[] = [];
  const shot = shooter(SHOTS, 'check-review');
  const screen = shooter(SHOTS, 'check-review', false);

  const stored = async (quizId: string) => {
    const quiz = (await getQuiz(fx.deps.db, quizId))!;
    return {
      reviewed: quiz.reviewedAt !== null,
      marks: quiz.quiz.questions.map((q) => q.needsCheck ?? null),
    };
  };
  const open = async (viewport: typeof DESKTOP, quizId: string, phone = false) => {
    const context = await signInWith(
      await browser.newContext(
        phone
          ? { viewport, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
          : { viewport, acceptDownloads: true },
      ),
      fx.adminKey,
    );
    const p = await context.newPage();
    collectErrors(p, errors);
    await p.goto(`${base}/#/course/${courseId}/review/${quizId}`);
    await p.waitForSelector('.review-card');
    return { p, close: () => context.close() };
  };

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    const doc = fixtureDocument(createHash('sha256').update('rule-check-review').digest('hex'), 'plants.pdf');
    courseId = (await saveProcessedDocument(fx.deps.db, doc)).courseId;
    await fx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fx?.stop();
  });

  test('desktop: the warning comes before marking; "Show them" goes to them, "anyway" marks and clears none', async () => {
    const quizId = await saveQuiz(fx.deps.db, courseId, ruleMadeQuiz(11));
    const { p, close } = await open(DESKTOP, quizId);
    await p.click('#mark-reviewed');
    await p.waitForSelector('.review-warning');
    assert.equal(await p.textContent('#review-warning-title'), WARNING);
    assert.equal(await focused(p), 'review-warning-title', 'the focus goes to the warning');
    assert.deepEqual(await stored(quizId), { reviewed: false, marks: [null, 'rule', 'rule', 'rule'] });
    await shot(p, 'desktop-warning');

    await p.click('.review-warning button:has-text("Show them")');
    assert.equal(await p.locator('.review-warning').count(), 0);
    assert.ok(await p.isChecked('#only-to-check'));
    assert.deepEqual(await visibleCards(p), [1, 2, 3]);
    assert.equal(await focused(p), 'Mark as checked: question 2', 'on to the first one to check');

    await p.click('#mark-reviewed');
    await p.click('.review-warning button:has-text("Cancel")');
    assert.equal(await p.locator('.review-warning').count(), 0);
    assert.equal(await focused(p), 'mark-reviewed');
    assert.equal((await stored(quizId)).reviewed, false);

    await p.click('#mark-reviewed');
    const why = await p.getAttribute('.review-warning', 'aria-describedby');
    assert.match((await p.textContent(`#${why}`)) ?? '', /^Marking the quiz reviewed does not check them/);
    await p.keyboard.press('Escape');
    assert.equal(await p.locator('.review-warning').count(), 0, 'Escape cancels');
    assert.equal(await focused(p), 'mark-reviewed');
    assert.equal((await stored(quizId)).reviewed, false);

    await p.click('#mark-reviewed');
    await p.click('.review-warning button:has-text("Mark as reviewed anyway")');
    await p.waitForSelector('#review-status:has-text("Marked as reviewed.")');
    assert.equal(
      await p.textContent('#review-status'),
      'Marked as reviewed. 3 questions made by rule are still not checked.',
    );
    assert.equal(await focused(p), 'mark-reviewed', 'the focus stays on the toggle, not on the page');
    assert.deepEqual(await stored(quizId), { reviewed: true, marks: [null, 'rule', 'rule', 'rule'] });
    assert.equal(await p.locator('.badge-check').count(), 3, 'the badges stay');
    await shot(p, 'desktop-reviewed-anyway');

    // Back to not reviewed, all checked: marking asks nothing.
    await p.click('#mark-reviewed');
    await p.waitForSelector('#review-status:has-text("Marked as not reviewed.")');
    for (const n of [2, 3, 4]) {
      await p.click(`button[aria-label="Mark as checked: question ${n}"]`);
      await p.waitForSelector(`#review-status:has-text("Question ${n} marked as checked.")`);
    }
    await p.click('#mark-reviewed');
    await p.waitForSelector('#review-status:has-text("Marked as reviewed.")');
    assert.equal(await p.textContent('#review-status'), 'Marked as reviewed.');
    assert.equal(await p.locator('.review-warning').count(), 0);
    assert.deepEqual(await stored(quizId), { reviewed: true, marks: [null, null, null, null] });
    await close();
    assert.deepEqual(errors, []);
  });

  test('desktop: a double click on "anyway" marks once; while the request waits, nothing can cancel it', async () => {
    const quizId = await saveQuiz(fx.deps.db, courseId, ruleMadeQuiz(14));
    const { p, close } = await open(DESKTOP, quizId);
    const edits = async () =>
      (await listAudit(fx.deps.db, new Date(Date.now() - 3_600_000))).filter(
        (r) => r.action === 'edit' && r.targetId === quizId,
      ).length;
    const before = await edits();
    let patches = 0;
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await p.route(`**/api/quizzes/${quizId}`, async (route) => {
      if (route.request().method() !== 'PATCH') return route.continue();
      patches++;
      await held;
      await route.continue();
    });
    await p.click('#mark-reviewed');
    await p.dblclick('.review-warning button:has-text("Mark as reviewed anyway")');
    for (const label of ['Show them', 'Mark as reviewed anyway', 'Cancel']) {
      assert.ok(await p.isDisabled(`.review-warning button:has-text("${label}")`), `${label} waits`);
    }
    assert.ok(await p.isDisabled('#mark-reviewed'), 'the toggle waits');
    release();
    await p.waitForSelector('#review-status:has-text("Marked as reviewed.")');
    assert.equal(patches, 1, 'one request');
    assert.equal(await edits(), before + 1, 'one audit row');
    assert.doesNotMatch((await p.textContent('#review-status')) ?? '', /changed since/);
    assert.deepEqual(await stored(quizId), { reviewed: true, marks: [null, 'rule', 'rule', 'rule'] });
    await close();
    assert.deepEqual(errors, []);
  });

  test('desktop: after a check, the status of a file downloaded before it says the file is older, and the count now', async () => {
    const quizId = await saveQuiz(fx.deps.db, courseId, ruleMadeQuiz(12));
    const { p, close } = await open(DESKTOP, quizId);
    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.click('button[data-format="moodle-xml"]'),
    ]);
    const name = download.suggestedFilename();
    await p.waitForSelector('.export-status:has-text("made by rule")');
    assert.match((await p.textContent('.export-status')) ?? '', /3 questions made by rule not yet checked/);

    await p.click('button[aria-label="Mark as checked: question 2"]');
    await p.waitForSelector('#review-status:has-text("Question 2 marked as checked.")');
    assert.equal(
      await p.textContent('.export-status'),
      `${name} was downloaded before your last change: download it again to have the quiz as it is now. 2 questions made by rule still wait for a check.`,
    );
    await p.locator('.export-status').scrollIntoViewIfNeeded();
    await screen(p, 'desktop-export-outdated-screen');

    await Promise.all([p.waitForEvent('download'), p.click('button[data-format="moodle-xml"]')]);
    await p.waitForSelector('.export-status:has-text("Downloaded")');
    assert.match((await p.textContent('.export-status')) ?? '', /: 2 questions made by rule not yet checked/);
    // Marking the quiz reviewed changes no question: the file just downloaded is still the quiz as it is.
    await p.click('#mark-reviewed');
    await p.click('.review-warning button:has-text("Mark as reviewed anyway")');
    await p.waitForSelector('#review-status:has-text("Marked as reviewed.")');
    assert.match(
      (await p.textContent('.export-status')) ?? '',
      /^Downloaded .*: 2 questions made by rule not yet/,
    );
    await close();
    assert.deepEqual(errors, []);
  });

  test('desktop: a check made while a download comes makes that file outdated when it arrives', async () => {
    const quizId = await saveQuiz(fx.deps.db, courseId, ruleMadeQuiz(15));
    const { p, close } = await open(DESKTOP, quizId);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The file is made now (3 to check) and arrives only after the check below.
    await p.route('**/export?**', async (route) => {
      const response = await route.fetch();
      await held;
      await route.fulfill({ response });
    });
    const downloaded = p.waitForEvent('download');
    await p.click('button[data-format="moodle-xml"]');
    await p.waitForSelector('.export-status:has-text("Preparing")');
    await p.click('button[aria-label="Mark as checked: question 2"]');
    await p.waitForSelector('#review-status:has-text("Question 2 marked as checked.")');
    release();
    const name = (await downloaded).suggestedFilename();
    await p.waitForSelector('.export-status:not(:has-text("Preparing"))');
    assert.equal(
      await p.textContent('.export-status'),
      `${name} was downloaded before your last change: download it again to have the quiz as it is now. 2 questions made by rule still wait for a check.`,
    );
    await close();
    assert.deepEqual(errors, []);
  });

  test('phone: the warning fits the screen and reads as the page does', async () => {
    const quizId = await saveQuiz(fx.deps.db, courseId, ruleMadeQuiz(13));
    const { p, close } = await open(PHONE, quizId, true);
    await p.tap('#mark-reviewed');
    await p.waitForSelector('.review-warning');
    assert.equal(await p.textContent('#review-warning-title'), WARNING);
    const overflow = Number(await p.evaluate('document.documentElement.scrollWidth')) - PHONE.width;
    assert.ok(overflow <= 1, `the warning: ${overflow}px wider than the screen`);
    await shot(p, 'phone-warning');
    await screen(p, 'phone-warning-screen');
    await p.tap('.review-warning button:has-text("Show them")');
    assert.deepEqual(await visibleCards(p), [1, 2, 3]);
    assert.equal((await stored(quizId)).reviewed, false);
    await close();
    assert.deepEqual(errors, []);
  });
});
