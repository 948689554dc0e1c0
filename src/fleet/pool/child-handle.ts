/**
 * One forked child, seen from the supervisor: start it, run one task on it, stop it, learn how it ended.
 * The pool ({@link ./child-pool.ts}) decides when; this file only knows how.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { OPTIMISE_LATER } from '../../lib/v8-flags.ts';
import type { StageProgress } from '../interfaces.ts';
import { type ChildInit, type ChildMessage, type DoneMessage, isChildMessage } from './ipc.ts';
import { dyingWithParent } from './parent-death.ts';

/** How long a child may take to load its tasks before it counts as failed to start (CHILD_START_TIMEOUT_S). */
export const START_TIMEOUT_MS = 30_000;

/** Where the child entry lives: beside this file, `.ts` under tsx, `.js` in the compiled build. */
const CHILD_ENTRY = new URL(
  import.meta.url.endsWith('.ts') ? './child-main.ts' : './child-main.js',
  import.meta.url,
);

/**
 * Node flags a worker's supervisor should start with (`profai up`, the compose file and the benchmarks pass
 * them). The supervisor waits on Redis, its children and, with LLM_BASE_URL, the model, so it trades speed it
 * does not use for memory: a 2 MB young generation (V8's default is 16 MB per semi-space) keeps its RSS lower
 * under LLM load, and no optimising JavaScript compilers (TurboFan, Maglev) keep an idle worker ~11 MB smaller
 * at no measured cost in tasks/s (`npm run bench:fleet` prints idle and peak RSS and tasks/s). Not
 * `--lite-mode` or `--jitless`: they turn WebAssembly off, and Node's fetch (the LLM client, the dependency
 * probes) parses HTTP in WebAssembly. V8 reads these only at start-up, so they cannot be set from code.
 * A 1 MB young generation rather than 2 MB took an idle worker from 64.0-64.3 to 62.5 MB (2026-12-06, `profai
 * worker` started alone, RSS 3 s after `ready.`, two runs each). Not `--no-sparkplug` (a further ~1 MB): the LLM
 * stage tokenizes in the supervisor, and would run in the interpreter only.
 * Not V8's default 16 MB young generation: five supervisors used as much CPU in a 5-worker run (3.6/4.5 s against
 * 3.7/3.6 s, `FLEET_WORKER_FLAGS=--max-semi-space-size=16 bench:fleet-corpus --dir --repeat 2 --workers 5`, which
 * reaches the supervisors only, alternated, 2026-12-06, load 11-17) and idle took 69-70 MB instead of 63.
 */
export const SUPERVISOR_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=1',
  '--no-opt',
  '--no-maglev',
];

