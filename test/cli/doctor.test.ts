/**
 * `profai doctor` as an operator runs it, on real stores: PostgreSQL with its vectors in a `real[]` column
 * (VECTOR_STORE=postgres, the default, on a server without pgvector) and PostgreSQL + Chroma (both with the
 * fleet's Redis), and the embedded PGlite + pgvector. Documents are made by `profai process`; the test then plants what crashes
 * and outages leave behind (vectors lost, orphan vectors, a document only in the vector store, vectors in a
 * space the document was not embedded in) and checks what doctor finds, repairs, and its exit codes.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import type { EmbeddingSpace } from '../../src/domain/generators.ts';
import { HashEmbedder } from '../../src/pipeline/embed.ts';
import { redisKeys } from '../../src/redis-keys.ts';
import { documentInventory, loadChunks, openDatabase, openVectorStore } from '../../src/store/index.ts';
import type { Database, VectorRecord, VectorStore } from '../../src/store/types.ts';
import type { RepairOutcome } from '../../src/workflows/doctor.ts';
import type { DoctorReport } from '../../src/workflows/doctor-compare.ts';
import { createTestDatabase } from '../support/api.ts';
import { type ChromaServer, freePort, startChroma } from '../support/chroma.ts';
import { type FakeOpenAI, startFakeOpenAI } from '../support/fake-openai.ts';
import { type CliResult, runCli } from '../support/ops.ts';
import { randomPrefix } from '../support/workers.ts';

const SAMPLE = new URL('../../examples/sample.pdf', import.meta.url);
const HASH: EmbeddingSpace = { name: 'hash-ngram-v1', dimension: 384 };
const SMALL: EmbeddingSpace = { name: 'hash-ngram-v1', dimension: 64 };
const OPENAI: EmbeddingSpace = { name: 'openai:fake-embed', dimension: 8 };
const ORPHAN_DOC = 'feedfacefeedface';
const STAGED_DOC = 'beefbeefbeefbeef';

/** What `profai doctor --json` prints. */
type DoctorJson = DoctorReport & { repair?: RepairOutcome; after?: DoctorReport };

const json = (r: CliResult) => JSON.parse(r.stdout) as DoctorJson;
const find = (report: Pick<DoctorReport, 'findings'>, id: string, space = HASH) =>
  report.findings.find(
    (f) => f.documentId === id && f.space.name === space.name && f.space.dimension === space.dimension,
  );

function record(documentId: string, i: number, dim: number): VectorRecord {
  const embedding = new Float32Array(dim);
  embedding[i % dim] = 1;
  return {
    chunkId: `${documentId}:${i}`,
    documentId,
    embedding,
    page: 1,
    sectionPath: '',
    text: `stray ${i}`,
  };
}

