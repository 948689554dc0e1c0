import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FirstUse } from '../../src/pipeline/text/first-use.ts';
import { indexOfWhole } from '../../src/pipeline/text/whole-words.ts';

const SENTENCES = [
  'The table scan reads every row.',
  'A full table-scan is slow; tables are read in pages.',
  'Über-fast caches hold the Straße data.',
  'Valgrind’s memcheck finds 3 leaks in libc.so.6 and 2 in 𝑥-space.',
  'C++ code and the i18n layer use the table.',
  'The SCAN of a TABLE scan happens twice.',
];

/** What FirstUse must answer: the sentence of the first whole-word match in the lower-cased text. */
function expected(term: string): string | undefined {
  const text = SENTENCES.map((s) => s.toLowerCase()).join('\n');
  const at = indexOfWhole(text, term.trim().replace(/\s+/gu, ' ').toLowerCase());
  if (at < 0) return undefined;
  let start = 0;
  for (const s of SENTENCES) {
    if (at < start + s.length + 1) return s;
    start += s.length + 1;
  }
  return undefined;
}

test('the first sentence using a term as whole words, in any case, as a search of the whole text finds it', () => {
  const firstUse = new FirstUse(SENTENCES);
  const terms = [
    'table scan',
    'TABLE  scan',
    'table',
    'tables',
    'scan',
    'row',
    'rows',
    'table-scan',
    'über-fast caches',
    'straße',
    'memcheck',
    'libc.so.6',
    'so',
    '3 leaks',
    'x-space',
    '-space',
    'c++ code',
    '++ code',
    'i18n',
    'i18',
    'pages.',
    'the',
    'twice',
    '',
  ];
  for (const term of terms) assert.equal(firstUse.of(term), expected(term), term);
  assert.equal(firstUse.of('table scan'), SENTENCES[0]);
  assert.equal(firstUse.of('scan'), SENTENCES[0]);
  assert.equal(firstUse.of('i18'), undefined);
});
