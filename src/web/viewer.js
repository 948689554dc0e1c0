// @ts-check
/**
 * The source viewer: the PDF a course was made from, at the page a citation names, beside the course text (a
 * full-screen sheet on a phone). pdf.js (served from the installed pdfjs-dist) fetches only the byte ranges of
 * the pages it shows, draws the page into a canvas and lays its text over it, where the cited sentence is
 * highlighted. Keyboard: ← → turn pages, Esc closes.
 */
import { authHeaders, request } from './api.js';
import { byId, replace } from './dom.js';
import { sentenceStart } from './question-text.js';

const PDFJS = new URL('app/vendor/pdfjs/build/pdf.min.mjs', document.baseURI).href;
const VENDOR = new URL('app/vendor/pdfjs/', document.baseURI).href;

/** @type {Promise<any> | null} */
let pdfjsLib = null;
/** @type {{ documentId: string; doc: any } | null} */
let current = null;
let pageNumber = 1;
/** @type {string | null} */
let quote = null;
/** @type {Promise<void>} */
let rendering = Promise.resolve();
/** @type {HTMLElement | null} */
let opener = null;

const els = () => ({
  viewer: byId('viewer'),
  layout: byId('layout'),
  file: byId('viewer-file'),
  status: byId('viewer-status'),
  page: /** @type {HTMLInputElement} */ (byId('viewer-page')),
  count: byId('viewer-count'),
  prev: /** @type {HTMLButtonElement} */ (byId('viewer-prev')),
  next: /** @type {HTMLButtonElement} */ (byId('viewer-next')),
  close: byId('viewer-close'),
  quote: byId('viewer-quote'),
  password: /** @type {HTMLFormElement} */ (byId('viewer-password')),
  passwordInput: /** @type {HTMLInputElement} */ (byId('viewer-password-input')),
  wrap: byId('viewer-canvas-wrap'),
  canvas: /** @type {HTMLCanvasElement} */ (byId('viewer-canvas')),
});

function loadPdfjs() {
  pdfjsLib ??= import(PDFJS).then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = `${VENDOR}build/pdf.worker.min.mjs`;
    return lib;
  });
  return pdfjsLib;
}

/** @param {string} text */
function setStatus(text) {
  els().status.textContent = text;
}

/**
 * Opens the viewer on `page` of a document's PDF.
 * @param {{ documentId: string; fileName: string; page: number; quote?: string; from?: HTMLElement }} what
 */
export async function openViewer(what) {
  const e = els();
  opener = what.from ?? null;
  quote = what.quote ?? null;
  e.viewer.hidden = false;
  e.layout.classList.add('with-viewer');
  e.file.textContent = what.fileName;
  e.quote.hidden = !quote;
  e.quote.textContent = quote ? `“${quote}”` : '';
  pageNumber = what.page;
  e.close.focus({ preventScroll: true });
  if (current?.documentId !== what.documentId) {
    current = null;
    await openDocument(what.documentId);
  }
  await show(pageNumber);
}

/** Closes the viewer and gives the focus back to the citation that opened it. */
export function closeViewer() {
  const e = els();
  if (e.viewer.hidden) return;
  e.viewer.hidden = true;
  e.layout.classList.remove('with-viewer');
  opener?.focus({ preventScroll: true });
}

/** @param {string} documentId */
async function openDocument(documentId) {
  const e = els();
  const url = `api/documents/${encodeURIComponent(documentId)}/pdf`;
  e.count.textContent = 'of ?';
  e.canvas.hidden = true;
  for (const old of e.wrap.querySelectorAll('.viewer-missing')) old.remove();
  setStatus('Opening the PDF…');
  const lib = await loadPdfjs();
  const task = lib.getDocument({
    url: new URL(url, document.baseURI).href,
    httpHeaders: authHeaders(),
    cMapUrl: `${VENDOR}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${VENDOR}standard_fonts/`,
    wasmUrl: `${VENDOR}wasm/`,
    isEvalSupported: false,
    disableAutoFetch: true,
    disableStream: true,
  });
  task.onPassword = (/** @type {(p: string) => void} */ update, /** @type {number} */ reason) => {
    e.password.hidden = false;
    e.passwordInput.value = '';
    setStatus(reason === 2 ? 'That password is not right.' : 'This PDF needs its password.');
    e.passwordInput.focus();
    e.password.onsubmit = (ev) => {
      ev.preventDefault();
      e.password.hidden = true;
      update(e.passwordInput.value);
    };
  };
  try {
    const doc = await task.promise;
    current = { documentId, doc };
    e.count.textContent = `of ${doc.numPages}`;
    e.page.disabled = false;
    e.page.max = String(doc.numPages);
    e.canvas.hidden = false;
  } catch {
    // pdf.js says only that the fetch failed: ask the API itself for its reason (404: the PDF was not kept).
    let message = 'The PDF could not be opened.';
    try {
      await request(url, { headers: { Range: 'bytes=0-0' } });
    } catch (err) {
      message = err instanceof Error ? err.message : message;
    }
    setStatus('');
    replace(e.wrap, e.canvas);
    e.canvas.hidden = true;
    const note = document.createElement('p');
    note.className = 'viewer-missing';
    note.textContent = sentenceStart(message);
    e.prev.disabled = true;
    e.next.disabled = true;
    e.page.disabled = true;
    e.wrap.append(note);
    throw new Error(message);
  }
}

