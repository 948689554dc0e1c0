/**
 * The teacher's routes on real services: exports (content type, RFC 6266 download names, the edited quiz in the
 * file), quiz review (edit, delete, reviewed, If-Match, the schema's refusals as 400 JSON), the kept PDF (whole,
 * by byte range, 404 when not kept), and the web app's files (public, with a CSP, pdf.js from node_modules).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { parse as parseGift } from 'gift-pegjs';
import { keepDocumentBytes } from '../../src/files/documents.ts';
import { openStorage } from '../../src/files/index.ts';
import { saveProcessedDocument } from '../../src/store/index.ts';
import type { SavedIds } from '../../src/store/types.ts';
import { htmlText, parseXml } from '../export/parse.ts';
import { assertError, fixtureDocument, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';

describe('teacher routes: exports, review, documents, the app', () => {
  let fx: ApiFixture;
  let saved: SavedIds;
  let pdf: Buffer;

  before(async () => {
    fx = await startApiFixture();
    pdf = await makePdf('kept');
    const sha = createHash('sha256').update(pdf).digest('hex');
    const doc = fixtureDocument(sha, 'ノート & notes.pdf');
    doc.course.title = '光合成: Plants';
    saved = await saveProcessedDocument(fx.deps.db, doc);
  });
  after(async () => {
    await fx?.stop();
  });

  test('GET /api/courses/:id/export: every format with its type and a UTF-8 download name', async () => {
    const types: Record<string, RegExp> = {
      'moodle-xml': /^application\/xml/,
      gift: /^text\/plain/,
      qti: /^application\/zip/,
      cc: /^application\/zip/,
      anki: /^text\/tab-separated-values/,
      html: /^text\/html/,
      md: /^text\/markdown/,
      json: /^application\/json/,
    };
    for (const [format, type] of Object.entries(types)) {
      const res = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=${format}`);
      assert.equal(res.statusCode, 200, `${format}: ${res.body}`);
      assert.match(String(res.headers['content-type']), type);
      const disposition = String(res.headers['content-disposition']);
      assert.match(disposition, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
      const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1]!;
      assert.ok(decodeURIComponent(encoded).startsWith('光合成 Plants.'), decodeURIComponent(encoded));
    }
    const zip = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=qti`);
    assert.ok(unzipSync(new Uint8Array(zip.rawPayload))['imsmanifest.xml']);
    const json = (await fx.app.inject(`/api/courses/${saved.courseId}/export?format=json`)).json();
    assert.equal(json.quizId, saved.quizId);
  });

  test('export errors: unknown format 400, unknown course or quiz 404, a quiz of another course 404', async () => {
    assertError(
      await fx.app.inject(`/api/courses/${saved.courseId}/export?format=docx`),
      400,
      'invalid_request',
    );
    assertError(await fx.app.inject(`/api/courses/${saved.courseId}/export`), 400, 'invalid_request');
    assertError(await fx.app.inject('/api/courses/cffffffffff0/export?format=md'), 404, 'not_found');
    assertError(
      await fx.app.inject(`/api/courses/${saved.courseId}/export?format=md&quiz=qnope`),
      404,
      'not_found',
    );
    const other = await saveProcessedDocument(fx.deps.db, fixtureDocument('cd'.repeat(32), 'other.pdf'));
    const res = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=md&quiz=${other.quizId}`);
    assertError(res, 404, 'not_found');
    assert.match(res.json().message, /not a quiz of course/);
  });

  test('review: an edit is validated, stored, versioned and in every export; stale or bad edits are refused', async () => {
    const url = `/api/quizzes/${saved.quizId}/questions/0`;
    const before = (await fx.app.inject(`/api/quizzes/${saved.quizId}`)).json();
    assert.equal(before.revision, 0);
    const res = await fx.app.inject({
      method: 'PATCH',
      url,
      headers: { 'if-match': '"0"' },
      payload: { prompt: '  Edited {by} a teacher: = ~ #?  ', explanation: 'Checked by hand.' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, '"1"');
    const edited = res.json();
    assert.equal(edited.quiz.questions[0].prompt, 'Edited {by} a teacher: = ~ #?', 'trimmed');
    assert.ok(edited.editedAt);

    const moodle = (await fx.app.inject(`/api/courses/${saved.courseId}/export?format=moodle-xml`)).body;
    const question = (parseXml(moodle).quiz as { question: Record<string, unknown>[] }).question.find(
      (q) => q['@type'] !== 'category',
    )!;
    const text = ((question.questiontext as Record<string, unknown>).text as Record<string, string>)[
      '#cdata'
    ]!;
    assert.equal(htmlText(text), 'Edited {by} a teacher: = ~ #?');
    const gift = parseGift((await fx.app.inject(`/api/courses/${saved.courseId}/export?format=gift`)).body);
    assert.ok(gift.some((q) => 'stem' in q && htmlText(q.stem.text) === 'Edited {by} a teacher: = ~ #?'));

    assertError(
      await fx.app.inject({ method: 'PATCH', url, headers: { 'if-match': '"0"' }, payload: { prompt: 'x' } }),
      409,
      'revision_conflict',
    );
    const empty = await fx.app.inject({ method: 'PATCH', url, payload: { prompt: '   ' } });
    assertError(empty, 400, 'invalid_quiz');
    assert.equal(empty.json().message, 'question 1: prompt is empty');
    assertError(
      await fx.app.inject({ method: 'PATCH', url, payload: { sourcePage: 9 } }),
      400,
      'invalid_quiz',
    );
    assertError(
      await fx.app.inject({ method: 'PATCH', url, payload: { colour: 'red' } }),
      400,
      'invalid_request',
    );
    assertError(await fx.app.inject({ method: 'PATCH', url, payload: {} }), 400, 'invalid_request');
    assertError(
      await fx.app.inject({
        method: 'PATCH',
        url: `/api/quizzes/${saved.quizId}/questions/5`,
        payload: { prompt: 'x' },
      }),
      404,
      'not_found',
    );
  });

  test('review of a new kind through the API; a format that lacks it says so in X-ProfAI-Notice', async () => {
    const url = `/api/quizzes/${saved.quizId}/questions/0`;
    const items = ['Light reaches the leaf.', 'Chlorophyll absorbs it.', 'Glucose is made.'];
    const res = await fx.app.inject({ method: 'PATCH', url, payload: { kind: 'ordering', items } });
    assert.equal(res.statusCode, 200, res.body);
    const q = res.json().quiz.questions[0];
    assert.deepEqual([q.kind, q.items, q.difficulty, q.bloom], ['ordering', items, 'medium', 'apply']);
    const bad = await fx.app.inject({ method: 'PATCH', url, payload: { items: ['a', 'b', 'A'] } });
    assertError(bad, 400, 'invalid_quiz');
    assert.equal(bad.json().message, 'question 1: items 1 and 3 are the same');
    const gift = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=gift`);
    assert.equal(
      gift.headers['x-profai-notice'],
      'gift: 1 ordering question left out (GIFT has no ordering question).',
    );
    const moodle = await fx.app.inject(`/api/courses/${saved.courseId}/export?format=moodle-xml`);
    assert.equal(moodle.headers['x-profai-notice'], undefined, 'Moodle has ordering');
    assert.match(moodle.body, /<question type="ordering">/);
  });

  test('review: mark reviewed, list the quizzes; the only question cannot be deleted', async () => {
    const marked = await fx.app.inject({
      method: 'PATCH',
      url: `/api/quizzes/${saved.quizId}`,
      payload: { reviewed: true },
    });
    assert.equal(marked.statusCode, 200, marked.body);
    assert.ok(marked.json().reviewedAt);
    const list = (await fx.app.inject(`/api/courses/${saved.courseId}/quizzes`)).json();
    assert.equal(list.quizzes.length, 1);
    assert.ok(list.quizzes[0].reviewedAt);
    assert.deepEqual(list.quizzes[0].questionKeys, [`${saved.quizId}:0`]);
    const del = await fx.app.inject({ method: 'DELETE', url: `/api/quizzes/${saved.quizId}/questions/0` });
    assertError(del, 400, 'invalid_quiz');
    assert.equal(del.json().message, 'a quiz keeps at least one question');
  });

  test('GET /api/documents/:id/pdf: 404 JSON while not kept; then whole, by range, 416 outside it', async () => {
    const url = `/api/documents/${saved.documentId}/pdf`;
    assertError(await fx.app.inject(url), 404, 'pdf_not_kept');
    assertError(await fx.app.inject('/api/documents/ffffffffffffffff/pdf'), 404, 'not_found');
    const storage = await openStorage(fx.config);
    await keepDocumentBytes(storage, pdf, createHash('sha256').update(pdf).digest('hex'));
    const whole = await fx.app.inject(url);
    assert.equal(whole.statusCode, 200);
    assert.equal(whole.headers['content-type'], 'application/pdf');
    assert.equal(whole.headers['accept-ranges'], 'bytes');
    assert.deepEqual(whole.rawPayload, pdf);
    const part = await fx.app.inject({ url, headers: { range: 'bytes=0-4' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.body, '%PDF-');
    assert.equal(part.headers['content-range'], `bytes 0-4/${pdf.length}`);
    const tail = await fx.app.inject({ url, headers: { range: 'bytes=-6' } });
    assert.equal(tail.rawPayload.toString(), pdf.subarray(-6).toString());
    assertError(
      await fx.app.inject({ url, headers: { range: `bytes=${pdf.length}-` } }),
      416,
      'range_not_satisfiable',
    );
  });

  test('an upload of a PDF that already has a course becomes its kept PDF', async () => {
    const bytes = await makePdf('uploaded again');
    const sha = createHash('sha256').update(bytes).digest('hex');
    const known = await saveProcessedDocument(fx.deps.db, fixtureDocument(sha, 'again.pdf'));
    const { payload, headers } = multipart([{ field: 'file', filename: 'again.pdf', content: bytes }]);
    const res = await fx.app.inject({ method: 'POST', url: '/api/pdfs', payload, headers });
    assert.equal(res.json().jobs[0].courseId, known.courseId);
    assert.ok(existsSync(join(fx.config.documentsDir!, `${sha}.pdf`)));
    assert.ok(!existsSync(join(fx.uploadDir, `${sha}.pdf`)));
    assert.equal((await fx.app.inject(`/api/documents/${known.documentId}/pdf`)).statusCode, 200);
  });

  test('the app: / and /app/… are public and offline (CSP self only), pdf.js comes from node_modules', async () => {
    const app = await fx.variant({ apiKey: 'k' });
    const page = await app.inject('/');
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'none'/);
    assert.ok(!/https?:/.test(csp) && !/https?:\/\//.test(page.body), 'nothing from another origin');
    // The page names every app file by its version, the modules through an import map whose hash the CSP allows.
    const map = /<script type="importmap">(.*?)<\/script>/.exec(page.body)?.[1];
    assert.ok(map, 'an import map');
    assert.ok(csp.includes(`'sha256-${createHash('sha256').update(map).digest('base64')}'`), csp);
    assert.ok(!/'unsafe-inline'/.test(/script-src[^;]*/.exec(csp)![0]), 'no other inline script');
    const imports = JSON.parse(map).imports as Record<string, string>;
    assert.match(imports['./app/views/quiz.js']!, /^\.\/app\/views\/quiz\.js\?v=[\w-]{20}$/);
    const entry = /<script type="module" src="(app\/main\.js\?v=[\w-]+)"/.exec(page.body)?.[1];
    assert.ok(
      entry && /href="app\/app\.css\?v=/.test(page.body),
      'the entry and the stylesheet are versioned',
    );

    // Compressed as the browser takes it; a year for the current version, revalidated by the bare name.
    const plainMain = await app.inject({ url: '/app/main.js', headers: { 'accept-encoding': 'identity' } });
    const br = await app.inject({ url: `/${entry}`, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.match(String(br.headers.vary), /Accept-Encoding/);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plainMain.body);
    assert.ok(br.rawPayload.length < plainMain.rawPayload.length * 0.6, `${br.rawPayload.length} bytes`);
    assert.equal(plainMain.headers['content-encoding'], undefined);
    assert.equal(plainMain.headers['cache-control'], 'no-cache');
    const stale = await app.inject({ url: '/app/main.js?v=old', headers: { 'accept-encoding': 'br' } });
    assert.equal(stale.headers['cache-control'], 'no-cache', 'an old version is not kept a year');
    assert.equal(
      (
        await app.inject({
          url: `/${entry}`,
          headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) },
        })
      ).statusCode,
      304,
    );
    const worker = await app.inject({
      url: '/app/vendor/pdfjs/build/pdf.worker.min.mjs',
      headers: { 'accept-encoding': 'gzip' },
    });
    assert.equal(worker.headers['content-encoding'], 'gzip');
    assert.equal(worker.headers['cache-control'], 'public, max-age=604800');
    assert.ok(gunzipSync(worker.rawPayload).length > 2 * worker.rawPayload.length, 'pdf.js more than halved');

    const main = await app.inject('/app/main.js');
    assert.equal(main.statusCode, 200);
    assert.match(String(main.headers['content-type']), /^text\/javascript/);
    assert.equal(
      (await app.inject({ url: '/app/main.js', headers: { 'if-none-match': String(main.headers.etag) } }))
        .statusCode,
      304,
    );
    const pdfjs = await app.inject('/app/vendor/pdfjs/build/pdf.min.mjs');
    assert.equal(pdfjs.statusCode, 200);
    assert.equal((await app.inject('/app/vendor/pdfjs/build/pdf.worker.min.mjs')).statusCode, 200);
    assert.equal((await app.inject('/app/vendor/pdfjs/cmaps/UniJIS-UCS2-H.bcmap')).statusCode, 200);
    for (const bad of [
      '/app/../package.json',
      '/app/vendor/pdfjs/build/..%2f..%2fpackage.json',
      '/app/vendor/pdfjs/__proto__/x.js',
      '/app/nope.js',
    ]) {
      const res = await app.inject(bad);
      // A path that climbs out is another route (401 without the key, 404 with it): never the file.
      assert.ok(
        [401, 404].includes(res.statusCode) && !res.body.includes('dependencies'),
        `${bad}: ${res.statusCode}`,
      );
    }
    assertError(await app.inject(`/api/courses/${saved.courseId}/export?format=md`), 401, 'unauthorized');
  });
});