/**
 * Node flags every child starts with. A child keeps V8's compilers, but not its default 16 MB semi-spaces nor its
 * default heap growth (up to 4× the live heap after a full collection): the course stage of a large manual makes
 * short-lived garbage that a large young generation keeps resident. With 4 MB semi-spaces (2026-12-03) the pipeline
 * alone peaked at 199–202 MB instead of 243–249 MB, for 4–5% more time; 1 MB (2026-12-06, `bench:fleet-corpus
 * --dir` on the 10 Debian manuals, one worker, five alternating pairs, load 1.6–3.8) took the worker's peak from
 * 280–285 to 257–266 MB with no CPU cost we could measure (10.13–11.07 s against 10.16–10.61 s).
 * Every new child compiles PDFium (4.6 MB of WebAssembly) on its first document; V8 compiles each function lazily
 * when first called but still validates the whole module up front unless told to validate lazily too: compiling
 * took 12 ms of CPU instead of 41-43 ms (2026-12-06). The module is the package's own, not user input.
 * {@link OPTIMISE_LATER}: a compiled child's first job (bench/cold-child.ts, debmake-doc.en.pdf, five alternating
 * rounds, load 3-5) took 2.42 s of CPU against 2.81 s, later jobs 0.98×, same peak RSS and output bytes.
 * Not `--single-threaded-gc` nor `--v8-pool-size=1` (five children's GC and compiler helper threads on 2 cores):
 * children's CPU of 5 workers on the 10 Debian manuals 57.7/54.2 s and 55.3/63.3 s against 55.3/68.7/60.9/58.4 s
 * with neither, within the host's noise, and `--single-threaded-gc` once peaked at 262 MB per worker (2026-12-06,
 * `FLEET_WORKER_FLAGS=FLAG bench:fleet-corpus --dir --repeat 2 --workers 5`, alternated, load 11-17). What five
 * children add over one is each child's own warm-up; see bench/fleet-corpus.ts ("where five workers' extra CPU goes").
 * Tried against that warm-up (issue 21, 2026-12-07 02:39-03:34, compiled workers, `bench:fleet-corpus --dir
 * /work/bench-pdfs --repeat 2`, alternated with these flags, load 7-16; see bench/fleet-corpus.ts "what a child
 * warms up"), none kept: `--always-sparkplug` (Sparkplug already starts when a function's feedback is allocated,
 * which the budget does not delay) left the scavenges as they were (one worker 4,157-4,179 vs 4,184-4,205, five
 * 5,160-5,228 vs 5,192-5,193) and the CPU within the noise (1 worker 35.3/33.1 vs 38.3/33.7 s, 5 workers 49.1/57.8
 * vs 55.3/51.2 s); `--no-concurrent-recompilation` (five children's optimising jobs wait for a core, so their code
 * might run unoptimised longer) 5 workers 54.7/51.7 vs 53.9/48.4 s; `--max-semi-space-size=2` halved the
 * scavenges (one worker 2,063 vs 4,095, five 2,563 vs 5,144) for the same CPU (36.1 vs 35.3 s, 52.7 vs 52.0 s) and a
 * peak of 253 vs 247 MB (one pair, load 10-13): scavenging costs what survives, not how often;
 * `--initial-old-space-size=64` (no full collection while a new child's heap grows to its working size) took the
 * mark-compacts from 46 to 33 with one worker and from 78 to 33 with five, but the CPU stayed within the noise
 * (children's CPU in 3 and 4 runs, 03:12-03:34, load 9-17: 1 worker 31.1/35.3/35.4 s vs 31.2/31.6/33.9/36.5 s,
 * 5 workers 48.8/52.0/54.8 vs 44.7/46.5/50.7/51.4 s; 5 ÷ 1 worker 1.47-1.57 vs 1.37-1.63), ~1 s at most by the
 * collector's own count, and one worker's peak reached 250 MB (242-250 vs 246-248); V8's default budget instead of
 * {@link OPTIMISE_LATER}: see there.
 */
export const CHILD_NODE_FLAGS: readonly string[] = [
  '--max-semi-space-size=1',
  '--heap-growing-percent=30',
  '--wasm-lazy-validation',
  OPTIMISE_LATER,
];

/**
 * Environment a child starts with: the supervisor's, with glibc's malloc held to two arenas unless the operator set
 * MALLOC_ARENA_MAX. V8's helper threads (GC, compilers) each get an arena of their own by default, and the memory
 * their zones freed stays resident in it: with two arenas a child's peak on the 10 Debian manuals fell by
 * ~12-18 MB (`bench:fleet-corpus --dir`, 2026-12-06: peak child 188 MB against 203-206 MB; the pipeline of three
 * manuals in one process peaked at 146 MB against 158 MB for 0.95x the CPU, `farm-bench -n 5`, load 8-9).
 * And with blocks of 1 MB or more always mapped on their own (MALLOC_MMAP_THRESHOLD_, unless set), so that freeing
 * one hands it back: by default glibc raises that threshold up to 32 MB as large blocks are freed, and the pages
 * drawn and read by OCR (3-9 MB buffers, in the child and in Tesseract's thread) then stayed resident in the arenas
 * (the three scans of the corpus in one process, 2026-12-06: peaks 392/301/332 -> 364/260/257 MB, 175 -> 116 MB
 * left after the last, as much as before the first).
 * glibc reads both only when a process starts, so they are set here rather than in the child.
 */