/** @param {number} n */
async function show(n) {
  if (!current) return;
  const { doc } = current;
  pageNumber = Math.min(Math.max(1, Math.round(n)), doc.numPages);
  const e = els();
  e.page.value = String(pageNumber);
  e.prev.disabled = pageNumber <= 1;
  e.next.disabled = pageNumber >= doc.numPages;
  rendering = rendering.then(() => draw(pageNumber)).catch(() => {});
  await rendering;
}

/** @param {number} n */
async function draw(n) {
  if (!current) return;
  const e = els();
  setStatus(`Page ${n}`);
  const page = await current.doc.getPage(n);
  const width = Math.max(200, e.wrap.clientWidth);
  const base = page.getViewport({ scale: 1 });
  const scale = width / base.width;
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;
  const canvas = e.canvas;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${Math.floor(viewport.width)}px`;
  canvas.style.height = `${Math.floor(viewport.height)}px`;
  canvas.setAttribute('aria-label', `Page ${n} of ${current.doc.numPages} of ${e.file.textContent}`);
  const context = canvas.getContext('2d');
  await page.render({
    canvas,
    canvasContext: context,
    viewport,
    transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
  }).promise;
  await textLayer(page, viewport, scale);
  e.wrap.dataset.page = String(n);
}

/**
 * The page's text over the canvas (selectable), with the cited sentence highlighted.
 * @param {any} page @param {any} viewport @param {number} scale
 */
async function textLayer(page, viewport, scale) {
  const e = els();
  e.wrap.querySelector('.textLayer')?.remove();
  const lib = await loadPdfjs();
  const layer = document.createElement('div');
  layer.className = 'textLayer';
  e.wrap.style.setProperty('--total-scale-factor', String(scale));
  e.wrap.style.setProperty('--scale-factor', String(scale));
  e.wrap.append(layer);
  const content = await page.getTextContent();
  const text = new lib.TextLayer({ textContentSource: content, container: layer, viewport });
  await text.render();
  if (!quote) return;
  const spans = /** @type {HTMLElement[]} */ (text.textDivs);
  const items = content.items.filter((/** @type {any} */ i) => typeof i.str === 'string');
  for (const i of matchingItems(
    items.map((/** @type {any} */ i) => i.str),
    quote,
  ))
    spans[i]?.classList.add('cited');
}

/** Letters and digits only, lower case: how a sentence and the page's text are compared. */
const normal = (/** @type {string} */ s) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * Indexes of the text items that hold the sentence `needle` (or its first 80 letters), compared without
 * spaces, punctuation and case (the course text was de-hyphenated and re-spaced).
 * @param {string[]} strs @param {string} needle
 * @returns {number[]}
 */
export function matchingItems(strs, needle) {
  const wanted = normal(needle).slice(0, 80);
  if (wanted.length < 6) return [];
  let joined = '';
  const starts = strs.map((s) => {
    const at = joined.length;
    joined += normal(s);
    return at;
  });
  const at = joined.indexOf(wanted);
  if (at < 0) return [];
  const end = at + normal(needle).length;
  return strs.flatMap((s, i) => {
    const a = starts[i] ?? 0;
    const b = a + normal(s).length;
    return b > at && a < end && b > a ? [i] : [];
  });
}

/** Wires the viewer's controls (once). */
export function initViewer() {
  const e = els();
  e.prev.addEventListener('click', () => void show(pageNumber - 1));
  e.next.addEventListener('click', () => void show(pageNumber + 1));
  e.close.addEventListener('click', closeViewer);
  e.page.addEventListener('change', () => void show(Number(e.page.value) || 1));
  e.viewer.addEventListener('keydown', (ev) => {
    if (ev.target instanceof HTMLInputElement && ev.key !== 'Escape') return;
    if (ev.key === 'ArrowLeft') void show(pageNumber - 1);
    else if (ev.key === 'ArrowRight') void show(pageNumber + 1);
    else if (ev.key === 'Escape') closeViewer();
  });
  let resize = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resize);
    resize = window.setTimeout(() => {
      if (!e.viewer.hidden) void show(pageNumber);
    }, 200);
  });
}
