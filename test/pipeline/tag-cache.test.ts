import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Token } from '../../src/pipeline/language/analyser.ts';
import { TagCache } from '../../src/pipeline/language/en/tag-cache.ts';

const tokens = (n: number): Token[] =>
  Array.from({ length: n }, (_, i) => ({
    text: `w${i}`,
    lower: `w${i}`,
    lemma: `w${i}`,
    pos: 'NOUN',
    known: true,
    start: i * 3,
    end: i * 3 + 2,
  }));

test('the tags of a text asked for again are the same tokens', () => {
  const cache = new TagCache();
  const tags = tokens(3);
  cache.set('a b c', tags);
  assert.equal(cache.get('a b c'), tags);
  assert.equal(cache.get('a b d'), undefined);
});

test('past its number of tokens the oldest texts go first', () => {
  // Each text counts its tokens and one more.
  const cache = new TagCache({ tokens: 10 });
  cache.set('first', tokens(4));
  cache.set('second', tokens(4));
  assert.equal(cache.size, 2);
  cache.set('third', tokens(1));
  assert.equal(cache.get('first'), undefined);
  assert.ok(cache.get('second'));
  assert.ok(cache.get('third'));
});

test('every tag kept is dropped once nothing has been tagged for a while', async () => {
  // The cache's clock is ours; its timers are real (each of our waits ends after the cache's check before it).
  let now = 0;
  const cache = new TagCache({ idleMs: 50, now: () => now });
  cache.set('one', tokens(2));
  now = 40;
  assert.ok(cache.get('one'));
  await sleep(60);
  // Checked at 50 ms: read 10 ms before, so kept.
  assert.equal(cache.size, 1);
  now = 500;
  await sleep(120);
  assert.equal(cache.size, 0);
});
