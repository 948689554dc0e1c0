/**
 * `profai process` of a scan as a user runs it: offline for real (a network namespace with no interface up,
 * `unshare -n`), and refusing an OCR language that is not installed before it starts.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { makeScannedPdf } from '../../scripts/make-scanned-pdf.ts';
import { makeScanSourcePdf } from '../support/make-pdf.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = import.meta.resolve('tsx');
let dir: string;

function profai(args: string[], env: Record<string, string>, wrap: string[] = []) {
  const [command, ...prefix] = [...wrap, process.execPath];
  return spawnSync(command as string, [...prefix, '--import', TSX, join(ROOT, 'src/cli/main.ts'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, PROFAI_DATA_DIR: join(dir, 'data'), OCR_DPI: '150', ...env },
    timeout: 180_000,
  });
}

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profai-ocr-cli-'));
  await writeFile(
    join(dir, 'scan.pdf'),
    await makeScannedPdf(await makeScanSourcePdf(), { dpi: 150, pages: [1] }),
  );
});
after(() => rm(dir, { recursive: true, force: true }));

test('a scan becomes a course with no network at all (unshare -n)', () => {
  const probe = spawnSync('unshare', [
    '-n',
    process.execPath,
    '-e',
    'require("dns").lookup("registry.npmjs.org", (e) => process.exit(e ? 0 : 1))',
  ]);
  assert.equal(probe.status, 0, `the namespace must have no network (unshare -n): ${probe.stderr}`);
  const out = profai(['process', 'scan.pdf', '--json'], {}, ['unshare', '-n']);
  assert.equal(out.status, 0, out.stderr);
  const [result] = JSON.parse(out.stdout) as { ok: boolean; warnings: string[]; questions: number }[];
  assert.equal(result!.ok, true);
  assert.ok(
    result!.warnings.some((w) => w.startsWith('read by OCR: 1 page(s): 1 ')),
    result!.warnings.join('; '),
  );
  assert.ok(result!.questions > 0);
});

test('an OCR language that is not installed stops the command before any file, in one line', () => {
  const out = profai(['process', 'scan.pdf'], { OCR_LANGS: 'eng,xyz' });
  assert.equal(out.status, 1);
  assert.equal(
    out.stderr.trim(),
    'profai: OCR_LANGS: "xyz": no traineddata installed (npm install @tesseract.js-data/xyz)',
  );
  assert.equal(out.stdout, '', 'no file was processed');
});

test('a worker whose OCR language is not installed refuses to start, in one line, before it connects', () => {
  const out = profai(['worker'], {
    OCR_LANGS: 'eng,xyz',
    REDIS_URL: 'redis://127.0.0.1:1',
    DATABASE_URL: 'postgres://127.0.0.1:1/none',
  });
  assert.equal(out.status, 1, out.stderr);
  assert.equal(
    out.stderr.trim(),
    'profai: OCR_LANGS: "xyz": no traineddata installed (npm install @tesseract.js-data/xyz)',
  );
});
