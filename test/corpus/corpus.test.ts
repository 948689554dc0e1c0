/**
 * The corpus suite: every file of ../shared/corpus/MANIFEST.tsv through the whole pipeline and the
 * embedded database. `parse*` rows must give a schema-valid course (or, for scans, say they need OCR);
 * `reject: *` rows must fail with their error class and leave nothing in the database.
 *
 * Where the corpus is absent the suite is skipped and says why; with PROFAI_REQUIRE_CORPUS=1 (CI) it fails.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { CourseSchema, QuestionSchema, QuizSchema } from '../../src/domain/course.ts';
import { ProfaiError } from '../../src/domain/errors.ts';
import { loadProfile } from '../../src/pipeline/language/index.ts';
import { terminateOcr } from '../../src/pipeline/ocr/tesseract.ts';
import { MIN_PROSE } from '../../src/pipeline/prose.ts';
import { generateQuiz } from '../../src/pipeline/quiz.ts';
import { ItemReading } from '../../src/pipeline/rules/quiz/items.ts';
import { KIND_ITEM_RULES } from '../../src/pipeline/rules/quiz/kind-items.ts';
import { countRows, loadChunks, openDatabase, openVectorStore } from '../../src/store/index.ts';
import type { Database, VectorStore } from '../../src/store/types.ts';
import { processDocument } from '../../src/workflows/document.ts';
import { type CorpusRow, loadCorpus, REJECT_CODES } from '../support/corpus.ts';

const corpus = loadCorpus();
const PER_FILE_TIMEOUT_MS = 60_000;
/** Scans are read by OCR, seconds a page (more on a loaded machine). */
const OCR_FILE_TIMEOUT_MS = 240_000;

if ('missing' in corpus) {
  if (process.env.PROFAI_REQUIRE_CORPUS === '1') {
    test('corpus is present (PROFAI_REQUIRE_CORPUS=1)', () => assert.fail(corpus.missing));
  } else {
    test('corpus suite', { skip: `skipped: ${corpus.missing}` }, () => {});
  }
} else {
  describe('corpus', () => {
    let dir: string;
    let db: Database;
    let vectors: VectorStore;
    const config = loadConfig({});

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), 'profai-corpus-'));
      db = await openDatabase({ ...config, dataDir: dir, databaseUrl: undefined });
      vectors = await openVectorStore({ ...config, chromaUrl: undefined }, db);
    });
    after(async () => {
      // The OCR worker thread the scans started would keep this process alive.
      await terminateOcr();
      await vectors?.close();
      await db?.close();
      await rm(dir, { recursive: true, force: true });
    });

    for (const row of corpus.rows) {
      const timeout = row.expected === 'parse with OCR needed' ? OCR_FILE_TIMEOUT_MS : PER_FILE_TIMEOUT_MS;
      test(`${row.file} (${row.expected})`, { timeout }, async () => {
        const bytes = new Uint8Array(await readFile(row.path));
        assert.equal(createHash('sha256').update(bytes).digest('hex'), row.sha256, 'corpus file changed');
        const run = () => processDocument({ bytes, fileName: basename(row.path) }, { config, db, vectors });
        if (row.expected.startsWith('reject')) await expectRejected(row, run, db);
        else if (row.expected === 'parse with OCR needed') await expectOcrNoticed(run);
        else await expectCourse(row, run, db);
      });
    }
  });
}

