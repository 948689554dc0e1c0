/**
 * Text clean-up that keeps the text as printed: ligatures spelled out, invisible characters dropped, words
 * broken at line ends joined again. Deliberately not NFKC (it would rewrite superscripts, fractions, CJK widths).
 */
import type { TextLine } from '../../domain/document.ts';

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

/**
 * TeX's T1 (Cork) encoding puts its ligatures at control codes 0x1B-0x1F (ff, fi, fl, ffi, ffl), and PDFs typeset
 * with its Type 3 bitmap fonts carry no Unicode map, so the codes come out as they are ("de\x1Cned"); pdftotext
 * gives the same codes. Read as ligatures only inside a Latin word: a code with a Latin letter on either side (T1
 * sets Latin text; next to a CJK or Hebrew letter the code is something else).
 */
const T1_LIGATURES: Record<string, string> = {
  '\x1B': 'ff',
  '\x1C': 'fi',
  '\x1D': 'fl',
  '\x1E': 'ffi',
  '\x1F': 'ffl',
};
const T1_LIGATURE = /(?<=\p{Script=Latin})[\x1B-\x1F]|[\x1B-\x1F](?=\p{Script=Latin})/gu;

/**
 * T1's en dash (0x15) and em dash (0x16), read as dashes in the same kind of context: a Latin letter or a digit on
 * either side ("pages 3\x154", "elements\x16the", "\x15with-extras" for TeX's `--with-extras`). T1's quotes
 * (0x10, 0x11) are left as spaces: other encodings put other things there.
 */
const T1_DASHES: Record<string, string> = { '\x15': '\u2013', '\x16': '\u2014' };
const T1_DASH = /(?<=[\p{Script=Latin}0-9])[\x15\x16]|[\x15\x16](?=[\p{Script=Latin}0-9])/gu;

/**
 * Control characters other than tab, line feed and carriage return, C0 and C1 (U+0080-U+009F): they have no
 * meaning in printed text (in T1 fonts they are quotes, dashes and accents) and must never reach a reader; each
 * becomes a space, so the words on either side stay apart.
 */
const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/g;

/**
 * LaTeX's accents (\\"o, \\'e, \\`e, \\^o, \\~n, \\v{c}, \\r{a}) set as two glyphs come out as a spacing diacritic before its
 * letter ("Gr¨obner", "Kr¨amer", "Poincar´e": gfan, cddlib and lmtest manuals, fresh set 11; "syst`eme", "r´eel",
 * "ˆetre", "`a", "Benoˆıt": lisaac's French quick start, fresh set 14). Joined with the Latin letter after it into one
 * character (NFC), only where one exists and only for letters that take the accent in Latin scripts: an acute before
 * "s" or "t" is an apostrophe typed wrong ("user´s", "don´t"). TeX's dotless i (\\^{\\i}) takes the accent as "i".
 */
const SPACING_ACCENTS: Record<string, [combining: string, letters: RegExp]> = {
  '\u00A8': ['\u0308', /[aeiouyıAEIOUY]/u],
  '\u00B4': ['\u0301', /[aeiouycnıAEIOUYCN]/u],
  '\u0060': ['\u0300', /[aeiouıAEIOU]/u],
  '\u02C6': ['\u0302', /[aeiouıAEIOU]/u],
  '\u02DC': ['\u0303', /[anoANO]/u],
  '\u02C7': ['\u030C', /[cszrenCSZREN]/u],
  '\u02DA': ['\u030A', /[auAU]/u],
};
/**
 * Where such an accent is a letter's:
 * - inside a word, after two letters or a word's one capital and before a lower-case letter ("Gr¨obner", "Z¨urich",
 *   "Poincar´e", "Benoˆıt"), not an acute after "qu" but on "e" ("expliqu´e"; "qu´il" is elided); a grave there only
 *   on an "e" that a letter follows, not one consonant alone but "s" ("syst`eme", "apr`es"; "let`em"), or on an "a"
 *   or "u" ending the word ("voil`a"; "ma`am"), not after "qu" ("qu`il") and not with a backquote ending the word
 *   ("xs`elem`ys");
 * - opening a word, before a capital and a lower-case letter ("´Ecole", "ˇCech"), not after "/" or "~" and not a
 *   circumflex (a control key: "Press ˆA");
 * - an acute or grave after a word's one lower-case letter that French never elides before an apostrophe (not c, d,
 *   j, l, m, n, q, s, t), before a vowel the word goes on after ("r´eel", "r`egle", "h´eritage");
 * - a circumflex after a word's one lower-case letter, or an acute or circumflex opening a word, before a vowel and
 *   two or more lower-case letters that end the word with no quote after them ("mˆeme", "´ecrit", "ˆetre"), nor
 *   an acute that closes a quote later in the line (within 80 characters: "´use strict´");
 * - a grave alone before "a" as a word of its own ("`a la", French "à"), before white space or ",;:!?", unless a
 *   quote closes later in the line (within 80 characters: Texinfo's "`a file name'", "`a.out'"; "`a l'école" joins).
 * Elsewhere it is no accent of a letter: a quote or an apostrophe ("O´Neil", "D´Angelo", "l´exemple", "the ´echo´
 * command"), a tilde in a path ("/˜andrew/", "˜nobody"), a mark over a variable ("xˆi", "˜x", "v˜i": GeoTopo, the
 * corpus), code in backquotes ("`ls`", "`cat`s").
 */
