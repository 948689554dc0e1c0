/** {@link Database} over PostgreSQL (a `pg` Pool on DATABASE_URL; Neon works with `sslmode=require`). */
import pg from 'pg';
import { migrate } from './migrate.ts';
import type { Database, Sql } from './types.ts';

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
  return { connectionString: u.toString(), ssl, max };
}

/** Wraps a Pool as a {@link Database}. */
export function postgresDatabase(pool: pg.Pool, hasVector: boolean): Database {
  const asSql = (c: pg.Pool | pg.PoolClient): Sql => ({
    query: async <R>(text: string, params?: readonly unknown[]) => ({
      rows: (await c.query(text, params as unknown[] | undefined)).rows as R[],
    }),
  });
  return {
    kind: 'postgres',
    hasVector,
    ...asSql(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(asSql(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Connects to `url` and migrates. Idle-client errors (server restart) are dropped: the pool reconnects. */
export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool(poolConfig(url, opts.max));
  pool.on('error', () => {});
  try {
    const { hasVector } = await migrate(postgresDatabase(pool, false));
    return postgresDatabase(pool, hasVector);
  } catch (err) {
    await pool.end();
    throw err;
  }
}
