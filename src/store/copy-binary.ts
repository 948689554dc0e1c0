/**
 * PostgreSQL's binary COPY format (`COPY … FROM … WITH (FORMAT binary)`), for the few column types ProfAI
 * bulk-loads: text, int4, jsonb and pgvector's `vector`; and the binary forms of `vector` and `real[]` that the
 * `pg` driver sends as parameters (a Buffer parameter goes in binary).
 *
 * Why: PGlite parses a vector's text form (`[0.1,0.2,…]`) with the C library's `strtof` inside WebAssembly,
 * about 3 µs a number: the 397-page manual's 955 vectors of 384 numbers took 1.1 s to parse, more than their
 * insert. In binary each number is 4 bytes copied as they are, exactly (no decimal round trip). Rows that
 * would otherwise travel as one JSON document (`jsonb_to_recordset`) skip its parse too.
 */

import { withoutNul } from './sql.ts';

/** Rows per COPY: its input is held whole in PGlite's WebAssembly memory, which never shrinks. */
export const COPY_ROWS = 500;

/** A value of one column: text, an int4, a `vector` (float4 numbers), or a jsonb (see {@link jsonb}). */
export type CopyValue = string | number | Float32Array | Jsonb;

/** A jsonb value: its JSON text. */
export interface Jsonb {
  readonly json: string;
}

/** `value` as a jsonb column's value (NUL characters dropped, as in `jsonParam`). */
export const jsonb = (value: unknown): Jsonb => ({ json: JSON.stringify(value, withoutNul) });

/** "PGCOPY\n\377\r\n\0", then flags and header-extension length (both 0). */
const HEADER = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0];

/**
 * The binary COPY input of `rows`, every row with the same columns in the order the COPY names them. Text
 * loses its NUL characters (PostgreSQL's text cannot hold them, as in `jsonParam`); a number is an int4.
 */
export function binaryCopy(rows: readonly (readonly CopyValue[])[]): Uint8Array {
  const fields = rows.map((row) => row.map(encodeValue));
  let size = HEADER.length + 2;
  for (const row of fields) size += 2 + row.reduce((sum, f) => sum + 4 + f.length, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  out.set(HEADER);
  let at = HEADER.length;
  for (const row of fields) {
    view.setInt16(at, row.length);
    at += 2;
    for (const field of row) {
      view.setInt32(at, field.length);
      out.set(field, at + 4);
      at += 4 + field.length;
    }
  }
  view.setInt16(at, -1);
  return out;
}

const encoder = new TextEncoder();

function encodeValue(value: CopyValue): Uint8Array {
  if (typeof value === 'string') return encoder.encode(value.replaceAll('\0', ''));
  if (!(value instanceof Float32Array) && typeof value === 'object') {
    // jsonb_recv: a version byte (1), then the JSON text.
    const text = encoder.encode(value.json);
    const bytes = new Uint8Array(1 + text.length);
    bytes[0] = 1;
    bytes.set(text, 1);
    return bytes;
  }
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new TypeError(`not an int4: ${value}`);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setInt32(0, value);
    return bytes;
  }
  return vectorBinary(value);
}

/** pgvector's binary form (vector_recv): int16 dimension, int16 unused (0), then each number as a big-endian float4. */
export function vectorBinary(value: Float32Array): Uint8Array {
  const bytes = new Uint8Array(4 + value.length * 4);
  const view = new DataView(bytes.buffer);
  view.setInt16(0, value.length);
  for (let i = 0; i < value.length; i++) view.setFloat32(4 + i * 4, value[i]!);
  return bytes;
}

/** FLOAT4OID: the element type of a `real[]`. */
const FLOAT4_OID = 700;

/**
 * A `real[]`'s binary form (array_recv): one dimension, no NULLs, float4 elements, the length and lower bound 1,
 * then each number as its length (4) and a big-endian float4.
 */
export function float4ArrayBinary(value: Float32Array): Uint8Array {
  const bytes = new Uint8Array(20 + value.length * 8);
  const view = new DataView(bytes.buffer);
  view.setInt32(0, 1);
  view.setInt32(4, 0);
  view.setInt32(8, FLOAT4_OID);
  view.setInt32(12, value.length);
  view.setInt32(16, 1);
  for (let i = 0; i < value.length; i++) {
    view.setInt32(20 + i * 8, 4);
    view.setFloat32(24 + i * 8, value[i]!);
  }
  return bytes;
}
