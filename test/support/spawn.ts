/** Runs TypeScript in a real second Node process (tsx), for tests that need another pid. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Absolute file URL of a module of the repo, for `import()` inside the child's code. */
export const repoModule = (path: string) => new URL(`../../${path}`, import.meta.url).href;

/** Starts `node --import tsx` on module code `code`; stdout and stderr are collected. */
export function startNode(code: string): {
  child: ChildProcess;
  done: Promise<{ code: number | null; out: string; err: string }>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    err += d;
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out, err })),
  );
  return { child, done };
}

/** Resolves when the child has printed `marker` on stdout. */
export function waitForOutput(child: ChildProcess, marker: string, timeoutMs = 60_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`no "${marker}" from child within ${timeoutMs} ms`)),
      timeoutMs,
    );
    child.stdout!.on('data', (d) => {
      seen += d;
      if (seen.includes(marker)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      if (!seen.includes(marker)) reject(new Error(`child exited before "${marker}"`));
    });
  });
}
