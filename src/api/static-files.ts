/**
 * Static files as browsers want them: compressed (Brotli or gzip, by the request's Accept-Encoding, each kept in
 * memory once made), with an ETag per encoding, and cached for a year when their URL names their version
 * (`?v=<hash>`, which changes with their content), revalidated otherwise.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

export type Encoding = 'br' | 'gzip';

/** A file to serve: its bytes, type, ETag, and its compressed bodies once made (null: not worth it). */
export interface StaticFile {
  body: Buffer;
  type: string;
  /** `"<hash>"`: also the version `?v=` names. */
  etag: string;
  encoded: Partial<Record<Encoding, Promise<Buffer | null>>>;
}

/** Types worth compressing: text, WebAssembly, fonts (PNG/JPEG and pdf.js's binary CMaps are already packed). */
const COMPRESSIBLE = /^(text\/|image\/svg\+xml|application\/wasm|font\/ttf|application\/x-font-type1)/;

/** The version of a file's content, as its ETag and `?v=` say it. */
export const versionOf = (body: Buffer) => createHash('sha1').update(body).digest('base64url').slice(0, 20);

export function staticFile(body: Buffer, type: string): StaticFile {
  return { body, type, etag: `"${versionOf(body)}"`, encoded: {} };
}

/** The encoding to answer with: Brotli when the client takes it, else gzip, else none. */
export function encodingFor(acceptEncoding: string | undefined, type: string): Encoding | null {
  if (!acceptEncoding || !COMPRESSIBLE.test(type)) return null;
  const offered = new Map(
    acceptEncoding.split(',').map((part) => {
      const [name, ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return [name!, q === undefined ? 1 : Number(q)] as const;
    }),
  );
  const takes = (name: string) => (offered.get(name) ?? offered.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : null;
}

/**
 * The file's body in `encoding`, made once (Brotli at its best for files under 256 KB, a faster level for pdf.js's
 * megabyte worker: quality 11 takes seconds there for 10% less); null when compressing does not pay.
 */
function encoded(file: StaticFile, encoding: Encoding): Promise<Buffer | null> {
  file.encoded[encoding] ??= (async () => {
    const out =
      encoding === 'br'
        ? await brotli(file.body, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: file.body.length < 256 * 1024 ? 11 : 9,
              [constants.BROTLI_PARAM_SIZE_HINT]: file.body.length,
            },
          })
        : await gzipAsync(file.body, { level: 9 });
    return out.length < file.body.length * 0.9 ? out : null;
  })();
  return file.encoded[encoding];
}

/**
 * Sends `file` compressed when the client takes it, 304 when its ETag matches. `cache` is the Cache-Control of the
 * answer; with `versioned`, the URL names this content and it is cached for a year, immutable.
 */
export async function sendStatic(
  request: FastifyRequest,
  reply: FastifyReply,
  file: StaticFile,
  cache: string,
  versioned = false,
): Promise<FastifyReply> {
  const encoding = encodingFor(request.headers['accept-encoding'], file.type);
  const body = encoding ? await encoded(file, encoding) : null;
  const etag = body ? `${file.etag.slice(0, -1)}-${encoding}"` : file.etag;
  reply
    .header('etag', etag)
    .header('cache-control', versioned ? 'public, max-age=31536000, immutable' : cache)
    .header('x-content-type-options', 'nosniff');
  if (COMPRESSIBLE.test(file.type)) reply.header('vary', 'Accept-Encoding');
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  if (body) reply.header('content-encoding', encoding!);
  return reply.type(file.type).send(body ?? file.body);
}
