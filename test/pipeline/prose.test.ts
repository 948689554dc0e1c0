import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import type { DocumentStructure, Section } from '../../src/domain/document.ts';
import { ProfaiError } from '../../src/domain/errors.ts';
import { prepareDocument } from '../../src/pipeline/index.ts';
import { proseAmount, proseShortfall, tooLittleProse } from '../../src/pipeline/prose.ts';
import { makeSimplePdf, renderPdf } from '../support/make-pdf.ts';

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

  test('words enough, but all in front and back matter: the message says where they are', async () => {
    const notice =
      'Copyright 2024 The Example Group. Permission is granted to make and distribute verbatim copies of this ' +
      'manual provided the copyright notice and this permission notice are preserved on all copies. Permission ' +
      'is granted to copy and distribute modified versions of this manual under the conditions for verbatim ' +
      'copying. This manual is distributed without any warranty; see the GNU General Public License for details.';
    const bytes = await makeSimplePdf({}, notice);
    await assert.rejects(prepareDocument({ bytes, fileName: 'notice.pdf' }, { config }), (err: unknown) => {
      assert.ok(err instanceof ProfaiError);
      assert.equal(err.code, 'not_enough_text');
      assert.match(
        err.message,
        /^not enough text for a course \(0 words outside the title page, licence, contents and index, of \d+ in all\)$/,
      );
      return true;
    });
  });

  test('a contents page followed by pages of prose it does not head: the prose makes the course', async () => {
    const contents = Array.from(
      { length: 8 },
      (_, i) => `${i + 1}. Topic ${'abcdefgh'[i]} . . . . . . . . ${i + 2}`,
    );
    const sentence = (i: number) =>
      `Photosynthesis step ${i} turns light energy into chemical energy in the chloroplasts of green plants.`;
    const bytes = await renderPdf((doc) => {
      doc.addPage().font('Helvetica-Bold').fontSize(18).text('Table of Contents', 72, 72);
      doc.font('Helvetica').fontSize(12).text(contents.join('\n'), 72, 110);
      for (let p = 0; p < 3; p++)
        doc
          .addPage()
          .font('Helvetica')
          .fontSize(12)
          .text(Array.from({ length: 12 }, (_, i) => sentence(p * 12 + i)).join(' '), 72, 72);
    });
    const prepared = await prepareDocument({ bytes, fileName: 'after-contents.pdf' }, { config });
    assert.ok(prepared.document.chunks.length > 0);
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

describe('the prose check stops reading once a document has enough', () => {
  const sentence = (i: number) =>
    `Step ${i} of the cycle turns light energy into chemical energy in green plants.`;
  const fragment = (i: number) => `Figure ${i}`;
  const section = (index: number, title: string, texts: string[]): Section => ({
    index,
    title,
    level: 1,
    path: [title],
    pageStart: 1,
    pageEnd: 1,
    paragraphs: texts.map((text) => ({ text, page: 1, pageEnd: 1 })),
  });

  test('it refuses exactly what the full count refuses, with the full count', () => {
    let refused = 0;
    let accepted = 0;
    // Front matter, few or many sentences, and fragments that add words but no sentence, in every mix.
    for (const matterWords of [0, 30, 120])
      for (const sentences of [0, 1, 2, 3, 4, 12])
        for (const fragments of [0, 5, 40, 120]) {
          const structure: DocumentStructure = {
            title: 'Test',
            source: 'headings',
            sections: [
              section(
                0,
                'Contents',
                matterWords ? [Array.from({ length: matterWords / 2 }, fragment).join(' ')] : [],
              ),
              section(
                1,
                'Light',
                Array.from({ length: sentences }, (_, i) => sentence(i)),
              ),
              section(2, 'Figures', Array.from({ length: fragments }, fragment)),
            ],
          };
          const full = proseAmount(structure);
          const shortfall = proseShortfall(structure);
          if (tooLittleProse(full)) {
            assert.deepEqual(shortfall, full);
            refused++;
          } else {
            assert.equal(shortfall, null);
            accepted++;
          }
        }
    assert.ok(
      refused > 10 && accepted > 10,
      `refused ${refused}, accepted ${accepted}: both sides must be tested`,
    );
  });
});
