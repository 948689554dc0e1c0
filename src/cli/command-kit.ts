/**
 * What every command module uses: argument parsers and `run`, which loads the configuration once and turns
 * any error into one line on stderr and exit code 1.
 *
 * A command module exports `register(program)`; it must stay light (options only) and import its
 * implementation lazily inside the action, so `profai process` never loads Fastify or BullMQ.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { type Config, loadConfig } from '../config.ts';
import { printError } from './output.ts';

export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

export function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}

export function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError('expected a whole number');
  return n;
}

const DURATION_UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A duration such as `30m`, `2h`, `1d` or `45s`, in ms. */
export function duration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd])$/.exec(value.trim());
  if (!m || Number(m[1]) <= 0)
    throw new InvalidArgumentError('expected a duration such as 30m, 2h or 1d (units s, m, h, d)');
  return Number(m[1]) * DURATION_UNITS[m[2]!]!;
}

/** Runs a command body with the configuration; its return value is the exit code. */
export function run(
  overrides: (opts: Record<string, unknown>) => Partial<Record<keyof Config, unknown>>,
  body: (config: Config, ...args: never[]) => Promise<number>,
) {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    try {
      const config = loadConfig(process.env, overrides(command.opts()));
      process.exitCode = await body(config, ...(args.slice(0, -1) as never[]));
    } catch (err) {
      printError(err);
      process.exitCode = 1;
    }
  };
}

/** For commands whose flags are not settings. */
export const none = () => ({});
