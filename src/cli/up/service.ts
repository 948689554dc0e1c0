/**
 * One child process of `profai up` (the database, the API, a worker): started with this process's Node and
 * loader, its output prefixed, restarted with backoff when it dies on its own, stopped with SIGTERM.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { LineSplitter, type PrefixedOutput } from './prefix.ts';

/** How a process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export function describeExit(exit: Exit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

/** Restart policy: delays double from `firstDelayMs` up to `maxDelayMs`; a run longer than `stableMs` resets them. */
export interface RestartPolicy {
  /** @defaultValue 1000 */
  firstDelayMs: number;
  /** @defaultValue 30000 */
  maxDelayMs: number;
  /** @defaultValue 10000 */
  stableMs: number;
  /** Consecutive short runs after which `up` gives up on the service. @defaultValue 5 */
  maxQuickFailures: number;
}

export const DEFAULT_RESTART: RestartPolicy = {
  firstDelayMs: 1000,
  maxDelayMs: 30_000,
  stableMs: 10_000,
  maxQuickFailures: 5,
};

/**
 * Delay before the next restart, or null to give up, when the run that just ended was the `quickFailures`-th
 * short run in a row (0: it ran long enough to count as stable).
 */
export function restartDelay(quickFailures: number, policy: RestartPolicy = DEFAULT_RESTART): number | null {
  if (quickFailures >= policy.maxQuickFailures) return null;
  return Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** Math.max(0, quickFailures - 1));
}

export interface ServiceSpec {
  name: string;
  /** Node flags on top of this process's own. @defaultValue [] */
  nodeFlags?: readonly string[];
  /** Arguments after the Node flags: the script and its arguments. */
  args: string[];
  /** Variables set on top of this process's environment. */
  env: Record<string, string>;
  /** Called with each IPC message of the child (the database reports its URL this way). */
  onMessage?: (message: unknown) => void;
  /** Called when the service keeps dying at start-up and will not be restarted. */
  onGiveUp?: (name: string) => void;
  policy?: RestartPolicy;
}

export class Service {
  #proc: ChildProcess | null = null;
  #exited: Promise<Exit> = Promise.resolve({ code: 0, signal: null });
  #stopping = false;
  #quickFailures = 0;
  #restartTimer: NodeJS.Timeout | undefined;
  /** Times the service was restarted after dying on its own. */
  restarts = 0;

  constructor(
    private readonly spec: ServiceSpec,
    private readonly out: PrefixedOutput,
  ) {}

  get name(): string {
    return this.spec.name;
  }

  /** Pid of the running process, if any. */
  get pid(): number | undefined {
    return this.#proc && this.#proc.exitCode === null && this.#proc.signalCode === null
      ? this.#proc.pid
      : undefined;
  }

  start(): void {
    const startedAt = Date.now();
    // Own process group: a terminal's Ctrl-C reaches `up` only, which then stops each child once, in order
    // (a worker that got SIGINT from the terminal and SIGTERM from `up` would take it as "stop now").
    const proc = spawn(
      process.execPath,
      [...process.execArgv, ...(this.spec.nodeFlags ?? []), ...this.spec.args],
      {
        env: { ...process.env, ...this.spec.env },
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
        detached: true,
      },
    );
    this.#proc = proc;
    this.#pipe(proc.stdout!, false);
    this.#pipe(proc.stderr!, true);
    if (this.spec.onMessage) proc.on('message', this.spec.onMessage);
    this.#exited = new Promise((resolve) => {
      proc.once('error', (err) => {
        this.out.say(`${this.name} could not start: ${err.message}`);
        resolve({ code: 1, signal: null });
      });
      proc.once('exit', (code, signal) => resolve({ code, signal }));
    });
    void this.#exited.then((exit) => this.#onExit(exit, Date.now() - startedAt));
  }

  #pipe(stream: NodeJS.ReadableStream, toStderr: boolean): void {
    const lines = new LineSplitter();
    stream.on('data', (chunk: Buffer) => this.out.write(this.name, lines.push(chunk), toStderr));
    stream.on('end', () => this.out.write(this.name, lines.flush(), toStderr));
  }

  #onExit(exit: Exit, ranMs: number): void {
    if (this.#stopping) return;
    const policy = this.spec.policy ?? DEFAULT_RESTART;
    this.#quickFailures = ranMs >= policy.stableMs ? 0 : this.#quickFailures + 1;
    const delay = restartDelay(this.#quickFailures, policy);
    if (delay === null) {
      this.out.say(
        `${this.name} exited (${describeExit(exit)}) ${this.#quickFailures} times in a row at start-up; giving up`,
      );
      this.spec.onGiveUp?.(this.name);
      return;
    }
    this.out.say(`${this.name} exited (${describeExit(exit)}); restarting in ${delay / 1000} s`);
    this.#restartTimer = setTimeout(() => {
      if (this.#stopping) return;
      this.restarts++;
      this.start();
    }, delay);
  }

  /**
   * Sends `signal` (SIGTERM: the service stops gracefully) and resolves with how it exited. No restart after.
   * @param killAfterMs - SIGKILL if it has not exited by then. @defaultValue no limit
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM', killAfterMs?: number): Promise<Exit | null> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    const pid = this.pid;
    if (pid === undefined) return null;
    this.#proc!.kill(signal);
    let timer: NodeJS.Timeout | undefined;
    if (killAfterMs !== undefined) {
      timer = setTimeout(() => {
        this.out.say(`${this.name} did not stop within ${killAfterMs / 1000} s; killing it`);
        this.#proc?.kill('SIGKILL');
      }, killAfterMs);
    }
    const exit = await this.#exited;
    clearTimeout(timer);
    return exit;
  }

  /** SIGKILL, for a second Ctrl-C. */
  kill(): void {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    if (this.pid !== undefined) this.#proc!.kill('SIGKILL');
  }
}
