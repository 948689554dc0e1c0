/**
 * A Node worker thread running all of pdf.js, spoken to by request and answer.
 *
 * pdf.js in Node normally runs in the main thread. A thread of our own gives us:
 * - a hard time limit: a parser stuck in a loop is stopped by terminating the thread;
 * - memory: pdf.js's modules and caches live in the thread; the main thread only ever holds one page's
 *   packed text items at a time (and never imports pdf.js, which under tsx alone costs ~100 MB);
 * - parallelism: several threads can parse pages of the same file on several cores;
 * - the real font names (pdf.js's text API only says serif/sans-serif), captured by a hook that is only
 *   safe because the thread runs nothing but pdf.js (see thread-code.ts).
 */
import { Worker } from 'node:worker_threads';
import { THREAD_CODE } from './thread-code.ts';

/** Thrown when a parser thread stopped under a request (crash, out of memory, or stopped on purpose). */
export class PdfThreadStopped extends Error {
  constructor(reason?: Error) {
    super(`the PDF parser thread stopped${reason ? `: ${reason.message}` : ''}`);
  }
}

/** A request did not finish in time; its thread is presumed stuck. */
export class PdfTimeout extends Error {
  constructor(readonly ms: number) {
    super(`no answer within ${Math.round(ms / 1000)} s`);
  }
}

/** An error pdf.js threw in the thread, with its name and (for `PasswordException`) code. */
export class PdfJsError extends Error {
  constructor(
    message: string,
    override readonly name: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

/** Where the thread finds pdf.js. */
export interface ThreadModules {
  /** File URL of pdf.js's API module. */
  apiUrl: string;
  /** File URL of pdf.js's parser ("worker") module. */
  workerUrl: string;
  /** Apply the speed-ups described in thread-code.ts (same output, about half the time). */
  tuned: boolean;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

interface Answer {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string; code?: number };
}

/** One worker thread running pdf.js. */
export class PdfThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #exited = false;
  #users = 0;
  /** Why the thread stopped on its own (crash, out of memory), if it did. */
  failure: Error | undefined;

  /** @param maxHeapMb old-space cap of the thread; a thread over it stops instead of swelling the process. */
  constructor(modules: ThreadModules, maxHeapMb: number) {
    this.#worker = new Worker(THREAD_CODE, {
      eval: true,
      workerData: modules,
      // Plain JS thread: no TypeScript loader, no inherited flags.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: maxHeapMb, maxYoungGenerationSizeMb: 8 },
    });
    this.#worker.on('message', (answer: Answer) => this.#settle(answer));
    this.#worker.on('error', (err) => {
      this.failure = err;
    });
    this.#worker.on('exit', () => this.#stopped());
    this.#worker.unref();
  }

  /**
   * Sends a request; rejects with {@link PdfTimeout} after `timeoutMs` (the thread keeps running: the caller
   * decides whether to stop it), with {@link PdfThreadStopped} if the thread stops first, or with
   * {@link PdfJsError} when pdf.js fails.
   */
  request<T>(
    message: { op: string } & Record<string, unknown>,
    timeoutMs: number,
    transfer: ArrayBuffer[] = [],
  ): Promise<T> {
    if (this.#exited) return Promise.reject(new PdfThreadStopped(this.failure));
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id);
        reject(new PdfTimeout(timeoutMs));
      }, timeoutMs);
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.#worker.postMessage({ ...message, id }, transfer);
    });
  }

  #settle(answer: Answer): void {
    const pending = this.#pending.get(answer.id);
    if (!pending) return; // timed out already
    this.#pending.delete(answer.id);
    clearTimeout(pending.timer);
    if (answer.ok) pending.resolve(answer.value);
    else {
      const { name = 'Error', message = 'unknown error', code } = answer.error ?? {};
      pending.reject(new PdfJsError(message, name, code));
    }
  }

  #stopped(): void {
    this.#exited = true;
    const stopped = new PdfThreadStopped(this.failure);
    for (const { reject, timer } of this.#pending.values()) {
      clearTimeout(timer);
      reject(stopped);
    }
    this.#pending.clear();
  }

  /** Marks one more document as using the thread; the process stays alive while any does. */
  use(): void {
    if (this.#users++ === 0) this.#worker.ref();
  }

  /** A document is done with the thread; an unused thread lets the process exit. */
  release(): void {
    if (--this.#users > 0) return;
    this.#users = 0;
    this.#worker.unref();
  }

  get alive(): boolean {
    return !this.#exited;
  }

  /** Stops the thread at once, even in the middle of parsing; pending requests reject. */
  async terminate(): Promise<void> {
    if (!this.#exited) this.#stopped();
    this.#worker.unref();
    await this.#worker.terminate();
  }
}
