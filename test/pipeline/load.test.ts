import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { PdfError } from '../../src/pipeline/errors.ts';
import { checkPdf, hasPdfHeader, openPdf } from '../../src/pipeline/load.ts';
import { hasEngine, setEngineLimits } from '../../src/pipeline/pdf/engine.ts';
import { makeSimplePdf } from '../support/make-pdf.ts';

const limits = { maxFileMb: 10 };
const bytesOf = (s: string) => new TextEncoder().encode(s);
const check = (bytes: Uint8Array, password?: string) =>
  checkPdf({ bytes, fileName: 'x.pdf', ...(password !== undefined ? { password } : {}) }, limits);

/** Asserts that `fn` fails with a PdfError of `code`, and returns its message. */
async function rejectsWith(fn: () => unknown, code: string): Promise<string> {
  try {
    await fn();
  } catch (err) {
    assert.ok(err instanceof PdfError, `expected a PdfError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(!err.message.includes('\n'), 'one-line message');
    return err.message;
  }
  assert.fail(`expected ${code}`);
}

describe('checkPdf', () => {
  test('an empty file is empty_file', async () => {
    await rejectsWith(() => check(new Uint8Array()), 'empty_file');
  });

  test('says what a non-PDF looks like', async () => {
    assert.match(
      await rejectsWith(() => check(bytesOf('<!DOCTYPE html><html><body>Error</body></html>')), 'not_pdf'),
      /HTML page/,
    );
    const ole2 = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    assert.match(await rejectsWith(() => check(ole2), 'not_pdf'), /Word\/OLE2/);
    assert.match(await rejectsWith(() => check(bytesOf('PK\x03\x04rest')), 'not_pdf'), /ZIP/);
    assert.match(
      await rejectsWith(() => check(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1])), 'not_pdf'),
      /PNG/,
    );
    assert.match(await rejectsWith(() => check(bytesOf('just some notes\n')), 'not_pdf'), /plain text/);
  });

  test('accepts junk before the header, within 1024 bytes', () => {
    assert.ok(hasPdfHeader(bytesOf(`${'x'.repeat(500)}%PDF-1.4`)));
    assert.ok(!hasPdfHeader(bytesOf(`${'x'.repeat(1100)}%PDF-1.4`)));
  });

  test('a file over the limit is too_large', async () => {
    const big = new Uint8Array(2 * 1024 * 1024);
    big.set(bytesOf('%PDF-1.4'));
    await rejectsWith(() => checkPdf({ bytes: big, fileName: 'big.pdf' }, { maxFileMb: 1 }), 'too_large');
  });

  test('identity is the SHA-256 of the bytes', () => {
    const checked = check(bytesOf('%PDF-1.4 whatever'));
    assert.match(checked.sha256, /^[0-9a-f]{64}$/);
    assert.equal(checked.documentId, checked.sha256.slice(0, 16));
    assert.equal(checked.sizeBytes, 17);
  });
});

describe('openPdf', () => {
  test('opens a PDF and reports its pages', async () => {
    const pdf = await openPdf(check(await makeSimplePdf()), { maxPages: 10 });
    try {
      assert.equal(pdf.pageCount, 1);
    } finally {
      await pdf.close();
    }
  });

  test("a long document's engine instance is let go when it closes, and its WebAssembly memory with it", async () => {
    const openAndClose = async () => {
      const pdf = await openPdf(check(await makeSimplePdf()), { maxPages: 10 });
      const buffer = new WeakRef(pdf.document.engine.heapU8().buffer);
      await pdf.close();
      return buffer;
    };
    await openAndClose();
    assert.equal(hasEngine(), true, 'a one-page document leaves the instance for the next');
    setEngineLimits({ renewAtPages: 1 });
    const memory = await openAndClose().finally(() => setEngineLimits({ renewAtPages: 100 }));
    assert.equal(hasEngine(), false, 'the instance is dropped once its long document is closed');
    // The Emscripten glue's getters on globalThis (`asm`, `buffer`) closed over the first instance ever made.
    assert.equal(Object.getOwnPropertyDescriptor(globalThis, 'asm'), undefined);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    for (let i = 0; i < 5 && memory.deref(); i++) {
      await new Promise((resolve) => setImmediate(resolve));
      gc();
    }
    assert.equal(memory.deref(), undefined, 'nothing keeps the dropped instance');
  });

  test('a truncated PDF is corrupt', async () => {
    const bytes = await makeSimplePdf();
    await rejectsWith(() => openPdf(check(bytes.subarray(0, 400)), { maxPages: 10 }), 'corrupt');
  });

  test('more pages than allowed is too_many_pages', async () => {
    const bytes = await makeSimplePdf();
    await rejectsWith(() => openPdf(check(bytes), { maxPages: 0 }), 'too_many_pages');
  });

  test('a user password is needed, checked, and opens the file', async () => {
    const bytes = await makeSimplePdf({ userPassword: 'secret', ownerPassword: 'owner' });
    assert.equal(
      await rejectsWith(() => openPdf(check(bytes), { maxPages: 10 }), 'encrypted'),
      'encrypted: a password is required',
    );
    await rejectsWith(() => openPdf(check(bytes, 'wrong'), { maxPages: 10 }), 'wrong_password');
    const pdf = await openPdf(check(bytes, 'secret'), { maxPages: 10 });
    assert.equal(pdf.pageCount, 1);
    await pdf.close();
  });

  test('an owner password alone does not stop opening', async () => {
    const pdf = await openPdf(check(await makeSimplePdf({ ownerPassword: 'owner' })), { maxPages: 10 });
    assert.equal(pdf.pageCount, 1);
    await pdf.close();
  });
});
