/**
 * The prefork pool: one slot per concurrency unit, each holding at most one child, each child one task.
 *
 * Recycling rules (Celery's prefork, adapted):
 * - Task quota: a child that has done MAX_TASKS_PER_CHILD tasks is retired lazily, when its slot is next
 *   given a task, and replaced before that task runs. So with a quota of 2, six tasks on one slot use three
 *   children and cause exactly two replacements; the third child stays until there is more work. (Retiring
 *   eagerly would count three and fork a child that may never be used.)
 * - Memory: a child whose RSS is above MAX_MEMORY_PER_CHILD_MB after a task retires at once (holding that
 *   memory while idle is what the rule is there to prevent), and is replaced straight away.
 * - One child per slot: a replacement is forked once the child it replaces has exited, not while it is still
 *   closing what its tasks opened. Any child let go (retired, idle, dropped spare, closing) that is still there
 *   after {@link LEAVE_WAIT_MS} is killed, with a warning: a dispose that hangs (Redis quit during an outage)
 *   must not keep its memory, nor its slot's replacement, waiting. Forked
 *   at once, the new child started beside the old one's memory: a worker on the corpus peaked at 253-265 MB
 *   (supervisor 58 + leaving child 158 + new child 37-49) at the quota's replacement, against 244 MB for its
 *   largest job (2026-12-06).
 * - Hard limit: a busy child above HARD_MEMORY_LIMIT_MB is SIGKILLed; its task fails with the memory reason.
 * - Crash: a child that dies is replaced straight away; children that die while starting, or are not ready
 *   within CHILD_START_TIMEOUT_S (killed), are restarted with exponential backoff (0.25 s, doubling, at most
 *   30 s); after CHILD_START_ATTEMPTS such failures in a row the pool gives up (see start-failures.ts): start()
 *   rejects, or later runs answer `released` and `onGiveUp` tells the worker to stop.
 * - Lazy start: with `forkAtStart: false` (the worker's default: without CHILD_PRELOAD a new child loads nothing
 *   before its first task anyway) a slot forks its first child when it is first given a task, so a worker that
 *   has not worked yet holds its supervisor only.
 * - Idle: a child that has had no task for CHILD_IDLE_EXIT_S leaves (not a recycle); its slot forks a new one
 *   when a task comes. An idle worker then holds its supervisor only, and memory a child's tasks grew (the
 *   engine's WebAssembly memory never shrinks) goes back to the host between bursts.
 * A child never leaves mid-task except by the hard limit, a crash, or release at shutdown.
 *
 * Spares: when tasks are short next to a fork (no-ops, small quiz tasks), waiting for the replacement would
 * stall the slot once per quota, so the pool forks it in advance: a spare is started when the slot's child
 * will reach its quota sooner than a fork takes (remaining tasks × mean task time < 2 × mean fork time), and
 * takes over when the child is retired (still lazily: the counts above do not change). Long tasks (PDFs) never
 * get a spare, nor does a child above {@link SPARE_BESIDE_MAX_MB}, so their memory peak is one child per slot. A
 * spare not needed within {@link SPARE_IDLE_MS} of being ready leaves again.
 */

import type { ProfaiError } from '../../domain/errors.ts';
import { sleep } from '../../lib/time.ts';
import { workerError } from '../errors.ts';
import type { Executor, RunHooks, RunOutcome, RunRequest, RunStats } from '../interfaces.ts';
import type { Logger } from '../log.ts';
import { ChildHandle, childExecArgv, describeExit } from './child-handle.ts';
import type { ChildInit } from './ipc.ts';
import { roundMb, watchMemory } from './memory.ts';
import { logParentDeath, SETPRIV, usableSetpriv } from './parent-death.ts';
import { Spare, spareDue } from './spare.ts';
import { childStartError, EARLY_EXIT_MS, startBackoffMs } from './start-failures.ts';

