/**
 * Documents opened by pdf.js in pooled parser threads, and what we ask of them: a page's text items, the
 * outline, the metadata. pdf.js itself is only ever loaded inside the threads.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { OutlineEntry } from '../../domain/document.ts';
import { PdfThread, PdfTimeout, type ThreadModules } from './thread.ts';

export { PdfJsError, PdfThread, PdfThreadStopped, PdfTimeout } from './thread.ts';

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const buildUrl = (file: string) => pathToFileURL(join(packageDir, 'legacy/build', file)).href;
/** The minified builds: the same code, about half the source text for the thread to hold and compile. */
export const PDFJS_MODULES: ThreadModules = {
  apiUrl: buildUrl('pdf.min.mjs'),
  workerUrl: buildUrl('pdf.worker.min.mjs'),
  tuned: true,
};
export const CMAP_URL = `${join(packageDir, 'cmaps')}/`;

/** Outline entries beyond this are ignored: a hostile outline must not make us resolve millions of them. */
const MAX_OUTLINE_ENTRIES = 10_000;

/**
 * One page's text items as parallel arrays (what the thread sends: a few typed arrays rather than thousands
 * of objects). Item i is `strs[i]` at `nums[4i..4i+3]` = x, y (baseline), width, font size, in font
 * `fonts[fontIx[i]]` (the font's PDF name, '' when unknown).
 */
export interface PackedPage {
  /** The page's box `[x0, y0, x1, y1]`. */
  view: number[];
  strs: string[];
  nums: Float64Array;
  fontIx: Uint16Array;
  fonts: string[];
  /** Non-whitespace characters in the text layer. */
  chars: number;
}

/** A document open in a parser thread. */
export interface RemoteDocument {
  readonly thread: PdfThread;
  readonly docId: number;
  readonly numPages: number;
}

/** Threads kept across documents: starting one costs ~0.3 s of compiling pdf.js. */
const pool: PdfThread[] = [];
let nextThread = 0;

/** A live thread of the pool, started when fewer than `maxThreads` exist; threads are shared round-robin. */
function pooledThread(maxThreads: number, maxHeapMb: number): PdfThread {
  for (let i = pool.length - 1; i >= 0; i--) if (!pool[i]?.alive) pool.splice(i, 1);
  if (pool.length < maxThreads) {
    const thread = new PdfThread(PDFJS_MODULES, maxHeapMb);
    pool.push(thread);
    return thread;
  }
  return pool[nextThread++ % pool.length] as PdfThread;
}

/** A one-page PDF with a line of text (pdf.js rebuilds its missing cross-reference table). */
const TINY_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 50]/Contents 4 0 R' +
    '/Resources<</Font<</F1<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>>>endobj\n' +
    '4 0 obj<</Length 36>>stream\nBT /F1 12 Tf 10 20 Td (warm) Tj ET\nendstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/**
 * Starts a pooled thread and has it read a tiny PDF, so that pdf.js is loaded and compiled before the first
 * real document (about half a second of a cold process's first task).
 */
export async function warmPdfThread(opts: Omit<OpenOptions, 'password'>): Promise<void> {
  const doc = await openInThread(TINY_PDF, { ...opts, password: undefined });
  try {
    await readPage(doc, 1, opts.timeoutMs);
  } finally {
    await closeRemote(doc);
  }
}

/** Number of live pooled threads. */
export function pdfThreadCount(): number {
  return pool.filter((t) => t.alive).length;
}

/** Stops every pooled thread (tests, shutdown). */
export async function stopPdfThreads(): Promise<void> {
  const all = pool.splice(0);
  await Promise.all(all.map((thread) => thread.terminate()));
}

/** Options of {@link openInThread}. */
export interface OpenOptions {
  password: string | undefined;
  timeoutMs: number;
  maxThreads: number;
  maxHeapMb: number;
}

/**
 * Opens `bytes` (a copy is handed to the thread) in a pooled thread. A thread that does not answer within
 * `timeoutMs` is stopped.
 * @throws PdfJsError (pdf.js's failure, e.g. `PasswordException`), PdfTimeout or PdfThreadStopped.
 */
export async function openInThread(bytes: Uint8Array, opts: OpenOptions): Promise<RemoteDocument> {
  const thread = pooledThread(opts.maxThreads, opts.maxHeapMb);
  thread.use();
  const data = bytes.slice().buffer;
  try {
    const { docId, numPages } = await thread.request<{ docId: number; numPages: number }>(
      { op: 'open', data, password: opts.password, cMapUrl: CMAP_URL },
      opts.timeoutMs,
      [data],
    );
    return { thread, docId, numPages };
  } catch (err) {
    if (err instanceof PdfTimeout) await thread.terminate();
    thread.release();
    throw err;
  }
}

/** Page `n`'s box and text items. */
export function readPage(doc: RemoteDocument, n: number, timeoutMs: number): Promise<PackedPage> {
  return doc.thread.request<PackedPage>({ op: 'page', docId: doc.docId, n }, timeoutMs);
}

/** The outline flattened in document order; an entry whose destination cannot be resolved gets `page: null`. */
export async function readOutline(doc: RemoteDocument, timeoutMs: number): Promise<OutlineEntry[]> {
  const flat = await doc.thread.request<[string, number, number | null][]>(
    { op: 'outline', docId: doc.docId, max: MAX_OUTLINE_ENTRIES },
    timeoutMs,
  );
  return flat.map(([title, level, page]) => ({ title, level, page }));
}

/** Title and author from the info dictionary, else XMP; only non-empty values. */
export async function readMetadata(
  doc: RemoteDocument,
  timeoutMs: number,
): Promise<{ title?: string; author?: string }> {
  const { title, author } = await doc.thread.request<{ title?: string; author?: string }>(
    { op: 'meta', docId: doc.docId },
    timeoutMs,
  );
  return { ...(title ? { title } : {}), ...(author ? { author } : {}) };
}

/**
 * Ends a document; never throws. A thread that timed out is presumed stuck and is stopped (it would never
 * answer); otherwise the thread stays in the pool for the next file.
 */
export async function closeRemote(doc: RemoteDocument, stuck = false): Promise<void> {
  if (stuck) await doc.thread.terminate();
  else if (doc.thread.alive) {
    await doc.thread.request({ op: 'close', docId: doc.docId }, 2000).catch(() => doc.thread.terminate());
  }
  doc.thread.release();
}
