/**
 * The parser thread's speed-ups (thread-code.ts) change how fast pdf.js reads text, never what it reads: a tuned
 * and an untuned thread must send the same items, bit for bit, for every page of several kinds of file.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { CMAP_URL, type PackedPage, PDFJS_MODULES } from '../../src/pipeline/pdf/pdfjs.ts';
import { PdfThread } from '../../src/pipeline/pdf/thread.ts';
import { corpusDir, loadCorpus } from '../support/corpus.ts';
import { makeChaptersPdf, makeCoursePdf, makeRotatedSlidePdf } from '../support/make-pdf.ts';

const tuned = new PdfThread(PDFJS_MODULES, 256);
const plain = new PdfThread({ ...PDFJS_MODULES, tuned: false }, 256);
after(() => Promise.all([tuned.terminate(), plain.terminate()]));

/** Corpus files whose text exercises other paths: two columns, rotated slides, Japanese, a long manual. */
const CORPUS_FILES = [
  'gov-cfr-two-column.pdf',
  'gov-va-slides.pdf',
  'jp-ptex-manual.pdf',
  'sf-multicolumn.pdf',
];

async function pagesOf(thread: PdfThread, bytes: Uint8Array): Promise<PackedPage[]> {
  const data = bytes.slice().buffer;
  const { docId, numPages } = await thread.request<{ docId: number; numPages: number }>(
    { op: 'open', data, password: undefined, cMapUrl: CMAP_URL },
    30_000,
    [data],
  );
  try {
    const pages: PackedPage[] = [];
    for (let n = 1; n <= numPages; n++)
      pages.push(await thread.request<PackedPage>({ op: 'page', docId, n }, 30_000));
    return pages;
  } finally {
    await thread.request({ op: 'close', docId }, 5000);
  }
}

async function assertSameText(bytes: Uint8Array) {
  const [a, b] = await Promise.all([pagesOf(tuned, bytes), pagesOf(plain, bytes)]);
  assert.equal(a.length, b.length);
  for (let i = 0; i < a.length; i++) {
    assert.deepEqual(a[i]?.strs, b[i]?.strs, `page ${i + 1}: strings`);
    assert.deepEqual(Array.from(a[i]?.nums ?? []), Array.from(b[i]?.nums ?? []), `page ${i + 1}: positions`);
    assert.deepEqual(a[i]?.fonts, b[i]?.fonts, `page ${i + 1}: fonts`);
  }
  return a.reduce((n, page) => n + page.strs.length, 0);
}

describe('parser thread speed-ups', () => {
  test('every speed-up applies to the pdf.js this project pins', async () => {
    assert.deepEqual(await tuned.request({ op: 'tuning' }, 30_000), {
      textTransform: true,
      flatTextState: true,
      nativePush: true,
    });
    const untouched = await plain.request<{ textTransform: boolean; flatTextState: boolean }>(
      { op: 'tuning' },
      30_000,
    );
    assert.equal(untouched.textTransform || untouched.flatTextState, false);
  });

  test('generated PDFs: the same items, positions and fonts on every page', async () => {
    const files = [
      readFileSync(join(import.meta.dirname, '..', '..', 'examples', 'sample.pdf')),
      await makeCoursePdf(),
      await makeChaptersPdf(),
      await makeRotatedSlidePdf(),
    ];
    for (const bytes of files) assert.ok((await assertSameText(new Uint8Array(bytes))) > 0);
  });

  test('corpus PDFs: the same items, positions and fonts on every page', async (t) => {
    const corpus = loadCorpus();
    if ('missing' in corpus) {
      t.diagnostic(`corpus files not compared: ${corpus.missing}`);
      return;
    }
    for (const file of CORPUS_FILES) {
      const items = await assertSameText(new Uint8Array(readFileSync(join(corpusDir(), file))));
      assert.ok(items > 100, `${file}: ${items} items`);
    }
  });
});
