/**
 * Title and author from the document's XMP metadata, for files whose information dictionary has none (PDF 2.0
 * deprecates that dictionary). PDFium reads only the dictionary, so the catalog's /Metadata stream is found in
 * the file's bytes: the last catalog (an incremental update appends a new one), its /Metadata object, and that
 * object's stream when it is stored uncompressed, as XMP packets are meant to be. Anything else: nothing.
 */
import { cleanText, collapseWhitespace } from './text.ts';

const CATALOG = /\/Type\s*\/Catalog\b/g;
const METADATA_REF = /\/Metadata\s+(\d+)\s+(\d+)\s+R/;
/** How far before and after a catalog's /Type its /Metadata entry is looked for, at most. */
const DICT_WINDOW = 2048;
/** XMP packets larger than this are not read. */
const MAX_PACKET = 1 << 20;

/** `dc:title` and the first `dc:creator` of the catalog's XMP packet; only non-empty values. */
export function xmpTitleAuthor(bytes: Uint8Array): { title?: string; author?: string } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.indexOf('xmpmeta') < 0) return {};
  const packet = catalogPacket(buf);
  if (!packet) return {};
  const title = firstItem(packet, 'title');
  const author = firstItem(packet, 'creator');
  return { ...(title ? { title } : {}), ...(author ? { author } : {}) };
}

function catalogPacket(buf: Buffer): string | undefined {
  const text = buf.toString('latin1');
  let catalogAt = -1;
  for (const m of text.matchAll(CATALOG)) catalogAt = m.index;
  if (catalogAt < 0) return undefined;
  // The catalog's own dictionary: from its object header to its endobj (within a window, for broken files).
  const start = Math.max(text.lastIndexOf('obj', catalogAt), catalogAt - DICT_WINDOW, 0);
  const stop = text.indexOf('endobj', catalogAt);
  const around = text.slice(
    start,
    stop < 0 ? catalogAt + DICT_WINDOW : Math.min(stop, catalogAt + DICT_WINDOW),
  );
  const ref = METADATA_REF.exec(around);
  if (!ref) return undefined;
  const header = new RegExp(`(?:^|[\\r\\n\\s])${ref[1]}\\s+${ref[2]}\\s+obj\\b`, 'g');
  let objAt = -1;
  for (const m of text.matchAll(header)) objAt = m.index;
  if (objAt < 0) return undefined;
  const streamAt = text.indexOf('stream', objAt);
  const dict = text.slice(objAt, streamAt);
  if (streamAt < 0 || /\/Filter/.test(dict)) return undefined;
  const end = text.indexOf('endstream', streamAt);
  if (end < 0 || end - streamAt > MAX_PACKET) return undefined;
  return buf.toString('utf8', streamAt, end);
}

/** The first `rdf:li` of `dc:NAME` (or its plain text), XML entities decoded, cleaned as page text is. */
function firstItem(packet: string, name: string): string | undefined {
  const element = new RegExp(`<dc:${name}\\b[^>]*>([\\s\\S]*?)</dc:${name}>`).exec(packet);
  if (!element) return undefined;
  const body = element[1] ?? '';
  const li = /<rdf:li\b[^>]*>([\s\S]*?)<\/rdf:li>/.exec(body);
  const raw = (li ? li[1] : body) ?? '';
  // Cleaned like page text: a character reference can spell any control character (`&#28;`).
  const text = collapseWhitespace(cleanText(decodeEntities(raw.replace(/<[^>]*>/g, ''))));
  return text === '' ? undefined : text;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
    return ENTITIES[e.toLowerCase()] ?? '';
  });
}
