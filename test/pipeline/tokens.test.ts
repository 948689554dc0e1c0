import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countTokens } from '../../src/pipeline/tokens.ts';

test('short English words are one token, long ones more, punctuation one each', () => {
  assert.equal(countTokens(''), 0);
  assert.equal(countTokens('   \n\t '), 0);
  assert.equal(countTokens('the'), 1);
  assert.equal(countTokens('function'), 2);
  assert.equal(countTokens('internationalization'), 5);
  assert.equal(countTokens('Hello, world!'), 4);
  // cl100k gives 10 for this sentence.
  assert.equal(countTokens('The quick brown fox jumps over the lazy dog.'), 10);
});

test('numbers count per three digits, CJK per character, other scripts per two letters', () => {
  assert.equal(countTokens('1234567'), 3);
  assert.equal(countTokens('日本語の文。'), 6);
  assert.equal(countTokens('𠀋𠀋'), 2);
  assert.equal(countTokens('Привет'), 3);
  assert.equal(countTokens('café'), 1);
});

test('is additive over whitespace-separated parts', () => {
  const a = 'Segmentation faults, explained.';
  const b = '第2章 メモリの検査 (Memcheck) 123';
  assert.equal(countTokens(`${a} ${b}`), countTokens(a) + countTokens(b));
});
