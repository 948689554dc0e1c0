/**
 * `profai vectors import-chroma` as an operator runs it: documents processed with VECTOR_STORE=chroma (a real
 * Chroma server), then moved into the database (the Debian PostgreSQL's `real[]` column, and PGlite's pgvector
 * column), checked with `profai doctor` on VECTOR_STORE=postgres; run twice; and with Chroma unreachable.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { HashEmbedder } from '../../src/pipeline/embed.ts';
import { loadChunks, openDatabase, openVectorStore } from '../../src/store/index.ts';
import { createTestDatabase } from '../support/api.ts';
import { type ChromaServer, freePort, startChroma } from '../support/chroma.ts';
import { type CliResult, runCli } from '../support/ops.ts';

const SAMPLE = new URL('../../examples/sample.pdf', import.meta.url);
const HASH = { name: 'hash-ngram-v1', dimension: 384 };

/** The sample PDF made distinct by a trailing comment. */
async function distinctSample(dir: string, name: string): Promise<string> {
  const path = join(dir, `${name}.pdf`);
  await writeFile(path, Buffer.concat([await readFile(SAMPLE), Buffer.from(`\n% ${name}\n`)]));
  return path;
}

interface Target {
  name: string;
  column: 'vector' | 'real[]';
  /** The database settings of the CLI, made before the test. */
  setUp(): Promise<{ env: Record<string, string>; tearDown(): Promise<void> }>;
}

const TARGETS: Target[] = [
  {
    name: 'PostgreSQL without pgvector (real[])',
    column: 'real[]',
    async setUp() {
      const db = await createTestDatabase();
      return { env: { DATABASE_URL: db.url }, tearDown: () => db.drop() };
    },
  },
  {
    name: 'PGlite (pgvector)',
    column: 'vector',
    async setUp() {
      const dir = await mkdtemp(join(tmpdir(), 'profai-import-pglite-'));
      return {
        env: { PROFAI_DATA_DIR: dir, DATABASE_URL: '' },
        tearDown: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
];

for (const target of TARGETS) {
  describe(`import-chroma into ${target.name}`, { timeout: 300_000 }, () => {
    let chroma: ChromaServer;
    let dir: string;
    let env: Record<string, string>;
    let tearDown: () => Promise<void>;
    let documentIds: string[] = [];
    const cli = (args: string[], extra: Record<string, string> = {}): Promise<CliResult> =>
      runCli(args, { ...env, LOG_LEVEL: 'silent', ...extra });
    const onChroma = { VECTOR_STORE: 'chroma' };
    const onPostgres = { VECTOR_STORE: 'postgres' };

    before(async () => {
      const [server, made] = await Promise.all([startChroma(), target.setUp()]);
      chroma = server;
      tearDown = made.tearDown;
      dir = await mkdtemp(join(tmpdir(), 'profai-import-'));
      env = { ...made.env, CHROMA_URL: chroma.url, DOCUMENTS_DIR: join(dir, 'kept') };
      const files = await Promise.all(['one', 'two'].map((n) => distinctSample(dir, n)));
      const r = await cli(['process', ...files, '--json'], onChroma);
      assert.equal(r.code, 0, r.stderr);
      documentIds = (JSON.parse(r.stdout) as { documentId: string }[]).map((d) => d.documentId);
    });
    after(async () => {
      await chroma?.stop();
      await tearDown?.();
      await rm(dir, { recursive: true, force: true });
    });

    test('before: doctor on VECTOR_STORE=postgres finds every chunk without its vector (exit 1)', async () => {
      const r = await cli(['doctor'], onPostgres);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.match(
        r.stdout,
        new RegExp(`vector store postgres \\(${target.column.replace(/[[\]]/g, '\\$&')}\\)`),
      );
      assert.match(r.stdout, /^2 documents differ/m);
    });

    test('imports every vector with progress, then doctor agrees (exit 0)', async () => {
      const r = await cli(['vectors', 'import-chroma']);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stderr.trim().split('\n');
      assert.match(lines[0]!, /^hash-ngram-v1\/384: 0\/\d+ vectors \(0%\)$/);
      const total = Number(/\/(\d+) vectors/.exec(lines[0]!)![1]);
      assert.ok(total > 0);
      assert.equal(lines.at(-1), `hash-ngram-v1/384: ${total}/${total} vectors (100%)`);
      assert.match(
        r.stdout,
        new RegExp(
          `^imported ${total} vectors of 1 space\\(s\\) from Chroma at ${chroma.url} into the database`,
        ),
      );
      const doctor = await cli(['doctor'], onPostgres);
      assert.equal(doctor.code, 0, doctor.stdout + doctor.stderr);
      assert.match(doctor.stdout, /The database and the vector store agree\./);
    });

    test('the imported vectors are the ones the pipeline made: a chunk finds itself within its document', async () => {
      const config = loadConfig({ ...env, ...onPostgres });
      const db = await openDatabase(config);
      try {
        const vectors = await openVectorStore(config, db);
        const chunks = await loadChunks(db, documentIds[1]!);
        const last = chunks.at(-1)!;
        const [vector] = await new HashEmbedder(384).embed([last.text]);
        const hits = await vectors.query(HASH, vector!, 3, documentIds[1]);
        assert.equal(hits[0]?.chunkId, last.id);
        assert.ok(hits[0]!.score > 0.9999, `score ${hits[0]?.score}`);
        assert.equal(hits[0]!.text, last.text);
        assert.ok(hits.every((h) => h.documentId === documentIds[1]));
      } finally {
        await db.close();
      }
    });

    test('running it again rewrites the same rows: nothing doubles', async () => {
      const r = await cli(['vectors', 'import-chroma', '--json']);
      assert.equal(r.code, 0, r.stderr);
      const out = JSON.parse(r.stdout) as { vectors: number; vectorColumn: string };
      assert.equal(out.vectorColumn, target.column);
      const config = loadConfig({ ...env, ...onPostgres });
      const db = await openDatabase(config);
      try {
        const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunk_vectors');
        assert.equal(rows[0]?.n, out.vectors);
        const { rows: chunks } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM chunks');
        assert.equal(rows[0]?.n, chunks[0]?.n);
      } finally {
        await db.close();
      }
    });
  });
}

describe('import-chroma without a Chroma', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'profai-import-none-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('unreachable: exit 2, one line naming the server', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const r = await runCli(['vectors', 'import-chroma', '--from', url], {
      PROFAI_DATA_DIR: dir,
      DATABASE_URL: '',
      LOG_LEVEL: 'silent',
    });
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, new RegExp(`^profai: cannot read Chroma at ${url}: chroma unreachable: .+\\n$`));
    assert.equal(r.stdout, '');
  });

  test('none named: exit 1, one line saying how to name it', async () => {
    const r = await runCli(['vectors', 'import-chroma'], {
      PROFAI_DATA_DIR: dir,
      DATABASE_URL: '',
      CHROMA_URL: '',
    });
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /^profai: import-chroma reads from Chroma: set CHROMA_URL or give --from .+\n$/);
  });
});
