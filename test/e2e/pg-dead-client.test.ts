/**
 * A worker host cut off in the middle of a transaction (its link down, its processes killed: it sends nothing
 * more) must not keep its row locks: the same document saved by another worker would wait on them. The host's
 * connection comes from the store's own `openPostgres`, which asks the server to drop a session whose client has
 * vanished. Skipped, saying why, where network namespaces cannot be made (not root).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { withTimeout } from '../../src/lib/time.ts';
import { createHosts, killGroup, netnsUnavailable } from '../support/netns.ts';
import { startPgCluster } from '../support/pg-cluster.ts';
import { sleep } from '../support/wait.ts';

const POSTGRES_TS = fileURLToPath(new URL('../../src/store/postgres.ts', import.meta.url));
/** Not a timing: without the server dropping the session, the insert waits for hours. */
const HANG_BOUND_MS = 150_000;

/** On the cut host: a transaction that has inserted the row and then waits (as a save cut off half-way). */
const HOLDER = `
  const { openPostgres } = await import(process.argv[1]);
  const db = await openPostgres(process.env.DATABASE_URL, { max: 1 });
  await db.transaction(async (tx) => {
    await tx.query("INSERT INTO held (k) VALUES ('doc')");
    console.log('held');
    await new Promise(() => {});
  });`;

test('a host cut off mid-transaction leaves no lock behind: the same insert from elsewhere goes through', async (t) => {
  const unavailable = netnsUnavailable();
  if (unavailable) return t.skip(unavailable);
  const hosts = createHosts(['w']);
  const pgc = await startPgCluster({ netns: hosts.netnsOf('hub'), address: hosts.addressOf('hub') }).catch(
    (err) => {
      hosts.remove();
      throw err;
    },
  );
  const local = () =>
    new pg.Client({ host: pgc.socketDir, port: pgc.port, user: 'postgres', database: 'postgres' });
  const db = local();
  db.on('error', () => {});
  const holder = hosts.spawn(
    'w',
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', HOLDER, POSTGRES_TS],
    { env: { PATH: process.env.PATH, DATABASE_URL: pgc.url } },
  );
  try {
    await db.connect();
    await db.query('CREATE TABLE held (k text PRIMARY KEY)');
    let out = '';
    holder.stdout!.on('data', (d: Buffer) => (out += d));
    holder.stderr!.on('data', (d: Buffer) => (out += d));
    for (let waited = 0; !out.includes('held'); waited += 100) {
      if (holder.exitCode !== null || waited > 120_000)
        throw new Error(`the holder did not take the row:\n${out}`);
      await sleep(100);
    }
    hosts.cut('w');
    killGroup(holder);

    const insert = db.query("INSERT INTO held (k) VALUES ('doc') ON CONFLICT DO NOTHING");
    const hung = await withTimeout(insert, HANG_BOUND_MS, () => new Error('hung')).then(
      () => false,
      (err: Error) => (err.message === 'hung' ? true : Promise.reject(err)),
    );
    if (hung) {
      const sessions = local();
      await sessions.connect();
      const { rows } = await sessions.query(
        `SELECT client_addr, state, wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity
          WHERE datname = 'postgres' AND pid <> pg_backend_pid()`,
      );
      await sessions.end();
      assert.fail(`the insert still waits for the cut host's lock: ${JSON.stringify(rows)}`);
    }
    const { rows } = await db.query('SELECT k FROM held');
    assert.deepEqual(rows, [{ k: 'doc' }], "the cut host's row was rolled back, the other insert's kept");
  } finally {
    killGroup(holder);
    await pgc.stop();
    await db.end().catch(() => {});
    hosts.remove();
  }
});
