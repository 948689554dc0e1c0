/**
 * The teachers' web app: `GET /` is its page and `GET /app/…` its files (src/web, plain ES modules, no build
 * step), plus pdf.js's browser build from the installed `pdfjs-dist` under `/app/vendor/pdfjs/` (the page
 * viewer). Everything is served from this process: no CDN, no external font, so the app works offline.
 *
 * Public like /dashboard: these files hold no data; the app asks `/api/…` for everything, with the API key.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { notFound } from '../errors.ts';

/** src/web beside src/api (dist/web beside dist/api in a build: `npm run build` copies it). */
export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

/**
 * The app's own scripts and styles, its API and pdf.js's worker; pdf.js draws fonts from data and pages into
 * canvases (`blob:`/`data:` images), and styles its text layer inline.
 */
const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

interface StaticFile {
  body: Buffer;
  type: string;
  etag: string;
}

const etagOf = (body: Buffer) => `"${createHash('sha1').update(body).digest('base64url').slice(0, 20)}"`;

/** Every file of `dir` (recursively) with a type we serve, by its path relative to `dir`. */
function loadFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const type = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || !type) continue;
    const path = join(entry.parentPath, entry.name);
    const body = readFileSync(path);
    files.set(path.slice(dir.length).replaceAll('\\', '/'), { body, type, etag: etagOf(body) });
  }
  return files;
}

/** pdf.js's folders the viewer reads, by the name it is served under. */
function pdfjsFolders(): Record<string, string | undefined> {
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return {
    build: join(root, 'build'),
    cmaps: join(root, 'cmaps'),
    standard_fonts: join(root, 'standard_fonts'),
    wasm: join(root, 'wasm'),
  };
}

const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, cache: string): FastifyReply {
  reply.header('etag', file.etag).header('cache-control', cache).header('x-content-type-options', 'nosniff');
  if (request.headers['if-none-match'] === file.etag) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}

export async function appRoutes(app: FastifyInstance, _opts: { deps: ApiDeps }): Promise<void> {
  const files = loadFiles(WEB_DIR);
  const index = files.get('index.html');
  if (!index) throw new Error(`the web app is missing: no index.html in ${WEB_DIR}`);
  const pdfjs = pdfjsFolders();
  const vendorCache = new Map<string, StaticFile>();

  app.get('/', { schema: { hide: true } }, async (request, reply) =>
    send(request, reply.header('content-security-policy', CSP), index, 'no-cache'),
  );

  app.get<{ Params: { '*': string } }>('/app/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.params['*'];
    const own = files.get(path);
    // The app's files revalidate (an upgrade shows at once); pdf.js's are fixed for an installed version.
    if (own) return send(request, reply, own, 'no-cache');
    // pdf.js: /app/vendor/pdfjs/<build|cmaps|standard_fonts|wasm>/<file>
    const m = /^vendor\/pdfjs\/([a-z_]+)\/([^/]+)$/.exec(path);
    const dir = m && Object.hasOwn(pdfjs, m[1]!) ? pdfjs[m[1]!] : undefined;
    const name = m?.[2];
    if (!dir || !name || !SAFE_NAME.test(name) || !CONTENT_TYPES[extname(name)])
      throw notFound('file', `/app/${path}`);
    let cached = vendorCache.get(path);
    if (!cached) {
      const body = await readFile(join(dir, name)).catch(() => null);
      if (!body) throw notFound('file', `/app/${path}`);
      cached = { body, type: CONTENT_TYPES[extname(name)]!, etag: etagOf(body) };
      vendorCache.set(path, cached);
    }
    return send(request, reply, cached, 'public, max-age=604800');
  });
}