/** Options of a {@link ChildPool}. */
export interface PoolOptions {
  /** Slots: children running one task each. */
  size: number;
  /** MAX_TASKS_PER_CHILD */
  maxTasksPerChild: number;
  /** MAX_MEMORY_PER_CHILD_MB */
  maxMemoryPerChildMb: number;
  /** HARD_MEMORY_LIMIT_MB; 0 = off. */
  hardMemoryLimitMb: number;
  /** CHILD_HEAP_MB; 0 = Node's default. */
  childHeapMb: number;
  /** CHILD_IDLE_EXIT_S in ms; 0 = children stay. @defaultValue 0 */
  idleExitMs?: number;
  /**
   * Fork every slot's child in {@link ChildPool.start} (true), or when the slot is first given a task (false:
   * an idle worker that has not worked yet holds its supervisor only). @defaultValue true
   */
  forkAtStart?: boolean;
  /** CHILD_START_TIMEOUT_S in ms: a child not ready by then is killed and forked again. */
  startTimeoutMs: number;
  /** CHILD_START_ATTEMPTS: failed starts in a row of one slot after which the pool gives up. */
  startAttempts: number;
  /**
   * Called once when the pool gives up after start() returned (its runs then answer `released`): the worker
   * should stop. At start, start() rejects instead.
   */
  onGiveUp?: (error: ProfaiError) => void;
  /** What each child loads. */
  init: ChildInit;
  log: Logger;
  /**
   * The setpriv children are forked through, so that they die with the supervisor (parent-death.ts); probed at
   * start(), and children are forked without it when it does not work. @defaultValue 'setpriv' (the PATH's)
   */
  setpriv?: string;
  /** How often busy children's RSS is sampled. @defaultValue 200 */
  memorySampleMs?: number;
  /** A spare unused this long after it is ready leaves. @defaultValue SPARE_IDLE_MS */
  spareIdleMs?: number;
}

/** Why a child was replaced. */
export type RecycleReason = 'tasks' | 'memory' | 'crash';

interface Slot {
  index: number;
  child: ChildHandle | null;
  starting: Promise<ChildHandle | null> | null;
  spare: Spare | null;
  busy: boolean;
  startFailures: number;
  /** The failures in a row before its current child was ready (a child dying soon after adds one to them). */
  readyAfterFailures: number;
  /** Why its last start failed. */
  lastStartError: string;
  /** Peak RSS of the current task. */
  peakRssMb: number;
  /** Lets the idle child go (CHILD_IDLE_EXIT_S), cleared when the slot is given a task. */
  idleTimer: NodeJS.Timeout | null;
  /** The child last let go, until it has exited: its replacement is forked after that. */
  leaving: ChildHandle | null;
}

/**
 * How long a replacement waits for the child it replaces to exit (closing its database pool, its files, the OCR
 * engine takes milliseconds); a child still there after it is killed.
 */
export const LEAVE_WAIT_MS = 5000;
/** A spare unused this long after it is ready is let go (it would only hold memory). */
export const SPARE_IDLE_MS = 5000;
/**
 * No spare is forked beside a child holding more than this: a child that big has been reading documents, where a
 * fork's ~0.1 s is nothing next to a task, and a spare beside it adds ~50 MB to the worker. The corpus's small files
 * that fail at once (too little text) made tasks short enough for a spare after the manuals: 59 (supervisor) + 151
 * (child) + 50 (spare) = 261 MB, against 240 MB for the largest job (2026-12-06).
 */
export const SPARE_BESIDE_MAX_MB = 128;
/** Moving averages weigh the latest sample this much. */
const EWMA = 0.2;
const ewma = (mean: number, sample: number) => (Number.isNaN(mean) ? sample : mean + EWMA * (sample - mean));

export class ChildPool implements Executor {
  readonly recycles: Record<RecycleReason, number> = { tasks: 0, memory: 0, crash: 0 };
  readonly #slots: Slot[];
  readonly #waiters: ((slot: Slot) => void)[] = [];
  readonly #opts: PoolOptions;
  readonly #execArgv: string[];
  #closing = false;
  #released = false;
  /** Set when a slot's children failed to start CHILD_START_ATTEMPTS times in a row. */
  #gaveUp: ProfaiError | null = null;
  /** Aborted by close(): children still starting are killed rather than left to their start timeout. */
  readonly #starts = new AbortController();
  /**
   * While {@link ChildPool.start} forks the slots' children: no idle time is counted until all are ready, so a
   * child that started quickly does not leave while a slower one still starts (start() returned without it).
   */
  #forkingAtStart = false;
  #stopWatch: () => void = () => {};
  /** Mean task and fork durations, ms (NaN until measured): they decide when to fork a spare. */
  #taskMs = Number.NaN;
  #forkMs = Number.NaN;
  /** The setpriv children are forked through, null for none; undefined until probed (once, at start). */
  #setpriv: string | null | undefined;
  /** Spares forked and not (yet) serving a slot: their exit is not a slot child's crash. */
  readonly #spareChildren = new WeakSet<ChildHandle>();

