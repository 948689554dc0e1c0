/**
 * Progress on a terminal: one line per file, redrawn in place, with a bar for page-by-page stages.
 * Off the terminal (pipes, CI logs) it prints nothing: the summary table says what happened.
 */
import type { StageName } from '../domain/document.ts';

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
      const width = stream.columns ?? 80;
      const text = `${label}  ${stage.padEnd(9)} ${total > 1 ? renderBar(done, total) : ''}`;
      stream.write(`\r\x1b[2K${text.slice(0, width - 1)}`);
    },
    done() {
      stream.write('\r\x1b[2K');
    },
  };
}

/** `[██████░░░░] 120/400` */
export function renderBar(done: number, total: number, width = BAR_WIDTH): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${done}/${total}`;
}
