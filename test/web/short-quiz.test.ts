/**
 * A quiz made from the course page's form when the text gives fewer questions than asked, in headless Chromium
 * against the API and the real quiz task: the page stays on the form and its status line says how many of how
 * many and why (the line the CLI prints and the API's job carries), with a link to review the quiz; a quiz with
 * all it asked for still opens for review. The course's quiz list shows the new quiz and focus is on the link,
 * with its ring shown (a click elsewhere shows none); when the list fails to reload, the line stays and the
 * failure is one line under it. Desktop and phone width; the screenshots go to test-artifacts/web/
 * (short-quiz-*).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { saveProcessedDocument } from '../../src/store/index.ts';
import { fixtureDocument } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { collectErrors, launchChromium, shooter, signInWith } from '../support/chromium.ts';
import { startQuizWorker } from '../support/quiz-worker.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };
const LINE =
  /^Made (\d+) of 30 questions: the text gives no more sentences fit for true or false questions; try other kinds or fewer questions\. Review the quiz$/;

describe('the course page says when a quiz has fewer questions than asked', { timeout: 300_000 }, () => {
  let fx: ApiFixture;
  let worker: ReturnType<typeof startQuizWorker>;
  let browser: Browser;
  let base = '';
  let courseId = '';
  const errors: string[] = [];
  const shot = shooter(SHOTS, 'short-quiz');
  /** What the screen shows around the status line, beside the whole page. */
  const screen = shooter(SHOTS, 'short-quiz', false);

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    const doc = fixtureDocument(createHash('sha256').update('short-quiz-web').digest('hex'), 'plants.pdf');
    courseId = (await saveProcessedDocument(fx.deps.db, doc)).courseId;
    worker = startQuizWorker(fx);
    await fx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await worker?.close();
    await fx?.stop();
    assert.deepEqual(errors, []);
  });

  async function open(viewport: typeof DESKTOP, phone = false): Promise<Page> {
    const context = await signInWith(
      await browser.newContext({
        viewport,
        ...(phone ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
      }),
      fx.adminKey,
    );
    const p = await context.newPage();
    collectErrors(p, errors);
    await p.goto(`${base}/#/course/${courseId}`);
    await p.waitForSelector('form.new-quiz');
    return p;
  }

  /** Asks for `count` questions of true/false alone, with `seed`, from the form. */
  async function askTrueFalse(p: Page, count: number, seed: number) {
    await p.click('form.new-quiz summary');
    for (const input of await p.locator('form.new-quiz input[data-kind]').all())
      await input.fill((await input.getAttribute('data-kind')) === 'true_false' ? '1' : '0');
    await p.fill('#nq-count', String(count));
    await p.fill('#nq-seed', String(seed));
    await p.click('form.new-quiz button[type=submit]');
  }

  /** The ring the focused element shows (box-shadow or outline), or '' when it shows none. */
  const ring = (p: Page) =>
    p.evaluate(`(() => {
      const s = getComputedStyle(document.activeElement);
      const shadow = s.boxShadow === 'none' ? '' : s.boxShadow;
      const outline = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? '' : s.outlineStyle;
      return shadow || outline;
    })()`) as Promise<string>;

  /** The status line once the quiz is made short; its question count. `reloadFails`: the list's reload was refused. */
  async function shortLine(p: Page, reloadFails = false): Promise<number> {
    await p.waitForSelector('#nq-status a:has-text("Review the quiz")', { timeout: 30_000 });
    if (reloadFails) await p.waitForSelector('#nq-status .nq-reload-error', { timeout: 10_000 });
    const full = ((await p.textContent('#nq-status')) ?? '').trim();
    const failure = ((await p.textContent('#nq-status .nq-reload-error').catch(() => null)) ?? '').trim();
    const text = failure ? full.slice(0, full.length - failure.length).trim() : full;
    const m = LINE.exec(text);
    assert.ok(m, text);
    const made = Number(m[1]);
    assert.ok(made >= 1 && made < 30, text);
    assert.equal(await p.isEnabled('form.new-quiz button[type=submit]'), true, 'the teacher may ask again');
    // The page stayed: its list shows the new quiz, and keyboard focus is on the link to review it.
    const href = (await p.getAttribute('#nq-status a', 'href')) ?? '';
    const quizId = decodeURIComponent(href.split('/review/')[1] ?? '');
    if (reloadFails) {
      // The shortfall line stayed; the failure is one line under it, and the list is the one the page had.
      assert.equal(failure, 'The quiz list did not reload (the database is busy); reload the page.');
      assert.equal(await p.locator(`li.quiz-item[data-quiz="${quizId}"]`).count(), 0);
      const box = await p.locator('#nq-status .nq-reload-error').boundingBox();
      const lineHeight = parseFloat(
        (await p.evaluate(
          'getComputedStyle(document.querySelector("#nq-status .nq-reload-error")).lineHeight',
        )) as string,
      );
      // One line at desktop width (a phone wraps it, within the screen).
      if ((p.viewportSize()?.width ?? 0) >= DESKTOP.width)
        assert.ok(box && box.height < lineHeight * 1.5, `the failure fits one line (${box?.height}px)`);
    } else {
      assert.equal(failure, '');
      await p.waitForSelector(`li.quiz-item[data-quiz="${quizId}"]`, { timeout: 10_000 });
      assert.match(
        (await p.textContent(`li.quiz-item[data-quiz="${quizId}"]`)) ?? '',
        new RegExp(`(^|\\D)${made} questions? ·`),
      );
    }
    assert.equal(
      await p.evaluate(
        'document.activeElement?.closest("#nq-status") !== null && document.activeElement.tagName',
      ),
      'A',
    );
    // The link took focus after a mouse click on the form's button: its ring shows all the same.
    assert.notEqual(await ring(p), '', 'the focused link shows a ring');
    return made;
  }

  test('desktop: 30 true/false asked, fewer made: the line under the form, and its link opens the quiz', async () => {
    const p = await open(DESKTOP);
    await askTrueFalse(p, 30, 21);
    const made = await shortLine(p);
    await p.evaluate('window.scrollTo(0, 0)');
    await shot(p, 'desktop');
    await p.locator('#nq-status').scrollIntoViewIfNeeded();
    await screen(p, 'desktop-status');
    await p.click('#nq-status a');
    await p.waitForSelector('h1:has-text("Review the quiz")', { timeout: 30_000 });
    assert.equal(await p.locator('.review-card').count(), made);
    await p.context().close();
  });

  /** The course's quiz list refuses to load again (GET only: the quiz is still made). */
  async function failListReload(p: Page) {
    await p.route('**/api/courses/*/quizzes', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({
            status: 503,
            contentType: 'application/json',
            body: JSON.stringify({ error: 'busy', message: 'the database is busy' }),
          })
        : route.continue(),
    );
  }

  /** A click elsewhere, with the mouse, moves focus without a ring (rings are not on every click). */
  async function noRingOnClick(p: Page) {
    await p.click('form.new-quiz summary');
    assert.equal(await p.evaluate('document.activeElement?.tagName'), 'SUMMARY');
    assert.equal(await ring(p), '', 'a mouse click shows no ring');
  }

  test('desktop: the list does not reload: the shortfall line stays, the failure under it', async () => {
    const p = await open(DESKTOP);
    await failListReload(p);
    await askTrueFalse(p, 30, 24);
    await shortLine(p, true);
    await p.locator('#nq-status').scrollIntoViewIfNeeded();
    await screen(p, 'desktop-reload-failed');
    await noRingOnClick(p);
    await p.context().close();
  });

  test('phone: the list does not reload: both lines, within the screen', async () => {
    const p = await open(PHONE, true);
    await failListReload(p);
    await askTrueFalse(p, 30, 25);
    await shortLine(p, true);
    const overflow = Number(await p.evaluate('document.documentElement.scrollWidth')) - PHONE.width;
    assert.ok(overflow <= 1, `${overflow}px wider than the screen`);
    await p.locator('#nq-status').scrollIntoViewIfNeeded();
    await screen(p, 'phone-reload-failed');
    await p.context().close();
  });

  test('desktop: a quiz with all it asked for opens for review, no line', async () => {
    const p = await open(DESKTOP);
    await askTrueFalse(p, 1, 22);
    await p.waitForSelector('h1:has-text("Review the quiz")', { timeout: 30_000 });
    assert.equal(await p.locator('.review-card').count(), 1);
    await p.context().close();
  });

  test('phone: the same line, within the screen', async () => {
    const p = await open(PHONE, true);
    await askTrueFalse(p, 30, 23);
    await shortLine(p);
    const overflow = Number(await p.evaluate('document.documentElement.scrollWidth')) - PHONE.width;
    assert.ok(overflow <= 1, `${overflow}px wider than the screen`);
    await p.evaluate('window.scrollTo(0, 0)');
    await shot(p, 'phone');
    await p.locator('#nq-status').scrollIntoViewIfNeeded();
    await screen(p, 'phone-status');
    await p.context().close();
  });
});
