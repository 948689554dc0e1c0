/**
 * Hostile requests against an API on real PostgreSQL, Chroma and Redis: generated ones (seeded, so a failure
 * replays with FUZZ_SEED), a client that hangs up mid-upload over real HTTP, the multipart limits, and a walk over
 * every route's schemas.
 */
import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../src/api/server.ts';
import { assertError, multipart } from '../support/api.ts';
import type { ApiFixture } from '../support/api-fixture.ts';
import { fuzzApi, type KnownIds, startFuzzTarget } from '../support/hostile-requests.ts';
import { waitFor } from '../support/workers.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);

describe('a fuzzed API', { timeout: 240_000 }, () => {
  let fx: ApiFixture;
  let app: FastifyInstance;
  let ids: KnownIds;
  let pdf: Buffer;
  before(async () => {
    ({ fx, app, ids, pdf } = await startFuzzTarget());
  });
  after(async () => {
    await fx?.stop();
  });

  test(`${CASES} generated requests (seed ${SEED}): no 5xx, every 4xx is {error, message}, only 2xx uploads kept`, async () => {
    const report = await fuzzApi(app, ids, pdf, { seed: SEED, numRuns: CASES });
    assert.equal(report.cases, CASES);
    assert.deepEqual(report.violations.slice(0, 10), [], `replay with FUZZ_SEED=${SEED}`);
    // The generator reaches all kinds of answer, the accepted ones too, or it tests little.
    for (const status of [200, 202, 400, 404, 413, 415])
      assert.ok(report.statuses.get(status), `no ${status}`);
    assert.equal((await app.inject('/health')).statusCode, 200);
    const kept = await readdir(fx.uploadDir);
    for (const name of kept) {
      assert.match(name, /^[0-9a-f]{64}\.pdf$/, 'a name of ours, never the client’s, and no temporary file');
      assert.ok(report.acceptedShas.has(name.slice(0, 64)), `${name}: kept, though its upload was refused`);
    }
  });

  test('numbers past every bound (1e309 reads as Infinity) are 400, not passed on to the stores', async () => {
    for (const url of ['/api/jobs?limit=1e309', '/api/jobs?limit=-1e309', '/api/courses?offset=1e309']) {
      const res = await app.inject(url);
      assertError(res, 400, 'invalid_request');
      assert.match(res.json().message, /finite/, url);
    }
  });

  test('malformed multipart bodies are 400 malformed_multipart naming the reason', async () => {
    const before = (await readdir(fx.uploadDir)).sort();
    const { payload, headers } = multipart([
      { field: 'file', filename: 'a.pdf', content: Buffer.concat([pdf, Buffer.from('%cut')]) },
    ]);
    const send = (body: Buffer, contentType: string) =>
      app.inject({
        method: 'POST',
        url: '/api/pdfs',
        payload: body,
        headers: { 'content-type': contentType },
      });
    const cut = await send(payload.subarray(0, payload.length / 2), headers['content-type']!);
    assertError(cut, 400, 'malformed_multipart');
    assert.match(cut.json().message, /unexpected end/i);
    const noBoundary = await send(payload, 'multipart/form-data');
    assertError(noBoundary, 400, 'malformed_multipart');
    assert.match(noBoundary.json().message, /boundary/i);
    assertError(
      await send(payload, `multipart/form-data; boundary=${'b'.repeat(300)}`),
      400,
      'malformed_multipart',
    );
    assert.deepEqual((await readdir(fx.uploadDir)).sort(), before, 'no file, no temporary file');
  });

  test('MAX_FILES_PER_UPLOAD files pass, one more is 413 and keeps none; a field over 64 KB is 413', async () => {
    const three = await fx.variant({ maxFilesPerUpload: 3 });
    const files = (n: number, tag: string) =>
      Array.from({ length: n }, (_, i) => ({
        field: 'file',
        filename: `${i}.pdf`,
        content: Buffer.concat([pdf, Buffer.from(`\n%${tag}${i}\n`)]),
      }));
    const ok = await three.inject({ method: 'POST', url: '/api/pdfs', ...multipart(files(3, 'ok')) });
    assert.equal(ok.statusCode, 202, ok.body);
    assert.equal(ok.json().jobs.length, 3);
    const before = await readdir(fx.uploadDir);
    const tooMany = await three.inject({ method: 'POST', url: '/api/pdfs', ...multipart(files(4, 'many')) });
    assertError(tooMany, 413, 'too_many_files');
    assert.match(tooMany.json().message, /MAX_FILES_PER_UPLOAD/);
    assert.deepEqual((await readdir(fx.uploadDir)).sort(), before.sort(), 'the first three are not kept');
    const bigField = await app.inject({
      method: 'POST',
      url: '/api/pdfs',
      ...multipart([...files(1, 'field'), { field: 'password', content: 'p'.repeat(3 * 1024 * 1024) }]),
    });
    assertError(bigField, 413, 'too_large');
    assert.match(bigField.json().message, /password/);
  });

  test('a client that hangs up mid-upload: an info line, not an error, and no file left', async () => {
    const lines: { level: number; msg?: string; reqId?: string }[] = [];
    const logged = await buildApi({
      ...fx.deps,
      config: { ...fx.config, logLevel: 'info' },
      logStream: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    try {
      const url = new URL(await logged.listen({ port: 0, host: '127.0.0.1' }));
      const { payload, headers } = multipart([
        { field: 'file', filename: 'a.pdf', content: Buffer.concat([pdf, Buffer.alloc(200_000)]) },
      ]);
      const socket = connect(Number(url.port), url.hostname);
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write(
        `POST /api/pdfs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${fx.adminKey}\r\nContent-Type: ${headers['content-type']}\r\nContent-Length: ${payload.length}\r\n\r\n`,
      );
      socket.write(payload.subarray(0, 100_000));
      await waitFor('the upload to start', async () =>
        (await readdir(fx.uploadDir)).some((f) => f.endsWith('.part')) ? true : null,
      );
      socket.destroy();
      const line = await waitFor('the hang-up to be logged', async () =>
        lines.find((l) => /closed the connection/.test(l.msg ?? '')),
      );
      assert.equal(line.level, 30, 'info');
      assert.ok(line.reqId, 'with its request id');
      assert.equal(lines.filter((l) => l.level >= 50).length, 0, 'nothing logged as an error');
      await waitFor('the partial file to go', async () =>
        (await readdir(fx.uploadDir)).some((f) => f.endsWith('.part')) ? null : true,
      );
    } finally {
      await logged.close();
    }
  });

  test('a bug of ours is a 500 {error: internal}, logged as an error with its request id', async () => {
    const lines: { level: number; reqId?: string; err?: { message: string } }[] = [];
    const broken = await buildApi({
      ...fx.deps,
      config: { ...fx.config, logLevel: 'error' },
      db: { ...fx.deps.db, query: () => Promise.reject(new TypeError('a bug')) } as typeof fx.deps.db,
      logStream: { write: (line: string) => lines.push(JSON.parse(line)) },
    });
    try {
      assertError(await broken.inject('/api/courses'), 500, 'internal');
      const error = lines.find((l) => l.level === 50);
      assert.equal(error?.err?.message, 'a bug');
      assert.ok(error?.reqId);
    } finally {
      await broken.close();
    }
  });
});
