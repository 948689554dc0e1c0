/** The shared answer text (src/web/question-text.js): numbers as a person writes them, in the app and the exports. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kindTitle, numberText, quantityText, sentenceStart } from '../../src/web/question-text.js';

describe('numberText', () => {
  const cases: [number, string][] = [
    [1024, '1024'],
    [-3.25, '-3.25'],
    [0.5, '0.5'],
    [1e-7, '0.0000001'],
    [-2e-8, '-0.00000002'],
    [0.1 + 0.2, '0.3'],
    [0, '0'],
    // Below fixed notation's twelve places: zero, never "0." or "-0.".
    [1e-13, '0'],
    [-1e-13, '0'],
  ];
  for (const [n, text] of cases) test(`${n} → ${text}`, () => assert.equal(numberText(n), text));
});

test('quantityText writes the unit and the tolerance', () => {
  assert.equal(quantityText({ answer: 3.5, tolerance: 0.5, unit: 's' } as never), '3.5 s (± 0.5)');
  assert.equal(quantityText({ answer: 1024, tolerance: 0, unit: 'MB' } as never), '1024 MB');
});

test("sentenceStart: the one upper-case first letter of the app's lines and headings", () => {
  assert.equal(sentenceStart('made 3 of 10 questions'), 'Made 3 of 10 questions');
  assert.equal(sentenceStart('évaluation'), 'Évaluation');
  assert.equal(sentenceStart(''), '');
  assert.equal(kindTitle('true_false'), 'True or false');
});
