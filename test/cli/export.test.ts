/**
 * `profai process` keeps the PDF it read; `profai export` writes a stored course in each format (stdout or a
 * file), and says in one line what is wrong with a bad format or an unknown course.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { unzipSync } from 'fflate';
import { parse as parseGift } from 'gift-pegjs';
import type { QuestionKind } from '../../src/domain/questions.ts';
import { EXPORT_FORMATS } from '../../src/export/index.ts';
import { SAMPLE_PDF } from '../support/cli-processes.ts';
import { tempDir } from '../support/databases.ts';
import { runCli } from '../support/ops.ts';

describe('profai export', { timeout: 180_000 }, () => {
  const tmp = tempDir('profai-export-');
  const env = { PROFAI_DATA_DIR: join(tmp.dir, 'data'), LOG_LEVEL: 'silent' };
  let courseId = '';

  before(async () => {
    const res = await runCli(['process', SAMPLE_PDF, '--json'], env);
    assert.equal(res.code, 0, res.stderr);
    courseId = JSON.parse(res.stdout)[0].courseId;
  });
  after(() => tmp.remove());

  test('process kept the PDF in PROFAI_DATA_DIR/documents, named by its SHA-256', () => {
    const sha = createHash('sha256').update(readFileSync(SAMPLE_PDF)).digest('hex');
    assert.deepEqual(readdirSync(join(tmp.dir, 'data', 'documents')), [`${sha}.pdf`]);
  });

  test('gift on stdout reads back; qti into a folder under its own name; md into a named file', async () => {
    const gift = await runCli(['export', courseId, '--format', 'gift'], env);
    assert.equal(gift.code, 0, gift.stderr);
    const questions = parseGift(gift.stdout).filter((q) => q.type !== 'Category');
    assert.equal(questions.length, 10);

    const out = join(tmp.dir, 'out');
    const qti = await runCli(['export', courseId.slice(0, 6), '--format', 'qti', '--out', `${out}/`], env);
    assert.equal(qti.code, 0, qti.stderr);
    const zip = join(out, 'An Introduction to Relational Databases.qti.zip');
    assert.match(qti.stdout, /^wrote .*\.qti\.zip \(qti, \d+ bytes\)\n$/);
    assert.ok(unzipSync(new Uint8Array(readFileSync(zip)))['imsmanifest.xml']);

    const md = await runCli(['export', courseId, '--format', 'md', '--out', join(out, 'course.md')], env);
    assert.equal(md.code, 0, md.stderr);
    assert.match(
      readFileSync(join(out, 'course.md'), 'utf8'),
      /^# An Introduction to Relational Databases\n/,
    );

    // The whole course as a Common Cartridge; what its QTI cannot hold is said on stderr, never in the file.
    const cc = await runCli(['export', courseId, '--format', 'cc', '--out', `${out}/`], env);
    assert.equal(cc.code, 0, cc.stderr);
    assert.match(cc.stdout, /^wrote .*\.imscc \(cc, \d+ bytes\)\n$/);
    const cartridge = unzipSync(
      new Uint8Array(readFileSync(join(out, 'An Introduction to Relational Databases.imscc'))),
    );
    assert.ok(
      cartridge['imsmanifest.xml'] && Object.keys(cartridge).some((f) => f.startsWith('wiki_content/')),
    );
    // Then, in the same line, how many rule-made questions of the file wait for a teacher's check: as many as the
    // quiz holds of the kinds the cartridge takes (the JSON export keeps each one's marker).
    const json = await runCli(['export', courseId, '--format', 'json'], env);
    assert.equal(json.code, 0, json.stderr);
    const exported: { kind: QuestionKind; needsCheck?: string }[] = JSON.parse(json.stdout).quiz.questions;
    const held = exported.filter((q) => q.needsCheck && !EXPORT_FORMATS.cc.lacks.kinds.includes(q.kind));
    const omitted = / .* left out \(Common Cartridge's QTI has no .*\)\./;
    const waiting = new RegExp(
      ` ${held.length} questions? made by rule not yet checked by a teacher: check (it|them) in review before use\\.`,
    );
    if (held.length > 0) assert.match(cc.stderr, new RegExp(`^cc:(${omitted.source})?${waiting.source}\n$`));
    else assert.ok(cc.stderr === '' || new RegExp(`^cc:${omitted.source}\n$`).test(cc.stderr), cc.stderr);
  });

  test('a bad format and an unknown course are one line each, exit 1', async () => {
    const bad = await runCli(['export', courseId, '--format', 'docx'], env);
    assert.equal(bad.code, 1);
    assert.match(
      bad.stderr,
      /--format <format>' argument 'docx' is invalid\. expected one of moodle-xml, gift, qti/,
    );
    const unknown = await runCli(['export', 'cffffffffff0', '--format', 'md'], env);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr, 'profai: course cffffffffff0 not found\n');
    assert.ok(!existsSync(join(tmp.dir, 'out', 'docx')));
  });
});
