/**
 * What a file that is not a PDF looks like, for the `not_pdf` message ("not a PDF: it looks like …").
 */

const SIGNATURES: readonly [bytes: readonly number[], what: string][] = [
  [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], 'a Word/OLE2 document (.doc, .xls or .ppt)'],
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (or a .docx/.xlsx/.pptx Office file)'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
  [[0xff, 0xd8, 0xff], 'a JPEG image'],
  [[0x47, 0x49, 0x46, 0x38], 'a GIF image'],
  [[0x49, 0x49, 0x2a, 0x00], 'a TIFF image'],
  [[0x4d, 0x4d, 0x00, 0x2a], 'a TIFF image'],
  [[0x1f, 0x8b], 'a gzip-compressed file'],
  [[0x25, 0x21, 0x50, 0x53], 'a PostScript file'],
  [[0x7b, 0x5c, 0x72, 0x74, 0x66], 'an RTF document'],
];

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/** A short phrase naming what `bytes` probably are; never throws. */
export function sniffFormat(bytes: Uint8Array): string {
  for (const [sig, what] of SIGNATURES) if (startsWith(bytes, sig)) return `it looks like ${what}`;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024));
  const trimmed = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<!doctype html|^<html|<head[\s>]|<body[\s>]/.test(trimmed)) return 'it looks like an HTML page';
  if (trimmed.startsWith('<?xml')) return 'it looks like an XML document';
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return 'it looks like JSON or other text data';
  if (looksLikeText(head)) return 'it looks like plain text';
  return 'no PDF header (%PDF-) in the first 1024 bytes';
}

/** Mostly printable characters, few control bytes and replacement characters. */
function looksLikeText(head: string): boolean {
  if (head.length === 0) return false;
  let bad = 0;
  for (const ch of head) {
    const c = ch.codePointAt(0) ?? 0;
    if (c === 0xfffd || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) bad++;
  }
  return bad / head.length < 0.05;
}
