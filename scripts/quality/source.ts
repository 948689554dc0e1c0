/**
 * The source text an evaluation checks a course against: poppler's `pdftotext` of every page (an extractor
 * independent of ProfAI's), the outline as qpdf reads it, and the "squeezed" form of a text (letters and digits
 * only, lower case, hyphenation at line ends undone) that makes a sentence comparable with a page whatever the
 * line breaks, ligatures, quotes or split words.
 */
import { execFileSync } from 'node:child_process';
import { type Matter, matterOfLines } from '../../src/pipeline/structure/matter.ts';

export interface SourcePage {
  page: number;
  text: string;
  squeezed: string;
  matter: Matter | null;
}

export interface SourceDocument {
  pages: SourcePage[];
  /** Squeezed text of the whole document. */
  squeezed: string;
  /** Words of running text (pages that are not front or back matter). */
  bodyWords: number;
  /** Sentences of at least eight words ending with a full stop, on body pages. */
  proseSentences: number;
  outlineEntries: number;
  /** Sentences of the document (plain pdftotext text, joined lines), for looking up a term's context. */
  sentences: string[];
}

/** Letters and digits only, lower case: the form in which texts are compared. */
export function squeeze(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/-\s*\n\s*/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Reads a PDF with pdftotext and qpdf. */
export function readSource(file: string, password?: string): SourceDocument {
  const args = ['-enc', 'UTF-8', ...(password ? ['-upw', password] : []), file, '-'];
  let raw = '';
  try {
    raw = execFileSync('pdftotext', args, {
      encoding: 'utf8',
      maxBuffer: 256 << 20,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    raw = '';
  }
  const texts = raw.split('\f');
  if (texts.length > 1 && texts.at(-1)!.trim() === '') texts.pop();
  const pages = texts.map((text, i) => ({
    page: i + 1,
    text,
    squeezed: squeeze(text),
    matter: matterOfLines(text.split('\n'), { firstPage: i === 0, at: i / Math.max(1, texts.length - 1) }),
  }));
  const body = pages.filter((p) => p.matter === null);
  const bodyText = body.map((p) => p.text).join('\n');
  const sentences = bodyText
    .replace(/-\n(?=\p{Ll})/gu, '')
    .split(/\n\s*\n/)
    .flatMap((block) => block.replace(/\s+/g, ' ').split(/(?<=[.!?])\s+(?=\p{Lu})/u))
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    pages,
    squeezed: pages.map((p) => p.squeezed).join(''),
    bodyWords: bodyText.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length,
    proseSentences: sentences.filter((s) => s.split(' ').length >= 8 && /[.!?]$/.test(s)).length,
    outlineEntries: outlineCount(file, password),
    sentences,
  };
}

function outlineCount(file: string, password?: string): number {
  try {
    const json = execFileSync(
      'qpdf',
      ['--json=2', '--json-key=outlines', ...(password ? [`--password=${password}`] : []), file],
      { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const count = (items: { kids?: unknown[] }[]): number =>
      items.reduce((n, it) => n + 1 + count((it.kids ?? []) as { kids?: unknown[] }[]), 0);
    return count((JSON.parse(json) as { outlines?: { kids?: unknown[] }[] }).outlines ?? []);
  } catch {
    return 0;
  }
}

/**
 * True when `text` is on page `page`: its squeezed form is in that page's, or (unless `strict`) it starts there
 * and runs on to the next page (at least its first 40% on the page, the rest at the start of the next).
 */
export function onPage(doc: SourceDocument, text: string, page: number, strict = false): boolean {
  const s = squeeze(text);
  const here = doc.pages[page - 1]?.squeezed ?? '';
  if (!s || !here) return false;
  if (here.includes(s)) return true;
  if (strict) return false;
  // The longest prefix of the sentence on this page (prefixes found are nested, so a binary search finds it).
  let [lo, hi] = [0, s.length - 1];
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (here.includes(s.slice(0, mid))) lo = mid;
    else hi = mid - 1;
  }
  if (lo < s.length * 0.4) return false;
  // The prefix must close the page (footers aside) and the rest open the next one.
  const end = here.lastIndexOf(s.slice(0, lo)) + lo;
  if (here.length - end > 300) return false;
  const rest = s.slice(lo);
  const next = doc.pages[page]?.squeezed ?? '';
  const at = next.indexOf(rest);
  return at >= 0 && at < 400;
}

/** True when `text` is anywhere in the document (each half of it, for sentences that cross a page). */
export function inDocument(doc: SourceDocument, text: string): boolean {
  const s = squeeze(text);
  if (!s) return false;
  if (doc.squeezed.includes(s)) return true;
  const half = Math.floor(s.length / 2);
  return doc.squeezed.includes(s.slice(0, half)) && doc.squeezed.includes(s.slice(half));
}

/** A sentence of the document's body containing `term` as a whole word, for tagging it in context. */
/** How many body sentences of the document use `term` as whole words (any case), counting to `max`. */
export function usesOf(doc: SourceDocument, term: string, max = 2): number {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
  let n = 0;
  for (const s of doc.sentences) if (re.test(s) && ++n >= max) break;
  return n;
}

export function contextOf(doc: SourceDocument, term: string): string | undefined {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu');
  for (const s of doc.sentences) {
    const m = re.exec(s);
    if (!m) continue;
    if (s.length < 400) return s;
    // A long run without full stops (tables, legal text): the words around the term.
    const from = s.lastIndexOf(' ', Math.max(0, m.index - 150)) + 1;
    const to = s.indexOf(' ', Math.min(s.length, m.index + m[0].length + 150));
    return s.slice(from, to < 0 ? s.length : to);
  }
  return undefined;
}
