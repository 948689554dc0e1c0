/** {@link Database} over PostgreSQL (a `pg` Pool on DATABASE_URL; Neon works with `sslmode=require`). */
import pg from 'pg';
import { DependencyUnavailableError, networkErrorCode } from '../domain/errors.ts';
import { migrate } from './migrate.ts';
import type { Database, Sql, VectorColumn } from './types.ts';

/**
 * Pool settings from a URL, with `sslmode` applied here rather than by `pg` (whose reading of `require`
 * verifies certificates): `disable` → no TLS; `verify-full` / `verify-ca` → TLS with verification;
 * any other mode (`require`, `prefer`, `allow`, `no-verify`) → TLS without verification, as libpq does.
 * No `sslmode` → no TLS.
 */
export function poolConfig(url: string, max = 10): pg.PoolConfig {
  const u = new URL(url);
  const mode = u.searchParams.get('sslmode');
  u.searchParams.delete('sslmode');
  const ssl = !mode || mode === 'disable' ? false : { rejectUnauthorized: mode.startsWith('verify') };
  // A server that does not answer is an outage to wait out, not a hang: connecting fails after this long.
  return { connectionString: u.toString(), ssl, max, connectionTimeoutMillis: 10_000 };
}

/**
 * Asked of the server on each new connection: drop this session once its client has gone silent for about 30 s
 * (keepalive probes unanswered, or data unacknowledged). A worker host that loses its link or its power
 * mid-transaction sends nothing more, and without these the server keeps the session `idle in transaction`,
 * with its row locks, for the system's keepalive time (two hours and more): the same document saved again by
 * another worker (its stalled job retried there) waits on that lock in its `INSERT … ON CONFLICT`, its job
 * `active` all the while (test/e2e/pg-dead-client.test.ts). A Unix socket (or PGlite) ignores them.
 */
export const DEAD_CLIENT_SETTINGS = [
  'SET tcp_keepalives_idle = 10',
  'SET tcp_keepalives_interval = 5',
  'SET tcp_keepalives_count = 4',
  'SET tcp_user_timeout = 30000',
] as const;

/** How long a setting may take: pg-pool's connection timeout no longer runs while `onConnect` does. */
const SETTING_TIMEOUT_MS = 5_000;

/**
 * A Pool on `url` ({@link poolConfig}) whose sessions the server drops when their client vanishes
 * ({@link DEAD_CLIENT_SETTINGS}). Each setting is its own statement: a server that refuses one (PostgreSQL 11 has
 * no `tcp_user_timeout`; a proxy may refuse any) keeps the others, since statements of one query string share one
 * implicit transaction. A refusal is the server's answer and leaves the connection usable; any other failure (a
 * reset, a timeout) is thrown, so pg-pool ends that client instead of handing it out. Idle-client errors (a server
 * restart) are dropped: the pool reconnects.
 */
export function openPool(url: string, max?: number): pg.Pool {
  const pool = new pg.Pool({
    ...poolConfig(url, max),
    // Awaited by the pool before the connection is handed out.
    onConnect: async (client) => {
      for (const text of DEAD_CLIENT_SETTINGS) await askSetting(client, text);
    },
  });
  pool.on('error', () => {});
  return pool;
}

/** One setting asked of a new connection: a refusal is kept quiet, a reset or silence past the timeout throws. */
async function askSetting(client: pg.ClientBase, text: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer to "${text}" in ${SETTING_TIMEOUT_MS} ms`)),
      SETTING_TIMEOUT_MS,
    );
  });
  try {
    await Promise.race([client.query(text), silent]);
  } catch (err) {
    if (!(err instanceof pg.DatabaseError)) throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** SQLSTATEs of a server that is going away, starting up or refusing connections for now. */
const UNAVAILABLE_STATES = /^(08...|57P0[1-3]|53300)$/;
/** node-postgres's words for a connection that broke or never came. */
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|not queryable|Connection ended/i;

/**
 * The one translation of a driver error: a server that cannot be reached (refused, reset, starting up, shutting
 * down, a connection lost mid-query) becomes {@link DependencyUnavailableError}; anything else stays as it is.
 */
export function translatePgError(err: unknown): unknown {
  if (err instanceof DependencyUnavailableError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  const network = networkErrorCode(err);
  if (network) return new DependencyUnavailableError('postgres', network, err);
  if (typeof code === 'string' && UNAVAILABLE_STATES.test(code))
    return new DependencyUnavailableError('postgres', (err as Error).message.split('\n')[0]!, err);
  if (err instanceof Error && LOST_CONNECTION.test(err.message))
    return new DependencyUnavailableError('postgres', err.message.split('\n')[0]!, err);
  return err;
}

const translated = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    throw translatePgError(err);
  }
};

/** Wraps a Pool as a {@link Database}. */
export function postgresDatabase(pool: pg.Pool, vectorColumn: VectorColumn): Database {
  const asSql = (c: pg.Pool | pg.PoolClient): Sql => ({
    query: <R>(text: string, params?: readonly unknown[]) =>
      translated(async () => ({ rows: (await c.query(text, params as unknown[] | undefined)).rows as R[] })),
  });
  return {
    kind: 'postgres',
    vectorColumn,
    ...asSql(pool),
    async transaction(fn) {
      const client = await translated(() => pool.connect());
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await fn(asSql(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        const failure = translatePgError(err);
        // A connection that broke is dropped, not handed to the next transaction.
        broken = failure instanceof DependencyUnavailableError;
        if (!broken) await client.query('ROLLBACK').catch(() => {});
        throw failure;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/** Connects to `url` ({@link openPool}) and migrates. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = openPool(url, opts.max);
  try {
    const { vectorColumn } = await migrate(postgresDatabase(pool, 'real[]'));
    return postgresDatabase(pool, vectorColumn);
  } catch (err) {
    await pool.end();
    throw err;
  }
}
