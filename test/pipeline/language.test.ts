/**
 * Language is a value: told once per document, kept on the document and its course, and the one the course and
 * quiz stages (and the exports) read, through the language's profile.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { Section } from '../../src/domain/document.ts';
import { renderExport } from '../../src/export/index.ts';
import { generateCourse } from '../../src/pipeline/course.ts';
import { prepareDocument } from '../../src/pipeline/index.ts';
import { detectLanguage, loadProfile, profileOf } from '../../src/pipeline/language/index.ts';
import { generateQuiz } from '../../src/pipeline/quiz.ts';
import { chunksOf, textbook } from '../support/course-fixture.ts';

describe('telling the language', () => {
  test('by each language’s function words, CJK by its kana; undetermined when none stands out', () => {
    assert.equal(
      detectLanguage(['A transaction is a unit of work that the database executes as a whole.']),
      'en',
    );
    assert.equal(
      detectLanguage(['Die Topologie ist ein Teilgebiet der Mathematik, das sich mit Räumen befasst.']),
      'de',
    );
    assert.equal(
      detectLanguage(['A malária é uma das principais causas de morte das crianças em Angola.']),
      'pt',
    );
    assert.equal(
      detectLanguage(['La base de données est un ensemble de tables que les programmes partagent.']),
      'fr',
    );
    assert.equal(
      detectLanguage(['La base de datos es un conjunto de tablas que los programas comparten.']),
      'es',
    );
    assert.equal(detectLanguage(['pTeXは日本語の組版を行うためのTeXの拡張です。']), 'ja');
    assert.equal(detectLanguage(['حبيبي يا نور العين']), 'und');
    assert.equal(detectLanguage(['12 34 56']), 'und');
  });

  test('profiles: an analyser for English only, stopwords of the statistical languages from all of them', async () => {
    const en = await loadProfile('en');
    const de = await loadProfile('de');
    assert.ok(en.analyser, 'English has an analyser');
    assert.equal(de.analyser, undefined);
    assert.ok(de.stopwords.has('und') && de.stopwords.has('the') && de.stopwords.has('falls'));
    assert.equal(profileOf('ja').name, 'Japanese');
  });
});

/** A short document in German (the statistical reading). */
function german() {
  const text = [
    'Ein topologischer Raum ist eine Menge mit einer Familie offener Mengen, die unter Vereinigung abgeschlossen ist.',
    'Eine Menge ist abgeschlossen, wenn ihr Komplement in dem topologischen Raum offen ist.',
    'Jede kompakte Menge in einem metrischen Raum ist abgeschlossen und beschränkt, wie der Satz zeigt.',
    'Eine stetige Abbildung bildet kompakte Mengen auf kompakte Mengen ab, und das ist oft nützlich.',
  ].join(' ');
  const sections: Section[] = [
    {
      index: 0,
      title: 'Topologie',
      level: 1,
      path: ['Topologie'],
      pageStart: 1,
      pageEnd: 2,
      paragraphs: [
        { text, page: 1, pageEnd: 1 },
        { text: text.replace(/Menge/g, 'Teilmenge'), page: 2, pageEnd: 2 },
      ],
    },
  ];
  return {
    documentId: 'german0000000000',
    fileName: 'topologie.pdf',
    pageCount: 2,
    structure: { title: 'Topologie', sections, source: 'outline' as const },
    chunks: chunksOf(sections, 'german0000000000'),
  };
}

describe('the course and quiz read the document’s language', () => {
  test('the pipeline tells it once and keeps it on the document; the course carries it', async () => {
    const config = { ...loadConfig({}), ocr: 'off' as const };
    const bytes = new Uint8Array(readFileSync(new URL('../../examples/sample.pdf', import.meta.url)));
    const prepared = await prepareDocument({ bytes, fileName: 'sample.pdf' }, { config });
    assert.equal(prepared.document.language, 'en');
    const doc = prepared.document;
    const course = await generateCourse({ ...doc, language: doc.language });
    assert.equal(course.language, 'en');
    assert.equal((await generateCourse(german())).language, 'de', 'told from the text when not given');
  });

  test('the language given wins over the text: a German document said to be English is read as English', async () => {
    const course = await generateCourse({ ...german(), language: 'en' });
    assert.equal(course.language, 'en');
    // The English makers: "Explain the purpose of …", "Describe how … relates to …" or a quoted title; the
    // statistical ones say "Explain X." and name titles bare.
    const english =
      /^(?:Explain the purpose of|Describe how|Define|Distinguish|Use|Summarise the main ideas of “)/;
    const objectives = course.modules.flatMap((m) => m.objectives);
    assert.ok(
      objectives.every((o) => english.test(o)),
      objectives.join(' | '),
    );
  });

  test('a quiz reads the course’s language, not a guess from the sentences of its scope', async () => {
    const input = textbook();
    const course = await generateCourse(input);
    assert.equal(course.language, 'en');
    const english = await generateQuiz({ course, chunks: input.chunks, count: 8, seed: 3 });
    // The same course said to be undetermined gets the plain makers: no definition questions, other items.
    const plain = await generateQuiz({
      course: { ...course, language: 'und' },
      chunks: input.chunks,
      count: 8,
      seed: 3,
    });
    assert.notDeepEqual(
      english.questions.map((q) => q.prompt),
      plain.questions.map((q) => q.prompt),
    );
    // A course made before languages were recorded: its quiz tells it from the summaries, as before.
    const { language: _, ...older } = course;
    const again = await generateQuiz({ course: older, chunks: input.chunks, count: 8, seed: 3 });
    assert.deepEqual(again, english);
  });
});

