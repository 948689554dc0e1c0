/** Where CLI commands write: results to stdout, messages and errors to stderr, one line each. */
import { describeError } from '../domain/errors.ts';

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** One line on stderr: `profai: <reason>`. */
export function printError(err: unknown, prefix = 'profai'): void {
  process.stderr.write(`${prefix}: ${describeError(err)}\n`);
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
