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
        difficulty: 'medium',
        bloom: 'understand',
      },
      {
        kind: 'true_false',
        prompt: 'True or false: 主キーは表の各行を一意に識別する。',
        answer: true,
        explanation: 'From page 2: 主キーは表の各行を一意に識別する。',
        sourcePage: 2,
        moduleIndex: 0,
        difficulty: 'easy',
        bloom: 'remember',
      },
      {
        kind: 'true_false',
        prompt: 'True or false: An inner join keeps rows that do not match.',
        answer: false,
        explanation: 'From page 4: "An inner join keeps matching rows."',
        sourcePage: 4,
        moduleIndex: 2,
        difficulty: 'easy',
        bloom: 'remember',
      },
      {
        kind: 'multiple_choice',
        prompt: 'Fill in the blank: A _____ identifies each row.',
        options: ['join', 'primary key', 'index', 'view'],
        answerIndex: 1,
        explanation: 'From page 1.',
        sourcePage: 1,
        difficulty: 'easy',
        bloom: 'remember',
      },
      ...newKinds(),
    ],
  });
}

/** One question of each kind #24 added, with the special characters in every text a student sees or types. */
export function newKinds(): Quiz['questions'] {
  return [
    {
      kind: 'multiple_answer',
      prompt: `Which of these does the text say about keys? ${NASTY}`,
      options: [
        'A primary key identifies a row.',
        `A key ${NASTY}`,
        'A key is a colour.',
        'Keys are never null.',
      ],
      answerIndexes: [0, 1, 3],
      explanation: 'From page 1: "A primary key identifies each row of a table."',
      sourcePage: 1,
      moduleIndex: 0,
      difficulty: 'medium',
      bloom: 'understand',
    },
    {
      kind: 'matching',
      prompt: 'Match each definition with its term.',
      pairs: [
        { term: 'primary key', definition: 'identifies each row of a table' },
        { term: 'join', definition: `combines rows of two tables -> ${NASTY}` },
        { term: '主キー', definition: '表の各行を一意に識別する' },
      ],
      explanation: 'From the glossary of module 1.',
      sourcePage: 2,
      moduleIndex: 0,
      difficulty: 'medium',
      bloom: 'understand',
    },
    {
      kind: 'short_answer',
      prompt: 'Which term does the text define as “a column that identifies each row of a table”?',
      answers: ['primary key', 'primary keys', 'PK', 'a*b'],
      explanation: 'From page 1: "A primary key identifies each row of a table."',
      sourcePage: 1,
      difficulty: 'medium',
      bloom: 'remember',
    },
    {
      kind: 'numerical',
      prompt: 'How many rows can a table of this course hold at most, in thousands?',
      answer: 2.5,
      tolerance: 0.05,
      unit: 'k rows',
      explanation: 'From page 4: "A table holds at most 2.5 thousand rows."',
      sourcePage: 4,
      moduleIndex: 2,
      difficulty: 'medium',
      bloom: 'remember',
    },
    {
      kind: 'ordering',
      prompt: 'Put the steps of a join in the order the text gives them.',
      items: ['Read the first table.', `Match ${NASTY}`, 'Keep the matching rows.', 'Return them.'],
      explanation: 'From page 5: the steps of a join.',
      sourcePage: 5,
      moduleIndex: 2,
      difficulty: 'medium',
      bloom: 'apply',
    },
  ];
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
      questionKeys: [
        'q0123456789abcde:0',
        'q0123456789abcde:2',
        'q0123456789abcde:3',
        'q0123456789abcde:4',
        ...[5, 6, 7, 8, 9].map((k) => `q0123456789abcde:${k}`),
      ],
      reviewed: true,
    },
  };
}
