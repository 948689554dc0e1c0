import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ExtractedDocument, OutlineEntry, Section, TextLine } from '../../src/domain/document.ts';
import { matterOfLines } from '../../src/pipeline/structure/matter.ts';
import { buildStructure, headingRecall } from '../../src/pipeline/structure.ts';

/**
 * A line spec: text, then options (size 10 and regular by default; `gap` adds space above it; `right` is where
 * it ends, 540 by default).
 */
type Spec = string | [string, { size?: number; bold?: boolean; gap?: number; x?: number; right?: number }];

/** A document whose pages hold the given lines, top to bottom, 12 pt apart at body size. */
function doc(pages: Spec[][], outline: OutlineEntry[] = [], title?: string): ExtractedDocument {
  return {
    pageCount: pages.length,
    pages: pages.map((specs, i) => {
      let y = 760;
      const lines: TextLine[] = specs.map((spec) => {
        const [text, o] = typeof spec === 'string' ? [spec, {}] : spec;
        const size = o.size ?? 10;
        y -= (o.gap ?? 0) + size * 1.2;
        return {
          text,
          page: i + 1,
          x: o.x ?? 72,
          y,
          fontSize: size,
          bold: o.bold ?? false,
          right: o.right ?? 540,
        };
      });
      return { page: i + 1, lines, needsOcr: false };
    }),
    outline,
    ...(title === undefined ? {} : { title }),
    warnings: [],
  };
}

const body = (n: number, tag = 'Body') =>
  Array.from(
    { length: n },
    (_, i) => `${tag} text line ${i} continues the running argument of the paragraph`,
  );

const titles = (sections: Section[]) => sections.map((s) => s.title);

describe('buildStructure from the outline', () => {
  test('splits the text at the heading line on the page, not at the page start', () => {
    const input = doc(
      [
        [...body(3, 'Intro'), ['1 Getting started', { size: 14, bold: true }], ...body(3, 'Start')],
        [...body(2, 'More'), ['1.1 Installing', { size: 12, bold: true }], ...body(2, 'Install')],
      ],
      [
        { title: 'Getting Started', level: 1, page: 1 },
        { title: 'Installing', level: 2, page: 2 },
      ],
      'The Manual',
    );
    const s = buildStructure(input, { fileName: 'manual.pdf' });
    assert.equal(s.source, 'outline');
    assert.equal(s.title, 'The Manual');
    assert.deepEqual(titles(s.sections), ['The Manual', 'Getting Started', 'Installing']);
    const [pre, start, install] = s.sections as [Section, Section, Section];
    assert.match(pre.paragraphs.map((p) => p.text).join(' '), /^Intro text line 0.*Intro text line 2/);
    const startText = start.paragraphs.map((p) => p.text).join(' ');
    assert.ok(startText.startsWith('Start text line 0') && startText.includes('More text line 1'));
    assert.ok(!startText.includes('Getting started'), 'the heading line is not body text');
    assert.equal(install.paragraphs[0]!.text.slice(0, 14), 'Install text l');
    assert.deepEqual(install.path, ['Getting Started', 'Installing']);
    assert.deepEqual([start.pageStart, start.pageEnd, install.pageStart, install.pageEnd], [1, 2, 2, 2]);
  });

  test('repeated titles on one page land on successive lines; unmatched entries start at their page top', () => {
    const input = doc(
      [
        [
          ['Foo', { size: 14 }],
          ...body(2, 'A'),
          ['Bar', { size: 14 }],
          ...body(2, 'B'),
          ['Foo', { size: 14 }],
          'C.',
        ],
        body(2, 'D'),
      ],
      [
        { title: 'Foo', level: 1, page: 1 },
        { title: 'Bar', level: 1, page: 1 },
        { title: 'Foo', level: 1, page: 1 },
        { title: 'Not printed anywhere', level: 1, page: 2 },
        { title: 'No destination', level: 2, page: null },
      ],
    );
    const s = buildStructure(input, { fileName: 'x.pdf' });
    assert.deepEqual(titles(s.sections), ['Foo', 'Bar', 'Foo', 'Not printed anywhere', 'No destination']);
    assert.match(s.sections[0]!.paragraphs[0]!.text, /^A text line 0/);
    assert.match(s.sections[1]!.paragraphs[0]!.text, /^B text line 0/);
    assert.equal(s.sections[2]!.paragraphs[0]!.text, 'C.');
    assert.match(s.sections[3]!.paragraphs[0]!.text, /^D text line 0/);
    assert.equal(s.sections[4]!.paragraphs.length, 0, 'an entry without a page keeps its place, empty');
  });

  test('a title wrapped over two lines is matched whole and removed from the body', () => {
    const input = doc(
      [
        [
          ...body(2),
          ['2.3 A rather long section title that', { size: 13 }],
          ['wraps onto a second line', { size: 13 }],
          'Text.',
        ],
      ],
      [{ title: 'A rather long section title that wraps onto a second line', level: 1, page: 1 }],
    );
    const s = buildStructure(input, { fileName: 'x.pdf' });
    assert.equal(s.sections[1]!.paragraphs.map((p) => p.text).join(' '), 'Text.');
  });
});

