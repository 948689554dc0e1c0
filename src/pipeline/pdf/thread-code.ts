/**
 * The code of a parser thread: all of pdf.js (its API and its parser, as a "fake worker" in the same thread),
 * answering requests from {@link PdfThread} with compact results, so the main thread never loads pdf.js.
 *
 * Plain JavaScript evaluated as a script: it needs no file next to the compiled module and no TypeScript loader.
 *
 * Requests `{ id, op, ... }` are answered `{ id, ok: true, value }` or `{ id, ok: false, error }`:
 * - `open { data, password, cMapUrl }` → `{ docId, numPages }` (`data` is transferred);
 * - `page { docId, n }` → the page's box and its text items, packed (see `PackedPage` in pdfjs.ts);
 * - `outline { docId, max }` → `[title, level, page | null][]` in document order;
 * - `meta { docId }` → `{ title?, author? }`;
 * - `close { docId }` → null.
 *
 * Font hook: pdf.js's `Font` constructor assigns `this.fallbackName` after `name` and `loadedName`; a setter on
 * `Object.prototype` (in this thread only: it runs nothing but pdf.js) sees that assignment, stores the value
 * as an ordinary own property and records `loadedName → name` (e.g. `g_d0_f2 → ABCDEF+Times-Bold`). Text items
 * name their font by `loadedName`; pages are sent with the real names, so bold fonts can be told apart.
 */
export const THREAD_CODE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
// pdf.js must never print. Silencing console here, rather than piping the thread's stdout and draining it,
// matters: a drained stdout stream keeps a MessagePort referenced and the process would never exit.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[method] = () => {};

const fontNames = new Map();
Object.defineProperty(Object.prototype, 'fallbackName', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'fallbackName', { value, writable: true, enumerable: true, configurable: true });
    if (typeof this.name === 'string' && typeof this.loadedName === 'string') fontNames.set(this.loadedName, this.name);
  },
});

// Text only: pdf.js's API module would load @napi-rs/canvas (a 33 MB native Skia library: ~20 MB of RSS and
// ~80 ms per thread) to draw pages we never draw. Its require is refused, and the one DOMMatrix it builds at
// load time gets a stand-in.
{
  const builtin = process.getBuiltinModule.bind(process);
  const Module = builtin('module');
  const createRequire = (from) => {
    const req = Module.createRequire(from);
    const guarded = (id) => {
      if (id === '@napi-rs/canvas') throw new Error('not loaded: text extraction only');
      return req(id);
    };
    return Object.assign(guarded, req);
  };
  const textOnlyModule = new Proxy(Module, { get: (m, key) => (key === 'createRequire' ? createRequire : m[key]) });
  process.getBuiltinModule = (id) => (id === 'module' || id === 'node:module' ? textOnlyModule : builtin(id));
  globalThis.DOMMatrix ??= class DOMMatrix {};
}

const docs = new Map();
let nextDoc = 1;

const ready = (async () => {
  const worker = await import(workerData.workerUrl);
  // pdf.js's fake worker takes its parser from here instead of importing it again.
  globalThis.pdfjsWorker = worker;
  return import(workerData.apiUrl);
})();

