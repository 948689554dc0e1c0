/**
 * The fleet's logger: pino-compatible JSON lines on stdout (`level`, `time`, `pid`, `hostname`, `msg`, fields),
 * so `pino-pretty` and log shippers read them, without loading pino itself.
 *
 * Why not pino: every worker is a supervisor plus one child per slot, and importing pino costs several MB of
 * RSS per process, paid twice by every idle worker (`npm run bench:fleet` prints the idle worker).
 */
import { hostname } from 'node:os';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The logging surface handed to tasks (`ctx.log`) and used across the fleet. */
export interface Logger {
  error(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  debug(msg: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines all carry `fields`. */
  child(fields: Record<string, unknown>): Logger;
}

const LEVELS: Record<LogLevel, number> = {
  trace: 10,
  debug: 20,
  info: 30,
  warn: 40,
  error: 50,
  fatal: 60,
  silent: 99,
};

/** The host name, asked once: `child()` loggers are made per task. */
let host: string | undefined;

/**
 * A logger writing one JSON object per line.
 * @param level - lines below it are dropped. @defaultValue 'info'
 * @param write - where lines go. @defaultValue process.stdout
 */
export function createLogger(
  level: LogLevel | string = 'info',
  bindings: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(line),
): Logger {
  const min = LEVELS[level as LogLevel] ?? LEVELS.info;
  host ??= hostname();
  const base = { pid: process.pid, hostname: host, ...bindings };
  const emit = (lvl: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    write(`${JSON.stringify({ level: LEVELS[lvl], time: Date.now(), ...base, ...fields, msg })}\n`);
  };
  return {
    error: emit('error'),
    warn: emit('warn'),
    info: emit('info'),
    debug: emit('debug'),
    child: (fields) => createLogger(level, { ...bindings, ...fields }, write),
  };
}
