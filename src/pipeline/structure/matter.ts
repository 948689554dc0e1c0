/**
 * Front and back matter: title pages, licences and copyright notices, tables of contents, lists of figures,
 * indexes, bibliographies, acknowledgements. They are metadata or term sources, never lessons or questions.
 *
 * Recognised by a section's title ("Contents", "Index", "References", "GNU Free Documentation License", in
 * every language's words: see src/pipeline/language) or by
 * what its text looks like (lines ending in page numbers, "term, 12, 45" lines, citation keys, licence words).
 * The same rules judge the evaluation's pages (scripts/quality), so what the course drops is what is counted.
 */

import type { Matter } from '../../domain/document.ts';
import { MATTER_TITLES } from '../language/xx/index.ts';
import { collapseWhitespace } from '../pdf/text.ts';

export type { Matter };

/** The kind of matter a section title names, or null for ordinary content. */
export function matterOfTitle(title: string): Matter | null {
  const t = title
    .toLowerCase()
    .replace(/^(?:appendix\s+[a-z0-9]+[.:]?\s*|[0-9]+(?:\.[0-9]+)*\.?\s+|[a-z][.)]\s+)/u, '')
    .replace(/[\s:.]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (const [kind, patterns] of MATTER_TITLES) if (patterns.some((re) => re.test(t))) return kind;
  return null;
}

/** A line of a table of contents: dot leaders, or words followed by a page number. */
const CONTENTS_LINE = /(?:\.\s*){3,}\s*[0-9ivxlc]+$|^\S.{2,100}?\s[0-9]{1,4}$/iu;
/** A line of an index: a term, then page numbers ("transaction, 12, 45–47"; "See also …"). */
const INDEX_LINE = /^[^.!?]{1,80}?[,\s]\s*[0-9]{1,4}(?:\s*[-–,]\s*[0-9]{1,4})*\.?$|^\s*see (?:also )?\S/iu;
/** A bibliography entry: a citation key, or author, year and venue. */
const CITATION = /^\s*\[[A-Za-z][A-Za-z0-9+.-]{0,12}\]|^\s*\[[0-9]{1,3}\]\s+\p{Lu}/u;
const YEAR_ENTRY =
  /\b(?:19|20)[0-9]{2}[a-z]?\b.*(?:pp\.|vol\.|proc\.|proceedings|journal|press|conference|isbn)/iu;
/** Words of licences and copyright notices. */
const LEGAL =
  /copyright|©|\(c\)\s*(?:19|20)\d\d|all rights reserved|permission is (?:hereby )?granted|licen[cs]e[ds]?\b|warrant(?:y|ies)|trademarks?|\bisbn\b|without (?:any )?(?:express|implied)|redistribut|liability/giu;

/** Where a run of lines stands in its document. */
export interface Place {
  /** On the first page, where a title page stands. */
  firstPage?: boolean;
  /** Position in the document, 0 (start) to 1 (end): an index stands in the last third. @defaultValue 1 */
  at?: number;
}

/**
 * The kind of matter a run of lines (a page, or a section's text) looks like, or null for body text. Lines
 * of numbers alone (tables) are not a table of contents: that needs dot leaders, or a place near the start.
 */
export function matterOfLines(lines: readonly string[], place: Place = {}): Matter | null {
  const { firstPage = false, at = 1 } = place;
  const rows = lines.map(collapseWhitespace).filter((l) => l.length > 0);
  if (rows.length === 0) return null;
  const share = (re: RegExp) => rows.filter((r) => re.test(r)).length / rows.length;
  const words = wordCount(rows);
  if (rows.length >= 5 && share(/(?:\.\s*){3,}\s*[0-9ivxlc]+$/iu) >= 0.5) return 'contents';
  const prose = share(/[.!?]["')\]]?$/u);
  if (at >= 0.66 && rows.length >= 8 && share(INDEX_LINE) >= 0.6 && prose < 0.2) return 'index';
  if (at <= 0.15 && rows.length >= 6 && share(CONTENTS_LINE) >= 0.6 && prose < 0.15) return 'contents';
  if (share(CITATION) >= 0.3 || (rows.length >= 4 && shareOfYearEntries(rows) >= 0.4)) return 'bibliography';
  const text = rows.join(' ');
  const legal = mayBeLegal(text) ? (text.match(LEGAL)?.length ?? 0) : 0;
  if (legal >= 3 && legal * 60 >= words) return 'licence';
  if (firstPage && words < 80 && !rows.some((r) => r.split(' ').length >= 10 && /[.!?]$/u.test(r)))
    return 'title-page';
  return null;
}

/** Words of the rows (collapsed: one space between words), as `rows.join(' ').split(' ').length`, uncopied. */
function wordCount(rows: readonly string[]): number {
  let words = 0;
  for (const row of rows) {
    words++;
    for (let i = row.indexOf(' '); i >= 0; i = row.indexOf(' ', i + 1)) words++;
  }
  return words;
}

/** Share of the rows that are {@link YEAR_ENTRY}s; a row without "19" or "20" cannot be one (no pattern run). */
function shareOfYearEntries(rows: readonly string[]): number {
  let entries = 0;
  for (const row of rows) if ((row.includes('19') || row.includes('20')) && YEAR_ENTRY.test(row)) entries++;
  return entries / rows.length;
}

/**
 * Text that every {@link LEGAL} match contains, lower-cased. The pattern is tried at every position of a section's
 * text (a third of the structure stage when run on every section), these substrings are found by a fast search.
 */
const LEGAL_KEYS = [
  'copyright',
  '©',
  '(c)',
  'all rights reserved',
  'permission is ',
  'licen',
  'warrant',
  'trademark',
  'isbn',
  'without express',
  'without implied',
  'without any express',
  'without any implied',
  'redistribut',
  'liability',
];
/** The two characters that match an ASCII letter of {@link LEGAL} case-insensitively but do not lower-case to it. */
const FOLDS_TO_ASCII = /[\u017f\u212a]/u;

/**
 * False when `text` cannot hold a {@link LEGAL} match: none of {@link LEGAL_KEYS} in its lower case. A match's
 * letters are ASCII letters of either case, long s or the Kelvin sign (what /iu folds to an ASCII letter), so
 * text with neither of those two holds the key of its match in lower case.
 */
function mayBeLegal(text: string): boolean {
  if (FOLDS_TO_ASCII.test(text)) return true;
  const lower = text.toLowerCase();
  return LEGAL_KEYS.some((key) => lower.includes(key));
}

/** True for kinds that are never lessons or questions (everything but a glossary). */
export const isSkippedMatter = (kind: Matter | null): boolean => kind !== null && kind !== 'glossary';

/** A bibliography-like fragment inside a sentence: "[KD91]", "[12]". */
export const CITATION_KEY = /\[[A-Z][A-Za-z+]{0,6}[0-9]{2}[a-z]?\]|\[[0-9]{1,3}(?:,\s*[0-9]{1,3})*\]/u;
