/**
 * Tesseract's lines of words (pixel boxes, confidences) → TextLines like a born-digital page's: in PDF points
 * with y growing upwards, the font size from the line's height, words below a confidence floor dropped, lines
 * in reading order by the same rules (columns too).
 */
import type { TextLine } from '../../domain/document.ts';
import { buildLines, type RawItem } from '../pdf/lines.ts';

/** A recognised word: its text, confidence (0–100) and box in pixels (y down). */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}

/** A recognised line (tesseract.js's `Line`, the parts used here). */
export interface OcrLine {
  words: OcrWord[];
  bbox: { x0: number; y0: number; x1: number; y1: number };
  baseline?: { x0: number; y0: number; x1: number; y1: number };
  /** Tesseract's row measures in pixels: x-height plus ascenders (`rowHeight`), and descenders. */
  rowAttributes?: { rowHeight: number; descenders: number; ascenders: number };
}

/** Words recognised with less confidence than this are noise (specks, pictures, ruling lines) and dropped. */
export const MIN_WORD_CONFIDENCE = 30;
/** Words of a line further apart than this many font sizes are separate runs (as PDFium's runs are). */
const RUN_GAP_EM = 0.8;

/** The page's drawing: its resolution and its size in points (to turn pixels into PDF coordinates). */
export interface PageGeometry {
  dpi: number;
  widthPt: number;
  heightPt: number;
}

/**
 * The lines of one OCR'd page and the mean confidence of the words kept (weighted by their length);
 * `confidence` is null when no word was kept. The words of a line become text runs on its baseline and the runs
 * go through the line builder of born-digital pages, so two-column scans are read column by column.
 */
export function ocrTextLines(
  lines: readonly OcrLine[],
  page: number,
  geometry: PageGeometry,
): { lines: TextLine[]; confidence: number | null } {
  const scale = 72 / geometry.dpi;
  const items: RawItem[] = [];
  let weighted = 0;
  let chars = 0;
  for (const line of lines) {
    const words = line.words.filter((w) => w.confidence >= MIN_WORD_CONFIDENCE && w.text.trim() !== '');
    if (words.length === 0) continue;
    const baseline =
      line.baseline && line.baseline.y0 > 0 ? (line.baseline.y0 + line.baseline.y1) / 2 : line.bbox.y1;
    const y = geometry.heightPt - baseline * scale;
    const size = fontSize(line, scale);
    let run: RawItem | undefined;
    for (const w of words) {
      const text = w.text.trim();
      weighted += w.confidence * text.length;
      chars += text.length;
      const x0 = w.bbox.x0 * scale;
      const x1 = w.bbox.x1 * scale;
      // Words close together are one run, as a born-digital line's are: single words would let the gutter search
      // find "columns" in the rivers of justified prose. A wide gap (a real column gap) starts a new run.
      if (run && x0 - (run.x + run.width) <= size * RUN_GAP_EM) {
        run.str += ` ${text}`;
        run.width = x1 - run.x;
      } else {
        run = { str: text, x: x0, y, width: x1 - x0, size, bold: false };
        items.push(run);
      }
    }
  }
  const box = { left: 0, right: geometry.widthPt };
  return { lines: buildLines(items, page, box), confidence: chars === 0 ? null : weighted / chars };
}

/**
 * The line's font size in points: x-height, ascenders and descenders together span about one em; without
 * row measures, the box height over 1.2 (the usual line height). Rounded to half points, so that lines of one
 * size read as one size despite a pixel's jitter.
 */
function fontSize(line: OcrLine, scale: number): number {
  const row = line.rowAttributes;
  const px =
    row && row.rowHeight > 0
      ? row.rowHeight + Math.max(0, row.descenders)
      : (line.bbox.y1 - line.bbox.y0) / 1.2;
  return Math.max(1, Math.round(px * scale * 2) / 2);
}
