/**
 * pdf.js's parsing side ("worker") in a Node worker thread.
 *
 * pdf.js in Node normally runs its worker in the main thread ("fake worker"). A thread of our own gives us:
 * - a hard time limit: a parser stuck in a loop is stopped by terminating the thread;
 * - parallelism: several threads can parse pages of the same file on several cores;
 * - the real font names (pdf.js's text API only says serif/sans-serif), captured by a hook that is only
 *   safe because the thread runs nothing but pdf.js.
 */
import { Worker } from 'node:worker_threads';

/** Messages of the thread that are ours, not pdf.js's. */
interface FontNameMessage {
  profaiFont: [loadedName: string, fontName: string];
}

/**
 * The thread's code, evaluated as a script so it needs no file next to the compiled module.
 *
 * Font hook: pdf.js's `Font` constructor assigns `this.fallbackName` after `name` and `loadedName`; a setter on
 * `Object.prototype` (in this thread only) sees that assignment, stores the value as an ordinary own property
 * and reports `loadedName → name` (e.g. `g_d0_f2 → ABCDEF+Times-Bold`). The text items name their font by
 * `loadedName`, so the main thread can tell bold fonts apart. Messages sent before pdf.js is loaded are queued.
 */
const THREAD_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
// pdf.js must never print. Silencing console here, rather than piping the thread's stdout and draining it,
// matters: a drained stdout stream keeps a MessagePort referenced and the process would never exit.
for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[method] = () => {};
Object.defineProperty(Object.prototype, 'fallbackName', {
  configurable: true,
  set(value) {
    Object.defineProperty(this, 'fallbackName', { value, writable: true, enumerable: true, configurable: true });
    if (typeof this.name === 'string' && typeof this.loadedName === 'string') {
      parentPort.postMessage({ profaiFont: [this.loadedName, this.name] });
    }
  },
});
const listeners = new Set();
const port = {
  postMessage: (message, transfer) => parentPort.postMessage(message, transfer),
  addEventListener: (_type, fn) => listeners.add(fn),
  removeEventListener: (_type, fn) => listeners.delete(fn),
};
const dispatch = (data) => { for (const fn of listeners) fn({ data }); };
let queued = [];
parentPort.on('message', (data) => (queued ? queued.push(data) : dispatch(data)));
import(workerData.workerUrl).then(({ WorkerMessageHandler }) => {
  WorkerMessageHandler.initializeFromPort(port);
  dispatch({ sourceName: 'main', targetName: 'worker', action: 'configure', data: { verbosity: 0 } });
  const pending = queued;
  queued = null;
  for (const data of pending) dispatch(data);
});
`;

type Listener = (event: { data: unknown }) => void;

/** One worker thread running pdf.js's parser, with the port pdf.js's `PDFWorker` expects. */
export class PdfThread {
  readonly #worker: Worker;
  readonly #listeners = new Set<Listener>();
  /** pdf.js `loadedName` → the font's PDF name, as the thread reports them. */
  readonly fontNames = new Map<string, string>();
  #exited = false;
  #users = 0;
  /** Why the thread stopped on its own (crash, out of memory), if it did. */
  failure: Error | undefined;
  readonly #stopWatchers = new Set<() => void>();

  /** The object handed to `new PDFWorker({ port })`. */
  readonly port = {
    postMessage: (message: unknown, transfer?: readonly ArrayBuffer[]) => {
      if (!this.#exited) this.#worker.postMessage(message, transfer as never);
    },
    addEventListener: (_type: string, fn: Listener) => this.#listeners.add(fn),
    removeEventListener: (_type: string, fn: Listener) => this.#listeners.delete(fn),
  };

  /**
   * @param workerUrl file URL of `pdf.worker.mjs`.
   * @param maxHeapMb old-space cap of the thread; a thread over it stops instead of swelling the process.
   */
  constructor(workerUrl: string, maxHeapMb: number) {
    this.#worker = new Worker(THREAD_CODE, {
      eval: true,
      workerData: { workerUrl },
      // Plain JS thread: no TypeScript loader, no inherited flags.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 8 },
    });
    this.#worker.on('message', (data: unknown) => this.#onMessage(data));
    this.#worker.on('error', (err) => {
      this.failure = err;
    });
    this.#worker.on('exit', () => {
      this.#exited = true;
      for (const fn of this.#stopWatchers) fn();
      this.#stopWatchers.clear();
    });
    this.#worker.unref();
  }

  /** Calls `fn` once when the thread stops (at once if it has); returns the function that unsubscribes. */
  onStop(fn: () => void): () => void {
    if (this.#exited) {
      fn();
      return () => {};
    }
    this.#stopWatchers.add(fn);
    return () => this.#stopWatchers.delete(fn);
  }

  /** Marks one more document as using the thread; the process stays alive while any does. */
  use(): void {
    if (this.#users++ === 0) this.#worker.ref();
  }

  /** A document is done with the thread; an unused thread lets the process exit and forgets font names. */
  release(): void {
    if (--this.#users > 0) return;
    this.#users = 0;
    this.#worker.unref();
    this.fontNames.clear();
  }

  get alive(): boolean {
    return !this.#exited;
  }

  #onMessage(data: unknown): void {
    const font = (data as Partial<FontNameMessage> | null)?.profaiFont;
    if (font) {
      this.fontNames.set(font[0], font[1]);
      return;
    }
    for (const fn of this.#listeners) fn({ data });
  }

  /** Stops the thread at once, even in the middle of parsing. */
  async terminate(): Promise<void> {
    this.#exited = true;
    await this.#worker.terminate();
  }
}