export function childEnv(parentEnv: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return {
    ...parentEnv,
    MALLOC_ARENA_MAX: parentEnv.MALLOC_ARENA_MAX ?? '2',
    MALLOC_MMAP_THRESHOLD_: parentEnv.MALLOC_MMAP_THRESHOLD_ ?? String(1024 * 1024),
  };
}

/** The supervisor-only compiler flags: a child parses PDFs and builds courses, and wants V8's full compiler. */
const SUPERVISOR_ONLY = new Set(['--no-opt', '--no-maglev']);

/**
 * Node flags for a child: the supervisor's own (so tsx keeps working in development), minus code given on the
 * command line ({@link withoutEval}), debugger, heap and compiler flags (a child parses PDFs: it keeps V8's compilers), plus {@link CHILD_NODE_FLAGS} and
 * `--max-old-space-size` when a heap cap is set.
 */
export function childExecArgv(
  parentArgv: readonly string[],
  heapMb: number,
  entry: URL = CHILD_ENTRY,
): string[] {
  const kept = withoutEval(parentArgv).filter(
    (a) =>
      !a.startsWith('--max-old-space-size') &&
      !a.startsWith('--max-semi-space-size') &&
      !a.startsWith('--heap-growing-percent') &&
      !/^--interrupt[-_]budget(=|$)/.test(a) &&
      !SUPERVISOR_ONLY.has(a) &&
      !a.startsWith('--inspect') &&
      !a.startsWith('--test'),
  );
  const needsTsx = entry.pathname.endsWith('.ts') && !kept.some((a) => a.includes('tsx'));
  return [
    ...kept,
    ...(needsTsx ? ['--import', 'tsx'] : []),
    ...CHILD_NODE_FLAGS,
    ...(heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : []),
  ];
}

/** Flags that make Node run code given on the command line, each followed by that code (`-e CODE`). */
const EVAL_FLAGS = new Set(['-e', '--eval', '-p', '--print', '-pe', '-ep']);

/**
 * `argv` without the flags that run given code (`-e`/`--eval`, `-p`/`--print` with their code, `--eval=…`,
 * `-i`, `--input-type`): a supervisor started by `node -e '…start a worker…'` would otherwise give its children
 * the same code instead of their entry, and each child would start a worker of its own (a fork bomb: it
 * happened).
 */
export function withoutEval(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (EVAL_FLAGS.has(a)) i++;
    else if (/^--(eval|print|input-type)=/.test(a)) continue;
    else if (a === '--input-type') i++;
    else if (a === '-i' || a === '--interactive') continue;
    else out.push(a);
  }
  return out;
}

/** How a child left: by its exit code or the signal that killed it. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: ChildExit): string {
  return exit.signal ? `signal ${exit.signal}` : `exit code ${exit.code}`;
}

/** The child's answer to one task, or how it ended without answering. */
export type TaskAnswer = { kind: 'done'; done: DoneMessage } | { kind: 'exited'; exit: ChildExit };

export class ChildHandle {
  readonly proc: ChildProcess;
  readonly pid: number;
  /** When it said it was ready (0 until then): a child dying soon after failed to start (start-failures.ts). */
  readyAt = 0;
  /** Tasks this child has finished (answered). */
  tasks = 0;
  /** Tasks given to it, answered or not: one that dies in its first task did start. */
  given = 0;
  busy = false;
  /** The job it runs now, if any. */
  jobId: string | null = null;
  /** Set before the supervisor stops the child on purpose, so its exit is not taken for a crash. */
  stopping = false;
  /** Set when the supervisor kills the child mid-task; becomes the task's failure reason. */
  killReason: string | null = null;
  lastRssMb = 0;
  readonly exited: Promise<ChildExit>;
  /** Where the child's messages go now: the start-up wait, then each task in turn. */
  #onMessage: ((m: ChildMessage) => void) | null = null;
  /** Resolves the running task with the child's exit, if it dies mid-task. */
  #onExitMidTask: ((exit: ChildExit) => void) | null = null;

