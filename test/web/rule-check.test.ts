/**
 * Questions made by rule that wait for a teacher's check, in headless Chromium: review shows the badge on those
 * only, filters them ("Only questions to check"), marks one checked and clears another by an edit; an export says
 * how many still wait; taking the quiz, a learner never sees the badge. Phone and desktop width; the screenshots
 * go to test-artifacts/web/ (check-*).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { deleteQuestion, getQuiz, saveProcessedDocument, saveQuiz } from '../../src/store/index.ts';
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
const BADGE = 'Made by rule — check before use';

describe('questions made by rule wait for a check (headless Chromium)', { timeout: 240_000 }, () => {
  let fx: ApiFixture;
  let browser: Browser;
  let base = '';
  let courseId = '';
  let quizId = '';
  const errors: string[] = [];

  const shot = shooter(SHOTS, 'check');
  const watch = (p: Page) => {
    collectErrors(p, errors);
  };
  const marks = async () =>
    (await getQuiz(fx.deps.db, quizId))!.quiz.questions.map((q) => q.needsCheck ?? null);

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    const doc = fixtureDocument(createHash('sha256').update('rule-check').digest('hex'), 'plants.pdf');
    const saved = await saveProcessedDocument(fx.deps.db, doc);
    courseId = saved.courseId;
    quizId = await saveQuiz(fx.deps.db, courseId, ruleMadeQuiz());
    await fx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fx?.stop();
  });

  test('phone: the badge on rule-made items only, the filter, fits the screen; the learner sees no badge', async () => {
    const context = await signInWith(
      await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true }),
      fx.adminKey,
    );
    const p = await context.newPage();
    watch(p);
    const fits = async (what: string) => {
      const overflow = Number(await p.evaluate('document.documentElement.scrollWidth')) - PHONE.width;
      assert.ok(overflow <= 1, `${what}: ${overflow}px wider than the screen`);
    };
    await p.goto(`${base}/#/course/${courseId}/review/${quizId}`);
    await p.waitForSelector('.review-card');
    const badges = await p.$$eval('.review-card', (els) =>
      els.map((e) => e.querySelector('.badge-check')?.textContent ?? null),
    );
    assert.deepEqual(badges, [null, BADGE, BADGE, BADGE]);
    assert.equal(await p.textContent('label[for="only-to-check"]'), 'Only questions to check (3)');
    await fits('review');
    await shot(p, 'phone-review');
    await p.tap('#only-to-check');
    assert.deepEqual(await visibleCards(p), [1, 2, 3]);
    await fits('review, to check');
    await shot(p, 'phone-review-to-check');

    await p.goto(`${base}/#/course/${courseId}/quiz/${quizId}`);
    await p.waitForSelector('form.take-quiz');
    assert.equal(await p.locator('fieldset.question').count(), 4);
    const page = (await p.textContent('main')) ?? '';
    assert.ok(!page.includes('Made by rule') && !page.includes('check before use'), 'no badge for learners');
    assert.equal(await p.locator('.badge-check, #only-to-check').count(), 0);
    await shot(p, 'phone-quiz');
    await context.close();
  });

  test('desktop: mark one checked, edit another, the filter follows; the export says what still waits', async () => {
    const context = await signInWith(
      await browser.newContext({ viewport: DESKTOP, acceptDownloads: true }),
      fx.adminKey,
    );
    const p = await context.newPage();
    watch(p);
    p.on('dialog', (d) => void d.accept());
    await p.goto(`${base}/#/course/${courseId}/review/${quizId}`);
    await p.waitForSelector('.review-card');
    await shot(p, 'desktop-review');
    await p.check('#only-to-check');
    assert.deepEqual(await visibleCards(p), [1, 2, 3]);

    await p.click('button[aria-label="Mark as checked: question 2"]');
    await p.waitForSelector('#review-status:has-text("Question 2 marked as checked.")');
    assert.equal(await focused(p), 'Mark as checked: question 3', 'on to the next one to check');
    assert.deepEqual(await marks(), [null, null, 'rule', 'rule']);
    assert.deepEqual(await visibleCards(p), [2, 3], 'the filter stays on; the kept one leaves it');
    assert.equal(await p.textContent('label[for="only-to-check"]'), 'Only questions to check (2)');
    assert.ok(await p.isChecked('#only-to-check'));
    await shot(p, 'desktop-review-checked');

    // Saving an edit is keeping the question too.
    await p.click('[data-question="2"] button:has-text("Edit")');
    await p.fill('#q2-tolerance', '1');
    await p.click('[data-question="2"] button:has-text("Save")');
    await p.waitForSelector('#review-status:has-text("Question 3 saved.")');
    assert.deepEqual(await marks(), [null, null, null, 'rule']);
    assert.deepEqual(await visibleCards(p), [3]);
    assert.equal(
      await focused(p),
      'Edit question 4',
      'the saved one is hidden: the focus goes on to the next',
    );

    const [download] = await Promise.all([
      p.waitForEvent('download'),
      p.click('button[data-format="moodle-xml"]'),
    ]);
    assert.match(download.suggestedFilename(), /\.moodle\.xml$/);
    await p.waitForSelector('.export-status:has-text("made by rule")');
    assert.match(
      (await p.textContent('.export-status')) ?? '',
      /moodle-xml: 1 question made by rule not yet checked by a teacher: check it in review before use\./,
    );

    await p.click('button[aria-label="Mark as checked: question 4"]');
    await p.waitForSelector('#review-status:has-text("Question 4 marked as checked.")');
    assert.deepEqual(await visibleCards(p), []);
    assert.equal(await focused(p), 'only-to-check', 'none left to check: the filter');
    assert.ok(await p.isVisible('#nothing-to-check'));
    await shot(p, 'desktop-review-all-checked');
    await p.uncheck('#only-to-check');
    assert.deepEqual(await visibleCards(p), [0, 1, 2, 3]);
    assert.ok(await p.isHidden('#nothing-to-check'));
    await context.close();
    assert.deepEqual(errors, []);
  });

  test('a check of a question the quiz no longer has at its place reloads, and says so', async () => {
    // Question 1 waits for a check; before the teacher marks it, someone else deletes it: question 1 is then
    // the multiple choice, kept already, and the check changes nothing.
    const [mc, first, ...rest] = ruleMadeQuiz().questions;
    const moved = await saveQuiz(fx.deps.db, courseId, {
      ...ruleMadeQuiz(),
      seed: 6,
      questions: [first!, mc!, ...rest],
    });
    const context = await signInWith(await browser.newContext({ viewport: DESKTOP }), fx.adminKey);
    const p = await context.newPage();
    watch(p);
    await p.goto(`${base}/#/course/${courseId}/review/${moved}`);
    await p.waitForSelector('.review-card');
    await deleteQuestion(fx.deps.db, moved, 0);
    await p.click('button[aria-label="Mark as checked: question 1"]');
    await p.waitForSelector('#review-status:has-text("reloaded")');
    assert.equal(
      await p.textContent('#review-status'),
      'Already kept, or the quiz changed meanwhile: reloaded.',
    );
    assert.equal(await p.locator('.review-card').count(), 3, 'the quiz as it is now');
    assert.equal(await focused(p), 'Mark as checked: question 2', 'the first one still to check from there');
    assert.deepEqual(
      (await getQuiz(fx.deps.db, moved))!.quiz.questions.map((q) => q.needsCheck ?? null),
      [null, 'rule', 'rule'],
    );
    await shot(p, 'desktop-review-moved');
    await context.close();
    assert.deepEqual(errors, []);
  });
});
