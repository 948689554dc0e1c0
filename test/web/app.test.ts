/**
 * The teachers' web app in headless Chromium against the API and a real worker (PostgreSQL, Redis):
 * the API key asked once; examples/sample.pdf uploaded through the page and followed to "done"; its course
 * opened; a citation opens the PDF viewer at that page with the sentence highlighted; the quiz taken and scored;
 * a question edited and the edit found in the Moodle XML downloaded from the page; a non-PDF rejected with its
 * reason. Screenshots of every page at desktop and phone width go to test-artifacts/web/.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApi } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config.ts';
import { openDatabase, openVectorStore } from '../../src/store/index.ts';
import type { Database, VectorStore } from '../../src/store/types.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { htmlText, parseXml } from '../export/parse.ts';
import { CHROMIUM, launchChromium, unlabelled } from '../support/chromium.ts';
import { SAMPLE_PDF } from '../support/cli-processes.ts';
import { loadCorpus } from '../support/corpus.ts';
import { createTestDatabase, tempDir } from '../support/databases.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  type WorkerProcess,
} from '../support/workers.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const KEY = 'teacher-test-key';
const EDITED = 'Which kind of scan reads every row of a table? (edited by a teacher)';
const DESKTOP = { width: 1280, height: 860 };
/** A real encrypted PDF of the corpus (RC4, user password "openpassword"), when the corpus is here. */
const ENCRYPTED = 'sf-encrypted-user-password.pdf';
const ENCRYPTED_PASSWORD = 'openpassword';
const corpus = loadCorpus();
const encryptedPath = 'rows' in corpus ? (corpus.rows.find((r) => r.file === ENCRYPTED)?.path ?? '') : '';
const encryptedSkip =
  'missing' in corpus ? corpus.missing : encryptedPath ? false : `${ENCRYPTED} is not in the corpus`;
const PHONE = { width: 390, height: 844 };

/**
 * Gives question `i` some answer, whatever its kind: an option (the first or last), a term in each drop-down,
 * a typed word or number, an item moved (test/web/kinds.test.ts answers each kind right).
 */
async function answerSomething(p: Page, i: number, which: 'first' | 'last'): Promise<void> {
  const q = p.locator(`fieldset[data-question="${i}"]`);
  const kind = await q.getAttribute('data-kind');
  if (kind === 'matching') {
    for (const select of await q.locator('select').all()) await select.selectOption({ index: 1 });
  } else if (kind === 'short_answer' || kind === 'numerical') {
    await q.locator('input').fill(kind === 'numerical' ? '42' : 'an answer');
  } else if (kind === 'ordering') {
    await q.locator('button[data-move="down"]:not([disabled])').first().click();
  } else {
    const choice = q.locator('.choice');
    await (which === 'first' ? choice.first() : choice.last()).click();
  }
}

