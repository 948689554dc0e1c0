/** Hand-built, schema-valid inputs for the store tests. */
import { createHash, randomBytes } from 'node:crypto';
import { type Course, CourseSchema, type Quiz, QuizSchema, withQuizLevels } from '../../src/domain/course.ts';
import type { Chunk, ProcessedDocument, Section } from '../../src/domain/document.ts';

/** A tiny valid course: `modules` modules of two lessons each. */
export function makeCourse(title = 'Intro to Testing', modules = 2): Course {
  return CourseSchema.parse({
    title,
    description: 'A short course built by hand for the store tests.',
    keyTerms: ['test', 'store'],
    readingMinutes: 4,
    generator: { name: 'fixture', version: '1' },
    modules: Array.from({ length: modules }, (_, m) => ({
      title: `Module ${m + 1}`,
      pageStart: m + 1,
      pageEnd: m + 1,
      objectives: ['Explain tests', 'Use stores'],
      keyTerms: ['test'],
      readingMinutes: 2,
      lessons: [0, 1].map((l) => ({
        title: `Lesson ${m + 1}.${l + 1}`,
        sectionPath: [`Module ${m + 1}`, `Lesson ${m + 1}.${l + 1}`],
        pageStart: m + 1,
        pageEnd: m + 1,
        summary: [{ text: `Sentence ${m}.${l}.`, citations: [{ page: m + 1 }] }],
        keyTerms: ['store'],
        readingMinutes: 1,
      })),
    })),
  });
}

/** A tiny valid quiz of `count` questions, alternating multiple choice and true/false. */
export function makeQuiz(seed = 1, count = 3, moduleIndex?: number): Quiz {
  return QuizSchema.parse(
    withQuizLevels({
      title: `Quiz ${seed}`,
      seed,
      moduleIndex,
      generator: { name: 'fixture', version: '1' },
      questions: Array.from({ length: count }, (_, i) =>
        i % 2 === 0
          ? {
              kind: 'multiple_choice',
              prompt: `Question ${i} of seed ${seed}?`,
              options: ['a', 'b', 'c', 'd'],
              answerIndex: i % 4,
              explanation: 'Because.',
              sourcePage: 1,
            }
          : {
              kind: 'true_false',
              prompt: `Statement ${i} of seed ${seed}.`,
              answer: true,
              explanation: 'So.',
              sourcePage: 2,
            },
      ),
    }) as Quiz,
  );
}

/** A processed document with a random (or given) identity, `chunks` chunks over two sections. */
export function makeDocument(
  opts: { bytes?: Buffer; chunks?: number; title?: string } = {},
): ProcessedDocument {
  const sha256 = createHash('sha256')
    .update(opts.bytes ?? randomBytes(32))
    .digest('hex');
  const documentId = sha256.slice(0, 16);
  const sections: Section[] = [0, 1].map((i) => ({
    index: i,
    title: `Module ${i + 1}`,
    level: 1,
    path: [`Module ${i + 1}`],
    pageStart: i + 1,
    pageEnd: i + 1,
    paragraphs: [{ text: `Body of section ${i}.`, page: i + 1, pageEnd: i + 1 }],
  }));
  const chunks: Chunk[] = Array.from({ length: opts.chunks ?? 3 }, (_, i) => ({
    id: `${documentId}:${i}`,
    documentId,
    index: i,
    sectionIndex: i % 2,
    sectionPath: [`Module ${(i % 2) + 1}`],
    pageStart: (i % 2) + 1,
    pageEnd: (i % 2) + 1,
    text: `Chunk ${i} text about testing stores.`,
    tokenCount: 6,
  }));
  const title = opts.title ?? 'Intro to Testing';
  return {
    documentId,
    sha256,
    fileName: 'intro.pdf',
    sizeBytes: 1234,
    pageCount: 2,
    title,
    structure: { title, sections, source: 'headings' },
    chunks,
    course: makeCourse(title),
    quiz: makeQuiz(),
    stats: { extractS: 0.1, chunks: chunks.length },
  };
}
