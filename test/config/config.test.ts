import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError, loadConfig, SETTINGS } from '../../src/config.ts';

const reason = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return (err as Error).message;
  }
  return assert.fail(`accepted ${JSON.stringify(env)}`);
};

test('unset and empty variables take the documented defaults', () => {
  const config = loadConfig({ PORT: '', WORKER_QUEUES: undefined as unknown as string });
  for (const [key, spec] of Object.entries(SETTINGS))
    assert.deepEqual(config[key as keyof typeof config], spec.default, spec.env);
});

test('values are parsed to their types; CLI overrides win over the environment', () => {
  const config = loadConfig(
    { PORT: ' 8080 ', WORKER_QUEUES: 'pdf_processing, ,quiz_generation', LLM_FALLBACK: 'offline' },
    { concurrency: 3, port: '' },
  );
  assert.equal(config.port, 8080);
  assert.deepEqual(config.queues, ['pdf_processing', 'quiz_generation']);
  assert.equal(config.llmFallback, 'offline');
  assert.equal(config.concurrency, 3);
  assert.equal(loadConfig({ CHILD_PRELOAD: 'On' }).childPreload, true);
  assert.equal(loadConfig({ CHILD_PRELOAD: '0' }).childPreload, false);
});

test('a bad value is one line naming the variable, the value and the reason', () => {
  assert.equal(reason({ PORT: 'http' }), 'PORT=http: expected a whole number, got "http"');
  assert.equal(
    reason({ PORT: '70000' }),
    'PORT=70000: expected a whole number between 0 and 65535, got 70000',
  );
  assert.equal(
    reason({ WORKER_CONCURRENCY: '1.5' }),
    'WORKER_CONCURRENCY=1.5: expected a whole number, got "1.5"',
  );
  assert.match(
    reason({ LOG_LEVEL: 'loud' }),
    /^LOG_LEVEL=loud: expected one of fatal, error, warn, .*, got "loud"$/,
  );
  assert.equal(
    reason({ CHILD_PRELOAD: 'maybe' }),
    'CHILD_PRELOAD=maybe: expected 1/0, true/false, yes/no or on/off, got "maybe"',
  );
  assert.match(reason({ QUEUE_PREFIX: 'a b' }), /^QUEUE_PREFIX=a b: letters, digits, _ \. - only/);
  for (const message of [reason({ PORT: '' + '-1' }), reason({ LLM_FALLBACK: 'maybe' })])
    assert.ok(!message.includes('\n'), message);
});

test('a renamed setting is still read under its former name, the new name winning', () => {
  assert.equal(loadConfig({ EMBEDDING_DIM: '128' }).hashEmbeddingDim, 128);
  assert.equal(loadConfig({ EMBEDDING_DIM: '128', HASH_EMBEDDING_DIM: '256' }).hashEmbeddingDim, 256);
  assert.match(reason({ EMBEDDING_DIM: '3' }), /^EMBEDDING_DIM=3: /);
});

test('TRUST_PROXY takes addresses, CIDR ranges and proxy-addr range names; a bad item is named in one line', () => {
  assert.deepEqual(loadConfig({}).trustProxy, []);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1,fd00::/8,uniquelocal' }).trustProxy, [
    '10.0.0.0/8',
    '127.0.0.1',
    '::1',
    'fd00::/8',
    'uniquelocal',
  ]);
  for (const bad of ['proxy.local', '10.0.0.0/33', '10.0.0.1/8/1', '::1/129', '*'])
    assert.equal(
      reason({ TRUST_PROXY: `127.0.0.1,${bad}` }),
      `TRUST_PROXY=127.0.0.1,${bad}: expected IP addresses, CIDR ranges or loopback/linklocal/uniquelocal, got "${bad}"`,
    );
});
