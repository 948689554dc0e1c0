/**
 * Courses from documents that are not running prose: slide decks (bullets without full stops, one slide a
 * section), tables, text drawn twice, spliced columns, and a bill whose title wraps everything. Each rule is
 * pinned with the text of the corpus file that showed it (gov-va-slides, gov-census-tables, gov-cfr-two-column,
 * gov-hr1904-bad-xref, deb-valgrind-manual).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Chunk, Section } from '../../src/domain/document.ts';
import { ChunkLocator, type Sentence } from '../../src/pipeline/course/text.ts';
import { generateCourse } from '../../src/pipeline/course.ts';
import { loadEnglishProfile } from '../../src/pipeline/language/index.ts';
import { chunkSources } from '../../src/pipeline/quiz/material.ts';
import { listItems } from '../../src/pipeline/rules/sentences/items.ts';
import { repeatsItself, standaloneProblem } from '../../src/pipeline/rules/sentences/standalone.ts';
import { termProblem } from '../../src/pipeline/rules/terms/index.ts';
import { FirstUse } from '../../src/pipeline/text/first-use.ts';
import { splitSentences } from '../../src/pipeline/text/sentences.ts';
import { chunksOf } from '../support/course-fixture.ts';

const lang = await loadEnglishProfile();
const nlp = lang.analyser;

const slide = (index: number, title: string, ...bullets: string[]): Section => ({
  index,
  title,
  level: 1,
  path: [title],
  pageStart: index + 1,
  pageEnd: index + 1,
  paragraphs: bullets.map((text) => ({ text, page: index + 1, pageEnd: index + 1 })),
});

const deck = (sections: Section[]) =>
  generateCourse({
    documentId: 'deck',
    fileName: 'deck.pdf',
    pageCount: sections.length,
    structure: { title: 'A Cancer Example', sections, source: 'outline' },
    chunks: chunksOf(sections, 'deck'),
  });

describe('slides and lists', () => {
  test('bullets run into one line are items; a sentence keeps its dashes', () => {
    assert.deepEqual(listItems('Inpatient – PM – Acute Care Main File – PB – Acute Care Bed Section File'), [
      'Inpatient',
      'PM',
      'Acute Care Main File',
      'PB',
      'Acute Care Bed Section File',
    ]);
    assert.deepEqual(listItems('The three levels – Low, Medium, High – are set per table.'), [
      'The three levels – Low, Medium, High – are set per table.',
    ]);
  });

  test('a bullet that says something is a summary sentence with its full stop; labels and codes are not', async () => {
    const course = await deck([
      slide(
        0,
        'Study Aims',
        'Examine factors that explain healthcare system choice, delays in treatment, healthcare use, and costs',
        'Characterize and compare healthcare use and cost patterns for colon cancer care',
      ),
      slide(1, 'Datasets', 'Inpatient – PM – Acute Care Main File – PB – Acute Care Bed Section File'),
      slide(
        2,
        'Codes',
        '153 MALIGNANT NEOPLASM COLON 1530 MAL NEO HEPATIC FLEXURE 1531 MAL NEO TRANSVERSE COLON',
      ),
    ]);
    const summaries = course.modules.flatMap((m) => m.lessons.flatMap((l) => l.summary.map((s) => s.text)));
    assert.ok(
      summaries.includes(
        'Examine factors that explain healthcare system choice, delays in treatment, healthcare use, and costs.',
      ),
      summaries.join(' | '),
    );
    for (const s of summaries) assert.equal(standaloneProblem(s, lang), null, s);
    assert.ok(!summaries.some((s) => /Acute Care|MALIGNANT/u.test(s)), summaries.join(' | '));
  });

  test('text cut off by a column is not given a full stop, and a pointer elsewhere is no summary', async () => {
    const course = await deck([
      slide(
        0,
        'Schedules',
        'Each drug or substance has been assigned the Controlled Substances Code Number set forth opposite it. Any drug product containing gamma hydroxybutyric acid, for which an application is approved under section 505 of the Federal Food, Drug, and Cosmetic',
        'See footnotes at end of table.',
        'For statement on methodology, see Appendix III of this report.',
      ),
    ]);
    const summaries = course.modules.flatMap((m) => m.lessons.flatMap((l) => l.summary.map((x) => x.text)));
    assert.deepEqual(summaries, [
      'Each drug or substance has been assigned the Controlled Substances Code Number set forth opposite it.',
    ]);
    assert.equal(standaloneProblem('See footnotes at end of table.', lang), 'pointer');
  });

  test('slides with nothing to summarise join the lesson before them instead of showing a fragment', async () => {
    const course = await deck([
      slide(
        0,
        'Study Aims',
        'Assess and compare colon cancer surgical treatment patterns across the two systems',
      ),
      slide(1, 'Datasets', 'Inpatient – PM – Acute Care Main File – PB – Acute Care Bed Section File'),
      slide(
        2,
        'More Datasets',
        'Outpatient Care – SE – Outpatient Event File – SC – Outpatient Procedure File',
      ),
      slide(
        3,
        'Study Design',
        'Follow each patient for at least three years after the diagnosis of the cancer',
      ),
    ]);
    const lessons = course.modules.flatMap((m) => m.lessons);
    assert.deepEqual(
      lessons.map((l) => [l.title, l.pageStart, l.pageEnd]),
      [
        ['Study Aims', 1, 3],
        ['Study Design', 4, 4],
      ],
    );
    // The first lesson is summarised from its own slide, not from the labels it took in.
    assert.ok(
      lessons[0]!.summary.every((x) => x.text.startsWith('Assess and compare')),
      lessons[0]!.summary.map((x) => x.text).join(' | '),
    );
  });
});

describe('tables, doubled text and spliced columns', () => {
  test('a run of words twice is a table row or text drawn twice, not a sentence', () => {
    const cases = [
      'Delete cases w/ Delete cases w/ diagnosis codes not on two diagnosis codes not on two different claims.',
      'Established Patient Problem Focused Problem Focused Straightforward 99212 2 of 3 Expanded Problem Expanded.',
    ];
    for (const c of cases) {
      assert.ok(repeatsItself(nlp.tag(c)), c);
      assert.equal(standaloneProblem(c, lang), 'glued', c);
    }
    const prose = 'On Pentium 4 systems the counter counts this instruction as two instructions.';
    assert.ok(!repeatsItself(nlp.tag(prose)));
    assert.equal(standaloneProblem(prose, lang), null);
  });

  test('a line of the other column run in is spliced text', () => {
    assert.equal(
      standaloneProblem(
        'If the mines appropriate. applicant desires, he may amend the application to meet the requirements.',
        lang,
      ),
      'glued',
    );
    assert.equal(
      standaloneProblem(
        'Any other person who handles an (j) The following substances are designated as exempt preparations.',
        lang,
      ),
      'glued',
    );
    assert.equal(
      standaloneProblem(
        'The rule applies to each registrant described in paragraph (d) of this section.',
        lang,
      ),
      null,
    );
    // Prose that looks alike: an abbreviation, an inline list, a name said twice.
    for (const prose of [
      'The dam holds approx. four million litres of water.',
      'Students choose between (a) French and (b) German in their first year.',
      'The Secretary of Veterans Affairs shall report, and the Secretary of Veterans Affairs shall publish the report.',
    ])
      assert.equal(standaloneProblem(prose, lang), null, prose);
  });

  test('an entry of a bill\'s table of contents is one fragment, not a sentence ("Sec. 401. Accelerated …")', () => {
    const [entry, ...rest] = splitSentences(
      'Sec. 401. Accelerated information gathering regarding forest-damaging insects. Sec. 402. Definitions.',
    );
    assert.equal(entry, 'Sec. 401. Accelerated information gathering regarding forest-damaging insects.');
    assert.deepEqual(rest, ['Sec. 402. Definitions.']);
    assert.equal(standaloneProblem(entry!, lang), 'fragment');
    assert.equal(standaloneProblem('Section 3 describes the review process for every project.', lang), null);
    assert.deepEqual(splitSentences('Joins are explained in chapter 5. Indexes come next.'), [
      'Joins are explained in chapter 5.',
      'Indexes come next.',
    ]);
  });

  test('letters with dots before a number do not end a sentence ("42 U.S.C. 4332")', () => {
    assert.deepEqual(
      splitSentences(
        'The Secretary shall comply with the National Environmental Policy Act of 1969 (42 U.S.C. 4332(2)) and the applicable regulations. It applies.',
      ),
      [
        'The Secretary shall comply with the National Environmental Policy Act of 1969 (42 U.S.C. 4332(2)) and the applicable regulations.',
        'It applies.',
      ],
    );
  });
});

describe('pages, citations and quiz sources', () => {
  const chunk = (index: number, text: string, pageStart: number, pageEnd: number): Chunk => ({
    id: `d:${index}`,
    documentId: 'd',
    index,
    sectionIndex: 0,
    sectionPath: ['Limits'],
    pageStart,
    pageEnd,
    text,
    tokenCount: 50,
  });

  test('sentences that open alike are cited on their own page', () => {
    const x86 =
      'Valgrind has the following limitations in its implementation of x86 floating point arithmetic.';
    const ppc =
      'Valgrind has the following limitations in its implementation of PPC floating point arithmetic.';
    const locator = new ChunkLocator([chunk(0, x86, 48, 48), chunk(1, `${x86} ${ppc}`, 48, 49)], 60);
    const sentence = { text: ppc, sectionIndex: 0, page: 49 } as Sentence;
    assert.deepEqual(locator.cite(sentence), { page: 49, chunkId: 'd:1' });
  });

  test('a chunk that continues its section gives no question from its first, cut sentence', () => {
    const scope = [
      {
        index: 0,
        module: {
          title: 'Limits',
          pageStart: 1,
          pageEnd: 2,
          objectives: [],
          keyTerms: [],
          readingMinutes: 1,
          lessons: [
            {
              title: 'Limits',
              sectionPath: ['Limits'],
              pageStart: 1,
              pageEnd: 2,
              summary: [{ text: 'x', citations: [{ page: 1 }] }],
              keyTerms: [],
              readingMinutes: 1,
            },
          ],
        },
      },
    ];
    const chunks = [
      chunk(
        0,
        'Species listed as endangered under the Endangered Species Act of 1973 (16 U.S.C. 1533); and animal or plant species before they reach threatened status.',
        1,
        1,
      ),
      chunk(
        1,
        'U.S.C. 1533); and animal or plant species before they reach threatened status. The plan lists every species of the area.',
        2,
        2,
      ),
    ];
    const texts = chunkSources(scope, chunks).map((s) => s.text);
    assert.ok(!texts.some((t) => t.startsWith('U.S.C.')), texts.join(' | '));
    // Without the overlap the chunk's first sentence is whole (chunks cut at sentence ends) and is kept.
    const apart = [chunks[1]!, { ...chunks[0]!, index: 2, id: 'd:2' }];
    assert.ok(
      chunkSources(scope, apart).some((s) => s.text.startsWith('Species listed')),
      'a continuing chunk without overlap keeps its first sentence',
    );
    assert.ok(texts.includes('The plan lists every species of the area.'), texts.join(' | '));
    assert.deepEqual(
      chunkSources(scope, chunks, { pages: 'several' }).map((s) => s.text),
      [],
      'both chunks are on one page',
    );
  });

  test('a point in time is no key term ("seventh day"); a phrase ending in one can be ("fiscal year")', () => {
    const context = 'Begun and held at the City of Washington on Tuesday, the seventh day of January.';
    assert.equal(termProblem('seventh day', lang, context), 'generic');
    assert.equal(termProblem('fiscal year', lang, 'Funds are appropriated for each fiscal year.'), null);
  });

  test('a term is judged where the document first uses it, as whole words', () => {
    const first = new FirstUse([
      'Threads block when the lock is taken.',
      'A heap block is freed twice.',
      'Each block has a header.',
    ]);
    assert.equal(first.of('block'), 'Threads block when the lock is taken.');
    assert.equal(first.of('heap  Block'), 'A heap block is freed twice.');
    assert.equal(first.of('head'), undefined, 'not inside "header"');
  });
});
