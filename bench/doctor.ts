/**
 * How long `profai doctor` takes to compare the stores, by size: D documents of C chunks each saved with their
 * vectors, then the comparison (src/workflows/doctor.ts `examine`) timed on PostgreSQL + Chroma, PostgreSQL's
 * own vectors (VECTOR_STORE=postgres: `real[]` without pgvector) and PGlite + pgvector, with a handful of planted differences it must find. Not a test (timings vary by machine).
 *
 *   node --import tsx bench/doctor.ts [documents=200] [chunks=40]
 */
import { loadConfig } from '../src/config.ts';
import { HashEmbedder } from '../src/pipeline/embed.ts';
import { openDatabase, openVectorStore, saveProcessedDocument } from '../src/store/index.ts';
import type { Database, VectorStore } from '../src/store/types.ts';
import { examine } from '../src/workflows/doctor.ts';
import { vectorRecords } from '../src/workflows/vector-records.ts';
import { createTestDatabase } from '../test/support/api.ts';
import { startChroma } from '../test/support/chroma.ts';
import { tempDir } from '../test/support/databases.ts';
import { makeDocument } from '../test/support/store-fixtures.ts';

const documents = Number(process.argv[2] ?? 200);
const chunks = Number(process.argv[3] ?? 40);
const space = { name: 'hash-ngram-v1', dimension: 384 };

async function fill(db: Database, vectors: VectorStore): Promise<string[]> {
  const embedder = new HashEmbedder(space.dimension);
  const ids: string[] = [];
  for (let i = 0; i < documents; i++) {
    const doc = makeDocument({ chunks });
    await vectors.upsert(
      space,
      vectorRecords(doc.chunks, await embedder.embed(doc.chunks.map((c) => c.text))),
    );
    await saveProcessedDocument(db, doc, space);
    ids.push(doc.documentId);
  }
  // Planted: 3 documents lose one vector each.
  for (const id of ids.slice(0, 3)) await vectors.deleteChunks(space, [`${id}:0`]);
  return ids;
}

async function measure(label: string, db: Database, vectors: VectorStore): Promise<void> {
  const t0 = performance.now();
  await fill(db, vectors);
  const filled = (performance.now() - t0) / 1000;
  const runs: number[] = [];
  let found = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const report = await examine({ db, vectors, config: loadConfig({}) });
    runs.push((performance.now() - t) / 1000);
    found = report.findings.length;
  }
  const best = Math.min(...runs);
  console.log(
    `${label}: ${documents} documents × ${chunks} chunks = ${documents * chunks} vectors (filled in ${filled.toFixed(1)} s); ` +
      `examine best of 3 ${best.toFixed(2)} s (${((documents * chunks) / best).toFixed(0)} vectors/s), runs ${runs.map((r) => r.toFixed(2)).join(' ')} s; ` +
      `${found} documents differ (3 planted)`,
  );
}

const [chroma, pgdb, pgArray] = await Promise.all([
  startChroma(),
  createTestDatabase(),
  createTestDatabase(),
]);
const pglite = tempDir('profai-bench-doctor-');
try {
  const pgConfig = loadConfig({ DATABASE_URL: pgdb.url, CHROMA_URL: chroma.url, VECTOR_STORE: 'chroma' });
  const pg = await openDatabase(pgConfig);
  await measure('PostgreSQL + Chroma', pg, await openVectorStore(pgConfig, pg));
  await pg.close();
  const arrayConfig = loadConfig({ DATABASE_URL: pgArray.url });
  const array = await openDatabase(arrayConfig);
  await measure(`PostgreSQL ${array.vectorColumn}`, array, await openVectorStore(arrayConfig, array));
  await array.close();
  const liteConfig = loadConfig({ PROFAI_DATA_DIR: pglite.dir });
  const lite = await openDatabase(liteConfig);
  await measure('PGlite + pgvector', lite, await openVectorStore(liteConfig, lite));
  await lite.close();
} finally {
  await chroma.stop();
  await pgdb.drop();
  await pgArray.drop();
  pglite.remove();
}
