/** Fixtures for the API tests: a real PDF, a multipart body, a throw-away PostgreSQL database. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import PDFDocument from 'pdfkit';
import pg from 'pg';
import { type Quiz, QuizSchema } from '../../src/domain/course.ts';
import type { ProcessedDocument } from '../../src/domain/document.ts';

export const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A small real PDF whose text includes `marker`, so two calls with different markers differ. */
export function makePdf(marker: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ info: { Title: `Test ${marker}`, CreationDate: new Date(0) } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(18).text(`Chapter 1. ${marker}`);
    doc.fontSize(11).text('Photosynthesis turns light into chemical energy stored in glucose. '.repeat(20));
    doc.end();
  });
}

export interface Part {
  field: string;
  /** Present for a file part. */
  filename?: string;
  content: Buffer | string;
  /** A file part's type (default `application/pdf`); `''` sends the part without a Content-Type. */
  contentType?: string;
}

/** A multipart/form-data body and its content-type header (a random boundary unless one is given). */
export function multipart(
  parts: Part[],
  boundary = `----profai${randomBytes(8).toString('hex')}`,
): { payload: Buffer; headers: Record<string, string> } {
  const pieces: Buffer[] = [];
  for (const p of parts) {
    const disposition =
      p.filename === undefined
        ? `form-data; name="${p.field}"`
        : `form-data; name="${p.field}"; filename="${p.filename}"`;
    const type =
      p.filename === undefined || p.contentType === ''
        ? ''
        : `Content-Type: ${p.contentType ?? 'application/pdf'}\r\n`;
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    pieces.push(Buffer.isBuffer(p.content) ? p.content : Buffer.from(p.content));
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(pieces),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Creates `profai_api_test_<random>` and returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `profai_api_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://postgres@127.0.0.1:5432/${name}`,
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A stored-document fixture for `saveProcessedDocument`: one module, one lesson, one question. */
export function fixtureDocument(sha256: string, fileName: string): ProcessedDocument {
  const documentId = sha256.slice(0, 16);
  const citation = { page: 1, chunkId: `${documentId}:0` };
  const text = 'Photosynthesis turns light into chemical energy stored in glucose.';
  return {
    documentId,
    sha256,
    fileName,
    sizeBytes: 1000,
    pageCount: 1,
    title: 'Plants',
    structure: {
      title: 'Plants',
      source: 'headings',
      sections: [
        {
          index: 0,
          title: 'Light',
          level: 1,
          path: ['Light'],
          pageStart: 1,
          pageEnd: 1,
          paragraphs: [{ text, page: 1, pageEnd: 1 }],
        },
      ],
    },
    chunks: [
      {
        id: citation.chunkId,
        documentId,
        index: 0,
        sectionIndex: 0,
        sectionPath: ['Light'],
        pageStart: 1,
        pageEnd: 1,
        text,
        tokenCount: 12,
      },
    ],
    course: {
      title: 'Plants',
      description: 'How plants use light.',
      keyTerms: ['photosynthesis'],
      readingMinutes: 1,
      generator: { name: 'fixture', version: '1' },
      modules: [
        {
          title: 'Light',
          pageStart: 1,
          pageEnd: 1,
          objectives: ['Explain photosynthesis', 'Name its product'],
          keyTerms: ['photosynthesis'],
          readingMinutes: 1,
          lessons: [
            {
              title: 'Light',
              sectionPath: ['Light'],
              pageStart: 1,
              pageEnd: 1,
              summary: [{ text, citations: [citation] }],
              keyTerms: ['photosynthesis'],
              readingMinutes: 1,
            },
          ],
        },
      ],
    },
    quiz: {
      title: 'Plants quiz',
      seed: 1,
      generator: { name: 'fixture', version: '1' },
      questions: [
        {
          kind: 'true_false',
          prompt: 'Photosynthesis stores energy in glucose.',
          answer: true,
          explanation: text,
          sourcePage: 1,
          chunkId: citation.chunkId,
          difficulty: 'easy',
          bloom: 'remember',
        },
      ],
    },
    stats: {},
  };
}

/** Asserts an error answer: status, JSON `{ error, message }` and nothing else, no stack. */
export function assertError(res: LightMyRequestResponse, status: number, code: string): void {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /application\/json/);
  const body = res.json();
  assert.deepEqual(Object.keys(body).sort(), ['error', 'message']);
  assert.equal(body.error, code);
  assert.equal(typeof body.message, 'string');
  assert.ok(!res.body.includes('    at '), `stack in ${res.body}`);
}

/**
 * 48 bytes of `pdf` found nowhere in `unlike`, a PDF made the same way with other text: a run that is this PDF's
 * own (its compressed text), not the font or structure every PDF of the test shares.
 */
export function distinctiveRun(pdf: Buffer, unlike: Buffer): Buffer {
  for (let at = 0; at + 48 <= pdf.length; at += 16) {
    const run = pdf.subarray(at, at + 48);
    if (!unlike.includes(run)) return run;
  }
  throw new Error('no distinctive run of bytes');
}

const ruleMadeCommon = {
  explanation: 'From page 1: "Photosynthesis turns light into chemical energy."',
  sourcePage: 1,
  bloom: 'remember',
} as const;

/**
 * A quiz of the web tests of rule-made items: a multiple choice (never marked) and three rule-made items of new kinds
 * (short answer, numerical, ordering) that wait for a teacher's check. `seed` tells apart the quizzes one test stores.
 */
export function ruleMadeQuiz(seed = 5): Quiz {
  return QuizSchema.parse({
    title: 'Plants: quiz',
    seed,
    generator: { name: 'offline-cloze', version: '2' },
    questions: [
      {
        ...ruleMadeCommon,
        kind: 'multiple_choice',
        prompt: 'Fill in the blank: _____ turns light into chemical energy.',
        options: ['Respiration', 'Photosynthesis', 'Digestion', 'Erosion'],
        answerIndex: 1,
        difficulty: 'easy',
      },
      {
        ...ruleMadeCommon,
        kind: 'short_answer',
        prompt: 'Which term does the text define as “the process that turns light into chemical energy”?',
        answers: ['photosynthesis'],
        difficulty: 'medium',
        needsCheck: 'rule',
      },
      {
        ...ruleMadeCommon,
        kind: 'numerical',
        prompt: 'How many hours of light does the plant of the text need a day?',
        answer: 12,
        tolerance: 0,
        unit: 'hours',
        difficulty: 'medium',
        needsCheck: 'rule',
      },
      {
        ...ruleMadeCommon,
        kind: 'ordering',
        prompt: 'Put the steps of photosynthesis in the order the text gives them.',
        items: ['Light reaches the leaf.', 'Chlorophyll absorbs it.', 'Glucose is made.'],
        difficulty: 'medium',
        bloom: 'apply',
        needsCheck: 'rule',
      },
    ],
  });
}
