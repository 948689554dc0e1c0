import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CourseSchema } from '../../src/domain/course.ts';
import type { Section } from '../../src/domain/document.ts';
import { statisticalObjectives as objectives } from '../../src/pipeline/course/objectives.ts';
import type { Sentence } from '../../src/pipeline/course/text.ts';
import { generateCourse, OfflineCourseGenerator } from '../../src/pipeline/course.ts';
import { scan } from '../../src/pipeline/text/words.ts';
import { chunksOf, oneLiner, textbook } from '../support/course-fixture.ts';

const sentence = (topic: string, i: number) =>
  `The ${topic} chapter explains point number ${i} about ${topic} behaviour in careful detail for students.`;

describe('generateCourse (offline extractive)', () => {
  test('makes a valid course whose summaries are cited sentences of the document', async () => {
    const input = textbook();
    const course = await generateCourse(input);
    assert.ok(CourseSchema.safeParse(course).success);
    assert.deepEqual(course.generator, { name: 'offline-extractive', version: '2' });
    assert.equal(course.title, 'Biology and Data');
    const byId = new Map(input.chunks.map((c) => [c.id, c]));
    for (const m of course.modules)
      for (const l of m.lessons)
        for (const s of l.summary) {
          const chunk = byId.get(s.citations[0]!.chunkId!);
          assert.ok(chunk, `no chunk cited for "${s.text}"`);
          assert.ok(chunk.text.includes(s.text), `"${s.text}" is not in its cited chunk`);
          assert.ok(s.citations[0]!.page >= chunk.pageStart && s.citations[0]!.page <= chunk.pageEnd);
          assert.ok(s.citations[0]!.page >= l.pageStart && s.citations[0]!.page <= l.pageEnd);
        }
  });

  test('chapters become modules, sub-sections lessons, and the empty title page folds away', async () => {
    const course = await generateCourse(textbook());
    assert.deepEqual(
      course.modules.map((m) => m.title),
      ['Photosynthesis', 'Databases'],
    );
    assert.deepEqual(
      course.modules[0]!.lessons.map((l) => l.title),
      ['Photosynthesis', 'Light reactions', 'Calvin cycle'],
    );
    assert.deepEqual(course.modules[1]!.lessons[1]!.sectionPath, ['Databases', 'The relational model']);
    assert.equal(course.modules[0]!.pageStart, 2);
    assert.equal(course.modules[1]!.pageEnd, 11);
  });

  test('description, key terms, objectives and reading time', async () => {
    const course = await generateCourse(textbook());
    assert.match(course.description, /2 modules, 6 lessons, about \d+ minutes? of reading\.$/);
    assert.ok(course.keyTerms.length >= 8 && course.keyTerms.length <= 15, course.keyTerms.join());
    for (const t of [
      ...course.keyTerms,
      ...course.modules.flatMap((m) => [...m.keyTerms, ...m.lessons.flatMap((l) => l.keyTerms)]),
    ]) {
      assert.match(t, /^\p{L}[\p{L}\- ]*\p{L}$/u, `term "${t}"`);
      assert.ok(!/^(the|and|which|that)$/i.test(t));
    }
    const lower = course.keyTerms.map((t) => t.toLowerCase());
    assert.ok(
      lower.some((t) => /chlorophyll|chloroplast|rubisco|photosynthesis/.test(t)),
      lower.join(),
    );
    assert.ok(
      lower.some((t) => /index|transaction|table|database/.test(t)),
      lower.join(),
    );
    for (const m of course.modules) {
      assert.ok(m.objectives.length >= 2 && m.objectives.length <= 4);
      assert.equal(new Set(m.objectives).size, m.objectives.length);
      assert.equal(new Set(m.objectives.map((o) => o.split(' ')[0])).size, m.objectives.length, 'verbs vary');
      assert.ok(m.keyTerms.length <= 8 && m.lessons.every((l) => l.keyTerms.length <= 5));
      const sum = m.lessons.reduce((n, l) => n + l.readingMinutes, 0);
      assert.ok(Math.abs(m.readingMinutes - sum) < 0.01);
    }
    assert.ok(course.readingMinutes > 1 && course.readingMinutes < 3, String(course.readingMinutes));
  });

  test('is deterministic', async () => {
    assert.deepEqual(await generateCourse(textbook()), await generateCourse(textbook()));
  });

  test('a long section without sub-sections is split into modules of at most 30 pages', async () => {
    const paragraphs = Array.from({ length: 80 }, (_, i) => ({
      text: sentence(i % 2 ? 'enzyme' : 'membrane', i),
      page: i + 1,
      pageEnd: i + 1,
    }));
    const sections: Section[] = [
      {
        index: 0,
        title: 'Cell biology',
        level: 1,
        path: ['Cell biology'],
        pageStart: 1,
        pageEnd: 80,
        paragraphs,
      },
    ];
    const course = await generateCourse({
      documentId: 'long',
      fileName: 'long.pdf',
      pageCount: 80,
      structure: { title: 'Cells', sections, source: 'pages' },
      chunks: chunksOf(sections, 'long'),
    });
    assert.ok(course.modules.length >= 3);
    for (const m of course.modules)
      assert.ok(m.pageEnd - m.pageStart + 1 <= 30, `${m.title}: ${m.pageStart}-${m.pageEnd}`);
    assert.equal(course.modules[0]!.pageStart, 1);
    assert.equal(course.modules.at(-1)!.pageEnd, 80);
  });

  test('a long chapter is split by its sub-sections, and tiny neighbours are merged', async () => {
    const section = (
      index: number,
      title: string,
      level: number,
      from: number,
      to: number,
      topic: string,
    ): Section => ({
      index,
      title,
      level,
      path: level === 1 ? [title] : ['Big chapter', title],
      pageStart: from,
      pageEnd: to,
      paragraphs: Array.from({ length: to - from + 1 }, (_, i) => ({
        text: sentence(topic, i),
        page: from + i,
        pageEnd: from + i,
      })),
    });
    const sections = [
      section(0, 'Welcome', 1, 1, 1, 'welcome'),
      section(1, 'Reading notes', 1, 2, 2, 'notes'),
      section(2, 'Big chapter', 1, 3, 3, 'overview'),
      section(3, 'Part A', 2, 4, 25, 'alpha'),
      section(4, 'Part B', 2, 26, 50, 'beta'),
      section(5, 'Part C', 2, 51, 60, 'gamma'),
    ];
    const course = await generateCourse({
      documentId: 'big',
      fileName: 'big.pdf',
      pageCount: 60,
      structure: { title: 'Big', sections, source: 'outline' },
      chunks: chunksOf(sections, 'big'),
    });
    assert.equal(course.modules[0]!.title, 'Welcome · Reading notes');
    const rest = course.modules.slice(1);
    assert.ok(rest.length >= 2);
    for (const m of rest)
      assert.ok(m.pageEnd - m.pageStart + 1 <= 30, `${m.title}: ${m.pageStart}-${m.pageEnd}`);
    assert.deepEqual(
      rest.flatMap((m) => m.lessons.map((l) => l.title)),
      ['Big chapter', 'Part A', 'Part B', 'Part C'],
    );
  });

  test('tiny documents: an English one-liner and an Arabic line still get a course', async () => {
    const english = await generateCourse(oneLiner('Please fill in your name and date of birth'));
    assert.equal(english.modules.length, 1);
    // A line that says something is shown as a sentence, with its full stop.
    assert.equal(
      english.modules[0]!.lessons[0]!.summary[0]!.text,
      'Please fill in your name and date of birth.',
    );
    assert.equal(english.modules[0]!.objectives.length >= 2, true);
    const arabic = await generateCourse(oneLiner('مرحبا بالعالم حبيبي', 'عربي'));
    assert.equal(arabic.modules[0]!.lessons[0]!.summary[0]!.text, 'مرحبا بالعالم حبيبي');
    assert.ok(CourseSchema.safeParse(arabic).success);
  });

  test('empty sections and a document without text do not crash', async () => {
    const sections: Section[] = [
      { index: 0, title: 'Empty', level: 1, path: ['Empty'], pageStart: 1, pageEnd: 1, paragraphs: [] },
      {
        index: 1,
        title: 'Blank',
        level: 2,
        path: ['Empty', 'Blank'],
        pageStart: 1,
        pageEnd: 2,
        paragraphs: [{ text: '  ', page: 2, pageEnd: 2 }],
      },
    ];
    const course = await new OfflineCourseGenerator().generateCourse({
      documentId: 'e',
      fileName: 'empty.pdf',
      pageCount: 2,
      structure: { title: '', sections, source: 'pages' },
      chunks: [],
    });
    assert.ok(CourseSchema.safeParse(course).success);
    assert.equal(course.title, 'empty.pdf');
  });

  test('CJK text gets summaries and reading time by characters', async () => {
    const text =
      '光合作用は植物が光のエネルギーを使って二酸化炭素と水から糖を作る反応です。この反応は葉緑体の中で行われます。';
    const course = await generateCourse(oneLiner(text, '光合作用'));
    const lesson = course.modules[0]!.lessons[0]!;
    assert.ok(lesson.summary.length >= 1 && text.includes(lesson.summary[0]!.text));
    assert.ok(lesson.readingMinutes > 0);
  });

  test('rejects a generator whose course cites a page beyond the document', async () => {
    const input = textbook();
    const bad = await new OfflineCourseGenerator().generateCourse(input);
    bad.modules[0]!.lessons[0]!.summary[0]!.citations[0]!.page = 99;
    await assert.rejects(generateCourse(input, { name: 'bad', generateCourse: async () => bad }), {
      code: 'invalid_course',
    });
  });
});