  constructor(opts: PoolOptions) {
    this.#opts = opts;
    this.#execArgv = childExecArgv(process.execArgv, opts.childHeapMb);
    this.#slots = Array.from({ length: opts.size }, (_, index) => ({
      index,
      child: null,
      starting: null,
      spare: null,
      busy: false,
      startFailures: 0,
      readyAfterFailures: 0,
      lastStartError: '',
      peakRssMb: 0,
      idleTimer: null,
      leaving: null,
    }));
  }

  get capacity(): number {
    return this.#slots.length;
  }

  /** Forks every child and waits until all are ready (unless `forkAtStart` is false); starts the memory watch. */
  async start(): Promise<void> {
    this.#deathSignal();
    if (this.#opts.forkAtStart ?? true) {
      this.#forkingAtStart = true;
      try {
        await Promise.all(this.#slots.map((slot) => this.#ensureChild(slot)));
      } finally {
        this.#forkingAtStart = false;
      }
      // A slot may give up through a ready child dying soon (#onExit) while another still starts: every slot
      // then has a child, but onGiveUp was not called (forking at start), so start() is the one to say it.
      if (this.#gaveUp) throw this.#gaveUp;
      for (const slot of this.#slots) this.#armIdleExit(slot);
    }
    this.#stopWatch = watchMemory(
      () => this.#slots.flatMap((s) => (s.busy && s.child?.busy ? [s.child.pid] : [])),
      (pid, rss) => this.#onSample(pid, rss),
      this.#opts.memorySampleMs,
    );
  }

  /** Runs one task on a free child (waiting for one if all are busy). */
  async run(req: RunRequest, hooks: RunHooks = {}): Promise<RunOutcome> {
    const slot = await this.#acquire();
    try {
      if (this.#released || this.#gaveUp) return { kind: 'released' };
      const child = await this.#childForTask(slot);
      if (!child) return { kind: 'released' };
      this.#maybeForkSpare(slot, child);
      return await this.#dispatch(slot, child, req, hooks);
    } finally {
      this.#free(slot);
    }
  }

  /**
   * Kills the children still running tasks; their runs resolve `released` (the caller re-queues the jobs). Starts
   * in progress are cancelled, and no child is forked after. A child still leaving is killed too: a run waiting for it to exit would otherwise sit out {@link LEAVE_WAIT_MS}.
   */
  release(): void {
    this.#released = true;
    // Children still starting are killed: none of them will be given a task.
    this.#starts.abort();
    for (const slot of this.#slots) this.#disarmIdleExit(slot);
    for (const slot of this.#slots) {
      if (slot.busy) slot.child?.kill('SIGKILL');
      slot.leaving?.kill('SIGKILL');
    }
  }

  /**
   * Lets idle children leave cleanly, and waits for those already leaving (up to `timeoutMs`, then kills them).
   * @param timeoutMs - how long children may take to exit. @defaultValue 5000
   */
  async close(timeoutMs = 5000): Promise<void> {
    this.#closing = true;
    this.#starts.abort();
    this.#stopWatch();
    for (const slot of this.#slots) this.#disarmIdleExit(slot);
    const spares = await Promise.all(this.#slots.map((s) => this.#takeSpare(s)));
    const leaving = this.#slots.flatMap((s) => (s.leaving ? [s.leaving] : []));
    const staying = [
      ...this.#slots.flatMap((s) => (s.child ? [s.child] : [])),
      ...spares.filter((c): c is ChildHandle => c !== null),
    ];
    for (const child of staying) this.#dismiss(child, 'closing');
    const children = [...leaving, ...staying];
    const exits = Promise.all(children.map((c) => c.exited));
    const timer = setTimeout(() => {
      for (const child of children) child.kill('SIGKILL');
    }, timeoutMs);
    await exits;
    clearTimeout(timer);
  }

  /** The children as they are now, for heartbeats. */
  snapshot(): { pid: number; busy: boolean; jobId: string | null; tasks: number; rssMb: number }[] {
    return this.#slots.flatMap(({ child: c }) =>
      c ? [{ pid: c.pid, busy: c.busy, jobId: c.jobId, tasks: c.tasks, rssMb: roundMb(c.lastRssMb) }] : [],
    );
  }

  /** Pids of the spares that are ready (forked ahead, not yet serving a slot). */
  get sparePids(): number[] {
    return this.#slots.flatMap((s) => (s.spare?.child?.alive ? [s.spare.child.pid] : []));
  }

  get busyCount(): number {
    return this.#slots.filter((s) => s.busy).length;
  }

  #acquire(): Promise<Slot> {
    // A slot whose child is still there before one whose child left idle: no fork while a child waits.
    const free = this.#slots.find((s) => !s.busy && s.child) ?? this.#slots.find((s) => !s.busy);
    if (free) {
      free.busy = true;
      this.#disarmIdleExit(free);
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  #free(slot: Slot): void {
    const next = this.#waiters.shift();
    if (next) next(slot);
    else {
      slot.busy = false;
      this.#armIdleExit(slot);
    }
  }

  #armIdleExit(slot: Slot): void {
    const ms = this.#opts.idleExitMs ?? 0;
    if (ms <= 0 || this.#forkingAtStart || this.#closing || this.#released) return;
    this.#disarmIdleExit(slot);
    slot.idleTimer = setTimeout(() => {
      slot.idleTimer = null;
      const child = slot.child;
      if (slot.busy || !child || child.busy || this.#closing || this.#released) return;
      this.#opts.log.info('child left: idle', { childPid: child.pid, idleS: ms / 1000, slot: slot.index });
      this.#letGo(slot, child, 'idle');
    }, ms);
    slot.idleTimer.unref();
  }

  #disarmIdleExit(slot: Slot): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
  }

  /** The slot's child, replacing one that has used its task quota first. Null once released. */
  async #childForTask(slot: Slot): Promise<ChildHandle | null> {
    const current = slot.child;
    if (current && current.tasks >= this.#opts.maxTasksPerChild) {
      this.#retire(slot, current, 'tasks', `finished ${current.tasks} tasks`);
    }
    try {
      return await this.#ensureChild(slot);
    } catch (err) {
      if (this.#closing || this.#released || this.#gaveUp) return null;
      throw err;
    }
  }

  async #dispatch(slot: Slot, child: ChildHandle, req: RunRequest, hooks: RunHooks): Promise<RunOutcome> {
    const startedAt = Date.now();
    slot.peakRssMb = 0;
    hooks.onStart?.(child.pid);
    const answer = await child.run(req, (stage, percent, detail) =>
      hooks.onProgress?.(stage, percent, detail),
    );
    this.#taskMs = ewma(this.#taskMs, Date.now() - startedAt);
    const stats = (cpuSeconds?: number): RunStats => ({
      pid: child.pid,
      startedAt,
      finishedAt: Date.now(),
      peakRssMb: roundMb(slot.peakRssMb),
      ...(cpuSeconds === undefined ? {} : { cpuSeconds: Math.round(cpuSeconds * 1000) / 1000 }),
    });
    if (answer.kind === 'exited') {
      if (this.#released) return { kind: 'released' };
      const reason = child.killReason ?? `worker child crashed (${describeExit(answer.exit)})`;
      const code = child.killReason ? 'memory_limit' : 'child_crashed';
      return { kind: 'error', error: workerError(code, reason), stats: stats() };
    }
    const { done } = answer;
    child.tasks++;
    child.lastRssMb = done.rssMb;
    slot.peakRssMb = Math.max(slot.peakRssMb, done.rssMb);
    if (done.rssMb > this.#opts.maxMemoryPerChildMb) {
      this.#retire(
        slot,
        child,
        'memory',
        `RSS ${roundMb(done.rssMb)} MB > ${this.#opts.maxMemoryPerChildMb} MB`,
      );
      void this.#ensureChild(slot).catch(() => {});
    }
    const s = stats(done.cpuSeconds);
    return done.ok
      ? { kind: 'ok', value: done.value, stats: s }
      : { kind: 'error', error: done.error ?? workerError('task_error', 'task failed'), stats: s };
  }

  #retire(slot: Slot, child: ChildHandle, reason: RecycleReason, why: string): void {
    this.recycles[reason]++;
    this.#opts.log.info('child retired', { childPid: child.pid, reason, why, slot: slot.index });
    this.#letGo(slot, child, reason);
  }

  /** Asks the slot's child to leave; the slot's next fork waits for it to be gone ({@link #untilLeft}). */
  #letGo(slot: Slot, child: ChildHandle, why: string): void {
    slot.child = null;
    slot.leaving = child;
    this.#dismiss(child, why);
    void child.exited.then(() => {
      if (slot.leaving === child) slot.leaving = null;
    });
  }

  /**
   * Asks a child to leave, and kills it if it is still there after {@link LEAVE_WAIT_MS} (the timer does not keep
   * the supervisor alive).
   */
  #dismiss(child: ChildHandle, why: string): void {
    child.retire();
    const timer = setTimeout(() => {
      if (!child.alive) return;
      this.#opts.log.warn('child killed: still there after leaving', {
        childPid: child.pid,
        why,
        waitedMs: LEAVE_WAIT_MS,
      });
      child.kill('SIGKILL');
    }, LEAVE_WAIT_MS);
    timer.unref();
    void child.exited.then(() => clearTimeout(timer));
  }

  /** Waits until the child the slot let go has exited ({@link #dismiss} kills it if it does not). */
  async #untilLeft(slot: Slot): Promise<void> {
    const leaving = slot.leaving;
    if (!leaving) return;
    await leaving.exited;
    if (slot.leaving === leaving) slot.leaving = null;
  }

  #onSample(pid: number, rssMb: number): void {
    const slot = this.#slots.find((s) => s.child?.pid === pid);
    const child = slot?.child;
    if (!slot || !child) return;
    child.lastRssMb = rssMb;
    slot.peakRssMb = Math.max(slot.peakRssMb, rssMb);
    const limit = this.#opts.hardMemoryLimitMb;
    if (limit > 0 && rssMb > limit && !child.killReason) {
      child.killReason = `exceeded memory limit (${Math.round(rssMb)} MB > ${limit} MB)`;
      this.#opts.log.warn('child killed: over the hard memory limit', {
        childPid: pid,
        rssMb: roundMb(rssMb),
        limit,
      });
      child.kill('SIGKILL');
    }
  }

  /** The slot's live child, forking one (with start-up backoff) when it has none. Null once closing. */
  async #ensureChild(slot: Slot): Promise<ChildHandle | null> {
    if (slot.child?.alive && !slot.child.stopping) return slot.child;
    if (!slot.starting) {
      slot.starting = this.#replace(slot).finally(() => {
        slot.starting = null;
      });
    }
    const child = await slot.starting;
    return this.#closing || this.#released ? null : child;
  }

  /** A new child for the slot: its spare when it has a live one, else a fresh fork. Null once closing or released. */
  async #replace(slot: Slot): Promise<ChildHandle | null> {
    const spare = await this.#takeSpare(slot);
    // A spare was forked ahead on purpose (short tasks); a fresh fork waits for the child it replaces to be gone.
    if (!spare) {
      await this.#untilLeft(slot);
      // Closed or released while waiting: a child forked now would only have to leave again.
      if (this.#closing || this.#released) return null;
    }
    const child = spare ?? (await this.#fork(slot));
    // Closing meanwhile: close() has already listed the children it lets go, so this one leaves by itself.
    if (this.#closing) this.#dismiss(child, 'closing');
    else {
      slot.child = child;
      // A replacement forked for an idle slot (after a crash or a memory retire) may leave idle too.
      if (!slot.busy) this.#armIdleExit(slot);
    }
    return child;
  }

  /** The setpriv that makes children die with the supervisor, or null: probed and logged once. */
  #deathSignal(): string | null {
    if (this.#setpriv === undefined) {
      const setpriv = this.#opts.setpriv ?? SETPRIV;
      this.#setpriv = usableSetpriv(setpriv);
      logParentDeath(this.#opts.log, setpriv, this.#setpriv);
    }
    return this.#setpriv;
  }

  async #fork(slot: Slot): Promise<ChildHandle> {
    for (;;) {
      this.#throwIfStopped();
      if (this.#gaveUp) throw this.#gaveUp;
      if (slot.startFailures >= this.#opts.startAttempts) throw this.#giveUp(slot);
      if (slot.startFailures > 0) {
        await sleep(startBackoffMs(slot.startFailures));
        // Released or closed during the backoff: a child forked now would only be killed.
        this.#throwIfStopped();
      }
      try {
        const forkedAt = Date.now();
        const child = await ChildHandle.start(
          this.#opts.init,
          this.#execArgv,
          this.#opts.startTimeoutMs,
          this.#starts.signal,
          this.#deathSignal(),
        );
        this.#forkMs = ewma(this.#forkMs, Date.now() - forkedAt);
        slot.readyAfterFailures = slot.startFailures;
        slot.startFailures = 0;
        void child.exited.then((exit) => this.#onExit(slot, child, describeExit(exit)));
        return child;
      } catch (err) {
        // Cancelled by release() or close(): not a failure of the slot.
        if (this.#closing || this.#released) throw err;
        slot.startFailures++;
        slot.lastStartError = (err as Error).message;
        this.#opts.log.error('child failed to start', {
          slot: slot.index,
          failures: slot.startFailures,
          error: slot.lastStartError,
        });
      }
    }
  }

  /** Forking stops once the pool is released or closing; callers take the throw for `released`. */
  #throwIfStopped(): void {
    if (this.#closing || this.#released) throw new Error('child pool released or closing: no fork');
  }

  /** Gives up on the pool (once): the error every later fork throws, handed to `onGiveUp` after start(). */
  #giveUp(slot: Slot): ProfaiError {
    if (this.#gaveUp) return this.#gaveUp;
    const error = childStartError(slot.index, slot.startFailures, slot.lastStartError);
    this.#gaveUp = error;
    this.#opts.log.error('giving up: children cannot start', { slot: slot.index, error: error.message });
    if (!this.#forkingAtStart) this.#opts.onGiveUp?.(error);
    return error;
  }

  /**
   * Forks a spare when the slot's child will reach its quota sooner than a fork takes (see the top), unless that
   * child holds more than {@link SPARE_BESIDE_MAX_MB}.
   */
  #maybeForkSpare(slot: Slot, child: ChildHandle): void {
    if (slot.spare || slot.startFailures > 0 || this.#closing || this.#released) return;
    if (child.lastRssMb > SPARE_BESIDE_MAX_MB) return;
    const remaining = this.#opts.maxTasksPerChild - child.tasks;
    if (!spareDue(remaining, this.#taskMs, this.#forkMs)) return;
    this.#opts.log.debug('forking a spare', {
      slot: slot.index,
      remaining,
      taskMs: this.#taskMs,
      forkMs: this.#forkMs,
    });
    const fork = async () => {
      const forked = await this.#fork(slot);
      this.#spareChildren.add(forked);
      return forked;
    };
    slot.spare = new Spare(fork, this.#opts.spareIdleMs ?? SPARE_IDLE_MS, {
      onIdle: (spare) => void this.#dropSpare(slot, spare),
      onFailed: (spare) => {
        if (slot.spare === spare) slot.spare = null;
      },
    });
  }

  /** The slot's spare, waiting for it if it is still starting; null when there is none (or it died). */
  async #takeSpare(slot: Slot): Promise<ChildHandle | null> {
    const spare = slot.spare;
    if (!spare) return null;
    slot.spare = null;
    const child = await spare.take();
    if (child) this.#spareChildren.delete(child);
    return child;
  }

  async #dropSpare(slot: Slot, spare: Spare): Promise<void> {
    if (slot.spare !== spare) return;
    const child = await this.#takeSpare(slot);
    if (child) this.#dismiss(child, 'spare idle');
  }

  #onExit(slot: Slot, child: ChildHandle, how: string): void {
    if (this.#spareChildren.has(child)) {
      if (slot.spare?.child === child) slot.spare = null;
      if (!child.stopping)
        this.#opts.log.warn('spare child exited', { childPid: child.pid, how, slot: slot.index });
      return;
    }
    if (child.stopping || this.#closing || this.#released) return;
    // Dying before doing anything counts as failing to start: the next fork waits (backoff).
    if (child.given === 0 && !child.killReason && Date.now() - child.readyAt < EARLY_EXIT_MS) {
      slot.startFailures = slot.readyAfterFailures + 1;
      slot.lastStartError = `child exited (${how}) within ${EARLY_EXIT_MS / 1000} s of being ready`;
    }
    const reason: RecycleReason = child.killReason ? 'memory' : 'crash';
    this.recycles[reason]++;
    this.#opts.log.warn('child exited', { childPid: child.pid, how, reason, slot: slot.index });
    if (slot.child === child) slot.child = null;
    void this.#ensureChild(slot).catch(() => {});
  }
}
