/**
 * Measures the PGlite socket server under the load of `profai up`: one server process, P client processes
 * each with its own `pg` pool, doing short transactions. Not a test (timings vary by machine).
 *
 *   node --import tsx bench/pglite-server.ts [processes=6] [transactions=200] [saves=20]
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { openDatabase, saveProcessedDocument } from '../src/store/index.ts';
import { servePglite } from '../src/store/pglite-server.ts';
import { freshPgliteDir } from '../test/support/databases.ts';
import { makeDocument } from '../test/support/store-fixtures.ts';

interface ClientStats {
  txMs: number[];
  saveMs: number[];
  errors: string[];
  wallMs: number;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

/** One client process: `transactions` short read-write transactions, then `saves` document saves. */
async function client(url: string, transactions: number, saves: number): Promise<void> {
  const db = await openDatabase(loadConfig({ DATABASE_URL: url }));
  const stats: ClientStats = { txMs: [], saveMs: [], errors: [], wallMs: 0 };
  const start = performance.now();
  await db.query('CREATE TABLE IF NOT EXISTS bench_counter (pid int PRIMARY KEY, n int NOT NULL)');
  // Four concurrent loops per process, as a worker's API handlers or child slots would issue them.
  const loop = async (count: number, fn: () => Promise<unknown>, into: number[]) => {
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      try {
        await fn();
        into.push(performance.now() - t);
      } catch (err) {
        stats.errors.push((err as Error).message);
      }
    }
  };
  const tx = () =>
    db.transaction(async (q) => {
      await q.query(
        'INSERT INTO bench_counter (pid, n) VALUES ($1, 1) ON CONFLICT (pid) DO UPDATE SET n = bench_counter.n + 1',
        [process.pid],
      );
      return q.query('SELECT n FROM bench_counter WHERE pid = $1', [process.pid]);
    });
  await Promise.all(Array.from({ length: 4 }, () => loop(transactions / 4, tx, stats.txMs)));
  await loop(saves, () => saveProcessedDocument(db, makeDocument({ chunks: 40 })), stats.saveMs);
  stats.wallMs = performance.now() - start;
  await db.close();
  process.stdout.write(JSON.stringify(stats));
}

function runClient(url: string, transactions: number, saves: number): Promise<ClientStats> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [
    '--import',
    'tsx',
    self,
    '--client',
    url,
    String(transactions),
    String(saves),
  ]);
  let out = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.pipe(process.stderr);
  return new Promise((resolve, reject) =>
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as ClientStats) : reject(new Error(`client exit ${code}`)),
    ),
  );
}

async function main(): Promise<void> {
  const [processes = 6, transactions = 200, saves = 20] = process.argv.slice(2).map(Number);
  const data = await freshPgliteDir();
  const server = await servePglite(data.dir);
  try {
    const start = performance.now();
    const all = await Promise.all(
      Array.from({ length: processes }, () => runClient(server.url, transactions, saves)),
    );
    const wall = performance.now() - start;
    const txMs = all.flatMap((s) => s.txMs);
    const saveMs = all.flatMap((s) => s.saveMs);
    const errors = all.flatMap((s) => s.errors);
    console.log(
      `${processes} processes × (${transactions} transactions + ${saves} saves of 40 chunks), wall ${wall.toFixed(0)} ms incl. start-up`,
    );
    console.log(
      `transactions: ${txMs.length} ok, p50 ${pct(txMs, 0.5).toFixed(1)} ms, p99 ${pct(txMs, 0.99).toFixed(1)} ms`,
    );
    console.log(
      `saves: ${saveMs.length} ok, p50 ${pct(saveMs, 0.5).toFixed(1)} ms, p99 ${pct(saveMs, 0.99).toFixed(1)} ms`,
    );
    console.log(`errors: ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`);
    console.log(`per-client busy time: ${all.map((s) => s.wallMs.toFixed(0)).join(', ')} ms`);
  } finally {
    await server.close();
    data.remove();
  }
}

if (process.argv[2] === '--client') {
  await client(process.argv[3]!, Number(process.argv[4]), Number(process.argv[5]));
} else {
  await main();
}
