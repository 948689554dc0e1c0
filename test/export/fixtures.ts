/**
 * Export fixtures: a course whose texts carry every character the formats treat specially (GIFT's `~ = # { } :`
 * and backslash, XML's `< & ]]>`, quotes, tabs and line breaks, a slash in a category name), Japanese text, a
 * module without questions, and a quiz "after review": one question edited, one deleted (so the stable keys
 * are no longer 0..n-1).
 */
import { type Course, CourseSchema, type Quiz, QuizSchema } from '../../src/domain/course.ts';
import type { ExportInput } from '../../src/export/index.ts';

/** Every special character at once. */
export const NASTY = 'a~b=c#d{e}f:g\\h <i> & "j" \'k\' ]]> l\tm';

export function specialCourse(): Course {
  return CourseSchema.parse({
    title: 'Input/Output & <Tags>: データベース入門',
    description: `A course about ${NASTY}. 日本語の説明文です。`,
    keyTerms: ['primary key', '主キー', 'a~b=c'],
    readingMinutes: 12,
    generator: { name: 'fixture', version: '1' },
    modules: [
      {
        title: 'Keys {and} values',
        pageStart: 1,
        pageEnd: 2,
        objectives: ['Explain a primary key.', 'Use 主キー in a table.'],
        keyTerms: ['primary key'],
        readingMinutes: 5,
        lessons: [
          {
            title: 'Primary keys',
            sectionPath: ['Keys', 'Primary keys'],
            pageStart: 1,
            pageEnd: 2,
            summary: [
              { text: 'A primary key identifies each row of a table.', citations: [{ page: 1 }] },
              { text: '主キーは表の各行を一意に識別する。', citations: [{ page: 2 }, { page: 1 }] },
            ],
            keyTerms: ['primary key'],
            readingMinutes: 5,
          },
        ],
      },
      {
        title: 'An empty module (no questions)',
        pageStart: 3,
        pageEnd: 3,
        objectives: ['Read page three.', 'Remember it.'],
        keyTerms: [],
        readingMinutes: 2,
        lessons: [
          {
            title: 'Page three',
            sectionPath: ['Page three'],
            pageStart: 3,
            pageEnd: 3,
            summary: [{ text: `Special: ${NASTY}`, citations: [{ page: 3 }] }],
            keyTerms: [],
            readingMinutes: 2,
          },
        ],
      },
      {
        title: 'Joins',
        pageStart: 4,
        pageEnd: 5,
        objectives: ['Explain joins.', 'Compare joins.'],
        keyTerms: ['join'],
        readingMinutes: 5,
        lessons: [
          {
            title: 'Inner joins',
            sectionPath: ['Joins'],
            pageStart: 4,
            pageEnd: 5,
            summary: [{ text: 'An inner join keeps matching rows.', citations: [{ page: 4 }] }],
            keyTerms: ['join'],
            readingMinutes: 5,
          },
        ],
      },
    ],
  });
}

/** The quiz as a teacher left it: question 2 of the original was deleted, the first one edited. */
export function reviewedQuiz(): Quiz {
  return QuizSchema.parse({
    title: 'Quiz: データベース',
    seed: 7,
    generator: { name: 'fixture', version: '1' },
    questions: [
      {
        kind: 'multiple_choice',
        prompt: `EDITED: which one is ${NASTY}?`,
        options: ['the {first} one', 'second: = two', '三番目', `${NASTY}`],
        answerIndex: 3,
        explanation: `Because ${NASTY}.`,
        sourcePage: 2,
        moduleIndex: 0,
      },
      {
        kind: 'true_false',
        prompt: 'True or false: 主キーは表の各行を一意に識別する。',
        answer: true,
        explanation: 'From page 2: 主キーは表の各行を一意に識別する。',
        sourcePage: 2,
        moduleIndex: 0,
      },
      {
        kind: 'true_false',
        prompt: 'True or false: An inner join keeps rows that do not match.',
        answer: false,
        explanation: 'From page 4: "An inner join keeps matching rows."',
        sourcePage: 4,
        moduleIndex: 2,
      },
      {
        kind: 'multiple_choice',
        prompt: 'Fill in the blank: A _____ identifies each row.',
        options: ['join', 'primary key', 'index', 'view'],
        answerIndex: 1,
        explanation: 'From page 1.',
        sourcePage: 1,
      },
    ],
  });
}

export function specialInput(): ExportInput {
  return {
    courseId: 'cabc123def456',
    fileName: 'データベース & <notes>.pdf',
    course: specialCourse(),
    quiz: {
      id: 'q0123456789abcde',
      quiz: reviewedQuiz(),
      // The original question 1 (key …:1) was deleted: the keys say which generated question each one is.
      questionKeys: ['q0123456789abcde:0', 'q0123456789abcde:2', 'q0123456789abcde:3', 'q0123456789abcde:4'],
      reviewed: true,
    },
  };
}
