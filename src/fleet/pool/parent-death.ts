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
 */
import { spawnSync } from 'node:child_process';

const SETPRIV = 'setpriv';
const PDEATHSIG = ['--pdeathsig', 'KILL', '--'];

/** Whether this host's setpriv can fork a child that dies with us: asked once (a few ms). */
let usable: boolean | undefined;

function setprivWorks(): boolean {
  usable ??=
    spawnSync(SETPRIV, [...PDEATHSIG, process.execPath, '--version'], { stdio: 'ignore', timeout: 10_000 })
      .status === 0;
  return usable;
}

/** `fork()` options that run Node with `execArgv` under the parent-death signal when the host allows it. */
export function dyingWithParent(execArgv: string[]): { execPath?: string; execArgv: string[] } {
  return setprivWorks()
    ? { execPath: SETPRIV, execArgv: [...PDEATHSIG, process.execPath, ...execArgv] }
    : { execArgv };
}