async function expectRejected(row: CorpusRow, run: () => Promise<unknown>, db: Database) {
  const code = REJECT_CODES[row.expected];
  assert.ok(code, `unknown reject class ${row.expected}`);
  const before = await countRows(db);
  await assert.rejects(run, (err: unknown) => {
    assert.ok(err instanceof ProfaiError, `expected a ProfaiError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    assert.ok(!err.message.includes('\n'), 'error message is one line');
    return true;
  });
  assert.deepEqual(await countRows(db), before, 'a rejected file left rows behind');
}

/**
 * Scans: either some pages had text and the warning names the OCR pages, or the file fails as no_text, or
 * (some text, too little) as not_enough_text naming the pages that would need OCR.
 */
async function expectOcrNoticed(run: () => Promise<Awaited<ReturnType<typeof processDocument>>>) {
  try {
    const outcome = await run();
    assert.ok(
      outcome.warnings.some((w) => /ocr/i.test(w)),
      `pages without text were not reported: ${outcome.warnings.join('; ')}`,
    );
    CourseSchema.parse(outcome.course);
  } catch (err) {
    assert.ok(err instanceof ProfaiError, `expected a ProfaiError, got ${String(err)}`);
    if (err.code === 'not_enough_text')
      assert.match(err.message, /page\(s\) have no text layer and would need OCR/);
    else assert.equal(err.code, 'no_text', err.message);
  }
}

/** A document with a text layer gets a course, or is refused for too little running text (forms, banners). */
async function expectCourse(
  row: CorpusRow,
  run: () => Promise<Awaited<ReturnType<typeof processDocument>>>,
  db: Database,
) {
  let outcome: Awaited<ReturnType<typeof processDocument>>;
  try {
    outcome = await run();
  } catch (err) {
    if (!(err instanceof ProfaiError && err.code === 'not_enough_text')) throw err;
    const words = Number(/\((\d+) words?\)/.exec(err.message)?.[1]);
    assert.ok(
      words < MIN_PROSE.wordsWithoutSentences,
      `${row.file} refused with ${words} words: ${err.message}`,
    );
    assert.ok(!/needs OCR/i.test(err.message), 'a page with a text layer is never called needs OCR');
    return;
  }
  CourseSchema.parse(outcome.course);
  QuizSchema.parse(outcome.quiz);
  if (row.pages !== null && outcome.saved.created)
    assert.equal(outcome.counts.pages, row.pages, 'page count');
  assert.ok(outcome.counts.chunks > 0, 'no chunks');
  for (const m of outcome.course.modules)
    for (const l of m.lessons)
      for (const s of l.summary)
        for (const c of s.citations) assert.ok(c.page <= outcome.counts.pages, 'citation page');
  const again = await run();
  assert.equal(again.saved.created, false, 'second run of the same PDF must not write again');
  assert.equal(again.saved.courseId, outcome.saved.courseId);
  await expectKinds(row, outcome, db);
}

/**
 * A manual this long that defines terms (a module's glossary of three or more) supports the kinds beyond multiple
 * choice and true/false (#24's target: four kinds in 20 questions). Slides without definitions need not.
 */
const MANUAL_PAGES = 50;

/**
 * A 20-question quiz: every question passes its schema and its kind's checks; an English manual's holds four
 * kinds or more.
 */
async function expectKinds(
  row: CorpusRow,
  outcome: Awaited<ReturnType<typeof processDocument>>,
  db: Database,
) {
  const chunks = await loadChunks(db, outcome.saved.documentId);
  const quiz = await generateQuiz({ course: outcome.course, chunks, count: 20, seed: 1 });
  const text = new Map(chunks.map((c) => [c.id, c.text]));
  const lang = await loadProfile(outcome.course.language ?? 'und');
  for (const q of quiz.questions) {
    QuestionSchema.parse(q);
    const reading = new ItemReading(q, lang, q.chunkId ? text.get(q.chunkId) : undefined);
    const problems = KIND_ITEM_RULES.map((rule) => rule.problem(reading)).filter(Boolean);
    assert.deepEqual(problems, [], `${q.kind}: ${q.prompt}`);
  }
  const kinds = new Set(quiz.questions.map((q) => q.kind));
  const defines = outcome.course.modules.some((m) => (m.glossary?.length ?? 0) >= 3);
  if (row.language === 'en' && (row.pages ?? 0) >= MANUAL_PAGES && defines)
    assert.ok(kinds.size >= 4, `${row.file}: ${[...kinds].join(', ')}`);
}
