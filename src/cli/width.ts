/**
 * Text measured as a terminal shows it: East Asian wide characters take two columns, combining marks and ANSI
 * colours none (`'日本'.length` is 2, its display width 4). The CLI's table and progress line pad and cut by it.
 */
import stringWidth from 'string-width';

export const displayWidth = (text: string): number => stringWidth(text);

/** `text` followed by spaces up to `width` columns. */
export const padEndColumns = (text: string, width: number): string =>
  text + ' '.repeat(Math.max(0, width - displayWidth(text)));

/** `text` preceded by spaces up to `width` columns. */
export const padStartColumns = (text: string, width: number): string =>
  ' '.repeat(Math.max(0, width - displayWidth(text))) + text;

/** The longest start of `text` that fits in `width` columns (a wide character is not cut in half). */
export function cutToColumns(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of new Intl.Segmenter().segment(text)) {
    const w = displayWidth(segment);
    if (used + w > width) break;
    out += segment;
    used += w;
  }
  return out;
}