  private constructor(proc: ChildProcess) {
    this.proc = proc;
    this.pid = proc.pid ?? -1;
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code, signal) => {
        const exit = { code, signal };
        this.#onExitMidTask?.(exit);
        resolve(exit);
      }),
    );
    proc.on('message', (m: unknown) => {
      if (isChildMessage(m)) this.#onMessage?.(m);
    });
    // An IPC write to a child that just died raises EPIPE here; its exit is handled through `exited`.
    proc.on('error', () => {});
  }

  /**
   * Forks a child and waits until it has loaded its tasks. Rejects with the reason it did not start, killing it:
   * not ready within `timeoutMs`, or `cancel` aborted (its pool closes).
   */
  static async start(
    init: ChildInit,
    execArgv: string[],
    timeoutMs = START_TIMEOUT_MS,
    cancel?: AbortSignal,
    setpriv: string | null = null,
  ): Promise<ChildHandle> {
    const proc = fork(CHILD_ENTRY, [], {
      ...dyingWithParent(execArgv, setpriv),
      env: childEnv(),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const child = new ChildHandle(proc);
    let timer: NodeJS.Timeout | undefined;
    let cancelled = () => {};
    const ready = new Promise<void>((resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`child not ready after ${timeoutMs / 1000} s (CHILD_START_TIMEOUT_S)`)),
        timeoutMs,
      );
      child.#onMessage = (m) => {
        if (m.type === 'ready') resolve();
        if (m.type === 'fatal') reject(new Error(`child could not load its tasks: ${m.error.message}`));
      };
      child.#onExitMidTask = (exit) => reject(new Error(`child exited at start-up (${describeExit(exit)})`));
      cancelled = () => reject(new Error('start cancelled'));
      if (cancel?.aborted) cancelled();
      cancel?.addEventListener('abort', cancelled, { once: true });
    });
    proc.send({ type: 'init', ...init });
    try {
      await ready;
    } catch (err) {
      child.kill('SIGKILL');
      throw err;
    } finally {
      clearTimeout(timer);
      cancel?.removeEventListener('abort', cancelled);
      child.#onMessage = null;
      child.#onExitMidTask = null;
    }
    child.readyAt = Date.now();
    return child;
  }

  /**
   * Sends one task and resolves with the child's answer or its exit; progress goes to `onProgress`.
   * One listener pair per child, swapped per task (not one per task on `exited`, which would pile up).
   */
  run(
    message: { jobId: string; task: string; data: unknown; attempt: number },
    onProgress: (stage: string, percent: number, detail?: StageProgress) => void,
  ): Promise<TaskAnswer> {
    this.busy = true;
    this.given++;
    this.jobId = message.jobId;
    return new Promise<TaskAnswer>((resolve) => {
      const settle = (answer: TaskAnswer) => {
        this.#onMessage = null;
        this.#onExitMidTask = null;
        this.busy = false;
        this.jobId = null;
        resolve(answer);
      };
      this.#onMessage = (m) => {
        if (m.type === 'progress' && m.jobId === message.jobId) onProgress(m.stage, m.percent, m.detail);
        else if (m.type === 'done' && m.jobId === message.jobId) settle({ kind: 'done', done: m });
      };
      this.#onExitMidTask = (exit) => settle({ kind: 'exited', exit });
      if (!this.alive)
        settle({ kind: 'exited', exit: { code: this.proc.exitCode, signal: this.proc.signalCode } });
      else this.proc.send({ type: 'run', ...message });
    });
  }

  /** Asks an idle child to leave (it closes what its tasks opened, then exits). */
  retire(): void {
    this.stopping = true;
    if (this.proc.connected) this.proc.send({ type: 'exit' });
    else this.kill('SIGKILL');
  }

  kill(signal: NodeJS.Signals): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill(signal);
  }

  get alive(): boolean {
    return this.proc.exitCode === null && this.proc.signalCode === null;
  }
}
