/** CHILD_PRELOAD: a PDF child warms up at start (pipeline, storage, the pdf.js thread) and its first task uses that. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { processPdfTask } from '../../src/fleet/tasks/process-pdf.ts';
import { closeTaskStorage, taskStorage } from '../../src/fleet/tasks/storage.ts';
import { pdfThreadCount, stopPdfThreads } from '../../src/pipeline/pdf/pdfjs.ts';
import { createTestDatabase } from '../api/helpers.ts';
import { startChroma } from '../store/chroma-server.ts';

const pgdb = await createTestDatabase();
const chroma = await startChroma();
after(async () => {
  await chroma.stop();
  await closeTaskStorage();
  await stopPdfThreads();
  await pgdb.drop();
});

test('warm() starts the parser thread with pdf.js loaded and opens the storage the first task then reuses', async () => {
  const config = loadConfig({ DATABASE_URL: pgdb.url, CHROMA_URL: chroma.url, CHILD_PRELOAD: 'yes' });
  assert.equal(config.childPreload, true);
  assert.equal(pdfThreadCount(), 0);
  await processPdfTask.warm!(config);
  assert.equal(pdfThreadCount(), 1, 'one live parser thread');
  const first = await taskStorage(config);
  assert.equal(await taskStorage(config), first, 'the storage opened once');
  const { rows } = await first.db.query<{ n: number }>('select count(*)::int as n from documents');
  assert.equal(rows[0]?.n, 0, 'migrated and answering');
});
