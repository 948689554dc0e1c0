/**
 * Deleting a course in the web app (headless Chromium against the API on PostgreSQL, Chroma, Redis), signed in
 * with the key of the teacher who owns it: the course page ends with a "Delete this course" button; it asks first
 * in a dialog that says what goes; "Keep it" keeps it; "Delete for good" deletes the course and its kept PDF and
 * comes back to the courses, which say so once.
 * Screenshots (desktop and phone) go to test-artifacts/web/ (delete-*).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { keepDocumentBytes } from '../../src/files/documents.ts';
import { openStorage } from '../../src/files/index.ts';
import { addUploadOwner, addUser, saveProcessedDocument } from '../../src/store/index.ts';
import { fixtureDocument, makePdf } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { collectErrors, launchChromium, shooter } from '../support/chromium.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/web/', import.meta.url));
const DESKTOP = { width: 1280, height: 860 };
const PHONE = { width: 390, height: 844 };

describe('deleting a course in the app (headless Chromium)', { timeout: 180_000 }, () => {
  let fx: ApiFixture;
  let browser: Browser;
  let base = '';
  const errors: string[] = [];
  /** The teacher who owns the courses: the app is used with her key, as deployed (keys on). */
  let teacher = { id: '', key: '' };

  /** A stored course with its kept PDF; returns its ids and where the PDF is. */
  async function storedCourse(marker: string, title: string) {
    const pdf = await makePdf(marker);
    const sha = createHash('sha256').update(pdf).digest('hex');
    const doc = fixtureDocument(sha, `${marker}.pdf`);
    doc.course.title = title;
    const saved = await saveProcessedDocument(fx.deps.db, doc);
    await addUploadOwner(fx.deps.db, sha, teacher.id);
    const storage = await openStorage(fx.config);
    await keepDocumentBytes(storage, pdf, sha);
    await storage.close();
    return { ...saved, pdfPath: join(fx.config.documentsDir!, `${sha}.pdf`) };
  }

  const shot = shooter(SHOTS, 'delete', false);
  const watch = (p: Page) => {
    collectErrors(p, errors);
  };

  /** A new tab of a new browser session, signed in as the teacher by typing her key in the key dialog. */
  async function signedInPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport });
    const p = await context.newPage();
    watch(p);
    await p.goto(`${base}/`);
    await p.waitForSelector('#key-dialog[open]');
    await p.fill('#key-input', teacher.key);
    await p.click('#key-form button[type=submit]');
    await p.waitForSelector('#who:not([hidden])');
    return p;
  }

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    fx = await startApiFixture();
    const added = await addUser(fx.deps.db, 'tess', 'teacher');
    teacher = { id: added.user.id, key: added.key };
    await fx.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(fx.app.server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await fx?.stop();
  });

  test('asks first; "Keep it" keeps it; "Delete for good" deletes course and PDF and says so', async () => {
    const gone = await storedCourse('to delete', 'Photosynthesis, to delete');
    const stays = await storedCourse('to keep', 'Respiration, to keep');
    assert.ok(existsSync(gone.pdfPath));
    const p = await signedInPage(DESKTOP);
    const context = p.context();
    await p.goto(`${base}/#/course/${gone.courseId}`);
    await p.waitForSelector('#delete-course');
    await p.locator('#delete-course').scrollIntoViewIfNeeded();
    await shot(p, 'desktop-course');

    await p.click('#delete-course');
    const dialog = p.locator('#delete-dialog');
    await dialog.waitFor({ state: 'visible' });
    assert.match(
      (await dialog.textContent()) ?? '',
      /Delete “Photosynthesis, to delete”\?.*to delete\.pdf.*cannot be undone/,
    );
    await shot(p, 'desktop-dialog');
    await p.click('#delete-dialog button:has-text("Keep it")');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal((await fx.app.inject(`/api/courses/${gone.courseId}`)).statusCode, 200, 'kept');

    await p.click('#delete-course');
    await p.click('#delete-dialog button:has-text("Delete for good")');
    await p.waitForSelector('.notice');
    assert.equal(await p.textContent('.notice'), '“Photosynthesis, to delete” was deleted.');
    assert.equal(await p.locator(`tr[data-course="${gone.courseId}"]`).count(), 0);
    assert.equal(await p.locator(`tr[data-course="${stays.courseId}"]`).count(), 1);
    await shot(p, 'desktop-after');
    assert.equal((await fx.app.inject(`/api/courses/${gone.courseId}`)).statusCode, 404);
    assert.equal(existsSync(gone.pdfPath), false, 'the kept PDF is gone');
    assert.ok(existsSync(stays.pdfPath));
    // The notice is said once.
    await p.reload();
    await p.waitForSelector('table.courses');
    assert.equal(await p.locator('.notice').count(), 0);
    await context.close();

    const q = await signedInPage(PHONE);
    const phone = q.context();
    await q.goto(`${base}/#/course/${stays.courseId}`);
    await q.waitForSelector('#delete-course');
    await q.click('#delete-course');
    await q.locator('#delete-dialog').waitFor({ state: 'visible' });
    await shot(q, 'phone-dialog');
    await phone.close();
    assert.deepEqual(errors, []);
  });
});
