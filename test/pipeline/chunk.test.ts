import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DocumentStructure, Paragraph, Section } from '../../src/domain/document.ts';
import { chunkDocument } from '../../src/pipeline/chunk.ts';
import { estimateTokens } from '../../src/pipeline/text/token-estimate.ts';

/** Sentence `i` of a section: 12 distinct words and a period, ~13–16 tokens. */
const sentence = (tag: string, i: number) =>
  `${tag}${i} alpha beta gamma delta epsilon zeta eta theta iota kappa lambda.`;

/** Paragraphs of `perParagraph` sentences, `count` sentences in all, starting on `page`, one page per paragraph. */
function paragraphs(tag: string, count: number, perParagraph: number, page = 1): Paragraph[] {
  const out: Paragraph[] = [];
  for (let i = 0; i < count; i += perParagraph) {
    const n = Math.min(perParagraph, count - i);
    const text = Array.from({ length: n }, (_, k) => sentence(tag, i + k)).join(' ');
    const p = page + out.length;
    out.push({ text, page: p, pageEnd: p });
  }
  return out;
}

function section(index: number, title: string, paras: Paragraph[], level = 1): Section {
  const pages = paras.map((p) => p.page);
  return {
    index,
    title,
    level,
    path: [title],
    pageStart: pages.length ? Math.min(...pages) : 1,
    pageEnd: paras.length ? Math.max(...paras.map((p) => p.pageEnd)) : 1,
    paragraphs: paras,
  };
}

const structure = (...sections: Section[]): DocumentStructure => ({
  title: 'T',
  sections,
  source: 'headings',
});

