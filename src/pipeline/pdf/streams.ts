/**
 * A structural check PDFium does not make: every stream must be closed by `endstream`. PDFium reads a stream
 * by its /Length and carries on when the keyword is missing; a file cut or spliced there is damaged, and the
 * text it yields is whatever the /Length happened to cover. Such files are rejected as corrupt (as pdf.js did).
 */

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');
const END_OBJ = Buffer.from('endobj');
/** How far before the `stream` keyword its dictionary's /Length is looked for. */
const DICT_WINDOW = 1024;

const isSpace = (c: number | undefined) =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/**
 * The byte offset of the first stream that no `endstream` closes before the next `endobj` (or the end of the
 * file), or undefined when every stream is closed. A stream whose direct /Length ends right before an
 * `endstream` counts as closed even if its data happens to contain the word `endobj`.
 */
export function findBrokenStream(bytes: Uint8Array): number | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = buf.indexOf(STREAM);
  while (at >= 0) {
    const start = streamDataStart(buf, at);
    if (start === undefined) {
      at = buf.indexOf(STREAM, at + STREAM.length);
      continue;
    }
    const end = buf.indexOf(END_STREAM, start);
    const nextObj = buf.indexOf(END_OBJ, start);
    if (end < 0 || (nextObj >= 0 && nextObj < end)) {
      if (!closedAtLength(buf, at, start)) return at;
    }
    if (end < 0) return undefined;
    at = buf.indexOf(STREAM, end + END_STREAM.length);
  }
  return undefined;
}

/** Where a stream's data starts, when `at` is a `stream` keyword after a dictionary; else undefined. */
function streamDataStart(buf: Buffer, at: number): number | undefined {
  if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') return undefined;
  const eol = buf[at + STREAM.length];
  if (eol !== 0x0a && eol !== 0x0d) return undefined;
  let b = at - 1;
  while (b > 0 && isSpace(buf[b])) b--;
  if (buf[b] !== 0x3e || buf[b - 1] !== 0x3e) return undefined; // ">>"
  return eol === 0x0d && buf[at + STREAM.length + 1] === 0x0a
    ? at + STREAM.length + 2
    : at + STREAM.length + 1;
}

/** True when the dictionary before `at` has a direct /Length whose end is followed by `endstream`. */
function closedAtLength(buf: Buffer, at: number, start: number): boolean {
  const dict = buf.toString('latin1', Math.max(0, at - DICT_WINDOW), at);
  const matches = [...dict.matchAll(/\/Length\s+(\d+)(?!\s+\d+\s+R)/g)];
  const length = Number(matches.at(-1)?.[1]);
  if (!Number.isFinite(length)) return false;
  let i = start + length;
  while (i < buf.length && isSpace(buf[i])) i++;
  return buf.indexOf(END_STREAM, i) === i;
}
