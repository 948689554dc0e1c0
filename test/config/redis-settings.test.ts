/**
 * How ProfAI is told to reach Redis: one server (REDIS_URL), a master behind Sentinels, or a Redis Cluster;
 * what it says about it in logs and errors, and the hash-tagged prefix a cluster needs.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redisOverrides } from '../../src/cli/commands/monitor.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { describeRedis } from '../../src/lib/urls.ts';
import { RedisUnreachableError } from '../../src/ops/errors.ts';
import { redisKeys } from '../../src/redis-keys.ts';

test('REDIS_SENTINELS and REDIS_CLUSTER_NODES take host:port lists; a bad item is named in one line', () => {
  const c = loadConfig({
    REDIS_SENTINELS: '10.0.0.1:26379, sentinel-b:26379,[::1]:26380',
    REDIS_SENTINEL_MASTER: 'main',
  });
  assert.deepEqual(c.redisSentinels, ['10.0.0.1:26379', 'sentinel-b:26379', '[::1]:26380']);
  assert.equal(c.redisSentinelMaster, 'main');
  for (const bad of ['10.0.0.1', 'host:port', 'a:70000', 'a b:1'])
    assert.throws(
      () => loadConfig({ REDIS_CLUSTER_NODES: `127.0.0.1:7000,${bad}` }),
      (err: Error) =>
        err instanceof ConfigError &&
        err.message.startsWith('REDIS_CLUSTER_NODES=') &&
        err.message.includes(`expected host:port, got "${bad}"`),
    );
});

test('on a cluster QUEUE_PREFIX becomes a hash tag, so BullMQ’s keys and ProfAI’s own share one slot', () => {
  assert.equal(loadConfig({}).queuePrefix, 'profai');
  const c = loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', QUEUE_PREFIX: 'fleet-a' });
  assert.equal(c.queuePrefix, '{fleet-a}');
  assert.equal(loadConfig({ REDIS_CLUSTER_NODES: '127.0.0.1:7000', QUEUE_PREFIX: '{x}' }).queuePrefix, '{x}');
  assert.equal(
    loadConfig({ QUEUE_PREFIX: '{x}' }).queuePrefix,
    '{x}',
    'a hash tag is accepted without a cluster',
  );
  assert.throws(() => loadConfig({ QUEUE_PREFIX: '{x' }), ConfigError);
  // Redis hashes a key by what is between its first `{` and the next `}`: for each of ProfAI's keys, the prefix.
  const keys = [
    redisKeys.runInfo(c.queuePrefix, 'pdf-1'),
    redisKeys.heartbeat(c.queuePrefix, 'worker1@a'),
    redisKeys.heartbeats(c.queuePrefix),
    redisKeys.llmRate(c.queuePrefix),
    redisKeys.llmStage(c.queuePrefix, 'doc'),
    `${c.queuePrefix}:pdf_processing:wait`,
  ];
  for (const key of keys) assert.equal(/^\{([^}]*)\}/.exec(key)?.[1], 'fleet-a', key);
});

test('logs and errors say which Redis, never with a password', () => {
  const sentinel = loadConfig({
    REDIS_SENTINELS: 'a:26379,b:26379',
    REDIS_SENTINEL_MASTER: 'm',
    REDIS_PASSWORD: 's3cret',
  });
  assert.equal(describeRedis(sentinel), 'Redis master m of Sentinels a:26379,b:26379');
  const cluster = loadConfig({ REDIS_CLUSTER_NODES: 'a:7000,b:7001' });
  assert.equal(describeRedis(cluster), 'Redis Cluster a:7000,b:7001');
  assert.equal(describeRedis(loadConfig({ REDIS_URL: 'redis://:pw@h:6380/2' })), 'redis://:***@h:6380/2');
  assert.equal(
    new RedisUnreachableError(sentinel, 'ECONNREFUSED').message,
    'cannot reach Redis master m of Sentinels a:26379,b:26379 (ECONNREFUSED)',
  );
  assert.equal(
    new RedisUnreachableError('redis://127.0.0.1:1/0', 'ECONNREFUSED').message,
    'cannot reach Redis at redis://127.0.0.1:1 (ECONNREFUSED)',
  );
});

test('`--redis URL` (monitor, inspect) means that one Redis, whatever REDIS_SENTINELS or REDIS_CLUSTER_NODES say', () => {
  const env = { REDIS_SENTINELS: 'a:26379', REDIS_CLUSTER_NODES: 'b:7000' };
  const c = loadConfig(env, redisOverrides({ redis: 'redis://h:6380/0' }));
  assert.deepEqual(
    [c.redisUrl, c.redisSentinels, c.redisClusterNodes, c.queuePrefix],
    ['redis://h:6380/0', [], [], 'profai'],
  );
  assert.deepEqual(loadConfig(env, redisOverrides({})).redisSentinels, ['a:26379']);
});