describe('the web app in headless Chromium, against the API and a worker', { timeout: 300_000 }, () => {
  const prefix = randomPrefix();
  const redisKeys = openTestClient(prefix);
  const dirs = tempDir('profai-web-');
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let db: Database;
  let vectors: VectorStore;
  let fleet: ReturnType<typeof openProfaiClient>;
  let app: FastifyInstance;
  const workers: WorkerProcess[] = [];
  let browser: Browser;
  let base = '';
  let page: Page;
  const errors: string[] = [];
  let courseUrl = '';

  const shot = async (p: Page, name: string) => {
    await p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    assert.deepEqual(await unlabelled(p), [], `${name}: every control has a name a screen reader announces`);
  };

  before(async () => {
    assert.ok(
      existsSync(CHROMIUM),
      `${CHROMIUM} is missing: apt-get install chromium (the CI script installs it)`,
    );
    mkdirSync(SHOTS, { recursive: true });
    database = await createTestDatabase();
    const env = {
      DATABASE_URL: database.url,
      QUEUE_PREFIX: prefix,
      UPLOAD_DIR: join(dirs.dir, 'uploads'),
      DOCUMENTS_DIR: join(dirs.dir, 'documents'),
      HEARTBEAT_S: '0.5',
      LOG_LEVEL: 'warn',
    };
    const worker = spawnWorker({ ...env, WORKER_NUM: '1' });
    workers.push(worker);
    const config = loadConfig({ ...env, API_KEY: KEY, LOG_LEVEL: 'silent' });
    db = await openDatabase(config);
    vectors = await openVectorStore(config, db);
    fleet = openProfaiClient(config);
    app = await buildApi({
      config,
      db,
      vectors,
      fleet,
      redisPing: async () => void (await fleet.redis.ping()),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    await worker.waitForLine(/ ready\.$/, 120_000);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('console', (msg) => {
      // Failed requests (the 401 before the key, the rejected non-PDF) are the app's to show, and it does.
      if (msg.type() === 'error' && !/Failed to load resource/.test(msg.text()))
        errors.push(`console: ${msg.text()}`);
    });
    page.on('dialog', (dialog) => void dialog.accept());
    // Nothing may leave this server: no CDN, no font service.
    await context.route(/^(?!http:\/\/127\.0\.0\.1)/, (route) => {
      errors.push(`request to another origin: ${route.request().url()}`);
      return route.abort();
    });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await killAll(workers);
    await fleet?.close();
    await vectors?.close();
    await db?.close();
    await redisKeys.cleanup();
    await database?.drop();
    dirs.remove();
  });

  test('the API key is asked once, then an empty home offers the upload', async () => {
    await page.goto(`${base}/`);
    await page.waitForSelector('#key-dialog[open]');
    await shot(page, 'desktop-key');
    await page.fill('#key-input', 'wrong-key');
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('#key-error:not([hidden])');
    assert.match((await page.textContent('#key-error')) ?? '', /not accepted/);
    await page.fill('#key-input', KEY);
    await page.click('#key-form button[type=submit]');
    await page.waitForSelector('h1:has-text("Welcome to ProfAI")');
    assert.equal(await page.evaluate(`sessionStorage.getItem('profai.apiKey')`), KEY);
    await shot(page, 'desktop-home-empty');
  });

  test('a PDF uploaded through the page shows its stages and reaches done; a non-PDF shows its reason', async () => {
    await page.goto(`${base}/#/upload`);
    const row = '[data-file="sample.pdf"]';
    // Every status the row shows, as the page shows it: a quick worker may be done before a poll from here.
    await page.evaluate(`{
      const shown = (window.shownStatuses = []);
      new MutationObserver(() => {
        const text = document.querySelector('${row} .upload-status')?.textContent ?? '';
        if (text && shown.at(-1) !== text) shown.push(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    }`);
    await page.setInputFiles('#file-input', SAMPLE_PDF);
    await page.waitForSelector(
      `${row}[data-state="queued"], ${row}[data-state="running"], ${row}[data-state="done"]`,
    );
    for (let i = 0; i < 400; i++) {
      if ((await page.getAttribute(row, 'data-state')) === 'done') break;
      if (i === 3) await shot(page, 'desktop-upload-progress');
      await page.waitForTimeout(150);
    }
    const seen = new Set((await page.evaluate('window.shownStatuses')) as string[]);
    assert.equal(await page.getAttribute(row, 'data-state'), 'done', [...seen].join(' | '));
    assert.ok(
      [...seen].some((s) =>
        /waiting for a worker|extracting|indexing|writing|checking|saving|finding|splitting/.test(s),
      ),
      `a stage was shown on the way: ${[...seen].join(' | ')}`,
    );
    assert.match(
      (await page.textContent(`${row} .upload-status`)) ?? '',
      /^done: 10 pages · [1-9]\d* modules · [1-9]\d* lessons · 10 questions/,
    );
    assert.match((await page.textContent(row)) ?? '', /worker1@/);

    await page.setInputFiles('#file-input', {
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('just some notes'),
    });
    await page.waitForSelector('[data-file="notes.txt"][data-state="rejected"]');
    assert.match((await page.textContent('[data-file="notes.txt"] .upload-status')) ?? '', /^Not a PDF/);
    await shot(page, 'desktop-upload-done');

    const sha = createHash('sha256').update(readFileSync(SAMPLE_PDF)).digest('hex');
    assert.ok(
      existsSync(join(dirs.dir, 'documents', `${sha}.pdf`)),
      'the worker kept the PDF in DOCUMENTS_DIR',
    );
    assert.deepEqual(
      readdirSync(join(dirs.dir, 'uploads')).filter((f) => f.endsWith('.pdf')),
      [],
    );

    // The same PDF again: no new work, a link straight to its course.
    await page.setInputFiles('#file-input', SAMPLE_PDF);
    await page.waitForSelector(`${row}[data-state="existing"]`);
    assert.match((await page.textContent(`${row}[data-state="existing"]`)) ?? '', /Already processed/);
    await page.click(`${row}[data-state="existing"] a:has-text("Open the course")`);
    await page.waitForSelector('h1:has-text("An Introduction to Relational Databases")');
    courseUrl = page.url();
  });

  test('the course: modules and lessons; a citation opens the PDF at its page, the sentence highlighted', async () => {
    assert.ok((await page.locator('section.module').count()) >= 2);
    await shot(page, 'desktop-course');
    const cite = page.locator('.lesson button.cite').nth(3);
    const cited = Number(await cite.getAttribute('data-page'));
    await cite.click();
    await page.waitForSelector(`#viewer:not([hidden]) #viewer-canvas-wrap[data-page="${cited}"]`, {
      timeout: 20_000,
    });
    assert.equal(await page.inputValue('#viewer-page'), String(cited));
    assert.match((await page.textContent('#viewer-count')) ?? '', /of 10/);
    await page.waitForSelector('.textLayer span.cited');
    // Dark pixels on the canvas: the page was drawn, not just sized.
    const pixels = Number(
      await page.evaluate(`(() => {
        const c = document.getElementById('viewer-canvas');
        const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i] < 128) dark++;
        return dark;
      })()`),
    );
    assert.ok(pixels > 1000, `the page was drawn (${pixels} dark pixels)`);
    await page.screenshot({ path: join(SHOTS, 'desktop-course-viewer.png') });
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector(`#viewer-canvas-wrap[data-page="${cited + 1}"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#viewer', { state: 'hidden' });
  });

  test('the course says its language and shows each module’s glossary (the domain’s Module.glossary)', async () => {
    await page.goto('about:blank');
    await page.goto(courseUrl);
    await page.waitForSelector('section.module');
    assert.match((await page.textContent('p.meta')) ?? '', /· English ·/);
    assert.equal(await page.getAttribute('p.lead', 'lang'), 'en');
    const glossary = page.locator('.glossary dt');
    assert.ok((await glossary.count()) > 0, 'the example defines terms, so some module has a glossary');
    // Folded until asked for: a module's definitions would otherwise push its lessons far down.
    await page.locator('.glossary summary').first().click();
    assert.ok(await glossary.first().isVisible());
    await page
      .locator('section.module', { has: page.locator('.glossary') })
      .first()
      .screenshot({ path: join(SHOTS, 'desktop-course-glossary.png') });
  });

  test('a view that loads slowly does not replace the page the user moved to', async () => {
    await page.goto('about:blank');
    await page.goto(courseUrl);
    await page.waitForSelector('section.module');
    // The course answers only after 1.5 s; meanwhile the user goes to the upload page.
    await page.route('**/api/courses/*', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await page.reload();
    await page.waitForTimeout(200);
    await page.evaluate("location.hash = '#/upload'");
    await page.waitForSelector('#file-input', { state: 'attached' });
    await page.waitForTimeout(2500);
    assert.equal(await page.locator('section.module').count(), 0, 'the course did not come back');
    assert.equal(await page.locator('#file-input').count(), 1);
    await page.unroute('**/api/courses/*');
    // Back where the next tests start: the course page.
    await page.goto('about:blank');
    await page.goto(courseUrl);
    await page.waitForSelector('section.module');
  });

  test('the quiz: answered and checked, the score and each answer with its explanation', async () => {
    await page.click('.quiz-item a:has-text("Take the quiz")');
    await page.waitForSelector('form.take-quiz');
    const questions = await page.locator('fieldset.question').count();
    assert.equal(questions, 10);
    for (let i = 0; i < questions; i++) await answerSomething(page, i, 'first');
    await page.click('button:has-text("Check my answers")');
    await page.waitForSelector('#score:not([hidden])');
    const right = Number(await page.getAttribute('#score', 'data-right'));
    assert.match((await page.textContent('#score')) ?? '', new RegExp(`^${right} of 10 right`));
    assert.equal(await page.locator('fieldset.question .feedback:not([hidden])').count(), 10);
    assert.equal(await page.locator('fieldset[data-result="correct"]').count(), right);
    await shot(page, 'desktop-quiz');
  });

  test('review: a question edited through the page is in the Moodle XML downloaded from the page', async () => {
    await page.click('a:has-text("Review and edit")');
    await page.waitForSelector('h1:has-text("Review the quiz")');
    await page.click('[data-question="0"] button:has-text("Edit")');
    await page.fill('[data-question="0"] textarea[id$="-prompt"]', EDITED);
    await shot(page, 'desktop-review-edit');
    await page.click('[data-question="0"] button:has-text("Save")');
    await page.waitForSelector('#review-status:has-text("Question 1 saved.")');
    assert.equal(await page.textContent('[data-question="0"] .prompt'), EDITED);
    // The sample's offline quiz holds questions made by rule that wait for a check: marking it asks first, and
    // says how many.
    const toCheck = await page.locator('.badge-check').count();
    assert.ok(toCheck > 0, 'the offline quiz of the sample holds questions made by rule to check');
    await page.click('#mark-reviewed');
    assert.match((await page.textContent('#review-warning-title')) ?? '', new RegExp(`^${toCheck} question`));
    await page.click('.review-warning button:has-text("Mark as reviewed anyway")');
    await page.waitForSelector('#review-status:has-text("Marked as reviewed.")');
    await shot(page, 'desktop-review');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('button[data-format="moodle-xml"]'),
    ]);
    assert.match(download.suggestedFilename(), /^An Introduction to Relational Databases\.moodle\.xml$/);
    const xml = readFileSync((await download.path())!, 'utf8');
    const questions = (parseXml(xml).quiz as { question: Record<string, unknown>[] }).question.filter(
      (q) => q['@type'] !== 'category',
    );
    const texts = questions.map((q) =>
      htmlText(((q.questiontext as Record<string, unknown>).text as Record<string, string>)['#cdata']!),
    );
    assert.ok(texts.includes(EDITED), texts.join('\n'));
  });

  test('an encrypted PDF: refused without its password with a hint, made with it; the viewer asks for it', {
    skip: encryptedSkip,
  }, async () => {
    await page.goto(`${base}/#/upload`);
    const row = `[data-file="${ENCRYPTED}"]`;
    await page.setInputFiles('#file-input', encryptedPath);
    await page.waitForSelector(`${row}[data-state="failed"]`, { timeout: 60_000 });
    assert.match(
      (await page.textContent(`${row} .upload-status`)) ?? '',
      /^Encrypted: a password is required/,
    );
    assert.match((await page.textContent(`${row} .hint`)) ?? '', /password in the box above/);
    await shot(page, 'desktop-upload-encrypted');
    await page.fill('#pdf-password', ENCRYPTED_PASSWORD);
    await page.setInputFiles('#file-input', encryptedPath);
    await page.waitForSelector(`${row}[data-state="done"]`, { timeout: 60_000 });
    await page.click(`${row}[data-state="done"] a:has-text("Open the course")`);
    await page.waitForSelector('.lesson button.cite');
    await page.locator('.lesson button.cite').first().click();
    await page.waitForSelector('#viewer-password:not([hidden])');
    await page.fill('#viewer-password-input', ENCRYPTED_PASSWORD);
    await page.click('#viewer-password button[type=submit]');
    await page.waitForSelector('#viewer-canvas-wrap[data-page="1"]', { timeout: 20_000 });
    await page.click('#viewer-close');
  });

  test('a new quiz made from the course page (3 questions, module 2, seed 5) opens for review', async () => {
    // From another course's page, a change of hash alone leaves that page's form in place until this one loads:
    // the form filled could be the one about to be replaced. A fresh load has only this course's.
    await page.goto('about:blank');
    await page.goto(courseUrl);
    await page.waitForSelector('form.new-quiz');
    await page.fill('#nq-count', '3');
    await page.selectOption('#nq-module', '1');
    await page.fill('#nq-seed', '5');
    await page.click('form.new-quiz button[type=submit]');
    await page.waitForSelector('h1:has-text("Review the quiz")', { timeout: 30_000 });
    assert.equal(await page.locator('.review-card').count(), 3);
    assert.match((await page.textContent('.review-head .meta')) ?? '', /3 questions · module 2: /);
    await page.goto(courseUrl);
    await page.waitForSelector('.quiz-item');
    assert.equal(await page.locator('.quiz-item').count(), 2, 'the quiz by kinds is made in a later test');
    assert.match((await page.textContent('.quiz-item:first-child .badge')) ?? '', /Reviewed/);
  });

  test('a new quiz by kinds and levels: only true/false, easy, from the form', async () => {
    await page.goto('about:blank');
    await page.goto(courseUrl);
    await page.waitForSelector('form.new-quiz');
    await page.click('form.new-quiz summary');
    for (const input of await page.locator('form.new-quiz input[data-kind]').all())
      await input.fill((await input.getAttribute('data-kind')) === 'true_false' ? '1' : '0');
    await page.uncheck('#nq-diff-medium');
    await page.uncheck('#nq-diff-hard');
    await page.fill('#nq-count', '4');
    await page.fill('#nq-seed', '11');
    await shot(page, 'desktop-new-quiz-kinds');
    await page.click('form.new-quiz button[type=submit]');
    await page.waitForSelector('h1:has-text("Review the quiz")', { timeout: 30_000 });
    const kinds = await page.locator('.review-card .qnum').allTextContents();
    assert.ok(kinds.length >= 1 && kinds.every((k) => /true or false/.test(k)), kinds.join(' | '));
    const levels = await page.locator('.review-card .levels').allTextContents();
    assert.ok(
      levels.every((l) => /^easy/.test(l.trim())),
      levels.join(' | '),
    );
  });

  test('the stage line counts units when the job view has stageProgress, else shows the percent', async () => {
    const line = (job: object) =>
      page.evaluate(`import('./app/format.js').then((m) => m.stageLine(${JSON.stringify(job)}))`);
    assert.equal(
      await line({ stage: 'extract', progress: 30, stageProgress: { done: 120, total: 397 } }),
      'extracting 120/397 pages',
    );
    assert.equal(await line({ stage: 'embed', progress: 70 }), 'indexing (70%)');
  });

  test('phone width: home, course, viewer, quiz and review fit the screen', async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const p = await phone.newPage();
    p.on('pageerror', (err) => errors.push(`phone pageerror: ${err.message}`));
    const fits = async (what: string) => {
      // A phone browser widens its layout viewport to fit what overflows: compare with the screen's width.
      const overflow = Number(await p.evaluate('document.documentElement.scrollWidth')) - PHONE.width;
      assert.ok(overflow <= 1, `${what}: ${overflow}px wider than the screen`);
    };
    // The key in the fragment, as /dashboard takes it: never sent to the server, removed from the address.
    await p.goto(`${base}/#key=${KEY}`);
    await p.waitForSelector('table.courses');
    assert.equal(new URL(p.url()).hash, '#/');
    assert.equal(await p.locator('#key-dialog[open]').count(), 0);
    await fits('home');
    await shot(p, 'phone-home');
    await p.goto(courseUrl);
    await p.waitForSelector('section.module');
    await fits('course');
    await p.screenshot({ path: join(SHOTS, 'phone-course.png') });
    await p.locator('.lesson button.cite').first().click();
    await p.waitForSelector('#viewer:not([hidden]) #viewer-canvas-wrap[data-page]');
    await p.screenshot({ path: join(SHOTS, 'phone-viewer.png') });
    await p.click('#viewer-close');
    await p.click('.quiz-item a:has-text("Take the quiz")');
    await p.waitForSelector('form.take-quiz');
    await fits('quiz');
    await p.screenshot({ path: join(SHOTS, 'phone-quiz.png') });
    // One question at a time, as a student on a phone takes it.
    await p.click('button:has-text("One at a time")');
    assert.equal(await p.locator('fieldset.question:visible').count(), 1);
    await p.screenshot({ path: join(SHOTS, 'phone-quiz-single.png') });
    for (let i = 0; i < 10; i++) {
      await answerSomething(p, i, 'last');
      if (i < 9) await p.click('button:has-text("Next →")');
    }
    await p.click('button:has-text("Check my answers")');
    await p.waitForSelector('#score:not([hidden])');
    assert.equal(
      await p.locator('fieldset.question:visible').count(),
      10,
      'every question shown with its answer',
    );
    await p.click('button:has-text("All on one page")');
    await p.goto(p.url().replace('/quiz/', '/review/'));
    await p.waitForSelector('.review-card');
    await fits('review');
    await p.screenshot({ path: join(SHOTS, 'phone-review.png') });
    await p.goto(`${base}/#/upload`);
    await p.waitForSelector('.dropzone');
    await fits('upload');
    await shot(p, 'phone-upload');
    await phone.close();
    assert.deepEqual(errors, []);
  });
});
