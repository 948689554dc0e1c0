/**
 * Prefixed output of `profai up`: every line a child prints is written as `name   | line`, names padded to
 * one width so the bars line up, each name in its own colour when the output is a terminal.
 */
import { StringDecoder } from 'node:string_decoder';

/** ANSI colours given to names in turn (cyan, yellow, green, magenta, blue, red). */
const PALETTE = [36, 33, 32, 35, 34, 31];
const DIM = 90;

/** `name` padded to `width` and followed by `| `, coloured with ANSI `color` when `color` is set. */
export function formatPrefix(name: string, width: number, color?: number): string {
  const label = `${name.padEnd(width)}| `;
  return color === undefined ? label : `\x1b[${color}m${label}\x1b[0m`;
}

/**
 * Splits a byte stream into lines; `flush` returns the last partial line, if any. Bytes are decoded as UTF-8
 * across chunks: a character whose bytes a pipe delivers in two chunks comes out whole, not as two U+FFFD.
 */
export class LineSplitter {
  #rest = '';
  readonly #decoder = new StringDecoder('utf8');

  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.#decoder.write(chunk);
    const parts = (this.#rest + text).split('\n');
    this.#rest = parts.pop() ?? '';
    return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  flush(): string[] {
    const rest = this.#rest + this.#decoder.end();
    this.#rest = '';
    return rest ? [rest] : [];
  }
}

/** Where `up` writes: one prefix per name, computed once. */
export class PrefixedOutput {
  readonly #prefixes = new Map<string, string>();

  /**
   * @param names - every name that will print (their longest sets the width).
   * @param colors - colour the prefixes (a terminal). @defaultValue false
   */
  constructor(
    names: readonly string[],
    colors = false,
    private readonly out: NodeJS.WritableStream = process.stdout,
    private readonly err: NodeJS.WritableStream = process.stderr,
  ) {
    const width = Math.max(...names.map((n) => n.length));
    names.forEach((name, i) => {
      const color = !colors ? undefined : name === 'up' || name === 'db' ? DIM : PALETTE[i % PALETTE.length];
      this.#prefixes.set(name, formatPrefix(name, width, color));
    });
  }

  /** Writes `lines` of `name` to stdout (or stderr). */
  write(name: string, lines: readonly string[], toStderr = false): void {
    if (lines.length === 0) return;
    const prefix = this.#prefixes.get(name) ?? `${name}| `;
    (toStderr ? this.err : this.out).write(lines.map((l) => `${prefix}${l}\n`).join(''));
  }

  /** A line of `up` itself. */
  say(line: string): void {
    this.write('up', [line]);
  }
}
