/**
 * Reading a process's memory from /proc (Linux): RSS for limits, PSS for fair totals across processes
 * that share the node binary's pages.
 */
import { readFileSync } from 'node:fs';

const MB = 1024;

function statusField(text: string, field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text);
  return match ? Number(match[1]) / MB : null;
}

/** Resident set size of `pid` in MB, or null when the process is gone (or /proc is unavailable). */
export function readRssMb(pid: number): number | null {
  try {
    return statusField(readFileSync(`/proc/${pid}/status`, 'utf8'), 'VmRSS');
  } catch {
    return null;
  }
}

/** Proportional set size of `pid` in MB (shared pages divided among their users), or null. */
export function readPssMb(pid: number): number | null {
  try {
    return statusField(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss');
  } catch {
    return null;
  }
}

/** Rounds MB to one decimal for records and logs. */
export function roundMb(mb: number): number {
  return Math.round(mb * 10) / 10;
}

/**
 * Samples the RSS of the busy children every `intervalMs` and calls `onSample(pid, rssMb)` for each:
 * the pool tracks peaks and enforces the hard limit there. Returns a stop function.
 * @param intervalMs - sampling period. @defaultValue 200
 */
export function watchMemory(
  busyPids: () => number[],
  onSample: (pid: number, rssMb: number) => void,
  intervalMs = 200,
): () => void {
  const timer = setInterval(() => {
    for (const pid of busyPids()) {
      const rss = readRssMb(pid);
      if (rss !== null) onSample(pid, rss);
    }
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
