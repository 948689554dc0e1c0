/**
 * A spare: a child forked ahead of need, waiting to replace a slot's child that will soon reach its task quota
 * (see "Spares" atop child-pool.ts). It leaves again if nobody takes it within its idle time.
 */
import type { ChildHandle } from './child-handle.ts';

/** Whether to fork a spare now: the slot's child will reach its quota sooner than a fork takes. */
export function spareDue(remainingTasks: number, meanTaskMs: number, meanForkMs: number): boolean {
  return remainingTasks * meanTaskMs < 2 * meanForkMs;
}

export interface SpareEvents {
  /** Ready and untaken for the idle time: let it go. */
  onIdle(spare: Spare): void;
  /** The fork failed. */
  onFailed(spare: Spare): void;
}

export class Spare {
  /** The forked child once ready; null while starting or when the fork failed. */
  child: ChildHandle | null = null;
  readonly #ready: Promise<ChildHandle | null>;
  #idleTimer: NodeJS.Timeout | null = null;

  constructor(fork: () => Promise<ChildHandle>, idleMs: number, events: SpareEvents) {
    this.#ready = fork().then(
      (forked) => {
        this.child = forked;
        this.#idleTimer = setTimeout(() => events.onIdle(this), idleMs);
        this.#idleTimer.unref();
        return forked;
      },
      () => {
        events.onFailed(this);
        return null;
      },
    );
  }

  /** Waits for the fork to finish; the child when it is alive (no longer timed for idleness), else null. */
  async take(): Promise<ChildHandle | null> {
    const child = await this.#ready;
    if (this.#idleTimer) clearTimeout(this.#idleTimer);
    return child?.alive ? child : null;
  }
}
