import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateTokens } from '../../src/pipeline/text/token-estimate.ts';

test('short English words are one token, long ones more, punctuation one each', () => {
  assert.equal(estimateTokens(''), 0);
  assert.equal(estimateTokens('   \n\t '), 0);
  assert.equal(estimateTokens('the'), 1);
  assert.equal(estimateTokens('function'), 2);
  assert.equal(estimateTokens('internationalization'), 5);
  assert.equal(estimateTokens('Hello, world!'), 4);
  // cl100k gives 10 for this sentence.
  assert.equal(estimateTokens('The quick brown fox jumps over the lazy dog.'), 10);
});

test('numbers count per three digits, CJK per character, other scripts per two letters', () => {
  assert.equal(estimateTokens('1234567'), 3);
  assert.equal(estimateTokens('日本語の文。'), 6);
  assert.equal(estimateTokens('𠀋𠀋'), 2);
  assert.equal(estimateTokens('Привет'), 3);
  assert.equal(estimateTokens('café'), 1);
});

test('is additive over whitespace-separated parts', () => {
  const a = 'Segmentation faults, explained.';
  const b = '第2章 メモリの検査 (Memcheck) 123';
  assert.equal(estimateTokens(`${a} ${b}`), estimateTokens(a) + estimateTokens(b));
});
