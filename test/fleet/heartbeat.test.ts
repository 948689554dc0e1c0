/**
 * Worker heartbeats (src/fleet/heartbeat.ts) against the machine's Redis: each beat leaves the worker's key (with
 * its TTL) and its name in the set readers list, puts the name back after a reader dropped it, and stopping
 * removes both. The beat is two plain commands rather than a MULTI (see startHeartbeat), so these pin what
 * readers rely on.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { heartbeatTtlMs, readHeartbeats, startHeartbeat } from '../../src/fleet/heartbeat.ts';
import { createRedis, FAIL_FAST, queueRedis, type RedisClient } from '../../src/fleet/redis.ts';
import type { WorkerHeartbeat } from '../../src/fleet/views.ts';
import { redisKeys } from '../../src/redis-keys.ts';

const REDIS_URL = 'redis://127.0.0.1:6379/0';
const NAME = 'worker7';
/** Long enough that the timer never beats during a test: each beat here is beatNow's. */
const PERIOD_S = 3600;

describe('worker heartbeats', () => {
  let prefix: string;
  let redis: RedisClient;
  let beats = 0;
  const beat = () => ({ name: NAME, pid: 4242, beat: ++beats }) as unknown as WorkerHeartbeat;

  beforeEach(() => {
    prefix = `test-heartbeat-${Math.random().toString(16).slice(2, 10)}`;
    beats = 0;
    redis = queueRedis(REDIS_URL);
  });

  afterEach(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test('a beat writes the key with a TTL of three periods and lists the name; readers see the latest', async () => {
    const hb = startHeartbeat(redis, prefix, PERIOD_S, beat);
    try {
      await hb.beatNow();
      const ttl = await redis.pttl(redisKeys.heartbeat(prefix, NAME));
      assert.ok(ttl > heartbeatTtlMs(PERIOD_S) - 60_000 && ttl <= heartbeatTtlMs(PERIOD_S), `ttl ${ttl}`);
      assert.deepEqual(await redis.smembers(redisKeys.heartbeats(prefix)), [NAME]);
      const seen = await readHeartbeats(redis, prefix);
      assert.equal(seen.length, 1);
      assert.equal((seen[0] as unknown as { beat: number }).beat, beats);
    } finally {
      await hb.stop();
    }
  });

  test('a name a reader dropped is listed again at the next beat', async () => {
    const hb = startHeartbeat(redis, prefix, PERIOD_S, beat);
    try {
      await hb.beatNow();
      await redis.srem(redisKeys.heartbeats(prefix), NAME);
      assert.deepEqual(await readHeartbeats(redis, prefix), []);
      await hb.beatNow();
      assert.deepEqual(
        (await readHeartbeats(redis, prefix)).map((h) => h.name),
        [NAME],
      );
    } finally {
      await hb.stop();
    }
  });

  test('stopping removes the key and the name', async () => {
    const hb = startHeartbeat(redis, prefix, PERIOD_S, beat);
    await hb.beatNow();
    await hb.stop();
    assert.equal(await redis.exists(redisKeys.heartbeat(prefix, NAME)), 0);
    assert.deepEqual(await redis.smembers(redisKeys.heartbeats(prefix)), []);
  });

  test('a beat while Redis is unreachable neither throws nor rejects', async () => {
    const gone = createRedis('redis://127.0.0.1:1/0', FAIL_FAST);
    gone.on('error', () => {});
    const hb = startHeartbeat(gone, prefix, PERIOD_S, beat);
    try {
      await hb.beatNow();
    } finally {
      await hb.stop();
      gone.disconnect();
    }
  });
});
