/**
 * Where ProfAI keeps files: the uploads that wait for their job and the kept PDFs the web app shows. One
 * contract, {@link FileStore}, with one small adapter per backend (folder.ts, s3.ts); nothing above this layer
 * knows which one it talks to.
 *
 * Glossary:
 * - **storage**: the two file stores of a deployment ({@link Storage}): `uploads` and `documents`. A local
 *   folder each (UPLOAD_DIR, DOCUMENTS_DIR) by default; two prefixes of one bucket with STORAGE_URL=s3://….
 * - **key**: a file's name in its store, a single path segment (`<sha256>.pdf`, `.upload-<uuid>.part`);
 *   never a client's file name.
 * - **touch**: marking a file as used now (its `mtimeMs`), so the sweep of old uploads leaves it a while.
 * - **adopt**: putting a file of one store at a key of another (or of the same) store of one storage, unless a
 *   file is there already: a hard link or rename in folders, a server-side copy in a bucket.
 */
import type { Readable } from 'node:stream';

/** A file in a store. */
export interface FileInfo {
  key: string;
  sizeBytes: number;
  /** Last written or touched, ms since epoch. */
  mtimeMs: number;
}

/** Bytes `start`…`end` of a file, both included (HTTP's `Range: bytes=start-end`). */
export interface ByteRange {
  start: number;
  end: number;
}

/** Options of {@link FileStore.adopt}. */
export interface AdoptOptions {
  /** Leave the source file in place (KEEP_UPLOADS). @defaultValue false: the source is removed */
  keepSource?: boolean;
  /** Touch the target when it exists already (an upload of content stored before). @defaultValue false */
  touchExisting?: boolean;
}

/**
 * One place files live: a folder, or a prefix of a bucket. Every write is whole or nothing (a reader never
 * sees half a file). Failures of the backend itself are translated (errors.ts): a full volume or a bucket that
 * refuses writes is a `StorageFullError`, an unreachable one a `DependencyUnavailableError('storage')`; both
 * are outages to wait out, never a job's own failure.
 */
export interface FileStore {
  /** `folder` or `s3`. */
  readonly kind: 'folder' | 's3';
  /** Where the files are, for messages: the folder's path or `s3://bucket/prefix/uploads/`. */
  readonly where: string;
  /** Streams `body` to `key`, replacing any file there. `signal` aborts it (nothing is left behind). */
  write(key: string, body: Readable | Uint8Array, signal?: AbortSignal): Promise<FileInfo>;
  /** The whole file, or null when there is none. */
  read(key: string): Promise<Uint8Array | null>;
  /** The file (or `range` of it) as a stream, or null when there is none. */
  stream(key: string, range?: ByteRange): Promise<Readable | null>;
  stat(key: string): Promise<FileInfo | null>;
  /** Marks the file as used now; false when there is none. */
  touch(key: string): Promise<boolean>;
  /** Removes the file; a missing one is fine. */
  remove(key: string): Promise<void>;
  /** Every file of the store (temporary ones included), in no particular order. */
  list(): AsyncIterable<FileInfo>;
  /**
   * Puts `from`, a file of `source` (a store of the same storage), at `key` here unless a file is there already,
   * then removes `from` unless `keepSource`.
   * @returns whether `key` is new, and its mtime as this call left it
   * @throws FileMissingError when `from` does not exist and `key` does not either
   */
  adopt(
    source: FileStore,
    from: string,
    key: string,
    opts?: AdoptOptions,
  ): Promise<{ created: boolean; mtimeMs: number }>;
  /** Resolves when the backend answers (and, for a folder, exists); for /health and the workers' probes. */
  ping(): Promise<void>;
  /** Bytes free for new files, when the backend can tell (a folder's volume); null otherwise. */
  freeBytes(): Promise<number | null>;
}

/** The file stores of a deployment. */
export interface Storage {
  readonly kind: 'folder' | 's3';
  /** Uploads wait here for their job, as `<sha256>.pdf` (UPLOAD_DIR, or `<prefix>/uploads/`). */
  readonly uploads: FileStore;
  /** Kept PDFs, one per content, as `<sha256>.pdf` (DOCUMENTS_DIR, or `<prefix>/documents/`). */
  readonly documents: FileStore;
  /** Releases connections (the S3 client's sockets). */
  close(): Promise<void>;
}
