/**
 * The embedded database served to several processes (`profai up`): clients whose queries interleave must each
 * get their own answers. Regression test for the packaged socket queue, which ran the wire messages of
 * different clients' parameterised queries interleaved (`portal "" does not exist`).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { servePglite } from '../../src/store/pglite-server.ts';
import { freshPgliteDir } from '../support/databases.ts';

test('six pools mixing simple, parameterised and transactional queries: no error, every answer its own', {
  timeout: 120_000,
}, async () => {
  const data = await freshPgliteDir();
  const server = await servePglite(data.dir);
  const errors: string[] = [];
  const pools = Array.from({ length: 6 }, () => {
    const pool = new pg.Pool({ connectionString: server.url, max: 3 });
    pool.on('error', (err) => errors.push(err.message));
    return pool;
  });
  let wrong = 0;
  try {
    const loop = async (pool: pg.Pool, id: number) => {
      for (let i = 0; i < 40; i++) {
        const v = id * 1000 + i;
        try {
          if (id % 3 === 0) await pool.query('SELECT 1');
          else if (id % 3 === 1) {
            const c = await pool.connect();
            try {
              await c.query('BEGIN');
              if ((await c.query('SELECT $1::int AS v', [v])).rows[0].v !== v) wrong++;
              await c.query('COMMIT');
            } finally {
              c.release();
            }
          } else if (
            (await pool.query(`SELECT $1::int AS v, $2::text AS s${id}`, [v, `x${v}`])).rows[0].v !== v
          )
            wrong++;
        } catch (err) {
          errors.push((err as Error).message);
        }
      }
    };
    await Promise.all(pools.flatMap((pool, p) => [0, 1, 2].map((k) => loop(pool, p * 3 + k))));
    assert.deepEqual([...new Set(errors)], []);
    assert.equal(wrong, 0);
  } finally {
    await Promise.all(pools.map((p) => p.end()));
    await server.close();
    data.remove();
  }
});
