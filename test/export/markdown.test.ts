import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Course, Quiz } from '../../src/domain/course.ts';
import { exportMarkdown, quizMarkdown } from '../../src/export/markdown.ts';

const quiz: Quiz = {
  title: 'Databases: quiz',
  seed: 1,
  generator: { name: 'test', version: '1' },
  questions: [
    {
      kind: 'true_false',
      prompt: 'True or false: A table has rows.',
      answer: true,
      explanation: 'p',
      sourcePage: 1,
      difficulty: 'easy',
      bloom: 'remember',
    },
    {
      kind: 'true_false',
      prompt: 'A key repeats.',
      answer: false,
      explanation: 'p',
      sourcePage: 1,
      difficulty: 'easy',
      bloom: 'remember',
    },
  ],
};

describe('course.md', () => {
  test('a true/false item has its lead once, whether the prompt carries it or not', () => {
    const md = quizMarkdown(quiz);
    assert.doesNotMatch(md, /True or false\? True or false/);
    assert.match(md, /\*\*1\.\*\* True or false: A table has rows\./);
    assert.match(md, /\*\*2\.\*\* True or false: A key repeats\./);
  });

  test('a module’s glossary is rendered with its pages; a course without one renders as before', () => {
    const course: Course = {
      title: 'Databases',
      description: 'About databases.',
      keyTerms: [],
      readingMinutes: 1,
      generator: { name: 'test', version: '1' },
      modules: [
        {
          title: 'Keys',
          pageStart: 1,
          pageEnd: 2,
          objectives: ['Define primary key.', 'Distinguish primary key from foreign key.'],
          keyTerms: [],
          glossary: [
            {
              term: 'primary key',
              definition: 'A primary key identifies every row.',
              citations: [{ page: 2 }],
            },
          ],
          lessons: [
            {
              title: 'Keys',
              sectionPath: ['Keys'],
              pageStart: 1,
              pageEnd: 2,
              summary: [{ text: 'A key identifies rows.', citations: [{ page: 1 }] }],
              keyTerms: [],
              readingMinutes: 1,
            },
          ],
          readingMinutes: 1,
        },
      ],
    };
    const md = exportMarkdown({ courseId: 'c1', fileName: 'db.pdf', course, quiz: null });
    assert.match(
      md,
      /\*\*Glossary\*\*\n\n- \*\*primary key\*\*: A primary key identifies every row\. \(p\. 2\)/,
    );
    const { glossary: _, ...old } = course.modules[0]!;
    assert.doesNotMatch(
      exportMarkdown({
        courseId: 'c1',
        fileName: 'db.pdf',
        course: { ...course, modules: [old] },
        quiz: null,
      }),
      /Glossary/,
    );
  });
});
