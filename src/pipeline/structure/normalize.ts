/**
 * Text helpers shared by heading detection, outline mapping and recall: normalised titles and section
 * numbering ("2.3.1", "Chapter 4", "Appendix A", "IV.", "第2章").
 */

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** True when `text` holds a Han, kana or Hangul character. */
export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/** A parsed numbering prefix: how deep it nests and where the title after it starts. */
export interface Numbering {
  /** 1 for "3", "Chapter 3", "Appendix B", "IV", "第3章"; 2 for "3.1", "B.1", "第1節"; and so on. */
  depth: number;
  /** Length of the prefix in the (trimmed) text, separator included. */
  length: number;
  /** True for a keyword like "Chapter"/"Appendix"/"第…章": strong evidence of a heading on its own. */
  keyword: boolean;
}

const KEYWORD =
  /^(?:chapter|part|appendix|annex|kapitel|teil|anhang|chapitre|partie|annexe|cap[ií]tulo|parte|anexo|ap[eê]ndice|lesson|unit|module)\s+(?:\d{1,3}|[IVXLC]{1,6}|[A-Z])(?![\p{L}\p{N}])[.:]?/iu;
const CJK_KEYWORD = /^第\s*[0-9０-９一二三四五六七八九十百IVXⅠ-Ⅻ]+\s*([部章編節項])/u;
const DECIMAL = /^(\d{1,2}(?:\.\d{1,3}){0,4})\.?(?=\s|$|[^\p{N}.])/u;
const LETTERED = /^([A-Z](?:\.\d{1,3}){1,4})\.?(?=\s|$)/u;
const ROMAN = /^([IVX]{1,5})\.(?=\s)|^([IVX]{2,5})(?=\s+\p{Lu})/u;

/** The numbering that starts `text` (already trimmed), if any. */
export function parseNumbering(text: string): Numbering | null {
  let m = KEYWORD.exec(text);
  if (m) return { depth: 1, length: m[0].length, keyword: true };
  m = CJK_KEYWORD.exec(text);
  if (m) return { depth: m[1] === '節' ? 2 : m[1] === '項' ? 3 : 1, length: m[0].length, keyword: true };
  m = DECIMAL.exec(text);
  if (m) return { depth: m[1]!.split('.').length, length: m[0].length, keyword: false };
  m = LETTERED.exec(text);
  if (m) return { depth: m[1]!.split('.').length, length: m[0].length, keyword: false };
  m = ROMAN.exec(text);
  if (m) return { depth: 1, length: m[0].length, keyword: false };
  return null;
}

/** `text` without its numbering prefix and the separators after it. */
export function stripNumbering(text: string): string {
  const trimmed = text.trim();
  const numbering = parseNumbering(trimmed);
  if (!numbering) return trimmed;
  return trimmed.slice(numbering.length).replace(/^[\s.:\-–—)]+/u, '');
}

/**
 * A title reduced for comparison: NFKC, lower case, numbering removed, only letters and digits kept
 * (spaces dropped too, since PDF extraction often splits or joins words).
 */
export function normalizeTitle(text: string): string {
  return stripNumbering(text.normalize('NFKC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** The shortest normalised length a title may have to count as contained in another one. */
export function minContainedLength(text: string): number {
  return hasCjk(text) ? 2 : 4;
}

/** True when two normalised titles are equal, or the shorter (long enough) lies inside the longer. */
export function titlesMatch(a: string, b: string): boolean {
  if (a.length === 0 || b.length === 0) return false;
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= minContainedLength(short) && long.includes(short);
}
