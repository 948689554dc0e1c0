/**
 * PDFium compiled to WebAssembly (`@embedpdf/pdfium`): one instance per process, made on first use and reused
 * for every document, with a cap on its memory and a time limit on every call into it.
 *
 * - Memory: WebAssembly memory only grows. The instance's requests to grow past {@link EngineLimits} are
 *   refused (PDFium then fails the allocation, or aborts), and the call that asked fails with
 *   {@link EngineMemoryExceeded}: a hostile stream that inflates to gigabytes stops at the cap.
 * - Time: a WebAssembly call cannot be interrupted from its own thread, and PDFium runs in the caller's
 *   (no parser thread: a worker child uses one core). {@link runInEngine} runs a synchronous piece of work
 *   under V8's watchdog (a `vm` script with a timeout: another thread that terminates the running code, wasm
 *   included); past the limit it throws {@link EngineTimeout}. The same holds in `profai process` and a child.
 * - After a time-out, an abort or a trap the instance's state cannot be trusted (C++ destructors never ran): it
 *   is dropped, and the next call makes a fresh one from the compiled module (a few milliseconds). So is an
 *   instance whose memory grew past {@link EngineLimits.renewAboveMb}, or that read a document of
 *   {@link EngineLimits.renewAtPages} pages or more, to hand that memory back.
 *
 * Hot loops call `exports.*` (the raw WebAssembly functions) directly: the package's `cwrap` wrappers cost
 * about 2.4× as much per call.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import v8 from 'node:v8';
import vm from 'node:vm';
import { init, type PdfiumModule, type WrappedPdfiumModule } from '@embedpdf/pdfium';

/** The raw exports used here (numbers in, numbers out; pointers are offsets into the heap). */
export type PdfiumExports = Record<string, (...args: number[]) => number>;

/**
 * An instance of the engine. The heap views must be taken again after any call that may grow memory
 * (growing replaces the buffer); the functions below return views of the current one.
 */
export interface Engine {
  readonly exports: PdfiumExports;
  /** Increases each time an instance is made; a document belongs to the instance that opened it. */
  readonly generation: number;
  heapU8(): Uint8Array;
  heapF32(): Float32Array;
  heapF64(): Float64Array;
  /** Copies a NUL-terminated UTF-8 string into fresh heap memory (free it with `exports.free`). */
  allocString(text: string): number;
}

/** Limits of the engine's instance, process-wide. */
export interface EngineLimits {
  /** Most memory the instance may grow to, in MB (PDF_MAX_MEMORY_MB). @defaultValue 256 */
  maxMemoryMb: number;
  /**
   * An instance whose memory grew past this many MB is replaced once its document is closed (memory a WebAssembly
   * instance has grown never shrinks), and, during OCR, between drawing a page and reading it; there, what opening
   * the document grew the instance by (its copy of the file: a 47 MB file holds it at 46.9 MB) is allowed on top, as a fresh
   * instance needs it again (no corpus file or manual grows it when opened, 2026-12-06). Reading text never
   * grows it past its first 17.75 MB (the 10 Debian manuals and the corpus, 2026-12-06); drawing pages for OCR does
   * (om-mixed-scan-text.pdf's page 6 at 300 dpi to 67.5 MB in one call, 37 MB in the two bands its soft mask
   * gets, om-scan-wikipedia-de.pdf's to 149 MB). At 96 MB the
   * former stayed in the child for every later job: a corpus worker's later jobs sat ~70 MB higher. @defaultValue 32
   */
  renewAboveMb: number;
  /**
   * An instance that read a document of this many pages or more is replaced once it is closed too, so that its
   * memory (17.75 MB, mostly resident once a manual was read) is handed back before the stages after extraction
   * (structure, course, quiz) make a worker child's peak: valgrind_manual.pdf's pipeline peaked at 174 MB instead
   * of 185 MB (2026-12-06). Smaller documents keep it: a new instance costs 15-30 ms of CPU in a fresh process and
   * 60-100 ms in a child whose heap holds the English model (the full garbage collection it sets off), which a
   * small document would feel and a manual's course stage hides. @defaultValue 100
   */
  renewAtPages: number;
}

