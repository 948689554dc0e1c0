import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countByPattern, countOf, Searchable } from '../../src/pipeline/quiz/kinds/term-uses.ts';
import { mulberry32 } from '../../src/pipeline/text/rng.ts';

test('a term is counted as whole words, case ignored, the first variant that fits at each place, no overlaps', () => {
  const text = 'The Mnesia application starts Mnesia; mnesia-tools and Mnesias are other words. MNESIA.';
  assert.equal(countOf(['Mnesia application', 'Mnesia'], new Searchable(text)), 3);
  assert.equal(countOf(['Mnesia', 'Mnesia application'], new Searchable(text)), 3);
  assert.equal(countOf(['application'], new Searchable(text)), 1);
});

test('plain search counts what the case-insensitive pattern counts, on random texts with letters that fold apart', () => {
  const random = mulberry32(21);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const words = [
    'status',
    'Status',
    'STATUS',
    'exit',
    'Exit status',
    'ſtatus',
    'ΣΊΣΥΦΟΣ',
    'σίσυφος',
    'straße',
    'STRASSE',
    'K-map',
    'kmap',
    'İstanbul',
    'fıle',
    'FILE',
    'file',
    'istanbul',
    'x_1',
    'x',
    '42',
    'é',
    'É',
  ];
  const gaps = [' ', ' ', ', ', '-', '_', '. ', '\n', '(', ')', ''];
  for (let n = 0; n < 3000; n++) {
    let text = '';
    for (let i = Math.floor(random() * 12); i > 0; i--) text += pick(words) + pick(gaps);
    const variants = Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(words));
    assert.equal(
      countOf(variants, new Searchable(text)),
      countByPattern(variants, text),
      `${JSON.stringify(variants)} in ${JSON.stringify(text)}`,
    );
  }
});
