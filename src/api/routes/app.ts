/**
 * The teachers' web app: `GET /` is its page and `GET /app/…` its files (src/web, plain ES modules, no build
 * step), plus pdf.js's browser build from the installed `pdfjs-dist` under `/app/vendor/pdfjs/` (the page
 * viewer). Everything is served from this process: no CDN, no external font, so the app works offline.
 *
 * Every file goes out compressed when the browser takes it (../static-files.ts). The page names each of the
 * app's files with its version (`app/main.js?v=<hash>`; the modules through an import map), so browsers keep
 * them for a year and fetch a file again only when its content changed; pdf.js's files, fixed for an installed
 * version, are kept a week.
 *
 * Public like /dashboard: these files hold no data; the app asks `/api/…` for everything, with the API key.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { ApiDeps } from '../deps.ts';
import { notFound } from '../errors.ts';
import { type StaticFile, sendStatic, staticFile } from '../static-files.ts';

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
const csp = (importMapHash: string) =>
  [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' '${importMapHash}'`,
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

/** Every file of `dir` (recursively) with a type we serve, by its path relative to `dir`. */
function loadFiles(dir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const type = CONTENT_TYPES[extname(entry.name)];
    if (!entry.isFile() || !type) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(path.slice(dir.length).replaceAll('\\', '/'), staticFile(readFileSync(path), type));
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

/** `app/<path>?v=<version>`: the URL of an app file that changes with its content. */
const versioned = (path: string, file: StaticFile) => `app/${path}?v=${file.etag.slice(1, -1)}`;

/**
 * The page with every app file named by its version: the stylesheet, icon and entry module in their tags, the
 * modules they import through an import map (its hash goes in the page's CSP, which allows no other inline
 * script).
 */
function versionedPage(
  index: StaticFile,
  files: ReadonlyMap<string, StaticFile>,
): { page: StaticFile; csp: string } {
  let html = index.body
    .toString('utf8')
    .replace(/(href|src)="app\/([^"?#]+)"/g, (whole, attr: string, path: string) => {
      const file = files.get(path);
      return file ? `${attr}="${versioned(path, file)}"` : whole;
    });
  const imports = Object.fromEntries(
    [...files]
      .filter(([path]) => path.endsWith('.js'))
      .map(([path, file]) => [`./app/${path}`, `./${versioned(path, file)}`]),
  );
  const map = JSON.stringify({ imports });
  html = html.replace(
    '<script type="module"',
    `<script type="importmap">${map}</script>\n  <script type="module"`,
  );
  const hash = `sha256-${createHash('sha256').update(map).digest('base64')}`;
  return { page: staticFile(Buffer.from(html), index.type), csp: csp(hash) };
}

export async function appRoutes(app: FastifyInstance, _opts: { deps: ApiDeps }): Promise<void> {
  const files = loadFiles(WEB_DIR);
  const index = files.get('index.html');
  if (!index) throw new Error(`the web app is missing: no index.html in ${WEB_DIR}`);
  const { page, csp: pageCsp } = versionedPage(index, files);
  const pdfjs = pdfjsFolders();
  const vendorCache = new Map<string, StaticFile>();

  app.get('/', { schema: { hide: true } }, async (request, reply) =>
    sendStatic(request, reply.header('content-security-policy', pageCsp), page, 'no-cache'),
  );

  app.get<{ Params: { '*': string }; Querystring: { v?: string } }>(
    '/app/*',
    { schema: { hide: true } },
    async (request, reply) => {
      const path = request.params['*'];
      const own = files.get(path);
      // An app file named by its current version is kept a year; by its bare name (or an old version), it
      // revalidates, so an upgrade shows at once. pdf.js's files are fixed for an installed version.
      if (own) return sendStatic(request, reply, own, 'no-cache', request.query.v === own.etag.slice(1, -1));
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
        cached = staticFile(body, CONTENT_TYPES[extname(name)]!);
        vendorCache.set(path, cached);
      }
      return sendStatic(request, reply, cached, 'public, max-age=604800');
    },
  );
}
