/** Small helpers shared by the repositories. */

/**
 * JSON text for a `($n::text)::jsonb` parameter. Passing text and casting behaves the same on `pg` (which
 * would turn a JS array into a PostgreSQL array literal) and PGlite. NUL characters, which PDFs sometimes
 * contain and PostgreSQL refuses in text and jsonb, are dropped.
 */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value, withoutNul);
}

/** A `JSON.stringify` replacer that drops NUL characters from strings (PostgreSQL refuses them). */
export const withoutNul = (_key: string, v: unknown) => (typeof v === 'string' ? v.replaceAll('\0', '') : v);

/** A timestamp column as ISO 8601, whichever driver read it. */
export function isoTime(value: unknown): string {
  return (value instanceof Date ? value : new Date(String(value))).toISOString();
}

/**
 * Rows per statement of a bulk insert. PGlite runs in WebAssembly memory that grows to the largest statement and
 * never shrinks: one statement of the 397-page manual's 952 vectors and chunks cost ~90 MB of it, 100 rows ~10.
 */
export const SQL_BATCH = 100;

/** Splits `items` into arrays of at most `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `name@version`, as stored in the `generator` columns. */
export const generatorName = (g: { name: string; version: string }) => `${g.name}@${g.version}`;
