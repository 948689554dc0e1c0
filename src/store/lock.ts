/**
 * An exclusive lock on a PGlite data directory, so two processes never open the same embedded database.
 *
 * The lock is a file `profai.lock` holding `pid` and a random token, created with `O_EXCL`. A lock whose
 * pid is dead is stale and is taken over. A live holder (another process, or another open in this one) is
 * waited for, then {@link DataDirLockedError}.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep } from '../lib/time.ts';
import { DataDirLockedError } from './errors.ts';

/** Options of {@link lockDataDir}. */
export interface LockOptions {
  /** How long to wait for a live holder before failing. @defaultValue 10000 */
  waitMs?: number;
  /** Delay between attempts. @defaultValue 100 */
  pollMs?: number;
}

/** A held lock. `release` is idempotent and also runs when the process exits. */
export interface DataDirLock {
  readonly path: string;
  release(): void;
}

/** Name of the lock file inside the data directory. */
export const LOCK_FILE = 'profai.lock';

interface Holder {
  pid: number;
  token: string;
}

function readHolder(path: string): Holder | null {
  try {
    const [pid, token] = readFileSync(path, 'utf8').split('\n');
    return { pid: Number(pid), token: token ?? '' };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryCreate(path: string, me: Holder): boolean {
  try {
    writeFileSync(path, `${me.pid}\n${me.token}`, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/**
 * Moves a stale lock aside. Two takers may race: the one whose rename moved a file that is no longer the
 * stale one (a fresh lock written in between) puts it back, so a live lock is never discarded.
 */
function removeStale(path: string, stale: Holder, me: Holder): void {
  const aside = `${path}.stale-${me.pid}-${me.token}`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readHolder(aside);
  if (moved && moved.token !== stale.token) renameSync(aside, path);
  else rmSync(aside, { force: true });
}

/** Takes the lock of `dir` (creating `dir`), waiting for a live holder up to `waitMs`. */
export async function lockDataDir(dir: string, opts: LockOptions = {}): Promise<DataDirLock> {
  const waitMs = opts.waitMs ?? 10_000;
  const pollMs = opts.pollMs ?? 100;
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE);
  const me: Holder = { pid: process.pid, token: randomUUID() };
  const deadline = Date.now() + waitMs;
  for (;;) {
    if (tryCreate(path, me)) return heldLock(path, me);
    const holder = readHolder(path);
    if (holder && !isAlive(holder.pid)) {
      removeStale(path, holder, me);
      continue;
    }
    if (Date.now() >= deadline) throw new DataDirLockedError(dir, holder?.pid ?? 0);
    await sleep(pollMs);
  }
}

function heldLock(path: string, me: Holder): DataDirLock {
  const release = () => {
    process.removeListener('exit', release);
    if (readHolder(path)?.token === me.token) rmSync(path, { force: true });
  };
  process.on('exit', release);
  return { path, release };
}