describe('exports carry the language', () => {
  const input = (language?: 'de' | 'und') => ({
    courseId: 'c1',
    fileName: 'topologie.pdf',
    course: {
      title: 'Topologie',
      ...(language ? { language } : {}),
      description: 'Offene und abgeschlossene Mengen.',
      keyTerms: [],
      modules: [
        {
          title: 'Topologie',
          pageStart: 1,
          pageEnd: 1,
          objectives: ['Explain offen.', 'Explain kompakt.'],
          keyTerms: [],
          lessons: [
            {
              title: 'Mengen',
              sectionPath: ['Mengen'],
              pageStart: 1,
              pageEnd: 1,
              summary: [{ text: 'Eine Menge ist offen.', citations: [{ page: 1 }] }],
              keyTerms: [],
              readingMinutes: 1,
            },
          ],
          readingMinutes: 1,
        },
      ],
      readingMinutes: 1,
      generator: { name: 'offline-extractive', version: '2' },
    },
    quiz: {
      id: 'q1',
      quiz: {
        title: 'Topologie: quiz',
        seed: 1,
        questions: [
          {
            kind: 'true_false' as const,
            prompt: 'True or false: Eine Menge ist offen.',
            answer: true,
            explanation: 'From page 1.',
            sourcePage: 1,
            difficulty: 'easy' as const,
            bloom: 'remember' as const,
          },
        ],
        generator: { name: 'offline-cloze', version: '2' },
      },
      questionKeys: ['k1'],
      reviewed: false,
    },
  });

  test('HTML names it on the page (unknown: empty), QTI on its section', async () => {
    assert.match(renderExport(input('de'), 'html') as string, /<html lang="de">/);
    assert.match(renderExport(input('und'), 'html') as string, /<html lang="">/);
    const zip = renderExport(input('de'), 'qti') as Uint8Array;
    const { unzipSync, strFromU8 } = await import('fflate');
    const files = unzipSync(zip);
    const assessment = Object.entries(files).find(([name]) => name !== 'imsmanifest.xml')![1];
    assert.match(strFromU8(assessment), /<section ident="root_section" xml:lang="de">/);
  });
});

describe('stopwords of the document’s language only', () => {
  /** An English document about a war, hats and man pages: words that are German or Spanish function words. */
  function english() {
    const paragraphs = [
      'The war began in the spring and the war lasted four years before the treaty ended the war.',
      'Every soldier wore a hat, and the hat of an officer carried a badge that showed the rank of the man.',
      'The man page of each command lists its options, and the man page of the shell explains every keyword.',
      'After the war the hat makers of the town sold each hat to a man who had come home from the war.',
    ];
    const sections: Section[] = paragraphs.map((text, i) => ({
      index: i,
      title: `Part ${i + 1}`,
      level: 1,
      path: [`Part ${i + 1}`],
      pageStart: i + 1,
      pageEnd: i + 1,
      paragraphs: [{ text, page: i + 1, pageEnd: i + 1 }],
    }));
    return {
      documentId: 'english000000000',
      fileName: 'war.pdf',
      pageCount: 4,
      structure: { title: 'War and hats', sections, source: 'outline' as const },
      chunks: chunksOf(sections, 'english000000000'),
    };
  }

  test('“war”, “hat” and “man” are key terms of an English document; in German “war” stays a stopword', async () => {
    const lang = await loadProfile('en');
    for (const word of ['war', 'hat', 'man', 'era', 'son', 'die']) assert.ok(!lang.stopwords.has(word), word);
    const course = await generateCourse({ ...english(), language: 'en' });
    const terms = [...course.keyTerms, ...course.modules.flatMap((m) => m.keyTerms)].map((t) =>
      t.toLowerCase(),
    );
    for (const t of ['war', 'hat', 'man']) assert.ok(terms.includes(t), `${t} not in ${terms.join(', ')}`);
    assert.ok((await loadProfile('de')).stopwords.has('war'));
  });
});
