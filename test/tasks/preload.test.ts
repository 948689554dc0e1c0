/** CHILD_PRELOAD: a PDF child warms up at start (pipeline, storage, the pdf.js thread) and its first task uses that. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { pdfThreadCount, stopPdfThreads } from '../../src/pipeline/pdf/pdfjs.ts';
import { createPdfTask } from '../../src/tasks/pdf.ts';
import { storageFor } from '../../src/tasks/storage.ts';
import { createTestDatabase } from '../support/api.ts';
import { startChroma } from '../support/chroma.ts';

const pgdb = await createTestDatabase();
const chroma = await startChroma();
const config = loadConfig({ DATABASE_URL: pgdb.url, CHROMA_URL: chroma.url, CHILD_PRELOAD: 'yes' });
const storage = storageFor(config);
after(async () => {
  await chroma.stop();
  await storage.close();
  await stopPdfThreads();
  await pgdb.drop();
});

test('warm() starts the parser thread with pdf.js loaded and opens the storage the first task then reuses', async () => {
  assert.equal(config.childPreload, true);
  assert.equal(pdfThreadCount(), 0);
  await createPdfTask(config, storage).warm!();
  assert.equal(pdfThreadCount(), 1, 'one live parser thread');
  const first = await storage.get();
  assert.equal(await storage.get(), first, 'the storage opened once');
  const { rows } = await first.db.query<{ n: number }>('select count(*)::int as n from documents');
  assert.equal(rows[0]?.n, 0, 'migrated and answering');
});
