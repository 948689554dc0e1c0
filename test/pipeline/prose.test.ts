import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { ProfaiError } from '../../src/domain/errors.ts';
import { prepareDocument } from '../../src/pipeline/index.ts';
import { makeSimplePdf } from '../support/make-pdf.ts';

const config = { ...loadConfig({}), maxPages: 100, hashEmbeddingDim: 64, quizQuestions: 5 };

describe('what cannot be a course is refused', () => {
  test('a one-word banner: not enough text for a course (N words), permanent, never "needs OCR"', async () => {
    const bytes = await makeSimplePdf({}, 'Classified');
    await assert.rejects(prepareDocument({ bytes, fileName: 'banner.pdf' }, { config }), (err: unknown) => {
      assert.ok(err instanceof ProfaiError);
      assert.equal(err.code, 'not_enough_text');
      assert.equal(err.message, 'not enough text for a course (1 word)');
      assert.equal(err.permanent, true);
      assert.doesNotMatch(err.message, /OCR/);
      return true;
    });
  });

  test('a paragraph of running text is enough', async () => {
    const text =
      'Photosynthesis turns light energy into chemical energy in the chloroplasts of green plants. ' +
      'The light reactions split water and release oxygen while they make ATP and NADPH for the cell. ' +
      'The Calvin cycle then fixes carbon dioxide into sugars, spending the ATP and NADPH that the light reactions made. ' +
      'Most of the sugar leaves the chloroplast and is stored as starch or sent to the rest of the plant.';
    const prepared = await prepareDocument(
      { bytes: await makeSimplePdf({}, text), fileName: 'notes.pdf' },
      { config },
    );
    assert.ok(prepared.document.chunks.length > 0);
  });
});
