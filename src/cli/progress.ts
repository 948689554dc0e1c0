/**
 * Progress on a terminal: one line per file, redrawn in place, with a bar for page-by-page stages.
 * Off the terminal (pipes, CI logs) it prints nothing: the summary table says what happened.
 */
import type { StageName } from '../domain/document.ts';
import { cutToColumns } from './width.ts';

const BAR_WIDTH = 24;
/** Redraw at most this often: a 400-page extraction reports 400 times in a second or two. */
const MIN_REDRAW_MS = 50;

export interface ProgressLine {
  update(stage: StageName, done: number, total: number): void;
  /** Clears the line so the next output starts clean. */
  done(): void;
}

export function progressLine(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  if (!stream.isTTY) return { update() {}, done() {} };
  let last = 0;
  return {
    update(stage, done, total) {
      const now = Date.now();
      if (now - last < MIN_REDRAW_MS && done < total) return;
      last = now;
      stream.write(`\r\x1b[2K${progressText(label, stage, done, total, stream.columns ?? 80)}`);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}

/**
 * The progress line's text, cut to fit a terminal `columns` wide less one (so it never wraps): by display width,
 * so that a Japanese file name does not overflow the line.
 */
export function progressText(
  label: string,
  stage: string,
  done: number,
  total: number,
  columns: number,
): string {
  return cutToColumns(`${label}  ${stage.padEnd(9)} ${total > 1 ? renderBar(done, total) : ''}`, columns - 1);
}

/** `[██████░░░░] 120/400` */
export function renderBar(done: number, total: number, width = BAR_WIDTH): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`;
}
