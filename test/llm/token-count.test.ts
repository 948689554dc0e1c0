// One file, one process (node --test): the tokenizer's tables start unloaded here, so their loading is observable.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  approxModelTokens,
  countModelTokens,
  fitsTokens,
  tokenBound,
  tokenTablesLoaded,
} from '../../src/llm/token-count.ts';

const prose = 'The mitochondrion is the powerhouse of the cell, and it makes most of its energy. ';

test('text that clearly fits is settled from its length, without loading the tables', () => {
  assert.equal(tokenTablesLoaded(), false);
  assert.equal(fitsTokens([prose, prose], 1000), true);
  assert.equal(approxModelTokens(prose), Math.ceil(prose.length / 4));
  assert.equal(tokenTablesLoaded(), false);
});

test('text longer than the limit in bytes is counted: it may still fit in tokens', () => {
  const text = prose.repeat(10); // ~830 bytes, ~170 tokens
  assert.ok(tokenBound(text) > 500);
  assert.equal(fitsTokens([text], 500), true);
  assert.equal(tokenTablesLoaded(), true);
  assert.equal(fitsTokens([text, text, text], 300), false);
});

test('the bound is never below the exact count, whatever the script', () => {
  for (const text of [
    prose,
    'naïve café ﬁnal',
    '東京都の人口は約1400万人です。',
    'مرحبا بالعالم',
    '🙂🙃 x'.repeat(20),
  ]) {
    assert.ok(tokenBound(text) >= countModelTokens(text), text);
  }
  assert.equal(countModelTokens('hello world'), 2);
  assert.equal(countModelTokens(''), 0);
});

test('once the tables are loaded, estimates are exact counts', () => {
  assert.equal(approxModelTokens(prose), countModelTokens(prose));
});
