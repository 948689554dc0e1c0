/**
 * Process edges shared by the long-running commands (`profai api`, `profai worker`) and `profai up`.
 */

/**
 * When this process was started with an IPC channel (by `profai up`), calls `stop` once the channel closes:
 * `up` died without stopping us (SIGKILL, crash), and a fleet nobody supervises must not linger as orphans.
 */
export function stopWhenParentLeaves(stop: () => void): void {
  if (!process.send) return;
  process.once('disconnect', stop);
}

/**
 * Exits with `code` once nothing is left to do, or after `graceMs` if some handle (a socket a library forgot
 * to close) would keep the process alive: a stopped service must not hang.
 * @param graceMs - @defaultValue 2000
 */
export function exitWhenIdle(code: number, graceMs = 2000): void {
  process.exitCode = code;
  setTimeout(() => process.exit(code), graceMs).unref();
  // The IPC channel (if any) is referenced while a 'disconnect' listener exists; drop it so we can exit.
  process.removeAllListeners('disconnect');
  process.channel?.unref();
}
