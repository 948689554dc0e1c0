/**
 * `Content-Disposition: attachment` with a file name every browser keeps (RFC 6266): an ASCII `filename=` for
 * old clients and `filename*=UTF-8''…` (RFC 8187 percent-encoding) for the real, possibly Japanese, name.
 */

/** Characters RFC 8187's `attr-char` allows unencoded; everything else is percent-encoded. */
const ATTR_CHAR = /[A-Za-z0-9!#$&+\-.^_`|~]/;

export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = [...new TextEncoder().encode(fileName)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return b < 0x80 && ATTR_CHAR.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
