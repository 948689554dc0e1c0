/** CHILD_PRELOAD: a PDF child warms up at start (pipeline, storage, the PDF engine) and its first task uses that. */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { hasEngine } from '../../src/pipeline/pdf/engine.ts';
import { createPdfTask } from '../../src/tasks/pdf.ts';
import { storageFor } from '../../src/tasks/storage.ts';
import { createTestDatabase } from '../support/api.ts';

const pgdb = await createTestDatabase();
const config = loadConfig({ DATABASE_URL: pgdb.url, CHILD_PRELOAD: 'yes' });
const storage = storageFor(config);
after(async () => {
  await storage.close();
  await pgdb.drop();
});

test('warm() makes the PDF engine instance and opens the storage the first task then reuses', async () => {
  assert.equal(config.childPreload, true);
  assert.equal(hasEngine(), false);
  await createPdfTask(config, storage).warm!();
  assert.equal(hasEngine(), true, 'the engine is made');
  const first = await storage.get();
  assert.equal(await storage.get(), first, 'the storage opened once');
  const { rows } = await first.db.query<{ n: number }>('select count(*)::int as n from documents');
  assert.equal(rows[0]?.n, 0, 'migrated and answering');
});