describe('chunkDocument', () => {
  const doc = structure(
    section(0, 'Long', paragraphs('L', 200, 7, 1)),
    section(1, 'Empty', []),
    section(2, 'Tiny', [{ text: 'Just a few words.', page: 40, pageEnd: 40 }]),
    section(3, 'Medium', paragraphs('M', 40, 5, 41)),
  );
  const chunks = chunkDocument(doc, { documentId: 'doc1', targetTokens: 400, overlapTokens: 50 });

  test('chunk sizes stay within bounds; tiny sections make one small chunk', () => {
    const long = chunks.filter((c) => c.sectionIndex === 0);
    assert.ok(long.length >= 5, `${long.length} chunks`);
    for (const c of long) {
      const min = c === long.at(-1) ? 100 : 240;
      assert.ok(c.tokenCount >= min && c.tokenCount <= 500, `chunk ${c.index}: ${c.tokenCount} tokens`);
      assert.equal(c.tokenCount, estimateTokens(c.text));
    }
    const tiny = chunks.filter((c) => c.sectionIndex === 2);
    assert.equal(tiny.length, 1);
    assert.equal(tiny[0]!.text, 'Just a few words.');
  });

  test('chunks never cross sections, and empty sections make none', () => {
    assert.ok(!chunks.some((c) => c.sectionIndex === 1));
    for (const c of chunks) {
      const tag = { 0: 'L', 2: 'J', 3: 'M' }[c.sectionIndex]!;
      const foreign = c.text.match(/\b([LM])\d+ alpha/g)?.filter((m) => !m.startsWith(tag)) ?? [];
      assert.deepEqual(foreign, [], `chunk ${c.index} of section ${c.sectionIndex}`);
      assert.deepEqual(c.sectionPath, doc.sections[c.sectionIndex]!.path);
    }
  });

  test('every sentence is kept, in order, and consecutive chunks overlap', () => {
    const long = chunks.filter((c) => c.sectionIndex === 0);
    const seen = new Set(long.flatMap((c) => c.text.match(/L\d+(?= alpha)/g) ?? []));
    assert.equal(seen.size, 200);
    for (let i = 1; i < long.length; i++) {
      const prev = long[i - 1]!.text.match(/L\d+(?= alpha)/g)!;
      const next = long[i]!.text.match(/L\d+(?= alpha)/g)!;
      const repeated = next.filter((s) => prev.includes(s));
      // 50 overlap tokens hold three of these ~15-token sentences: the last three of the previous chunk.
      assert.deepEqual(repeated, prev.slice(-3), `chunk ${i} starts with the end of chunk ${i - 1}`);
      assert.deepEqual(next.slice(0, 3), repeated);
    }
  });

  test('page ranges are those of the text held', () => {
    const long = chunks.filter((c) => c.sectionIndex === 0);
    for (const c of long) {
      const numbers = c.text.match(/L(\d+)(?= alpha)/g)!.map((s) => Number(s.slice(1)));
      const firstPage = 1 + Math.floor(numbers[0]! / 7);
      const lastPage = 1 + Math.floor(numbers.at(-1)! / 7);
      assert.deepEqual([c.pageStart, c.pageEnd], [firstPage, lastPage], `chunk ${c.index}`);
    }
    assert.deepEqual([chunks.find((c) => c.sectionIndex === 2)!.pageStart], [40]);
  });

  test('ids and indexes are deterministic and sequential', () => {
    const again = chunkDocument(doc, { documentId: 'doc1', targetTokens: 400, overlapTokens: 50 });
    assert.deepEqual(again, chunks);
    chunks.forEach((c, i) => {
      assert.equal(c.index, i);
      assert.equal(c.id, `doc1:${i}`);
      assert.equal(c.documentId, 'doc1');
    });
  });

  test('a small last fragment merges into the previous chunk of its section', () => {
    // 31 sentences ≈ 430 tokens: greedy packing would leave a ~30-token tail.
    const one = chunkDocument(structure(section(0, 'S', paragraphs('S', 31, 31))), { documentId: 'd' });
    assert.equal(one.length, 1);
    assert.ok(one[0]!.tokenCount <= 500);
  });

  test('pages inside a paragraph follow its page breaks', () => {
    const text = `${sentence('P', 0)} ${sentence('P', 1)}`;
    const breakAt = sentence('P', 0).length + 1;
    const s = section(0, 'S', [{ text, page: 3, pageEnd: 4, pageBreaks: [breakAt] }]);
    const [c] = chunkDocument(structure(s), { documentId: 'd' });
    assert.deepEqual([c!.pageStart, c!.pageEnd], [3, 4]);
    const small = chunkDocument(structure(s), { documentId: 'd', targetTokens: 20, overlapTokens: 0 });
    assert.deepEqual(
      small.map((x) => [x.pageStart, x.pageEnd]),
      [
        [3, 3],
        [4, 4],
      ],
    );
  });

  test('a sentence longer than a chunk is cut at words, and text without spaces at characters', () => {
    const words = Array.from({ length: 1500 }, (_, i) => `w${i}`).join(' ');
    const cjk = 'あ'.repeat(1500);
    const out = chunkDocument(
      structure(
        section(0, 'W', [{ text: words, page: 1, pageEnd: 1 }]),
        section(1, 'C', [{ text: cjk, page: 2, pageEnd: 2 }]),
      ),
      { documentId: 'd' },
    );
    for (const c of out) assert.ok(c.tokenCount <= 500, `${c.tokenCount}`);
    assert.ok(out.filter((c) => c.sectionIndex === 1).length >= 3);
    assert.ok(
      out.every((c) => !/\bw\d+w/.test(c.text)),
      'words are not glued together',
    );
  });

  test('Japanese sentences split on 。', () => {
    const text = Array.from({ length: 120 }, (_, i) => `これは${i}番目の文であり、内容を説明します。`).join(
      '',
    );
    const out = chunkDocument(structure(section(0, 'J', [{ text, page: 1, pageEnd: 1 }])), {
      documentId: 'd',
    });
    assert.ok(out.length >= 4);
    for (const c of out) {
      assert.ok(c.text.endsWith('。'), c.text.slice(-10));
      assert.ok(c.tokenCount <= 500);
    }
  });
});
