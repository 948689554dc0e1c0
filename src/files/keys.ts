/** The names of files in the stores: one path segment, never a client's file name. */
import { randomUUID } from 'node:crypto';

const KEY = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}$|^\.(upload|incoming)-[A-Za-z0-9-]{1,64}\.part$/;
const SHA256 = /^[0-9a-f]{64}$/;

/** `key` when it is a valid key. @throws Error otherwise (a bug of the caller: keys are never user input) */
export function checkKey(key: string): string {
  if (!KEY.test(key) || key.includes('..')) throw new Error(`not a file key: ${JSON.stringify(key)}`);
  return key;
}

/** The key of the PDF with this SHA-256, in either store. @throws Error when it is not 64 hex digits */
export function pdfKey(sha256: string): string {
  const hash = sha256.toLowerCase();
  if (!SHA256.test(hash)) throw new Error(`not a SHA-256: ${sha256}`);
  return `${hash}.pdf`;
}

/** The SHA-256 a key names, or null for a key that is not `<sha256>.pdf` (a temporary file). */
export function shaOfKey(key: string): string | null {
  const m = /^([0-9a-f]{64})\.pdf$/.exec(key);
  return m ? m[1]! : null;
}

/** A temporary key for an upload being streamed in (the sweep removes those a crash left behind). */
export const uploadTempKey = () => `.upload-${randomUUID()}.part`;

/** True for a temporary file: an upload being streamed in, or a write not yet renamed into place. */
export const isTemporaryKey = (key: string) => /^\.(upload|incoming)-[A-Za-z0-9-]+\.part$/.test(key);
