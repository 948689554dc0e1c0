/**
 * The parsers of config.ts's settings: a raw string (or a typed CLI flag) in, a value out, or a one-line reason.
 * Hand-written rather than zod schemas because every process reads its configuration at start-up, and zod
 * would sit in each idle worker supervisor for a few dozen numbers and strings (the lazy-loading rule in
 * .dependency-cruiser-lazy.cjs keeps it out).
 */
import { isIP } from 'node:net';

/** Parses one setting's raw value; throws {@link ValueError} with a reason a user can act on. */
export interface ValueParser<T> {
  parse(raw: unknown): T;
}

/** A value a parser refused. The message is the reason alone; config.ts names the variable. */
export class ValueError extends Error {}

const parser = <T>(parse: (raw: string) => T): ValueParser<T> => ({
  parse: (raw) => parse(String(raw).trim()),
});

function range(min: number, max: number): string {
  if (max === Number.MAX_SAFE_INTEGER) return `≥ ${min}`;
  return `between ${min} and ${max}`;
}

function toNumber(raw: string, what: string): number {
  const n = raw === '' ? Number.NaN : Number(raw);
  if (!Number.isFinite(n)) throw new ValueError(`expected ${what}, got "${raw}"`);
  return n;
}

/** A whole number within [min, max]. */
export function int(min: number, max = Number.MAX_SAFE_INTEGER): ValueParser<number> {
  return parser((raw) => {
    const n = toNumber(raw, 'a whole number');
    if (!Number.isInteger(n)) throw new ValueError(`expected a whole number, got "${raw}"`);
    if (n < min || n > max) throw new ValueError(`expected a whole number ${range(min, max)}, got ${n}`);
    return n;
  });
}

/** A number ≥ min. */
export function num(min: number): ValueParser<number> {
  return parser((raw) => {
    const n = toNumber(raw, 'a number');
    if (n < min) throw new ValueError(`expected a number ≥ ${min}, got ${n}`);
    return n;
  });
}

/** Any string. */
export const str: ValueParser<string> = parser((raw) => raw);

/** A string matching `pattern`; `rule` says which strings do, for the error. */
export function matching(pattern: RegExp, rule: string): ValueParser<string> {
  return parser((raw) => {
    if (!pattern.test(raw)) throw new ValueError(`${rule}, got "${raw}"`);
    return raw;
  });
}

/** One of `values`. */
export function oneOf<const T extends string>(values: readonly T[]): ValueParser<T> {
  return parser((raw) => {
    if (!(values as readonly string[]).includes(raw))
      throw new ValueError(`expected one of ${values.join(', ')}, got "${raw}"`);
    return raw as T;
  });
}

/** A yes/no switch: 1/0, true/false, yes/no, on/off. */
export const flag: ValueParser<boolean> = parser((raw) => {
  const v = raw.toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  throw new ValueError(`expected 1/0, true/false, yes/no or on/off, got "${raw}"`);
});

/** A comma-separated list; blanks dropped. */
export const list: ValueParser<string[]> = parser((raw) =>
  raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);

/** A comma-separated list of `host:port` (Redis Sentinels, Cluster nodes); IPv6 hosts in brackets. */
export const hostPorts: ValueParser<string[]> = parser((raw) => {
  const items = list.parse(raw);
  for (const item of items)
    if (!/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):\d{1,5}$/.test(item) || Number(item.split(':').pop()) > 65535)
      throw new ValueError(`expected host:port, got "${item}"`);
  return items;
});

/** Names of address ranges a list of {@link addresses} may use (those of proxy-addr, which Fastify uses), and theirs. */
export const ADDRESS_RANGES: Readonly<Record<string, readonly string[]>> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  linklocal: ['169.254.0.0/16', 'fe80::/10'],
  uniquelocal: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7'],
};
const RANGE_NAMES = Object.keys(ADDRESS_RANGES);

/** A comma-separated list of IP addresses, CIDR ranges (`10.0.0.0/8`) or the names loopback, linklocal, uniquelocal. */
export const addresses: ValueParser<string[]> = parser((raw) => {
  const items = list.parse(raw);
  for (const item of items) {
    const [ip, bits, extra] = item.split('/');
    const version = isIP(ip ?? '');
    const width = version === 4 ? 32 : 128;
    const ok =
      RANGE_NAMES.includes(item) ||
      (version !== 0 &&
        extra === undefined &&
        (bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= width)));
    if (!ok)
      throw new ValueError(`expected IP addresses, CIDR ranges or ${RANGE_NAMES.join('/')}, got "${item}"`);
  }
  return items;
});

/** `p`, for a setting that is unset by default (its type includes `undefined`). */
export function optional<T>(p: ValueParser<T>): ValueParser<T | undefined> {
  return p;
}
