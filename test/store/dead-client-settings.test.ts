import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPool } from '../../src/store/postgres.ts';

// The server drops a session whose client vanished mid-transaction after ~30 s (test/e2e/pg-dead-client.test.ts
// shows why); here: every connection of the pool really carries the four settings, over TCP where they apply.
test('a pool connection asks the server to drop it ~30 s after its client goes silent', async () => {
  const pool = openPool('postgres://postgres@127.0.0.1:5432/test?sslmode=disable', 2);
  const clients = await Promise.all([pool.connect(), pool.connect()]);
  try {
    for (const client of clients) {
      const show = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name];
      assert.equal(await show('tcp_keepalives_idle'), '10');
      assert.equal(await show('tcp_keepalives_interval'), '5');
      assert.equal(await show('tcp_keepalives_count'), '4');
      assert.equal(await show('tcp_user_timeout'), '30000');
    }
  } finally {
    for (const client of clients) client.release();
    await pool.end();
  }
});