/** The sample PDF made distinct by a trailing comment: a document of its own with the sample's chunks. */
async function distinctSample(dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.pdf`);
  await writeFile(path, Buffer.concat([await readFile(SAMPLE), Buffer.from(`\n% ${name}\n`)]));
  return path;
}

/** The ids of the documents `profai process --json` stored, by file name. */
function processed(r: CliResult): Record<string, string> {
  assert.equal(r.code, 0, r.stderr);
  const rows = JSON.parse(r.stdout) as { file: string; documentId: string }[];
  return Object.fromEntries(rows.map((row) => [row.file.replace(/^.*\//, ''), row.documentId]));
}

/** The stores of one backend, opened by the test (PGlite must be closed again before the CLI runs). */
interface Backend {
  env: Record<string, string>;
  open(): Promise<{ db: Database; vectors: VectorStore; close(): Promise<void> }>;
  /** PostgreSQL only: the fleet's Redis, where doctor looks for documents being processed. */
  redis?: Redis;
  prefix?: string;
}

/** Every stored document's vector ids in its space equal its chunk ids. */
async function assertAgree(backend: Backend): Promise<void> {
  const s = await backend.open();
  try {
    for (const d of await documentInventory(s.db))
      assert.deepEqual(await s.vectors.chunkIds(d.space ?? HASH, d.documentId), d.chunkIds, d.documentId);
  } finally {
    await s.close();
  }
}

function doctorScenario(name: string, setUp: () => Promise<Backend>, tearDown: () => Promise<void>): void {
  describe(name, { timeout: 600_000 }, () => {
    let backend: Backend;
    let fake: FakeOpenAI;
    let dir: string;
    let ids: Record<string, string> = {};
    let embeddingsEnv: Record<string, string> = {};
    const cli = (args: string[], extra: Record<string, string> = {}) =>
      runCli(args, { ...backend.env, LOG_LEVEL: 'silent', ...extra });

    before(async () => {
      [backend, fake] = await Promise.all([setUp(), startFakeOpenAI()]);
      dir = await mkdtemp(join(tmpdir(), 'profai-doctor-'));
      embeddingsEnv = { EMBEDDINGS_BASE_URL: fake.url, EMBEDDINGS_MODEL: 'fake-embed' };
      const files = await Promise.all(['lost', 'extra', 'bare', 'stray'].map((n) => distinctSample(dir, n)));
      ids = processed(await cli(['process', ...files, '--json']));
      const viaApi = await distinctSample(dir, 'api');
      ids = { ...ids, ...processed(await cli(['process', viaApi, '--json'], embeddingsEnv)) };
    });
    after(async () => {
      await fake?.close();
      await rm(dir, { recursive: true, force: true });
      await tearDown();
    });

    test('freshly processed documents agree: exit 0', async () => {
      const r = await cli(['doctor']);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /5 documents, \d+ chunks/);
      assert.match(r.stdout, /The database and the vector store agree\.$/m);
      await assertAgree(backend);
    });

    test('the kept PDFs: one per document; an orphan PDF is found (exit 1) and removed by --repair', async () => {
      const fresh = JSON.parse((await cli(['doctor', '--json'])).stdout) as {
        files: { kept: number; missing: string[]; orphans: string[] };
      };
      assert.deepEqual(fresh.files.missing, []);
      assert.equal(fresh.files.kept, 5);
      const dir = backend.env.DOCUMENTS_DIR ?? join(backend.env.PROFAI_DATA_DIR!, 'documents');
      const orphan = `${'0'.repeat(64)}.pdf`;
      await writeFile(join(dir, orphan), '%PDF-1.4 a document deleted since');
      const found = await cli(['doctor', '--json']);
      assert.equal(found.code, 1);
      assert.deepEqual(JSON.parse(found.stdout).files.orphans, [orphan]);
      const repaired = await cli(['doctor', '--repair']);
      assert.match(repaired.stdout, /kept PDFs in .*: 6 · 1 orphan PDF removed/);
      assert.equal((await cli(['doctor'])).code, 0);
    });

    test('what outages leave behind is found, document by document: exit 1', async () => {
      const s = await backend.open();
      try {
        const stored = await documentInventory(s.db);
        assert.deepEqual(
          stored.find((d) => d.documentId === ids['api.pdf'])?.space,
          OPENAI,
          'a document records the space its vectors were written in',
        );
        await s.vectors.deleteChunks(HASH, [`${ids['lost.pdf']}:0`, `${ids['lost.pdf']}:3`]);
        await s.vectors.upsert(HASH, [record(ids['extra.pdf']!, 99, 384)]);
        await s.vectors.deleteDocument(HASH, ids['bare.pdf']!);
        await s.vectors.upsert(
          HASH,
          [0, 1, 2].map((i) => record(ORPHAN_DOC, i, 384)),
        );
        await s.vectors.upsert(
          SMALL,
          [0, 1].map((i) => record(ids['stray.pdf']!, i, 64)),
        );
        await s.vectors.deleteChunks(OPENAI, [`${ids['api.pdf']}:1`]);
        if (backend.redis) {
          await s.vectors.upsert(
            HASH,
            [0, 1].map((i) => record(STAGED_DOC, i, 384)),
          );
          await backend.redis.set(redisKeys.llmStage(backend.prefix!, STAGED_DOC), 'staged');
        }
      } finally {
        await s.close();
      }

      const r = await cli(['doctor', '--json']);
      assert.equal(r.code, 1, r.stderr);
      const report = json(r);
      assert.equal(report.agree, false);
      const lost = find(report, ids['lost.pdf']!);
      assert.deepEqual(lost?.missing.sort(), [`${ids['lost.pdf']}:0`, `${ids['lost.pdf']}:3`].sort());
      assert.equal(lost?.fileName, 'lost.pdf');
      assert.equal(lost!.vectors, lost!.chunks - 2);
      assert.deepEqual(find(report, ids['extra.pdf']!)?.orphans, [`${ids['extra.pdf']}:99`]);
      const bare = find(report, ids['bare.pdf']!);
      assert.deepEqual([bare?.vectors, bare?.missing.length], [0, bare?.chunks]);
      const orphan = find(report, ORPHAN_DOC);
      assert.deepEqual([orphan?.vectorsOnly, orphan?.fileName, orphan?.vectors], [true, null, 3]);
      const stray = find(report, ids['stray.pdf']!, SMALL);
      assert.deepEqual([stray?.vectorsOnly, stray?.embeddedIn, stray?.vectors], [true, HASH, 2]);
      assert.deepEqual(find(report, ids['api.pdf']!, OPENAI)?.missing, [`${ids['api.pdf']}:1`]);
      const staged = find(report, STAGED_DOC);
      if (backend.redis) assert.equal(staged?.inProgress, true, 'staged for its LLM stage: in progress');
      assert.equal(report.findings.length, backend.redis ? 7 : 6, JSON.stringify(report.findings));

      const text = await cli(['doctor']);
      assert.equal(text.code, 1);
      assert.match(
        text.stdout,
        new RegExp(`^${ids['lost.pdf']}\\s+lost\\.pdf\\s+hash-ngram-v1/384\\s+\\d+\\s+\\d+\\s+2\\s+0`, 'm'),
      );
      assert.match(
        text.stdout,
        new RegExp(
          `^${ORPHAN_DOC}\\s+—\\s+hash-ngram-v1/384\\s+0\\s+3\\s+0\\s+3\\s+not in the database$`,
          'm',
        ),
      );
      assert.match(text.stdout, /its document was embedded in hash-ngram-v1\/384/);
      assert.match(text.stdout, /^6 documents differ: \d+ vectors missing, 6 orphan vectors/m);
      assert.match(text.stdout, /profai doctor --repair/);
    });

    test('--repair mends what its embedders can make; a space no configured embedder makes stays: exit 1', async () => {
      const r = await cli(['doctor', '--repair', '--json']);
      assert.equal(r.code, 1, r.stderr);
      const { repair, after: again } = json(r);
      assert.equal(repair?.deleted, 1 + 3 + 2);
      const s = await backend.open();
      try {
        const bare = (await loadChunks(s.db, ids['bare.pdf']!)).length;
        assert.equal(repair?.embedded, 2 + bare);
      } finally {
        await s.close();
      }
      assert.equal(repair?.failures.length, 1);
      assert.equal(repair?.failures[0]?.documentId, ids['api.pdf']);
      assert.match(repair!.failures[0]!.reason, /no embedder makes openai:fake-embed\/8/);
      assert.deepEqual(
        again?.findings.filter((f) => !f.inProgress).map((f) => f.documentId),
        [ids['api.pdf']],
      );
    });

    test('with the embeddings API configured, its space is repaired too: exit 0, then 0 again', async () => {
      const r = await cli(['doctor', '--repair'], embeddingsEnv);
      assert.equal(r.code, 0, r.stdout + r.stderr);
      assert.match(r.stdout, /Repaired: 0 orphan vectors deleted, 1 missing vector embedded\./);
      assert.equal(fake.requests.filter((q) => q.path.endsWith('/embeddings')).length > 1, true);
      assert.equal((await cli(['doctor'])).code, 0);
      await assertAgree(backend);
    });

    test('repaired vectors are the ones the pipeline made: a chunk finds itself', async () => {
      const s = await backend.open();
      try {
        const [chunk] = (await loadChunks(s.db, ids['lost.pdf']!)).filter((c) => c.index === 0);
        const [vector] = await new HashEmbedder(384).embed([chunk!.text]);
        const [hit] = await s.vectors.query(HASH, vector!, 1, ids['lost.pdf']);
        assert.equal(hit?.chunkId, chunk!.id);
        assert.ok(hit!.score > 0.9999, `score ${hit?.score}`);
      } finally {
        await s.close();
      }
    });

    if (name.startsWith('PostgreSQL'))
      test('vectors staged for an LLM stage are left alone until their staged document is gone', async () => {
        const s = await backend.open();
        try {
          assert.equal(await s.vectors.count(HASH, STAGED_DOC), 2);
        } finally {
          await s.close();
        }
        await backend.redis!.del(redisKeys.llmStage(backend.prefix!, STAGED_DOC));
        assert.equal((await cli(['doctor'])).code, 1);
        const r = await cli(['doctor', '--repair']);
        assert.equal(r.code, 0, r.stdout);
        assert.match(r.stdout, /Repaired: 2 orphan vectors deleted, 0 missing vectors embedded\./);
      });
  });
}

let chroma: ChromaServer;
let pgdb: { url: string; drop(): Promise<void> };
let redis: Redis;
let keptDir: string;
doctorScenario(
  'PostgreSQL + Chroma',
  async () => {
    [chroma, pgdb] = await Promise.all([startChroma(), createTestDatabase()]);
    redis = new Redis('redis://127.0.0.1:6379/0');
    keptDir = await mkdtemp(join(tmpdir(), 'profai-doctor-kept-'));
    const prefix = randomPrefix();
    const settings = { DATABASE_URL: pgdb.url, CHROMA_URL: chroma.url, VECTOR_STORE: 'chroma' };
    const config = loadConfig(settings);
    return {
      // The kept PDFs in a folder of this test's own (by default, `.profai/documents` of the working directory).
      env: { ...settings, QUEUE_PREFIX: prefix, DOCUMENTS_DIR: keptDir },
      redis,
      prefix,
      async open() {
        const db = await openDatabase(config);
        const vectors = await openVectorStore(config, db);
        return { db, vectors, close: () => db.close() };
      },
    };
  },
  async () => {
    await redis?.quit();
    await chroma?.stop();
    await pgdb?.drop();
    await rm(keptDir, { recursive: true, force: true });
  },
);

let pgOnly: { url: string; drop(): Promise<void> };
let pgOnlyRedis: Redis;
let pgOnlyKept: string;
doctorScenario(
  'PostgreSQL, vectors in a real[] column',
  async () => {
    pgOnly = await createTestDatabase();
    pgOnlyRedis = new Redis('redis://127.0.0.1:6379/0');
    pgOnlyKept = await mkdtemp(join(tmpdir(), 'profai-doctor-kept-'));
    const prefix = randomPrefix();
    const config = loadConfig({ DATABASE_URL: pgOnly.url });
    return {
      env: { DATABASE_URL: pgOnly.url, CHROMA_URL: '', QUEUE_PREFIX: prefix, DOCUMENTS_DIR: pgOnlyKept },
      redis: pgOnlyRedis,
      prefix,
      async open() {
        const db = await openDatabase(config);
        assert.equal(db.vectorColumn, 'real[]');
        const vectors = await openVectorStore(config, db);
        return { db, vectors, close: () => db.close() };
      },
    };
  },
  async () => {
    await pgOnlyRedis?.quit();
    await pgOnly?.drop();
    await rm(pgOnlyKept, { recursive: true, force: true });
  },
);

let pgliteDir: string;
doctorScenario(
  'PGlite + pgvector',
  async () => {
    pgliteDir = await mkdtemp(join(tmpdir(), 'profai-doctor-pglite-'));
    const config = loadConfig({ PROFAI_DATA_DIR: pgliteDir });
    return {
      env: { PROFAI_DATA_DIR: pgliteDir, DATABASE_URL: '', CHROMA_URL: '' },
      async open() {
        const db = await openDatabase(config);
        const vectors = await openVectorStore(config, db);
        return { db, vectors, close: () => db.close() };
      },
    };
  },
  async () => {
    await rm(pgliteDir, { recursive: true, force: true });
  },
);

describe('a store that cannot be reached', { timeout: 120_000 }, () => {
  let db: { url: string; drop(): Promise<void> };
  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => db?.drop());

  test('the database: exit 2, one line naming it', async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/nothing`;
    const r = await runCli(['doctor'], { DATABASE_URL: url, LOG_LEVEL: 'silent' });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(
      r.stderr,
      /^profai: cannot reach the database \(postgres postgres:\/\/postgres@127\.0\.0\.1:\d+\/nothing\): .+\n$/,
    );
    assert.equal(r.stdout, '');
  });

  test('the vector store: exit 2, one line naming it', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await runCli(['doctor', '--json'], {
      DATABASE_URL: db.url,
      VECTOR_STORE: 'chroma',
      CHROMA_URL: url,
      LOG_LEVEL: 'silent',
    });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`^profai: cannot reach the vector store \\(chroma ${url}\\): .+\\n$`));
  });
});