const ops = {
  async open({ data, password, cMapUrl }) {
    const pdfjs = await ready;
    const task = pdfjs.getDocument({
      data: new Uint8Array(data),
      password,
      verbosity: 0,
      disableFontFace: true,
      isEvalSupported: false,
      useSystemFonts: false,
      stopAtErrors: false,
      useWasm: false,
      useWorkerFetch: false,
      disableAutoFetch: true,
      disableStream: true,
      cMapUrl,
      cMapPacked: true,
      // No standardFontDataUrl: glyph outlines of non-embedded standard fonts are only needed to draw.
    });
    let doc;
    try {
      doc = await task.promise;
    } catch (err) {
      task.destroy().catch(() => {});
      throw err;
    }
    const docId = nextDoc++;
    docs.set(docId, { doc, fontPrefix: 'g_' + task.docId + '_' });
    return { docId, numPages: doc.numPages };
  },

  async page({ docId, n }) {
    const { doc } = docOf(docId);
    const page = await doc.getPage(n);
    try {
      const content = await page.getTextContent({ disableNormalization: true });
      return pack(content.items, page);
    } finally {
      page.cleanup();
    }
  },

  async outline({ docId, max }) {
    const { doc } = docOf(docId);
    const roots = await doc.getOutline().catch(() => null);
    if (!roots) return [];
    const flat = [];
    const walk = (nodes, level) => {
      for (const node of nodes) {
        if (flat.length >= max) return;
        flat.push([node, level]);
        if (node.items && node.items.length) walk(node.items, level + 1);
      }
    };
    walk(roots, 1);
    const pages = await Promise.all(flat.map(([node]) => resolvePage(doc, node.dest)));
    return flat.map(([node, level], i) => [String(node.title ?? '').replace(/\s+/g, ' ').trim(), level, pages[i]]);
  },

  async meta({ docId }) {
    const { doc } = docOf(docId);
    const { info, metadata } = await doc.getMetadata();
    const dict = info ?? {};
    const pick = (key, xmp) => {
      const value = typeof dict[key] === 'string' ? dict[key] : metadata?.get(xmp);
      const text = typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '';
      return text === '' ? undefined : text;
    };
    return { title: pick('Title', 'dc:title'), author: pick('Author', 'dc:creator') };
  },

  async close({ docId }) {
    const entry = docs.get(docId);
    if (!entry) return null;
    docs.delete(docId);
    for (const key of fontNames.keys()) if (key.startsWith(entry.fontPrefix)) fontNames.delete(key);
    await entry.doc.destroy();
    return null;
  },
};

function docOf(docId) {
  const entry = docs.get(docId);
  if (!entry) throw new Error('document is closed');
  return entry;
}

/**
 * Text items as parallel arrays: strings, [x, y, width, size] per item, and a font index per item. On a page
 * with /Rotate (landscape slides are often portrait pages turned 90°), positions are turned the same way, so
 * lines run left to right and follow each other downwards as the page is shown.
 */
function pack(items, page) {
  const viewport = page.rotate % 360 === 0 ? null : page.getViewport({ scale: 1 });
  const view = viewport ? [0, 0, viewport.width, viewport.height] : Array.from(page.view);
  const strs = [];
  const nums = new Float64Array(items.length * 4);
  const fontIx = new Uint16Array(items.length);
  const fonts = [];
  const fontIndex = new Map();
  let chars = 0;
  let k = 0;
  for (const item of items) {
    if (typeof item.str !== 'string' || !item.transform) continue;
    const t = item.transform;
    let ix = fontIndex.get(item.fontName);
    if (ix === undefined) {
      ix = fonts.length;
      fonts.push(fontNames.get(item.fontName) ?? '');
      fontIndex.set(item.fontName, ix);
    }
    fontIx[k] = ix;
    let x = t[4] ?? 0;
    let y = t[5] ?? 0;
    if (viewport) {
      const [vx, vy] = viewport.convertToViewportPoint(x, y);
      [x, y] = [vx, viewport.height - vy];
    }
    nums[k * 4] = x;
    nums[k * 4 + 1] = y;
    nums[k * 4 + 2] = item.width || 0;
    nums[k * 4 + 3] = Math.abs(item.height) || Math.hypot(t[2] ?? 0, t[3] ?? 0) || 1;
    strs.push(item.str);
    chars += item.str.replace(/\s+/g, '').length;
    k++;
  }
  return { view, strs, nums, fontIx, fonts, chars };
}

async function resolvePage(doc, dest) {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    const target = explicit?.[0];
    if (target === undefined || target === null) return null;
    if (typeof target === 'number') return Number.isInteger(target) && target >= 0 ? target + 1 : null;
    if (typeof target === 'object' && 'num' in target) return (await doc.getPageIndex(target)) + 1;
    return null;
  } catch {
    return null;
  }
}

parentPort.on('message', async ({ id, op, ...args }) => {
  try {
    const fn = ops[op];
    if (!fn) throw new Error('unknown request ' + op);
    const value = await fn(args);
    const transfer = op === 'page' ? [value.nums.buffer, value.fontIx.buffer] : [];
    parentPort.postMessage({ id, ok: true, value }, transfer);
  } catch (err) {
    const { name, message, code } = err ?? {};
    parentPort.postMessage({ id, ok: false, error: { name: String(name ?? 'Error'), message: String(message ?? err), code } });
  }
});
`;
