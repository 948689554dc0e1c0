/**
 * A small volume of the test's own (a tmpfs, mounted as root) to fill up: what a full upload disk looks like to
 * ProfAI, ENOSPC on every write. Where mounting is not allowed (not root, no tmpfs), `mountSmallVolume` says why
 * and the test skips with that reason.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallVolume {
  dir: string;
  /** Writes a filler file until the volume is full. */
  fill(): Promise<void>;
  /** Removes the filler. */
  empty(): Promise<void>;
  unmount(): void;
}

/** A tmpfs of `sizeMb` MB, or the reason there cannot be one here. */
export function mountSmallVolume(sizeMb: number): SmallVolume | string {
  if (process.getuid?.() !== 0) return 'mounting a small volume to fill needs root';
  const dir = mkdtempSync(join(tmpdir(), 'profai-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs here: ${(err as Error).message.split('\n')[0]}`;
  }
  const filler = join(dir, 'filler');
  return {
    dir,
    async fill() {
      const handle = await open(filler, 'a');
      try {
        // Large blocks, then pages: not even a page is left for a new file.
        for (const size of [64 * 1024, 4096]) {
          const block = Buffer.alloc(size, 1);
          try {
            for (;;) await handle.write(block);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          }
        }
      } finally {
        await handle.close();
      }
    },
    empty: () => rm(filler, { force: true }),
    unmount() {
      execFileSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
