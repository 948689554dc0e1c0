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
 * - `tuning {}` → which speed-ups took effect, `{ textTransform, flatTextState, nativePush }`;
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

// Changes that halve pdf.js's text extraction time (the 397-page manual: 4.5 → 2.2 s), found with V8's profiler;
// all keep its output bit for bit (test/pipeline/pdf-thread.test.ts compares every item of several files):
// - textTransform: a glyph's text position is computed several times per glyph, as two matrix products through
//   Util.transform (a new array each time, called with typed and plain arrays from everywhere: ~0.7 µs a call,
//   3.5 million calls for the manual). The same products written out in a function of their own cost a fraction.
// - flatTextState: TextState.clone() made each copy inherit from the state it copied, so the prototype chains
//   grow with every q/BT operator and every property read walks them; copies now inherit from TextState itself
//   (every field is an own property, so they read the same).
// - nativePush: the legacy build's core-js replaces Array.prototype.push with a JavaScript one on V8 < 12.2
//   (Node 20), for the error thrown when pushing onto a frozen-length array; pdf.js pushes every glyph. The
//   native one goes back once pdf.js is loaded (this thread runs nothing else).
// A patch whose text is not found (another pdf.js version) is left out; the test then fails.
const PARSER_PATCHES = [
  {
    name: 'textTransform',
    find: /return Util\.transform\((\w+)\.ctm,Util\.transform\(\1\.textMatrix,(\w+)\)\)/,
    replace: 'return profaiTextTransform($1.ctm,$1.textMatrix,$2)',
    prelude:
      'function profaiTextTransform(c,m,t){' +
      'const n0=m[0]*t[0]+m[2]*t[1],n1=m[1]*t[0]+m[3]*t[1],n2=m[0]*t[2]+m[2]*t[3],n3=m[1]*t[2]+m[3]*t[3],' +
      'n4=m[0]*t[4]+m[2]*t[5]+m[4],n5=m[1]*t[4]+m[3]*t[5]+m[5];' +
      'return[c[0]*n0+c[2]*n1,c[1]*n0+c[3]*n1,c[0]*n2+c[2]*n3,c[1]*n2+c[3]*n3,c[0]*n4+c[2]*n5+c[4],c[1]*n4+c[3]*n5+c[5]]}\n',
  },
  {
    name: 'flatTextState',
    find: /Object\.assign\(Object\.create\(this\),this\)/,
    replace: 'Object.assign(Object.create(Object.getPrototypeOf(this)),this)',
    prelude: '',
  },
];
const tuning = { textTransform: false, flatTextState: false, nativePush: false };

/** The parser module's URL: with workerData.tuned, its source with the patches above, as a data: URL. */
function parserUrl(url) {
  if (!workerData.tuned) return url;
  const { readFileSync } = require('node:fs');
  const { fileURLToPath } = require('node:url');
  let source = readFileSync(fileURLToPath(url), 'utf8');
  let prelude = '';
  for (const patch of PARSER_PATCHES) {
    const found = source.match(new RegExp(patch.find, 'g'));
    if (found?.length !== 1) continue;
    source = source.replace(patch.find, patch.replace);
    prelude += patch.prelude;
    tuning[patch.name] = true;
  }
  return 'data:text/javascript;base64,' + Buffer.from(prelude + source).toString('base64');
}

const ready = (async () => {
  const push = Object.getOwnPropertyDescriptor(Array.prototype, 'push');
  const worker = await import(parserUrl(workerData.workerUrl));
  // pdf.js's fake worker takes its parser from here instead of importing it again.
  globalThis.pdfjsWorker = worker;
  const api = await import(workerData.apiUrl);
  if (workerData.tuned && Array.prototype.push !== push.value) Object.defineProperty(Array.prototype, 'push', push);
  tuning.nativePush = Array.prototype.push === push.value;
  return api;
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

  /** Which of the speed-ups above took effect (for tests: a pdf.js upgrade must not lose them silently). */
  async tuning() {
    await ready;
    return tuning;
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
