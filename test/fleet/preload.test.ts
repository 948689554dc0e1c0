/** CHILD_PRELOAD: a PDF child warms up at start (pipeline, storage, the PDF engine) and its first task uses that. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { processPdfTask } from '../../src/fleet/tasks/process-pdf.ts';
import { closeTaskStorage, taskStorage } from '../../src/fleet/tasks/storage.ts';
import { hasEngine } from '../../src/pipeline/pdf/engine.ts';
import { createTestDatabase } from '../api/helpers.ts';
import { startChroma } from '../store/chroma-server.ts';

const pgdb = await createTestDatabase();
const chroma = await startChroma();
after(async () => {
  await chroma.stop();
  await closeTaskStorage();
  await pgdb.drop();
});

test('warm() makes the PDF engine instance and opens the storage the first task then reuses', async () => {
  const config = loadConfig({ DATABASE_URL: pgdb.url, CHROMA_URL: chroma.url, CHILD_PRELOAD: 'yes' });
  assert.equal(config.childPreload, true);
  assert.equal(hasEngine(), false);
  await processPdfTask.warm!(config);
  assert.equal(hasEngine(), true, 'the engine is made');
  const first = await taskStorage(config);
  assert.equal(await taskStorage(config), first, 'the storage opened once');
  const { rows } = await first.db.query<{ n: number }>('select count(*)::int as n from documents');
  assert.equal(rows[0]?.n, 0, 'migrated and answering');
});
