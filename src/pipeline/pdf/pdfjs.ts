/**
 * Loading pdf.js (legacy build, the one for Node) and opening a document in its own thread.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PdfThread } from './thread.ts';

export type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const packageDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const workerUrl = pathToFileURL(join(packageDir, 'legacy/build/pdf.worker.mjs')).href;

let loading: Promise<PdfJs> | undefined;

/**
 * The pdf.js API module, imported once.
 *
 * Source maps are switched off while it loads: under tsx, Node would otherwise parse pdf.js's 2–6 MB maps and
 * keep them (about 300 MB of RSS) for stack traces nobody reads.
 */
export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    const hadSourceMaps = process.sourceMapsEnabled;
    process.setSourceMapsEnabled(false);
    try {
      return await import('pdfjs-dist/legacy/build/pdf.mjs');
    } finally {
      process.setSourceMapsEnabled(hadSourceMaps);
    }
  })();
  return loading;
}

/** A pdf.js document parsed in a thread of the pool. */
export interface ThreadedDocument {
  doc: PDFDocumentProxy;
  thread: PdfThread;
}

interface PooledThread {
  thread: PdfThread;
  worker: InstanceType<PdfJs['PDFWorker']>;
}

/** Threads kept across documents: starting one costs ~0.3 s of compiling pdf.js's parser. */
const pool: PooledThread[] = [];
let nextThread = 0;

/** A live thread of the pool, started when fewer than `maxThreads` exist; threads are shared round-robin. */
async function pooledThread(maxThreads: number, maxHeapMb: number): Promise<PooledThread> {
  const pdfjs = await loadPdfJs();
  for (let i = pool.length - 1; i >= 0; i--) if (!pool[i]?.thread.alive) pool.splice(i, 1);
  if (pool.length < maxThreads) {
    const thread = new PdfThread(workerUrl, maxHeapMb);
    const entry = {
      thread,
      worker: new pdfjs.PDFWorker({ port: thread.port as never, verbosity: 0 }),
    };
    pool.push(entry);
    return entry;
  }
  const entry = pool[nextThread++ % pool.length];
  if (!entry) throw new Error('no PDF thread');
  return entry;
}

/** Stops every pooled thread (tests, shutdown). */
export async function stopPdfThreads(): Promise<void> {
  const all = pool.splice(0);
  await Promise.all(all.map(({ thread }) => thread.terminate()));
}

/** Thrown when a parser thread stopped under a task (crash, out of memory, or stopped for another file). */
export class PdfThreadStopped extends Error {
  constructor(reason?: Error) {
    super(`the PDF parser thread stopped${reason ? `: ${reason.message}` : ''}`);
  }
}

/** A pdf.js call did not finish in time; its thread is presumed stuck. */
export class PdfTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${Math.round(ms / 1000)} s`);
  }
}

/**
 * Settles like `promise`, or rejects with {@link PdfTimeout} after `ms`, or with {@link PdfThreadStopped} if
 * `thread` stops first (its pending pdf.js calls would otherwise never settle).
 */
export function guarded<T>(promise: Promise<T>, thread: PdfThread, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  const watchdog = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PdfTimeout(ms)), ms);
    unsubscribe = thread.onStop(() => reject(new PdfThreadStopped(thread.failure)));
  });
  return Promise.race([promise, watchdog]).finally(() => {
    clearTimeout(timer);
    unsubscribe();
  });
}

/** Options of {@link openInThread}. */
export interface OpenOptions {
  password: string | undefined;
  timeoutMs: number;
  maxThreads: number;
  maxHeapMb: number;
}

/**
 * Opens `bytes` (copied: pdf.js takes ownership of what it is given) in a pooled thread.
 * Settings keep memory low and pdf.js quiet; CMaps (needed for CJK text) come from the package.
 * A thread that does not answer within `timeoutMs` is stopped.
 */
export async function openInThread(bytes: Uint8Array, opts: OpenOptions): Promise<ThreadedDocument> {
  const pdfjs = await loadPdfJs();
  const { thread, worker } = await pooledThread(opts.maxThreads, opts.maxHeapMb);
  thread.use();
  const task = pdfjs.getDocument({
    data: bytes.slice(),
    password: opts.password,
    worker,
    verbosity: 0,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    stopAtErrors: false,
    useWasm: false,
    useWorkerFetch: false,
    disableAutoFetch: true,
    disableStream: true,
    cMapUrl: `${join(packageDir, 'cmaps')}/`,
    cMapPacked: true,
    // No standardFontDataUrl: the glyph outlines of non-embedded standard fonts are only needed to draw, and
    // loading and converting them costs time per font; the text comes out the same without them.
  });
  try {
    const doc = await guarded(task.promise, thread, opts.timeoutMs);
    return { doc, thread };
  } catch (err) {
    await closeThreaded({ doc: undefined, thread, task }, err);
    throw err;
  }
}

/**
 * Ends a document; never throws. After a time-out the thread is presumed stuck and is stopped (pdf.js's
 * `destroy()` would wait for its answer forever), otherwise the thread stays in the pool for the next file.
 */
export async function closeThreaded(
  td: { doc: PDFDocumentProxy | undefined; thread: PdfThread; task?: { destroy(): Promise<void> } },
  failure?: unknown,
): Promise<void> {
  const stuck = failure instanceof PdfTimeout;
  const destroying = (td.doc ?? td.task)?.destroy().catch(() => {});
  if (stuck || !td.thread.alive) {
    await td.thread.terminate();
  } else if (destroying) {
    await guarded(destroying, td.thread, 2000).catch(() => td.thread.terminate());
  }
  td.thread.release();
}