describe('buildStructure from headings', () => {
  const paper = doc([
    [
      ['A Study of Things', { size: 18, bold: true }],
      ...body(3, 'Abstract'),
      ['1 Introduction', { size: 14, bold: true, gap: 8 }],
      ...body(4, 'Intro'),
      ['1.1 Background', { size: 12, bold: true, gap: 6 }],
      ...body(3, 'Background'),
      ['Table 1: Results.', { size: 10 }],
      ['1990 1,234 5,678 9.1', { size: 10, bold: true }],
      ['2000 2,345 6,789 9.8', { size: 10, bold: true }],
    ],
    [
      ['1.2 Method', { size: 12, bold: true }],
      ...body(3, 'Method'),
      ['Important note', { size: 10, bold: true }],
      ...body(2, 'Note'),
      ['2 Results', { size: 14, bold: true }],
      ...body(3, 'Results'),
      ['2', { size: 10 }],
    ],
  ]);

  test('finds headings by size, bold and numbering, with levels', () => {
    const s = buildStructure(paper, { fileName: 'paper.pdf', useOutline: false });
    assert.equal(s.source, 'headings');
    assert.equal(s.title, 'A Study of Things');
    const found = s.sections.map((x) => [x.title, x.level]);
    assert.deepEqual(found, [
      ['A Study of Things', 1],
      ['1 Introduction', 2],
      ['1.1 Background', 3],
      ['1.2 Method', 3],
      ['Important note', 4],
      ['2 Results', 2],
    ]);
    assert.deepEqual(s.sections[3]!.path, ['A Study of Things', '1 Introduction', '1.2 Method']);
  });

  test('does not take table rows or page numbers for headings', () => {
    const s = buildStructure(paper, { fileName: 'paper.pdf', useOutline: false });
    const text = s.sections[2]!.paragraphs.map((p) => p.text).join('\n');
    assert.match(text, /1990 1,234/);
    assert.ok(!titles(s.sections).some((t) => /^\d[\d ,.]*$/.test(t)));
    assert.match(s.sections[5]!.paragraphs.at(-1)!.text, /2$/);
  });

  test('lines repeated on many pages are not headings', () => {
    const pages = Array.from({ length: 8 }, (_, i) => [
      ['ACME Handbook', { size: 12, bold: true }] as Spec,
      ...(i % 3 === 0 ? [[`Part ${i + 1} overview`, { size: 14, bold: true }] as Spec] : []),
      ...body(3),
    ]);
    const s = buildStructure(doc(pages), { fileName: 'h.pdf', useOutline: false });
    // The running header opens page 1, so it heads the untitled text before the first heading, once.
    assert.deepEqual(titles(s.sections), [
      'ACME Handbook',
      'Part 1 overview',
      'Part 4 overview',
      'Part 7 overview',
    ]);
    assert.equal(s.sections[0]!.paragraphs.length, 0);
  });

  test('a printed table of contents does not become sections', () => {
    const toc: Spec[] = [
      ['目次', { size: 14, bold: true }],
      ['1 JFM ファイルの構成 3', { size: 12, bold: true }],
      '1.1 char_type テーブル . . . . . . . . 3',
      '1.2 char_info テーブル . . . . . . . . 4',
      ['2 JPL ファイル 9', { size: 12, bold: true }],
      '2.1 CHARSINTYPE . . . . . . . . . . 9',
    ];
    const pages: Spec[][] = [
      toc,
      [
        ['1 JFM ファイルの構成', { size: 14, bold: true }],
        'JFMファイルは次の構成である。',
        ['1.1 char_type テーブル', { size: 12, bold: true }],
        '本文。',
      ],
      [['2 JPL ファイル', { size: 14, bold: true }], '本文です。'],
    ];
    const s = buildStructure(doc(pages), { fileName: 'jfm.pdf', useOutline: false });
    const found = titles(s.sections);
    assert.ok(!found.some((t) => t.includes('2 JPL ファイル 9')), found.join(' | '));
    assert.deepEqual(found.slice(-3), ['1 JFM ファイルの構成', '1.1 char_type テーブル', '2 JPL ファイル']);
    assert.equal(s.sections.at(-3)!.paragraphs[0]!.text, 'JFMファイルは次の構成である。');
  });

  test('a run-in heading ending in a full stop is one where the printed contents list it, and loses its stop', () => {
    const runIn = (contents: Spec[]): Spec[][] => [
      [['Table of Contents', { size: 12, bold: true }], ...contents],
      [['1. Greetings!.', { bold: true, gap: 6 }], ...body(4, 'Hello')],
      [['2. Warming up.', { bold: true, gap: 6 }], ...body(4, 'Warm'), ['Type this now.', { bold: true }]],
    ];
    const listed = buildStructure(
      doc(
        runIn([
          '1. Greetings! . . . . . . . . 2',
          '2. Warming up . . . . . . . . 3',
          '3. Plotting . . . . . . 9',
        ]),
      ),
      { fileName: 't.pdf', useOutline: false },
    );
    assert.deepEqual(titles(listed.sections).slice(-2), ['1. Greetings!', '2. Warming up']);
    assert.match(
      listed.sections.at(-1)!.paragraphs.at(-1)!.text,
      /Type this now\.$/,
      'a bold sentence stays text',
    );
    const unlisted = buildStructure(doc(runIn(['Foreword . . . . . . . . 2', 'Index . . . . . . . . 3'])), {
      fileName: 't.pdf',
      useOutline: false,
    });
    assert.ok(
      !titles(unlisted.sections).some((t) => t.includes('Greetings')),
      titles(unlisted.sections).join(' | '),
    );
  });

  test('without any heading: one section per ten pages', () => {
    const s = buildStructure(doc(Array.from({ length: 23 }, () => body(2))), {
      fileName: 'dir/plain notes.pdf',
    });
    assert.equal(s.source, 'pages');
    assert.equal(s.title, 'plain notes');
    assert.deepEqual(titles(s.sections), ['Pages 1–10', 'Pages 11–20', 'Pages 21–23']);
    assert.deepEqual([s.sections[1]!.pageStart, s.sections[1]!.pageEnd], [11, 20]);
  });
});

