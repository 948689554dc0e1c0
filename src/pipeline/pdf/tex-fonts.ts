/**
 * Decoding the text of TeX's own fonts (Computer Modern's math symbols, math italic and extension, the AMS symbol
 * fonts, OT1 text) where the PDF gives no usable Unicode for them.
 *
 * pdfTeX and dvips embed these Type 1 fonts with their built-in encoding and, unless asked, no ToUnicode map;
 * PDFium then reads a glyph's Unicode from its name when the name is a standard one (`minus`, `multiply`) and
 * gives the glyph's code otherwise, as a Latin-1 character: ⟨cmd⟩ reads "hcmdi" (`angbracketleft` is code 0x68).
 * Other makers (TeXmacs) write a ToUnicode map from each code to itself, or to the code moved to 0xA1-0xC4 where
 * it is below 0x21 (the copy those fonts' encodings hold there): |D| − 1 reads "jDj ¡ 1".
 *
 * So for a font of one of these families (by its base name), the characters PDFium can only have given as a raw
 * code are decoded by the family's table (tex-font-table.ts). A character that some glyph of the family reads as
 * when its Unicode is known is left alone: a font with a working ToUnicode map (or standard glyph names) gives
 * the right text already, and e.g. CMSY's '|' is its `bar`, whose name PDFium knows, not its code 0x7C (`club`).
 */
import { TEX_FONT_TABLE } from './tex-font-table.ts';

/**
 * What PDFium's character → the text it stands for, in one font: a code point, or a string (a ligature, a
 * character past U+FFFF, '' for a glyph with no text such as a piece of a big delimiter).
 */
export type TexDecoder = ReadonlyMap<number, number | string>;

/** Base font names (without a subset prefix) → the encoding of their codes. Case matters: `Cmr10` is another font. */
const FAMILIES: readonly [RegExp, string][] = [
  [/^(?:CMSY|CMBSY)\d+$|^LMMathSymbols\d+-(?:Regular|Bold)$/, 'OMS'],
  [/^CMMIB?\d+$|^LMMathItalic\d+-(?:Regular|Bold)$/, 'OML'],
  [/^CMEX\d+$|^LMMathExtension\d+-Regular$/, 'OMX'],
  [/^MSAM\d+$/, 'MSAM'],
  [/^MSBM\d+$/, 'MSBM'],
  // OT1 text fonts; the typewriter ones (CMTT…) put ASCII where these have ligatures and accents.
  [/^CM(?:R|BX|SL|TI|BXTI|BXSL|B|CSC|SS|SSBX|SSI|SSDC|DUNH|FIB|FF|FI|U)\d+$/, 'OT1'],
];

/**
 * The character PDFium gives for glyph code `code` when it knows no Unicode for it: the code itself, and the copy
 * these fonts' built-in encodings keep at 0xA1-0xAA (codes 0-9), 0xAD-0xC3 (10-32), 0xC4 (127) and 0x80 (32).
 */
function rawCharacters(code: number): number[] {
  if (code <= 9) return [code, 0xa1 + code];
  if (code <= 32) return code === 32 ? [code, 0xad + 22, 0x80] : [code, 0xad + code - 10];
  return code === 127 ? [code, 0xc4] : [code];
}

/**
 * ASCII a ToUnicode map may give for a glyph of these fonts instead of its Unicode, by encoding: never decoded, as
 * a glyph's own text is not. LMMathSymbols7's `asteriskmath` as '*' in beamer's guide, texinfo's OT1 `tilde` as
 * '~'; OMS's `minus`, `similar`, `prime`, `periodcentered`, angle brackets and `logicaland` likewise, OML's `star`,
 * OMX's big angle brackets. MSAM and MSBM have none: giac's MSAM10 '>' is its code for ⩾.
 */
const ASCII_STAND_INS: Readonly<Record<string, string>> = { OMS: "*-~'.<>^", OML: '*', OMX: '<>', OT1: '~^' };

/**
 * Glyphs whose text read in running text does more harm than none: `circlecopyrt` (U+20DD, an enclosing circle)
 * is the circle TeX draws around a 'c' for ©, and before the 'c' it made "Copyright ⃝c".
 */
const SILENT: Readonly<Record<string, readonly number[]>> = { OMS: [13] };

/** A space is white space to the extractor before any font is asked (OMS's code 32 is `arrowleft`). */
const SPACE = 0x20;

/**
 * Makes `texts` (code → text) into a decoder (see {@link TexDecoder}); `standIns` are never decoded, `silent`
 * codes decode to nothing.
 */
export function decoderOf(
  texts: readonly string[],
  standIns = '',
  silent: readonly number[] = [],
): TexDecoder {
  texts = texts.map((text, code) => (silent.includes(code) ? '' : text));
  const known = new Set([...texts.filter((text) => text !== ''), ...standIns]);
  const decoder = new Map<number, number | string>();
  texts.forEach((text, code) => {
    for (const raw of rawCharacters(code)) {
      const seen = String.fromCharCode(raw);
      if (raw === SPACE || seen === text || known.has(seen) || decoder.has(raw)) continue;
      const point = text.codePointAt(0);
      decoder.set(raw, point !== undefined && String.fromCodePoint(point) === text ? point : text);
    }
  });
  return decoder;
}

const decoders = new Map<string, TexDecoder>();

/**
 * The decoder for a font by its base name (a subset prefix `ABCDEF+` is ignored), or undefined when the font is
 * not one of TeX's.
 */
export function texDecoder(baseFontName: string): TexDecoder | undefined {
  const name = baseFontName.replace(/^[A-Z]{6}\+/, '');
  if (!name.startsWith('CM') && !name.startsWith('MS') && !name.startsWith('LMMath')) return undefined;
  const encoding = FAMILIES.find(([pattern]) => pattern.test(name))?.[1];
  if (encoding === undefined) return undefined;
  let decoder = decoders.get(encoding);
  if (decoder === undefined) {
    decoder = decoderOf(
      TEX_FONT_TABLE[encoding] as readonly string[],
      ASCII_STAND_INS[encoding],
      SILENT[encoding],
    );
    decoders.set(encoding, decoder);
  }
  return decoder;
}

/** U+0338, OMS's `negationslash`: TeX draws it before the sign it strikes (`\not=`). */
export const NEGATION_SLASH = 0x338;

/**
 * What the extractor writes for a negation slash it decoded (a private-use character), so that
 * {@link composeNegations} moves TeX's slashes only: a U+0338 the PDF gives as such is already after its sign
 * ("⩽̸" decoded from MSBM).
 */
export const DECODED_NEGATION_SLASH = 0xe338;

/**
 * `text` with each decoded negation slash ({@link DECODED_NEGATION_SLASH}) moved after the character it strikes,
 * composed where Unicode has one character for both: TeX's ≠ as read becomes "≠", its ∉ "∉"; a space between them is
 * dropped. A slash with nothing after it stays a U+0338.
 */
export function composeNegations(text: string): string {
  return text
    .replace(/\uE338 ?(\P{M})/gu, (_, c: string) => `${c}\u0338`.normalize('NFC'))
    .replaceAll('\uE338', '\u0338');
}

/** `text` with each character decoded by `decoder` (for tests and callers outside the extractor's loop). */
export function decodeTex(decoder: TexDecoder, text: string): string {
  let out = '';
  for (const c of text) {
    const d = decoder.get(c.codePointAt(0) as number);
    out += d === undefined ? c : typeof d === 'number' ? String.fromCodePoint(d) : d;
  }
  return out;
}
