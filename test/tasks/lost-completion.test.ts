/**
 * A completion lost between the database commit and Redis: the PDF task ran, its course is committed and its
 * upload removed, but the job never completed; the retry (the same payload, a later attempt) completes with the
 * stored course although the upload is gone. And a quiz request answered once is answered with that quiz again.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { TaskContext } from '../../src/fleet/interfaces.ts';
import { createLogger } from '../../src/fleet/log.ts';
import { createPdfTask } from '../../src/tasks/pdf.ts';
import { createQuizTask } from '../../src/tasks/quiz.ts';
import { taskSettingsOf } from '../../src/tasks/settings.ts';
import { storageFor } from '../../src/tasks/storage.ts';
import { createTestDatabase } from '../support/api.ts';
import { makeLecturePdf } from '../support/cli-processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'profai-lost-'));
const pgdb = await createTestDatabase();
const settings = taskSettingsOf(loadConfig({ DATABASE_URL: pgdb.url, UPLOAD_DIR: dir, LOG_LEVEL: 'silent' }));
const storage = storageFor(settings);
after(async () => {
  await storage.close();
  await pgdb.drop();
  rmSync(dir, { recursive: true, force: true });
});

const ctx = (attempt: number): TaskContext => ({
  jobId: 'pdf-lost',
  attempt,
  log: createLogger('silent'),
  signal: new AbortController().signal,
  progress: () => {},
});

test('a retried PDF job whose course was committed completes with that course, its upload gone', async () => {
  const bytes = await makeLecturePdf('lost completion', 3);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = join(dir, `${sha256}.pdf`);
  writeFileSync(path, bytes);
  const task = createPdfTask(settings, storage);
  const data = task.parse!({ path, fileName: 'lost.pdf', sha256 });

  const first = (await task.handler(data, ctx(1))) as { courseId: string; created: boolean; chunks: number };
  assert.equal(first.created, true);
  assert.equal(existsSync(path), false, 'the upload left once the course existed');
  // The completion never reached Redis: the job runs again.
  const retry = (await task.handler(data, ctx(2))) as typeof first;
  assert.equal(retry.created, false, 'nothing was made again');
  assert.equal(retry.courseId, first.courseId);
  assert.equal(retry.chunks, first.chunks);
  const { db } = await storage.get();
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM courses');
  assert.equal(rows[0]!.n, 1);

  const quiz = createQuizTask(settings, storage);
  const request = quiz.parse!({ courseId: first.courseId, questions: 4, seed: 9 });
  const made = await quiz.handler(request, ctx(1));
  const again = await quiz.handler(request, ctx(2));
  assert.deepEqual(again, made, 'the same quiz, not a second one');
  const quizzes = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM quizzes WHERE course_id = $1',
    [first.courseId],
  );
  assert.equal(quizzes.rows[0]!.n, 2, "the document's first quiz and this one");
});