describe('paragraphs', () => {
  test('break at gaps and at sentence-ending page changes; hyphenated words rejoin; pages recorded', () => {
    const s = buildStructure(
      doc([
        [
          'The first para-',
          'graph ends here.',
          ['A second one starts after a gap and runs', { gap: 10 }],
          'over the page',
        ],
        ['without stopping.', 'Then a third.'],
        ['New page, new paragraph.'],
      ]),
      { fileName: 'p.pdf' },
    );
    const paragraphs = s.sections.flatMap((x) => x.paragraphs);
    assert.deepEqual(
      paragraphs.map((p) => [p.text, p.page, p.pageEnd]),
      [
        ['The first paragraph ends here.', 1, 1],
        ['A second one starts after a gap and runs over the page without stopping. Then a third.', 1, 2],
        ['New page, new paragraph.', 3, 3],
      ],
    );
    assert.deepEqual(paragraphs[1]!.pageBreaks, [
      'A second one starts after a gap and runs over the page '.length,
    ]);
  });
});

describe('lists without bullet glyphs', () => {
  const paragraphsOf = (pages: Spec[][]) =>
    buildStructure(doc(pages), { fileName: 'l.pdf' }).sections.flatMap((x) =>
      x.paragraphs.map((p) => p.text),
    );

  test('slide items a fifth further apart than their lines are paragraphs of their own', () => {
    const item = (text: string): Spec => [text, { size: 28, gap: 8 }];
    assert.deepEqual(
      paragraphsOf([
        [
          ['To provide an overview of an ongoing', { size: 28 }],
          ['research project', { size: 28 }],
          item('Show how to define a cancer cohort'),
          item('Show how to identify an important'),
          ['clinical process measure', { size: 28 }],
        ],
      ]),
      [
        'To provide an overview of an ongoing research project',
        'Show how to define a cancer cohort',
        'Show how to identify an important clinical process measure',
      ],
    );
  });

  test('in body text, only a line that ends short starts a list item; a full line runs on', () => {
    const page = (right: number): Spec[] => [
      'Ein Absatz beginnt hier, und seine erste Zeile',
      ['reicht bis zum Rand. Für einen Torus müsste man ein', { right }],
      ['Loch machen, und das geht nicht ohne Schere.', { gap: 3 }],
    ];
    assert.deepEqual(paragraphsOf([page(540)]), [
      'Ein Absatz beginnt hier, und seine erste Zeile reicht bis zum Rand. Für einen Torus müsste man ein Loch machen, und das geht nicht ohne Schere.',
    ]);
    assert.equal(paragraphsOf([page(300)]).length, 2);
  });
});