const SPACING_ACCENT = new RegExp(
  [
    /(?<=\p{L}\p{L}|(?<![\p{L}\p{N}])\p{Lu})(?!(?<=qu)\u00B4(?!e))([\u00A8\u00B4\u02C6\u02DC\u02C7\u02DA])([a-zı])/u
      .source,
    /(?<=\p{L}\p{L}|(?<![\p{L}\p{N}])\p{Lu})(?<!qu)(\u0060)(?:(e)(?=\p{Ll})(?!(?!s)\p{Ll}(?!\p{L}))|([au])(?!\p{L}))(?!\p{Ll}*\u0060)/u
      .source,
    /(?<![\p{L}\p{N}/~])([\u00A8\u00B4\u02DC\u02C7\u02DA])([A-Z])(?=\p{Ll})/u.source,
    /(?<=(?<![\p{L}\p{N}])[abefghikopruvwxyz])(?:(\u00B4)([aeiouy])|(\u0060)(e)(?!\p{Ll}*\u0060))(?=\p{Ll})/u
      .source,
    /(?<=(?<![\p{L}\p{N}])\p{Ll})(\u02C6)([aeiouı])(?=\p{Ll}{2,}(?![\p{L}\u00B4\u0060'’]))/u.source,
    /(?<![\p{L}\p{N}/~\u00B4\u0060])([\u00B4\u02C6])([aeiou])(?=\p{Ll}{2,}(?![\p{L}\u00B4\u0060'’]))(?![^\n\u00B4]{0,80}\u00B4(?!\p{L}))/u
      .source,
    /(?<![\p{L}\p{N}\u0060'’])(\u0060)(a)(?=[\s,;:!?]|$)(?![^\n\u0060']{0,80}'(?!\p{L}))/u.source,
  ].join('|'),
  'gu',
);

/** The accent and letter of a {@link SPACING_ACCENT} match (each alternative captures the two, in that order). */
function joinAccent(pair: string, ...groups: unknown[]): string {
  const [accent, letter] = groups.filter((g): g is string => typeof g === 'string');
  const [combining, letters] = SPACING_ACCENTS[accent!]!;
  if (!letters.test(letter!)) return pair;
  const joined = ((letter === 'ı' ? 'i' : letter!) + combining).normalize('NFC');
  return [...joined].length === 1 ? joined : pair;
}

/**
 * A bullet that some producers write as a symbol font's code with no Unicode map, which comes out as a C1 control:
 * gov-va-newsletter (corpus) prints a square bullet from Wingdings as U+0083 (pdftotext gives the same code), the
 * list's other items having "•". No other code is read so: the corpus has no other C1 code, and 0x88 is no bullet
 * in PDFDocEncoding (‹), Windows-1252 (ˆ) or Mac Roman (à). Read as the bullet only where a bullet stands: at a
 * line's start (after white space at most, line breaks not counted as white space, for `^` reads them as line
 * starts) and before white space or the end of the run; anywhere else it is a control like any other, and becomes
 * a space.
 */
const CONTROL_BULLETS: Record<string, string> = { '\x83': '\u25AA' };
const CONTROL_BULLET = /^([^\S\n\r\u2028\u2029]*)(\x83)(?=\s|$)/gm;
const ANY_CONTROL_BULLET = new RegExp(`[${Object.keys(CONTROL_BULLETS).join('')}]`);

/** Whether `s` holds a code {@link cleanText} may read as a bullet: only then does its `startsLine` change anything. */
export const holdsControlBullet = (s: string): boolean => ANY_CONTROL_BULLET.test(s);

/** Ligatures, zero-width characters, BOMs, control characters and spacing accents; soft hyphens are handled by {@link dehyphenate}. */
const SPECIAL =
  /[\uFB00-\uFB06\u200B-\u200D\u2060\uFEFF\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\u00A8\u00B4\u0060\u02C6\u02DC\u02C7\u02DA]/;
const UNICODE_LIGATURE = /[\uFB00-\uFB06\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Spells out ligatures (Unicode's, and T1's inside Latin words), reads T1's dashes next to Latin letters or
 * digits and control bullets at a line's start, drops zero-width characters, blanks control characters and joins a spacing accent with its letter. Fast
 * path when there is nothing to do. `startsLine`: whether `s` begins a line of page text; only the line builder
 * knows that, so titles and metadata (no evidence of such bullets there) and runs that may continue a line do not.
 */
export function cleanText(s: string, startsLine = false): string {
  if (!SPECIAL.test(s)) return s;
  const text = s
    .replace(UNICODE_LIGATURE, (c) => LIGATURES[c] ?? '')
    .replace(T1_LIGATURE, (c) => T1_LIGATURES[c] ?? c)
    .replace(T1_DASH, (c) => T1_DASHES[c] ?? c);
  const bulleted = text.replace(CONTROL_BULLET, (whole, space: string, code: string, at: number) =>
    at === 0 && !startsLine ? whole : space + (CONTROL_BULLETS[code] ?? code),
  );
  return bulleted.replace(CONTROL, ' ').replace(SPACING_ACCENT, joinAccent);
}

const NOT_SPACE = /\S/;

/**
 * `s.trim() === ''` without making the trimmed string: `\s` is the set `trim` removes (white space and line
 * terminators). Asked of every text run of every page.
 */
export const isBlank = (s: string): boolean => !NOT_SPACE.test(s);

/** Whitespace that {@link collapseWhitespace} would change. */
const UNTIDY_SPACE = /[^\S ]|\s\s|^\s|\s$/;

/**
 * Runs of whitespace as one space, none at either end: `replace(/\s+/g, ' ').trim()`, without making a new string
 * for text that is tidy already (most lines are).
 */
export function collapseWhitespace(s: string): string {
  return UNTIDY_SPACE.test(s) ? s.replace(/\s+/g, ' ').trim() : s;
}

const ENDS_HYPHENATED = /(\p{Ll})[-\u00AD]$/u;
const STARTS_LOWER = /^\p{Ll}/u;

/**
 * Joins words broken at line ends, in place: when a line ends with a lower-case letter and a hyphen (or a soft
 * hyphen) and the next line starts lower-case, the hyphen goes and the next line's first word moves up
 * ("adip-" / "iscing elit" → "adipiscing" / "elit"). A next line left empty is removed. Other soft hyphens are
 * dropped. `lines` must be in reading order.
 */
export function dehyphenate(lines: TextLine[]): TextLine[] {
  const out: TextLine[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as TextLine;
    const next = lines[i + 1];
    if (next && ENDS_HYPHENATED.test(line.text) && STARTS_LOWER.test(next.text)) {
      const space = next.text.indexOf(' ');
      const word = space < 0 ? next.text : next.text.slice(0, space);
      line.text = line.text.slice(0, -1) + word;
      next.text = space < 0 ? '' : next.text.slice(space + 1);
    }
    if (line.text.includes('\u00AD')) line.text = line.text.replace(/\u00AD/g, '');
    if (line.text !== '') out.push(line);
  }
  return out;
}
