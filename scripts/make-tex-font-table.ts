/**
 * Writes src/pipeline/pdf/tex-font-table.ts: for each TeX font encoding the extractor decodes (OMS, OML, OMX, the
 * AMS symbol fonts' and OT1), the Unicode text of each of its 128 glyph codes. A table of facts, read from two
 * files of a TeX distribution (Debian's texlive-base has both):
 * - the built-in encoding (`dup CODE /name put`) of one Type 1 font of each encoding (amsfonts' cmsy10.pfb…),
 * - pdfTeX's glyphtounicode.tex (`\pdfglyphtounicode{name}{HEX…}`), the glyph names' Unicode.
 *
 *   npx tsx scripts/make-tex-font-table.ts TEXMF_DIST   (e.g. /usr/share/texlive/texmf-dist)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.argv[2];
if (!root) throw new Error('usage: make-tex-font-table.ts TEXMF_DIST');

/** Encoding → the font whose built-in encoding defines it. */
const SOURCES: Record<string, string> = {
  OMS: 'fonts/type1/public/amsfonts/cm/cmsy10.pfb',
  OML: 'fonts/type1/public/amsfonts/cm/cmmi10.pfb',
  OMX: 'fonts/type1/public/amsfonts/cm/cmex10.pfb',
  MSAM: 'fonts/type1/public/amsfonts/symbols/msam10.pfb',
  MSBM: 'fonts/type1/public/amsfonts/symbols/msbm10.pfb',
  OT1: 'fonts/type1/public/amsfonts/cm/cmr10.pfb',
};

const unicodeOf = new Map<string, string>();
for (const m of readFileSync(join(root, 'tex/generic/pdftex/glyphtounicode.tex'), 'latin1').matchAll(
  /^\\pdfglyphtounicode\{([^}]+)\}\{([0-9A-F ]+)\}/gm,
))
  unicodeOf.set(
    m[1] as string,
    String.fromCharCode(...(m[2] as string).split(' ').map((h) => parseInt(h, 16))),
  );

/** Glyph names of cmex10 that glyphtounicode.tex lacks whose base has no entry either. */
const BASES: Record<string, string> = {
  angbracketleft: '\u27e8',
  angbracketright: '\u27e9',
  contintegral: '\u222e',
  vextendsingle: '|',
  vextenddouble: '\u2016',
};

/** Where glyphtounicode.tex is wrong: `Digamma` as D875 DFCB, a surrogate pair read as U+2D7CB (a CJK ideograph). */
const CORRECTIONS: Record<string, string> = { Digamma: '\u03dd' };

/**
 * A glyph's text: glyphtounicode.tex's (but {@link CORRECTIONS}), but none for a private-use code point (the pieces of big delimiters are
 * mapped to the Adobe Symbol font's private codes: text that shows nothing).
 */
function textOf(name: string): string {
  const text = CORRECTIONS[name] ?? unicodeOf.get(name) ?? BASES[name] ?? sized(name);
  return /[\ue000-\uf8ff]/.test(text) ? '' : text;
}

/**
 * OMX's sized glyphs (`parenleftBig`, `summationdisplay`) as their base glyph's text; the pieces big delimiters
 * and arrows are built of (`bracelefttp`, `braceex`, `arrowvertex`, `radicalbt`) and wide accents have none: a
 * delimiter built of four pieces must not read as four delimiters.
 */
function sized(name: string): string {
  if (/(?:tp|bt|ex|mid|vertex|vertexdbl|wide|wider|widest)$|^bracehtip/.test(name)) return '';
  const base = name.replace(/(?:big|Big|bigg|Bigg|text|display)$/, '');
  if (base === name) return '';
  return BASES[base] ?? unicodeOf.get(base) ?? '';
}

const literal = (text: string) =>
  [...text]
    .map((c) => {
      const u = c.codePointAt(0) as number;
      return u >= 0x21 && u < 0x7f && c !== "'" && c !== '\\' ? c : `\\u{${u.toString(16)}}`;
    })
    .join('');

const lines: string[] = [];
for (const [encoding, path] of Object.entries(SOURCES)) {
  // The built-in encoding is in the font's clear-text part, before `eexec`.
  const clear = readFileSync(join(root, path), 'latin1').split('eexec')[0] as string;
  const names: string[] = Array.from({ length: 128 }, () => '');
  for (const m of clear.matchAll(/dup (\d+) \/(\S+) put/g)) {
    const code = Number(m[1]);
    if (code < 128) names[code] = m[2] as string;
  }
  const texts = names.map((name) => (name === '' ? '' : textOf(name)));
  const missing = names.filter((name, code) => name !== '' && texts[code] === '');
  lines.push(
    `  // ${path.split('/').pop()}${missing.length ? `; no Unicode for ${missing.join(', ')}` : ''}`,
    `  ${encoding}: [`,
    ...texts.map((text, code) => `    '${literal(text)}', // ${`${code} ${names[code]}`.trim()}`),
    '  ],',
  );
}

writeFileSync(
  'src/pipeline/pdf/tex-font-table.ts',
  `/**
 * The Unicode text of each glyph code (0-127) of the TeX font encodings pdf/tex-fonts.ts decodes: the built-in
 * encodings of amsfonts' Type 1 fonts (cmsy10.pfb: OMS, cmmi10.pfb: OML, cmex10.pfb: OMX, msam10/msbm10.pfb, and
 * cmr10.pfb: OT1) with pdfTeX's glyphtounicode.tex for the glyph names. '' where the code has no glyph or the
 * glyph no Unicode (an extension piece). Made by \`npx tsx scripts/make-tex-font-table.ts TEXMF_DIST\` (TeX Live
 * 2022, Debian's texlive-base 2022.20230122-3); do not edit by hand.
 */
export const TEX_FONT_TABLE: Readonly<Record<string, readonly string[]>> = {
${lines.join('\n')}
};
`,
);
