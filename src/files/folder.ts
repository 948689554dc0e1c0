/**
 * A {@link FileStore} in a local folder (UPLOAD_DIR, DOCUMENTS_DIR): the default, for one host or a shared
 * volume. A write goes to a temporary name and is renamed into place; `adopt` is a hard link (which, unlike a
 * rename, never replaces a file that is there), a copy across volumes or where links do not exist.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import {
  access,
  copyFile,
  link,
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  statfs,
  utimes,
} from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FileMissingError, translateFolderError } from './errors.ts';
import type { AdoptOptions, ByteRange, FileInfo, FileStore } from './interfaces.ts';
import { checkKey } from './keys.ts';

/** Errors of link() on file systems without hard links, or across two of them. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

const codeOf = (err: unknown) => (err as NodeJS.ErrnoException).code;
const orNull = (err: unknown) => {
  if (codeOf(err) === 'ENOENT') return null;
  throw err;
};

export class FolderStore implements FileStore {
  readonly kind = 'folder';

  constructor(readonly where: string) {}

  pathOf(key: string): string {
    return join(this.where, checkKey(key));
  }

  /** Runs `fn`, translating what the volume says (full, gone) into the store's errors. */
  async #io<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translateFolderError(err, this.where);
    }
  }

  write(key: string, body: Readable | Uint8Array, signal?: AbortSignal): Promise<FileInfo> {
    return this.#io(async () => {
      const path = this.pathOf(key);
      await mkdir(this.where, { recursive: true });
      const tmp = join(this.where, `.incoming-${randomUUID()}.part`);
      // Opened before the pipeline, not lazily by a write stream: a stream destroyed while it opens would
      // create the file after the clean-up below has run.
      const handle = await open(tmp, 'wx');
      try {
        const source = body instanceof Uint8Array ? Readable.from([body]) : body;
        await pipeline(source, handle.createWriteStream(), signal ? { signal } : {});
        await rename(tmp, path);
      } finally {
        await handle.close().catch(() => {});
        await rm(tmp, { force: true });
      }
      return (await this.stat(key))!;
    });
  }

  read(key: string): Promise<Uint8Array | null> {
    return this.#io(() =>
      readFile(this.pathOf(key)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.length), orNull),
    );
  }

  stream(key: string, range?: ByteRange): Promise<Readable | null> {
    return this.#io(async () => {
      const handle = await open(this.pathOf(key), 'r').catch(orNull);
      return handle ? handle.createReadStream(range ? { start: range.start, end: range.end } : {}) : null;
    });
  }

  stat(key: string): Promise<FileInfo | null> {
    return this.#io(async () => {
      const s = await stat(this.pathOf(key)).catch(orNull);
      return s?.isFile() ? { key, sizeBytes: s.size, mtimeMs: s.mtimeMs } : null;
    });
  }

  touch(key: string): Promise<boolean> {
    return this.#io(async () => {
      const now = new Date();
      try {
        await utimes(this.pathOf(key), now, now);
        return true;
      } catch (err) {
        // Owned by another user: it is there, which is what matters.
        if (codeOf(err) === 'EPERM') return true;
        if (codeOf(err) === 'ENOENT') return false;
        throw err;
      }
    });
  }

  remove(key: string): Promise<void> {
    return this.#io(() => rm(this.pathOf(key), { force: true }));
  }

  async *list(): AsyncIterable<FileInfo> {
    const names = await this.#io(() => readdir(this.where).catch((err: unknown) => orNull(err) ?? []));
    for (const name of names) {
      const info = await this.stat(name).catch(() => null);
      if (info) yield info;
    }
  }

  adopt(
    source: FileStore,
    from: string,
    key: string,
    opts: AdoptOptions = {},
  ): Promise<{ created: boolean; mtimeMs: number }> {
    return this.#io(async () => {
      if (!(source instanceof FolderStore))
        throw new Error(`cannot adopt a file of ${source.where} into a folder`);
      // Its time before it is linked: once at `key`, another upload of the same content may touch it.
      const before: FileInfo | null = await source.stat(from);
      const placed = await this.#place(source.pathOf(from), key, opts.touchExisting ?? false);
      if (placed === null) throw new FileMissingError(source.where, from);
      if (!opts.keepSource && source.pathOf(from) !== this.pathOf(key)) await source.remove(from);
      const mtimeMs = placed === 'linked' && before ? before.mtimeMs : (await this.stat(key))?.mtimeMs;
      return { created: placed !== 'there', mtimeMs: mtimeMs ?? Date.now() };
    });
  }

  /** Links (or copies) `src` to `key` unless a file is there; null when `src` is missing and `key` too. */
  async #place(
    src: string,
    key: string,
    touchExisting: boolean,
  ): Promise<'linked' | 'copied' | 'there' | null> {
    const target = this.pathOf(key);
    await mkdir(this.where, { recursive: true });
    for (let tries = 0; ; tries++) {
      try {
        await link(src, target);
        return 'linked';
      } catch (err) {
        const code = codeOf(err);
        if (code && NO_LINKS.has(code)) return this.#copy(src, key);
        if (code === 'ENOENT') return (await this.stat(key)) ? 'there' : null;
        if (code !== 'EEXIST') throw err;
      }
      // There already: touched so that a request discarding the file it made leaves it to this one. Removed
      // between our link and our touch (that discard): link again.
      if (!touchExisting || (await this.touch(key)) || tries >= 3) return 'there';
    }
  }

  async #copy(src: string, key: string): Promise<'copied' | 'there' | null> {
    if (await this.stat(key)) return 'there';
    const tmp = join(this.where, `.incoming-${randomUUID()}.part`);
    try {
      await copyFile(src, tmp);
      await rename(tmp, this.pathOf(key));
      return 'copied';
    } catch (err) {
      return orNull(err);
    } finally {
      await rm(tmp, { force: true });
    }
  }

  ping(): Promise<void> {
    return this.#io(async () => {
      await mkdir(this.where, { recursive: true });
      await access(this.where, constants.W_OK);
    });
  }

  freeBytes(): Promise<number | null> {
    return this.#io(async () => {
      await mkdir(this.where, { recursive: true });
      const s = await statfs(this.where);
      return s.bavail * s.bsize;
    });
  }
}
