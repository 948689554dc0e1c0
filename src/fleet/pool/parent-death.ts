/**
 * Children die with their supervisor. A child learns that its supervisor is gone from its IPC channel's
 * 'disconnect' (child-main.ts), but only when its event loop turns: a child busy in synchronous code (a module that
 * spins at start-up, a long WebAssembly parse) outlives a SIGKILLed supervisor, orphaned, holding a core and its
 * memory, and no one is left to enforce CHILD_START_TIMEOUT_S on it.
 *
 * So each child is forked through util-linux's `setpriv --pdeathsig KILL`, which asks the kernel
 * (PR_SET_PDEATHSIG) to SIGKILL the child when the supervisor dies, then execs Node in its place (same pid, same
 * IPC channel, nothing kept in memory). Where setpriv is missing or lacks `--pdeathsig` (BusyBox, util-linux before
 * 2.33) children are forked as before, and 'disconnect' alone stops them.
 *
 * The kernel clears the death signal when it execs a file with capabilities or set-uid/set-gid: a `node` given
 * file capabilities (`setcap cap_net_bind_service+ep`) runs its children without it, and 'disconnect' alone stops
 * them (docs/operating.md). Between the fork and setpriv's prctl there is a window of microseconds in which a
 * supervisor's death kills nothing; a child forked then has no event loop busy yet, so it sees 'disconnect' at once.
 */
import { spawnSync } from 'node:child_process';
import type { Logger } from '../log.ts';

/** The setpriv of the PATH, as util-linux installs it. */
export const SETPRIV = 'setpriv';
const PDEATHSIG = ['--pdeathsig', 'KILL', '--'];

/**
 * `setpriv` when it can fork a child that dies with us (it runs `node --version` under the death signal, a few ms),
 * else null: children then rely on the IPC watch alone. Asked by each pool once, at its start.
 */
export function usableSetpriv(setpriv: string = SETPRIV): string | null {
  const probe = spawnSync(setpriv, [...PDEATHSIG, process.execPath, '--version'], {
    stdio: 'ignore',
    timeout: 10_000,
  });
  return probe.status === 0 ? setpriv : null;
}

/** Says once, at a pool's start, how its children die with it: `setpriv` (the binary probed), or the IPC watch. */
export function logParentDeath(log: Logger, setpriv: string, usable: string | null): void {
  if (usable) log.info('children die with their supervisor', { via: `${usable} --pdeathsig KILL` });
  else
    log.warn('setpriv --pdeathsig unavailable: children stop only when they see their supervisor gone', {
      setpriv,
      fallback: 'IPC disconnect (a child busy in synchronous code outlives a killed supervisor)',
      fix: 'install util-linux 2.33 or later (setpriv)',
    });
}

/** `fork()` options that run Node with `execArgv` under the parent-death signal, through `setpriv` when not null. */
export function dyingWithParent(
  execArgv: string[],
  setpriv: string | null,
): { execPath?: string; execArgv: string[] } {
  return setpriv
    ? { execPath: setpriv, execArgv: [...PDEATHSIG, process.execPath, ...execArgv] }
    : { execArgv };
}