/** The engine's memory would grow past its cap. */
export class EngineMemoryExceeded extends Error {
  constructor(readonly limitMb: number) {
    super(`needs more than ${limitMb} MB of memory`);
  }
}

/** A call into the engine did not finish within its time limit and was stopped. */
export class EngineTimeout extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${Math.round(ms / 1000)} s`);
  }
}

/** PDFium aborted or trapped (a bug or an unsupported construct); its instance was dropped. */
export class EngineCrashed extends Error {}

const limits: EngineLimits = { maxMemoryMb: 256, renewAboveMb: 32, renewAtPages: 100 };

/** The process-wide limits in force. */
export const engineLimits = (): Readonly<EngineLimits> => limits;

/** Sets the process-wide limits (each document's open passes its settings). */
export function setEngineLimits(next: Partial<EngineLimits>): void {
  Object.assign(limits, next);
}

const wasmPath = createRequire(import.meta.url).resolve('@embedpdf/pdfium/pdfium.wasm');
let compiled: Promise<WebAssembly.Module> | undefined;
let current: Promise<Engine> | undefined;
let generation = 0;
/** Set when the current instance was refused memory: the call under way must fail. */
let refusedGrowth = false;

/** The compiled module (compiling costs tens of milliseconds; instances from it cost a few). */
function compiledModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(readFileSync(wasmPath));
  return compiled;
}

/** The process's engine instance, made when first needed or after the last one was dropped. */
export function engine(): Promise<Engine> {
  if (!current) {
    current = makeEngine();
    current.catch(() => {
      current = undefined;
    });
  }
  return current;
}

/** Compiles the engine ahead of the first document (e.g. while a database opens). Never throws. */
export async function warmEngine(): Promise<void> {
  await engine().catch(() => {});
}

/** Drops the current instance (its memory goes with the next garbage collection). */
export function dropEngine(): void {
  current = undefined;
  currentEngine = undefined;
}

let collect: (() => void) | undefined;
/**
 * A full garbage collection now, so that the memory of a dropped instance goes at once. V8 frees a WebAssembly
 * memory only when it collects the objects holding it, and a process whose JavaScript heap is small may not
 * collect for a long time: PDFium's 149 MB for om-scan-wikipedia-de.pdf stayed resident while Tesseract read
 * the page. `gc` is exposed for this (Node's own `--expose-gc`, set from code: the children start without it).
 */
export function collectGarbage(): void {
  if (!collect) {
    v8.setFlagsFromString('--expose-gc');
    collect = vm.runInNewContext('gc') as () => void;
  }
  collect();
}

/**
 * Drops the instance when its memory grew past `renewAboveMb` or the document it read had `renewAtPages` pages or
 * more; call when that document is closed.
 */
export function renewIfGrown(e: Engine, pages = 0): void {
  if ((hasGrown(e) || pages >= limits.renewAtPages) && isCurrent(e)) dropEngine();
}

/**
 * True when `e`'s memory grew past `renewAboveMb` (a page drawn from a large image does that), not counting
 * `openedBytes`: what opening the document it holds grew it by (its copy of the file, for one), which a fresh
 * instance that opens the document again needs too. Without it a file over ~14 MB counted as grown right after
 * opening, and each OCR page made a new instance that was "grown" again (a 47 MB file: 47-102 ms a page, nothing
 * handed back). Closing passes nothing: no document is opened again then, so all of it goes back.
 */
export function hasGrown(e: Engine, openedBytes = 0): boolean {
  return e.heapU8().length > limits.renewAboveMb * 1024 * 1024 + openedBytes;
}

let currentEngine: Engine | undefined;
const isCurrent = (e: Engine) => currentEngine === e;

/** True when the process has a live engine instance (made, not dropped). */
export function hasEngine(): boolean {
  return currentEngine !== undefined;
}

/** True while `e` is the process's instance (not dropped after a failure or for its size). */
export function isLive(e: Engine): boolean {
  return isCurrent(e);
}

/**
 * Removes the getters the engine's Emscripten glue (a build with assertions) defines on `globalThis` for names it
 * does not export (`asm`, `buffer`, library symbols): each closes over the instance that defined them, so the
 * first instance ever made, its whole WebAssembly memory with it, stayed reachable after it was dropped. Nothing
 * reads them: they only warn when a script asks for those names.
 */
function removeGlueGlobals(before: ReadonlySet<string>): void {
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    if (before.has(name)) continue;
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    if (descriptor?.get && descriptor.configurable) delete (globalThis as Record<string, unknown>)[name];
  }
}

async function makeEngine(): Promise<Engine> {
  const wasm = await compiledModule();
  const globalsBefore = new Set(Object.getOwnPropertyNames(globalThis));
  const wrapped: WrappedPdfiumModule = await init({
    print: () => {},
    printErr: () => {},
    instantiateWasm(imports: WebAssembly.Imports, done: (instance: WebAssembly.Instance) => void) {
      const env = imports.env as Record<string, unknown>;
      const grow = env.emscripten_resize_heap as (bytes: number) => boolean;
      env.emscripten_resize_heap = (requested: number) => {
        if (requested >>> 0 > limits.maxMemoryMb * 1024 * 1024) {
          refusedGrowth = true;
          return false;
        }
        return grow(requested);
      };
      WebAssembly.instantiate(wasm, imports).then(done);
      return {};
    },
  } as Partial<PdfiumModule>);
  removeGlueGlobals(globalsBefore);
  wrapped.PDFiumExt_Init();
  const exports = wrapped.pdfium.wasmExports as unknown as PdfiumExports & { memory: WebAssembly.Memory };
  const { memory } = exports;
  let views = heapViews(memory);
  // Growing the memory detaches the old buffer, which leaves its views empty.
  const liveViews = () => {
    if (views.u8.length === 0) views = heapViews(memory);
    return views;
  };
  const made: Engine = {
    exports,
    generation: ++generation,
    heapU8: () => liveViews().u8,
    heapF32: () => liveViews().f32,
    heapF64: () => liveViews().f64,
    allocString(text) {
      const bytes = new TextEncoder().encode(text);
      const ptr = exports.malloc!(bytes.length + 1);
      const heap = made.heapU8();
      heap.set(bytes, ptr);
      heap[ptr + bytes.length] = 0;
      return ptr;
    },
  };
  currentEngine = made;
  return made;
}

const heapViews = (memory: WebAssembly.Memory) => ({
  u8: new Uint8Array(memory.buffer),
  f32: new Float32Array(memory.buffer),
  f64: new Float64Array(memory.buffer),
});

const WORK = Symbol.for('profai.engineWork');
const runWork = new vm.Script(`globalThis[Symbol.for('profai.engineWork')]()`, {
  filename: 'pdfium-engine-call',
});

/**
 * Runs `work` (synchronous calls into `e`) for at most `timeoutMs`.
 * @throws EngineTimeout past the limit, EngineMemoryExceeded when the engine was refused memory,
 * EngineCrashed when PDFium aborted or trapped; in all three cases the instance has been dropped. Errors
 * thrown by `work` itself pass through.
 */
export function runInEngine<T>(e: Engine, work: () => T, timeoutMs: number): T {
  refusedGrowth = false;
  const slot = globalThis as unknown as Record<symbol, () => T>;
  slot[WORK] = work;
  try {
    const value = runWork.runInThisContext({ timeout: Math.max(1, Math.round(timeoutMs)) }) as T;
    if (refusedGrowth) throw new EngineMemoryExceeded(limits.maxMemoryMb);
    return value;
  } catch (err) {
    throw engineFailure(e, err, timeoutMs);
  } finally {
    delete slot[WORK];
  }
}

function engineFailure(e: Engine, err: unknown, timeoutMs: number): unknown {
  const memory = refusedGrowth;
  refusedGrowth = false;
  const timedOut = (err as { code?: string })?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
  const crashed = err instanceof WebAssembly.RuntimeError;
  if (!(timedOut || crashed || memory || err instanceof EngineMemoryExceeded)) return err;
  if (isCurrent(e)) dropEngine();
  if (memory || err instanceof EngineMemoryExceeded) return new EngineMemoryExceeded(limits.maxMemoryMb);
  if (timedOut) return new EngineTimeout(timeoutMs);
  return new EngineCrashed(`the PDF engine failed (${(err as Error).message.split('\n')[0]})`);
}