describe('objectives in languages without analysis', () => {
  const sentence = (text: string): Sentence => ({
    text,
    sectionIndex: 0,
    paragraph: 0,
    page: 1,
    good: true,
    prose: true,
    tokens: scan(text),
  });
  const material = (sentences: string[]) => ({
    title: 'Topologische Grundbegriffe',
    firstLessonTitle: 'Offene Mengen',
    courseTitle: 'Geometrie und Topologie',
    pages: '1–9',
    keyTerms: ['kompakt', 'Metrik', 'abgeschlossen', 'offen', 'topologischer Raum', 'topologische Räume'],
    index: 1,
    sentences: sentences.map(sentence),
  });

  test('two terms are related only where sentences use them together, and never two spellings of one', () => {
    const got = objectives(
      material([
        'Eine Menge ist abgeschlossen, wenn ihr Komplement offen ist.',
        'Jede Menge, die offen und abgeschlossen ist, heißt klopen.',
        'Ein topologischer Raum ist kompakt, wenn jede Überdeckung eine endliche Teilüberdeckung hat.',
        'Topologische Räume mit einer Metrik heißen metrisierbar; ein topologischer Raum ist das Paar.',
        'Topologische Räume und ein topologischer Raum werden hier gleich behandelt.',
      ]),
    );
    const pairs = got.filter((o) => /^(?:Describe how|Compare) /.test(o));
    assert.ok(pairs.length > 0, got.join(' | '));
    for (const o of pairs) assert.match(o, /abgeschlossen.*offen|offen.*abgeschlossen/, got.join(' | '));
  });

  test('with no two terms together, every objective names one term', () => {
    const got = objectives(
      material(['Eine Menge ist kompakt.', 'Die Metrik misst Abstände zwischen Punkten.']),
    );
    assert.ok(got.length >= 2);
    assert.ok(!got.some((o) => /^(?:Describe how|Compare) /.test(o)), got.join(' | '));
  });
});
