/**
 * Stores one uploaded file in UPLOAD_DIR as `<sha256>.pdf`: streamed to a temporary file while it is
 * hashed, checked (not empty, PDF magic bytes, size limit), then renamed atomically. The client's file
 * name is only ever a label: it never becomes part of a path.
 */
import { createHash, randomUUID } from 'node:crypto';
import { link, open, rename, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ApiError } from './errors.ts';

/** How far into a file the `%PDF-` header may start (PDF readers accept leading junk up to 1 KB). */
const MAGIC_WINDOW = 1024;
const MAGIC = Buffer.from('%PDF-');

/** True when the first 1024 bytes contain `%PDF-`. */
export function looksLikePdf(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, MAGIC_WINDOW)).includes(
    MAGIC,
  );
}

/**
 * The client's file name made safe to show and store as a label: last path segment, no control
 * characters, at most 200 characters.
 */
export function displayName(clientName: string | undefined): string {
  const last = (clientName ?? '').split(/[/\\]/).pop() ?? '';
  const clean = last.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.slice(0, 200) || 'upload.pdf';
}

/** Limits of a multipart upload besides its files (MAX_UPLOAD_MB each, MAX_FILES_PER_UPLOAD of them). */
export const MULTIPART_LIMITS = {
  /** Text fields (the password is one): 10 of 64 KB at most. */
  fields: 10,
  fieldSize: 64 * 1024,
  fieldNameSize: 100,
  /** Headers of one part (Content-Disposition, Content-Type, a few more). */
  headerPairs: 20,
} as const;

/** A file stored in the upload folder. */
export interface StoredUpload {
  /** The client's name, cleaned by {@link displayName}: a label, never a path. */
  fileName: string;
  sha256: string;
  /** Absolute path `UPLOAD_DIR/<sha256>.pdf`. */
  path: string;
  sizeBytes: number;
  /** True when this upload made the file; false when the same content was there already (it was touched). */
  created: boolean;
  /** The file's mtime as this upload made it: {@link discardUploads} removes it only if no one touched it since. */
  mtimeMs: number;
}

export interface StoreUploadOptions {
  /** Absolute upload folder; must exist. */
  dir: string;
  /** Limit in MB, for the 413 message. */
  maxUploadMb: number;
  /** Aborted when the client hangs up: the part's stream then ends with an error instead of waiting for ever. */
  signal?: AbortSignal;
  /** Paths the same request made already: a second copy of one is not touched, so the request may still discard it. */
  madeByRequest?: ReadonlySet<string>;
}

/** A readable file part; @fastify/multipart sets `truncated` when the size limit cut it. */
type FileStream = NodeJS.ReadableStream & { truncated?: boolean };

/**
 * Streams `file` into `dir` and returns where it landed.
 * @throws ApiError 400 `empty_file`, 415 `not_pdf`, 413 `too_large`.
 */
export async function storeUpload(
  file: FileStream,
  fileName: string,
  opts: StoreUploadOptions,
): Promise<StoredUpload> {
  const inspector = new UploadInspector(fileName);
  const tmp = join(opts.dir, `.upload-${randomUUID()}.part`);
  // Opened before the pipeline, not lazily by a write stream: a stream destroyed while it opens creates the file
  // after the clean-up below has run (fuzzing found such `.part` files left behind).
  const handle = await open(tmp, 'wx');
  try {
    await pipeline(file, inspector, handle.createWriteStream(), { signal: opts.signal });
    if (file.truncated)
      throw new ApiError(
        413,
        'too_large',
        `${fileName}: over the ${opts.maxUploadMb} MB upload limit (MAX_UPLOAD_MB)`,
      );
    if (inspector.size === 0) throw new ApiError(400, 'empty_file', `${fileName}: empty file`);
    if (!looksLikePdf(inspector.head)) throw notPdf(fileName);
    const sha256 = inspector.digest();
    const path = join(opts.dir, `${sha256}.pdf`);
    // Read before the link: once the path exists, another upload of the same content may touch it.
    const { mtimeMs } = await stat(tmp);
    const created = opts.madeByRequest?.has(path) ? false : await linkOrTouch(tmp, path);
    return { fileName, sha256, path, sizeBytes: inspector.size, created, mtimeMs };
  } finally {
    await handle.close().catch(() => {});
    await rm(tmp, { force: true });
  }
}

/**
 * Puts `tmp` at `path` unless that file exists (a link fails then, where a rename would replace it); an existing
 * file is touched instead, so that {@link discardUploads} of another request that made it leaves it to this one.
 * @returns whether the file is new.
 */
async function linkOrTouch(tmp: string, path: string): Promise<boolean> {
  for (let tries = 0; ; tries++) {
    try {
      await link(tmp, path);
      return true;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A folder without hard links (FUSE, vfat, some SMB mounts): put it in place as before, never to be discarded.
      if (code && NO_LINKS.has(code)) {
        await rename(tmp, path);
        return false;
      }
      if (code !== 'EEXIST') throw err;
    }
    const now = new Date();
    try {
      await utimes(path, now, now);
      return false;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // Owned by another user: it is there, which is what matters.
      if (code === 'EPERM') return false;
      // Discarded by the request that made it, between our link and our touch: link again.
      if (code !== 'ENOENT' || tries >= 3) throw err;
    }
  }
}

/** Errors of link() on filesystems that have no hard links. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/**
 * Removes the files a request stored and then failed: those it made, unless another upload of the same content
 * touched them since (that one may have queued a job on the file).
 */
export async function discardUploads(files: readonly StoredUpload[]): Promise<void> {
  for (const file of files.filter((f) => f.created)) {
    const now = await stat(file.path).catch(() => null);
    // A window remains between this stat and the rm, in which another upload could touch the file: microseconds,
    // and its job would then fail `upload not found`, to be retried by uploading again.
    if (now?.mtimeMs === file.mtimeMs) await rm(file.path, { force: true });
  }
}

const notPdf = (fileName: string) => new ApiError(415, 'not_pdf', `${fileName}: not a PDF`);

/**
 * Passes bytes through while hashing them and keeping the first KB; fails as soon as that KB is
 * known not to be a PDF, so a large non-PDF is not written to disk in full.
 */
class UploadInspector extends Transform {
  size = 0;
  head: Buffer = Buffer.alloc(0);
  private readonly hash = createHash('sha256');
  private checked = false;

  constructor(private readonly fileName: string) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    this.hash.update(chunk);
    if (!this.checked && this.head.length < MAGIC_WINDOW)
      this.head = Buffer.concat([this.head, chunk.subarray(0, MAGIC_WINDOW - this.head.length)]);
    if (!this.checked && this.head.length >= MAGIC_WINDOW) {
      this.checked = true;
      if (!looksLikePdf(this.head)) {
        done(notPdf(this.fileName));
        return;
      }
    }
    done(null, chunk);
  }

  digest(): string {
    return this.hash.digest('hex');
  }
}
