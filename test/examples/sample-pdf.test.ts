import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { PdfiumDocument } from '../../src/pipeline/pdf/document.ts';
import { type Engine, engine } from '../../src/pipeline/pdf/engine.ts';

const COMMITTED = 'examples/sample.pdf';
const TITLE = 'An Introduction to Relational Databases';
const CHAPTERS = ['1 Data and Tables', '2 Querying with SQL', '3 Transactions', '4 Indexes and Performance'];

/**
 * One entry per text line of a page, as PDFium's own text API reports it (lines end at the line breaks it
 * inserts, and at U+0002, its mark of a hyphen at a line end), with the largest font size on the line: a reader
 * independent of our line builder.
 */
function pageLines(e: Engine, pdf: PdfiumDocument, index: number): { text: string; size: number }[] {
  const E = e.exports;
  const page = E.FPDF_LoadPage!(pdf.handle, index);
  const text = E.FPDFText_LoadPage!(page);
  const lines: { text: string; size: number }[] = [];
  let line = '';
  let size = 0;
  const end = () => {
    if (line.trim()) lines.push({ text: line.trim(), size: Math.round(size * 10) / 10 });
    line = '';
    size = 0;
  };
  try {
    const count = E.FPDFText_CountChars!(text);
    for (let i = 0; i < count; i++) {
      const u = E.FPDFText_GetUnicode!(text, i);
      if (u === 0x0d) continue;
      if (u === 0x0a) end();
      else if (u === 0x02) {
        line += '-';
        end();
      } else {
        line += String.fromCodePoint(u);
        if (u !== 0x20) size = Math.max(size, E.FPDFText_GetFontSize!(text, i));
      }
    }
    end();
    return lines;
  } finally {
    E.FPDFText_ClosePage!(text);
    E.FPDF_ClosePage!(page);
  }
}

describe('examples/sample.pdf', () => {
  let dir: string;
  let pdf: PdfiumDocument;
  let pages: { text: string; size: number }[][];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-example-'));
    const e = await engine();
    pdf = PdfiumDocument.open(e, new Uint8Array(await readFile(COMMITTED)), undefined);
    pages = [];
    for (let page = 0; page < pdf.pageCount; page++) pages.push(pageLines(e, pdf, page));
  });

  after(async () => {
    pdf?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  test('regenerating it gives the committed bytes (run `npm run example` after changing the script)', async () => {
    const out = join(dir, 'sample.pdf');
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/make-example-pdf.ts', out]);
    const fresh = await readFile(out);
    const committed = await readFile(COMMITTED);
    assert.equal(fresh.length, committed.length, 'regenerated PDF differs in size from examples/sample.pdf');
    assert.ok(fresh.equals(committed), 'regenerated PDF differs from examples/sample.pdf');
  });

  test('has a title page, at least 8 pages and document metadata', async () => {
    assert.ok(pdf.pageCount >= 8, `only ${pdf.pageCount} pages`);
    assert.equal(pages[0]?.[0]?.text, TITLE);
    assert.ok((pages[0]?.[0]?.size ?? 0) >= 24, 'title is not in a large font');
    assert.equal(pdf.metaText('Title'), TITLE);
    assert.equal(pdf.metaText('Author'), 'ProfAI project');
    assert.match(pdf.metaText('Subject'), /relational databases/);
    assert.equal(pdf.metaText('CreationDate'), 'D:20250101000000Z');
  });

  test('has a two-level outline whose entries point at the pages of their headings', async () => {
    const outline = pdf.outline();
    const chapters = outline.filter((item) => item.level === 1);
    assert.deepEqual(
      chapters.map((item) => item.title),
      [...CHAPTERS, 'Glossary'],
    );
    assert.ok(outline.every((item) => item.level <= 2));
    for (const [index, chapter] of chapters.slice(0, CHAPTERS.length).entries()) {
      const at = outline.indexOf(chapter);
      const end = outline.findIndex((item, i) => i > at && item.level === 1);
      const sections = outline.slice(at + 1, end);
      assert.ok(sections.length >= 2, `${chapter.title} has ${sections.length} sections`);
      for (const [child, section] of sections.entries()) {
        assert.ok(section.title.startsWith(`${index + 1}.${child + 1} `), section.title);
      }
      for (const item of [chapter, ...sections]) {
        const page = item.page ?? 0;
        const lines = pages[page - 1] ?? [];
        assert.ok(
          lines.some((line) => line.text === item.title),
          `"${item.title}" not on page ${page}`,
        );
      }
    }
  });

  test('headings are larger than the 11 pt body text', () => {
    const all = pages.flat();
    const sizeOf = (text: string) => all.find((line) => line.text === text)?.size;
    for (const chapter of CHAPTERS) assert.equal(sizeOf(chapter), 18, chapter);
    assert.equal(sizeOf('1.1 Rows and Columns'), 14);
    assert.equal(sizeOf('3.2 Isolation Levels'), 14);
    const body = all.find((line) => line.text.startsWith('A primary key is the candidate key'));
    assert.equal(body?.size, 11);
  });

  test('every page after the title has the running header and its page number', () => {
    pages.slice(1).forEach((lines, index) => {
      const texts = lines.map((line) => line.text);
      assert.ok(texts.includes(TITLE), `no running header on page ${index + 2}`);
      assert.ok(texts.includes(String(index + 2)), `no page number on page ${index + 2}`);
    });
    assert.ok(!pages[0]?.some((line) => line.text === '1'), 'the title page has a page number');
  });

  test('has the students table and a word hyphenated across a line break', () => {
    const all = pages.flat().map((line) => line.text);
    assert.ok(all.includes('Table 1. The students table.'));
    assert.ok(
      all.some((line) => /^student_id\s+name\s+major\s+year$/.test(line)),
      'no table header row',
    );
    assert.ok(
      all.some((line) => /^1003\s+Chloe Martin\s+Computer Science\s+3$/.test(line)),
      'no table row',
    );
    const broken = all.findIndex((line) => line.endsWith('infor-'));
    assert.ok(broken >= 0, 'no line ends with "infor-": move the soft hyphen in example-pdf-content.ts');
    assert.ok(all[broken + 1]?.startsWith('mation '));
    assert.ok(!all.some((line) => line.includes('\u00AD')), 'a soft hyphen was drawn inside a line');
  });
});
