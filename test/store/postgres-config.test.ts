import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { openPostgres, poolConfig } from '../../src/store/postgres.ts';

const BASE = 'postgres://user:pw@db.example.neon.tech/app';

test('sslmode decides TLS and certificate checks', () => {
  assert.equal(poolConfig(BASE).ssl, false);
  assert.equal(poolConfig(`${BASE}?sslmode=disable`).ssl, false);
  assert.deepEqual(poolConfig(`${BASE}?sslmode=require`).ssl, { rejectUnauthorized: false });
  assert.deepEqual(poolConfig(`${BASE}?sslmode=prefer`).ssl, { rejectUnauthorized: false });
  assert.deepEqual(poolConfig(`${BASE}?sslmode=verify-full`).ssl, { rejectUnauthorized: true });
});

test('sslmode is taken out of the URL so pg does not apply its own reading; other parameters stay', () => {
  const config = poolConfig(`${BASE}?sslmode=require&channel_binding=require&application_name=profai`);
  assert.equal(config.connectionString, `${BASE}?channel_binding=require&application_name=profai`);
});

test('sslmode=require really asks the server for TLS (the local server has none)', async () => {
  await assert.rejects(openPostgres('postgres://postgres@127.0.0.1:5432/test?sslmode=require'), /SSL/);
  const pool = new pg.Pool(poolConfig('postgres://postgres@127.0.0.1:5432/test?sslmode=disable'));
  try {
    const { rows } = await pool.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    assert.deepEqual(rows, [{ ssl: false }]);
  } finally {
    await pool.end();
  }
});
