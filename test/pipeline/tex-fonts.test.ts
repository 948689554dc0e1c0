/**
 * TeX's fonts decoded where PDFium gives their raw codes (pdf/tex-fonts.ts): the tables, the decoders made of them,
 * and extraction of a page made by pdfTeX (test/fixtures/datatool-p88.pdf) and of a hand-made page in CMSY10 with
 * and without a ToUnicode map.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { extractDocument } from '../../src/pipeline/extract.ts';
import { checkPdf, openPdf } from '../../src/pipeline/load.ts';
import { TEX_FONT_TABLE } from '../../src/pipeline/pdf/tex-font-table.ts';
import {
  composeNegations,
  decoderOf,
  decodeTex,
  type TexDecoder,
  texDecoder,
} from '../../src/pipeline/pdf/tex-fonts.ts';
import { makeTexSymbolsPdf } from '../support/make-pdf.ts';

const decoder = (name: string): TexDecoder => {
  const found = texDecoder(name);
  assert.ok(found, `${name} has a decoder`);
  return found;
};

async function linesOf(bytes: Uint8Array): Promise<string[]> {
  const pdf = await openPdf(checkPdf({ bytes, fileName: 'tex.pdf' }, { maxFileMb: 10 }), { maxPages: 5 });
  try {
    return (await extractDocument(pdf)).pages.flatMap((page) => page.lines.map((line) => line.text));
  } finally {
    await pdf.close();
  }
}

describe('TeX font tables', () => {
  test('every encoding has a text for each of its 128 codes', () => {
    assert.deepEqual(Object.keys(TEX_FONT_TABLE).sort(), ['MSAM', 'MSBM', 'OML', 'OMS', 'OMX', 'OT1']);
    for (const [encoding, texts] of Object.entries(TEX_FONT_TABLE)) assert.equal(texts.length, 128, encoding);
    assert.equal(TEX_FONT_TABLE.OMS?.[0x68], '\u27e8');
    assert.equal(TEX_FONT_TABLE.OMS?.[0x00], '\u2212');
    assert.equal(TEX_FONT_TABLE.OML?.[0x3b], ',');
    assert.equal(TEX_FONT_TABLE.OMX?.[0x50], '\u2211');
  });

  test('a font is decoded by its base name, subset prefix or not; other fonts are not', () => {
    for (const name of [
      'YJSZBR+CMSY10',
      'CMSY7',
      'CMBSY10',
      'CMMI10',
      'CMMIB10',
      'CMEX10',
      'MSAM10',
      'MSBM10',
    ])
      assert.ok(texDecoder(name), name);
    for (const name of [
      'LMMathSymbols7-Regular',
      'LMMathItalic10-Regular',
      'LMMathExtension10-Regular',
      'CMR10',
    ])
      assert.ok(texDecoder(name), name);
    for (const name of [
      'Helvetica',
      'NimbusSanL-Regu',
      'CMTT10',
      'Cmsy10',
      'LMRoman10-Regular',
      'CMSY',
      'XCMSY10',
    ])
      assert.equal(texDecoder(name), undefined, name);
    assert.equal(texDecoder('ABCDEF+CMSY10'), texDecoder('CMSY5'), 'one decoder per encoding');
  });

  test('raw codes read as Latin letters are decoded (OMS, OML, OMX, MSAM, OT1)', () => {
    // What each font draws of ⟨cmd⟩, |D| − 1, · ≤ ∈ →; G(V, E), u.v, α; Σ Σ ∫ ∏ (the letters are another font's).
    assert.equal(decodeTex(decoder('CMSY10'), 'hi j j \u00a1'), '\u27e8\u27e9 | | \u2212');
    assert.equal(decodeTex(decoder('CMSY10'), '\u0001 \u0014 2 !'), '\u00b7 \u2264 \u2208 \u2192');
    assert.equal(decodeTex(decoder('CMMI10'), 'GV;E u:v \u000b'), 'GV,E u.v \u03b1');
    assert.equal(decodeTex(decoder('CMEX10'), 'P X R Q'), '\u2211 \u2211 \u222b \u220f');
    assert.equal(decodeTex(decoder('MSAM10'), '6>'), '\u2a7d\u2a7e');
    assert.equal(decodeTex(decoder('CMR10'), '\u000c \u0001 \\'), 'fi \u2206 \u201c');
  });

  test("a character a glyph of the font reads as when mapped is never decoded (a working ToUnicode map's text)", () => {
    for (const [encoding, texts] of Object.entries(TEX_FONT_TABLE)) {
      const d = decoderOf(texts);
      for (const text of texts)
        if (text !== '') assert.equal(decodeTex(d, text), text, `${encoding} ${text}`);
    }
    // CMSY's bar, braces and backslash given as ASCII by its glyph names are not its codes for club, §, ∩.
    assert.equal(
      decodeTex(decoder('CMSY10'), '{|}\\ A \u00b1 \u00b7 \u00d7'),
      '{|}\\ A \u00b1 \u00b7 \u00d7',
    );
    // ASCII a ToUnicode map gives for asteriskmath, minus, similar, prime, periodcentered, angle brackets.
    assert.equal(decodeTex(decoder('LMMathSymbols7-Regular'), "*-~'.<>^"), "*-~'.<>^");
    assert.equal(decodeTex(decoder('CMR10'), '~^'), '~^');
    assert.equal(decodeTex(decoder('CMMI10'), '*'), '*');
  });

  test("TeX's negation slash, read before its sign, is composed with it", () => {
    assert.equal(decodeTex(decoder('CMSY10'), '6'), '\u0338');
    // The extractor writes a slash it decoded as U+E338 (DECODED_NEGATION_SLASH).
    assert.equal(
      composeNegations('i\uE338=0, x \uE338\u2208 A, a \uE338\u2261 b'),
      'i\u22600, x \u2209 A, a \u2262 b',
    );
    assert.equal(composeNegations('x \uE338 0'), 'x 0\u0338');
    assert.equal(composeNegations('no slash = here'), 'no slash = here');
    assert.equal(
      composeNegations('a =\u0338 b, x\u0338 y'),
      'a =\u0338 b, x\u0338 y',
      'a slash the PDF gives stays',
    );
    assert.equal(composeNegations('end \uE338'), 'end \u0338');
  });

  test('decoding is idempotent: no decoded text is itself decoded again', () => {
    for (const texts of Object.values(TEX_FONT_TABLE)) {
      const d = decoderOf(texts);
      for (const value of d.values()) {
        const text = typeof value === 'number' ? String.fromCodePoint(value) : value;
        assert.equal(decodeTex(d, text), text);
      }
    }
  });

  test("code 2 is the font's glyph (the extractor asks PDFium whether it is its line-end hyphen); pieces of big delimiters and © 's circle read as nothing", () => {
    assert.equal(decoder('CMSY10').get(2), 0xd7);
    assert.equal(decoder('CMSY10').get(0xa3), 0xd7);
    assert.equal(decoder('CMEX10').get(0x3f), '', 'arrowvertex');
    assert.equal(decoder('CMSY10').get(0x0d), '', 'circlecopyrt');
  });
});

describe('extraction of TeX fonts', () => {
  test('a page made by pdfTeX reads ⟨cmd⟩, not "hcmdi" (datatool user guide, p. 88)', async () => {
    const text = (await linesOf(new Uint8Array(readFileSync('test/fixtures/datatool-p88.pdf')))).join('\n');
    assert.match(text, /The result is stored in ⟨cmd⟩ which must be a control sequence\./);
    assert.match(text, /\\DTLsumforkeys\[⟨condition⟩\]\[⟨assign list⟩\]\{⟨db list⟩\}\{⟨key/);
    assert.doesNotMatch(text, /hcmdi|hconditioni/);
  });

  test('CMSY10 without a ToUnicode map is decoded; with one, and Helvetica, are left as they are', async () => {
    assert.deepEqual(await linesOf(makeTexSymbolsPdf()), [
      'The result is stored in ⟨cmd⟩',
      'It calls maxflow |D| − 1 times.',
      '⟨|A⟩',
      'Helvetica hcmdi jDj',
      'a ≰ b',
      'x ≠ 0 and a ⩽\u0338 b',
    ]);
  });
});
