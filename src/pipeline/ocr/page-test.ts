/**
 * Which textless pages of a document that has a text layer are worth reading by OCR. Born-digital manuals leave
 * pages without text that are blank (a verso left empty) or drawings (a cover logo, a figure on its own page);
 * Tesseract spends 0.5–1.2 s on each to find nothing. A page drawn small ({@link PAGE_TEST}.dpi) tells them
 * apart from scanned text for a few milliseconds: text is many rows of ink separated by paler rows (its
 * lines), a drawing is a few large blots or none.
 *
 * Rules, in order (each named; examples in test/pipeline/ocr-page-test.test.ts):
 * - `blank`: less than {@link PAGE_TEST}.blankInk of the page is ink.
 * - `text rows`: at least {@link PAGE_TEST}.minTextRows bands of inked rows in one of {@link PAGE_TEST}.strips
 *   vertical strips (a row is inked when its ink is at least {@link PAGE_TEST}.rowInk of the strip's width and
 *   a fraction of the strip's typical inked row's) → read it.
 * - `too few rows`: otherwise (a logo, a figure, a photograph) → skipped.
 */
import type { GrayImage } from '../pdf/document.ts';

/** Every threshold of the test, in one place. */
export const PAGE_TEST = {
  /** Resolution the page is drawn at for the test (a US letter page: 612 × 792 pixels). */
  dpi: 72,
  /** A pixel darker than this (0–255) is ink. */
  darkBelow: 128,
  /** A page with less than this share of ink pixels is blank. */
  blankInk: 0.001,
  /** A row is inked when at least this share of its pixels is ink… */
  rowInk: 0.005,
  /** …and at least this share of the 90th percentile of the page's row ink (scan noise is paler than text). */
  rowOfTypical: 0.2,
  /**
   * The page is cut in this many vertical strips whose rows are counted apart: the lines of two columns, or of
   * a skewed scan, do not line up across the whole page.
   */
  strips: 4,
  /**
   * Bands of inked rows a page of text has at least in one strip: its lines. Measured at 72 dpi: scanned text
   * pages of the corpus have 15–77 (om-mixed-scan-text, om-scan-book-page, om-scan-wikipedia-de), the Debian
   * logo on debmake-doc's cover 5 (a spiral crossing the strip, and the word under it).
   */
  minTextRows: 8,
} as const;

export type PageVerdict =
  | { read: true; rule: 'text rows'; rows: number }
  | { read: false; rule: 'blank'; ink: number }
  | { read: false; rule: 'too few rows'; rows: number };

/** The test's verdict on a page drawn at (about) {@link PAGE_TEST}.dpi. */
export function judgePage(image: GrayImage): PageVerdict {
  const { width, height, pixels } = image;
  const strips = PAGE_TEST.strips;
  // Ink per row within each vertical strip.
  const rows = Array.from({ length: strips }, () => new Float64Array(height));
  let ink = 0;
  for (let y = 0; y < height; y++) {
    const start = y * width;
    for (let x = 0; x < width; x++) {
      if (pixels[start + x]! >= PAGE_TEST.darkBelow) continue;
      ink++;
      rows[Math.min(strips - 1, Math.floor((x * strips) / width))]![y]! += 1;
    }
  }
  const share = ink / Math.max(1, width * height);
  if (share < PAGE_TEST.blankInk) return { read: false, rule: 'blank', ink: share };
  const bands = Math.max(...rows.map((r) => inkedBands(r, width / strips)));
  return bands >= PAGE_TEST.minTextRows
    ? { read: true, rule: 'text rows', rows: bands }
    : { read: false, rule: 'too few rows', rows: bands };
}

/** Runs of inked rows in one strip (see the rules atop), i.e. its lines of text on a page of text. */
function inkedBands(counts: Float64Array, span: number): number {
  const shares = counts.map((c) => c / span);
  const sorted = Float64Array.from(shares).sort();
  const typical = sorted[Math.floor((sorted.length - 1) * 0.9)] ?? 0;
  const floor = Math.max(PAGE_TEST.rowInk, PAGE_TEST.rowOfTypical * typical);
  let bands = 0;
  let inBand = false;
  for (const r of shares) {
    const inked = r >= floor;
    if (inked && !inBand) bands++;
    inBand = inked;
  }
  return bands;
}
