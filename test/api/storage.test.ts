/**
 * The API with STORAGE_URL=s3://… against a real S3-speaking server (s3rver): uploads stream into the bucket and
 * nowhere else, a refused or abandoned request keeps none of its objects, the viewer's byte ranges come from the
 * bucket, and a bucket that does not answer is a 503 with Retry-After, not a 500.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { keepDocumentBytes } from '../../src/files/documents.ts';
import { openStorage, type Storage } from '../../src/files/index.ts';
import { saveProcessedDocument } from '../../src/store/index.ts';
import { distinctiveRun, fixtureDocument, makePdf, multipart } from '../support/api.ts';
import { type ApiFixture, startApiFixture } from '../support/api-fixture.ts';
import { type S3Server, startS3 } from '../support/s3.ts';
import { pollUntil } from '../support/wait.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the API on object storage', () => {
  let fx: ApiFixture;
  let s3: S3Server;
  let app: FastifyInstance;
  let storage: Storage;

  before(async () => {
    [fx, s3] = await Promise.all([startApiFixture(), startS3()]);
    Object.assign(process.env, s3.awsEnv);
    const env = s3.env('api');
    app = await fx.variant({ storageUrl: env.STORAGE_URL, storageS3PathStyle: true });
    storage = await openStorage({ ...fx.config, storageUrl: env.STORAGE_URL, storageS3PathStyle: true });
  });
  after(async () => {
    await storage?.close();
    await fx?.stop();
    await s3?.remove();
  });

  const keys = async (which: 'uploads' | 'documents') => {
    const found: string[] = [];
    for await (const f of storage[which].list()) found.push(f.key);
    return found.sort();
  };
  const post = (parts: Parameters<typeof multipart>[0]) => {
    const { payload, headers } = multipart(parts);
    return app.inject({ method: 'POST', url: '/api/pdfs', payload, headers });
  };

  test('two PDFs in one request land in the bucket as <sha256>.pdf, nothing on the API host', async () => {
    const [a, b] = await Promise.all([makePdf('s3 alpha'), makePdf('s3 beta')]);
    const res = await post([
      { field: 'file', filename: 'a.pdf', content: a },
      { field: 'file', filename: 'b.pdf', content: b },
    ]);
    assert.equal(res.statusCode, 202, res.body);
    assert.deepEqual(await keys('uploads'), [`${sha256(a)}.pdf`, `${sha256(b)}.pdf`].sort());
    assert.deepEqual(Buffer.from((await storage.uploads.read(`${sha256(a)}.pdf`))!), a);
    assert.deepEqual(await readdir(fx.uploadDir).catch(() => []), [], 'UPLOAD_DIR is not used');
    for (const k of await keys('uploads')) await storage.uploads.remove(k);
  });

  test('a file larger than a part goes up in parts and lands whole; a large non-PDF is 415, leaving nothing', async () => {
    const big = Buffer.concat([await makePdf('s3 big'), randomBytes(12 * 1024 * 1024)]);
    const res = await post([{ field: 'file', filename: 'big.pdf', content: big }]);
    assert.equal(res.statusCode, 202, res.body);
    assert.equal((await storage.uploads.stat(`${sha256(big)}.pdf`))?.sizeBytes, big.length);
    assert.equal(sha256(Buffer.from((await storage.uploads.read(`${sha256(big)}.pdf`))!)), sha256(big));
    await storage.uploads.remove(`${sha256(big)}.pdf`);
    const text = await post([
      {
        field: 'file',
        filename: 'big.txt',
        content: Buffer.alloc(12 * 1024 * 1024, 'a'),
        contentType: 'text/plain',
      },
    ]);
    assert.equal(text.statusCode, 415);
    assert.deepEqual(await keys('uploads'), []);
  });

  test('a request refused part-way (its second file is no PDF) keeps none of its objects', async () => {
    const res = await post([
      { field: 'file', filename: 'ok.pdf', content: await makePdf('s3 kept?') },
      { field: 'file', filename: 'notes.txt', content: 'hello '.repeat(500), contentType: 'text/plain' },
    ]);
    assert.equal(res.statusCode, 415);
    assert.deepEqual(await keys('uploads'), []);
  });

  test('a client that hangs up mid-file leaves no object, not even a temporary one', async () => {
    const url = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    const big = Buffer.concat([await makePdf('s3 cut'), Buffer.alloc(8 * 1024 * 1024, 7)]);
    const { payload, headers } = multipart([{ field: 'file', filename: 'cut.pdf', content: big }]);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `POST /api/pdfs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${fx.adminKey}\r\nContent-Type: ${headers['content-type']}\r\nContent-Length: ${payload.length}\r\n\r\n`,
    );
    // More than a part: the multipart upload has begun when the client goes.
    socket.write(payload.subarray(0, 7 * 1024 * 1024));
    await new Promise((r) => setTimeout(r, 1000));
    socket.destroy();
    await pollUntil(
      'no object left',
      async () => ((await keys('uploads')).length === 0 ? true : null),
      10_000,
    );
  });

  test('the viewer gets byte ranges of the kept PDF from the bucket', async () => {
    const pdf = await makePdf('s3 viewer');
    const doc = await saveProcessedDocument(fx.deps.db, fixtureDocument(sha256(pdf), 'viewer.pdf'));
    const url = `/api/documents/${doc.documentId}/pdf`;
    assert.equal((await app.inject(url)).statusCode, 404);
    await keepDocumentBytes(storage, pdf, sha256(pdf));
    const part = await app.inject({ url, headers: { range: 'bytes=0-4' } });
    assert.equal(part.statusCode, 206);
    assert.equal(part.body, '%PDF-');
    assert.equal(part.headers['content-range'], `bytes 0-4/${pdf.length}`);
    const whole = await app.inject(url);
    assert.equal(whole.statusCode, 200);
    assert.deepEqual(whole.rawPayload, pdf);
  });

  test('a deleted course leaves the bucket: its kept PDF and its upload go, nothing of its bytes stays', async () => {
    const pdf = await makePdf('s3 to delete');
    const sha = sha256(pdf);
    // Uploaded (so in uploads/), kept as its document's PDF (documents/), its course stored.
    assert.equal((await post([{ field: 'file', filename: 'gone.pdf', content: pdf }])).statusCode, 202);
    await keepDocumentBytes(storage, pdf, sha);
    const saved = await saveProcessedDocument(fx.deps.db, fixtureDocument(sha, 'gone.pdf'));
    assert.ok((await keys('uploads')).includes(`${sha}.pdf`));
    assert.ok((await keys('documents')).includes(`${sha}.pdf`));

    const res = await app.inject({ method: 'DELETE', url: `/api/courses/${saved.courseId}` });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await keys('uploads')).includes(`${sha}.pdf`), false);
    assert.equal((await keys('documents')).includes(`${sha}.pdf`), false);
    // The server's own files (objects and their metadata) hold neither the name nor the bytes.
    const run = distinctiveRun(pdf, await makePdf('s3 not to delete'));
    for (const entry of await readdir(s3.dir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = `${entry.parentPath}/${entry.name}`;
      assert.equal(path.includes(sha), false, path);
      assert.equal((await readFile(path)).includes(run), false, `${path} holds bytes of the PDF`);
    }
  });

  test('a bucket that does not answer: uploads 503 with Retry-After, /health names storage; back: 202', async () => {
    await s3.stop();
    try {
      const res = await post([{ field: 'file', filename: 'down.pdf', content: await makePdf('s3 down') }]);
      assert.equal(res.statusCode, 503);
      assert.equal(res.headers['retry-after'], '5');
      assert.deepEqual(res.json(), {
        error: 'dependency_unavailable',
        message: 'storage is unavailable; try again shortly',
      });
      const health = await app.inject('/health');
      assert.equal(health.statusCode, 503);
      assert.match(
        health.json().storage.error,
        /storage unreachable: s3:\/\/profai-test\/api\/uploads\/: ECONNREFUSED/,
      );
    } finally {
      await s3.start();
    }
    const res = await post([{ field: 'file', filename: 'back.pdf', content: await makePdf('s3 back') }]);
    assert.equal(res.statusCode, 202);
  });
});