describe('title', () => {
  test('ignores producer and file-name titles', () => {
    const pages: Spec[][] = [[['Real Heading', { size: 16 }], ...body(2)]];
    assert.equal(
      buildStructure(doc(pages, [], 'Microsoft Word - notes.doc'), { fileName: 'n.pdf' }).title,
      'Real Heading',
    );
    assert.equal(buildStructure(doc(pages, [], 'notes.pdf'), { fileName: 'n.pdf' }).title, 'Real Heading');
    assert.equal(buildStructure(doc([body(2)], [], ''), { fileName: 'n.pdf' }).title, 'n');
  });
});

describe('headingRecall', () => {
  const section = (title: string, pageStart: number): Section => ({
    index: 0,
    title,
    level: 1,
    path: [title],
    pageStart,
    pageEnd: pageStart,
    paragraphs: [],
  });

  test('matches normalised titles within a page, each section once', () => {
    const outline: OutlineEntry[] = [
      { title: '1. Introduction', level: 1, page: 3 },
      { title: 'Using the Core', level: 1, page: 10 },
      { title: 'Foo', level: 2, page: 12 },
      { title: 'Foo', level: 2, page: 12 },
      { title: 'Far away', level: 1, page: 40 },
      { title: '???', level: 1, page: 41 },
    ];
    const sections = [
      section('INTRODUCTION', 4),
      section('Chapter 2. Using the core and its options', 10),
      section('Foo', 12),
      section('Far away', 44),
    ];
    assert.deepEqual(headingRecall(outline, sections), { matched: 3, total: 5, recall: 0.6 });
  });
});

describe('licence words', () => {
  test('are found in any case', () => {
    const notice = ['COPYRIGHT (C) 1999 THE AUTHORS', 'ALL RIGHTS RESERVED', 'WITHOUT ANY EXPRESS WARRANTY'];
    assert.equal(matterOfLines(notice), 'licence');
  });

  test('are found spelled with a long s, which matches s case-insensitively but does not lower-case to it', () => {
    const notice = ['Rediſtribution is allowed.', 'Rediſtributors agree.', 'See iſbn 12345.'];
    assert.equal(matterOfLines(notice), 'licence');
  });

  test('are not found in text without them', () => {
    assert.equal(matterOfLines(['The copy is licensed', 'in part.', 'Warranted use.', 'Fine.']), null);
  });
});
