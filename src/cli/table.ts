/** Plain-text tables for terminal output: columns padded to their display width, numbers right-aligned. */
import { displayWidth, padEndColumns, padStartColumns } from './width.ts';

export type Cell = string | number;

export function renderTable(headers: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const widths = headers.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(String(r[i] ?? '')))),
  );
  const line = (cells: readonly Cell[]) =>
    cells
      .map((c, i) =>
        typeof c === 'number' ? padStartColumns(String(c), widths[i]!) : padEndColumns(String(c), widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
