import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';

const COMMITTED = 'examples/sample.pdf';
const TITLE = 'An Introduction to Relational Databases';
const CHAPTERS = ['1 Data and Tables', '2 Querying with SQL', '3 Transactions', '4 Indexes and Performance'];

type Pdf = Awaited<ReturnType<typeof getDocument>['promise']>;

/** One entry per text line of a page: the strings pdf.js reports, joined up to each end-of-line mark. */
async function pageLines(pdf: Pdf, pageNumber: number): Promise<{ text: string; size: number }[]> {
  const content = await (await pdf.getPage(pageNumber)).getTextContent();
  const lines: { text: string; size: number }[] = [];
  let text = '';
  let size = 0;
  for (const item of content.items) {
    if (!('str' in item)) continue;
    const textItem = item as TextItem;
    text += textItem.str;
    if (textItem.str.trim()) size = Math.max(size, Math.abs(textItem.transform[3] as number));
    if (textItem.hasEOL) {
      if (text.trim()) lines.push({ text: text.trim(), size });
      text = '';
      size = 0;
    }
  }
  if (text.trim()) lines.push({ text: text.trim(), size });
  return lines;
}

describe('examples/sample.pdf', () => {
  let dir: string;
  let pdf: Pdf;
  let pages: { text: string; size: number }[][];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-example-'));
    const data = new Uint8Array(await readFile(COMMITTED));
    pdf = await getDocument({ data, disableFontFace: true, verbosity: 0 }).promise;
    pages = [];
    for (let page = 1; page <= pdf.numPages; page++) pages.push(await pageLines(pdf, page));
  });

  after(async () => {
    await pdf?.destroy();
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
    assert.ok(pdf.numPages >= 8, `only ${pdf.numPages} pages`);
    assert.equal(pages[0]?.[0]?.text, TITLE);
    assert.ok((pages[0]?.[0]?.size ?? 0) >= 24, 'title is not in a large font');
    const info = (await pdf.getMetadata()).info as Record<string, unknown>;
    assert.equal(info.Title, TITLE);
    assert.equal(info.Author, 'ProfAI project');
    assert.match(String(info.Subject), /relational databases/);
    assert.equal(info.CreationDate, 'D:20250101000000Z');
  });

  test('has a two-level outline whose entries point at the pages of their headings', async () => {
    const outline = (await pdf.getOutline()) ?? [];
    assert.deepEqual(
      outline.map((item) => item.title),
      [...CHAPTERS, 'Glossary'],
    );
    for (const [index, chapter] of outline.slice(0, CHAPTERS.length).entries()) {
      const children = chapter.items.map((item) => item.title);
      assert.ok(children.length >= 2, `${chapter.title} has ${children.length} sections`);
      for (const [child, title] of children.entries()) {
        assert.ok(title.startsWith(`${index + 1}.${child + 1} `), title);
      }
      for (const item of [chapter, ...chapter.items]) {
        const [ref] = item.dest as [{ num: number; gen: number }];
        const page = (await pdf.getPageIndex(ref)) + 1;
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
