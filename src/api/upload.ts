/**
 * Stores one uploaded file in the uploads store (UPLOAD_DIR, or the bucket's `uploads/`) as `<sha256>.pdf`:
 * streamed to a temporary key while it is hashed, checked (not empty, PDF magic bytes, size limit), then put in
 * place. The client's file name is only ever a label: it never becomes part of a key.
 */
import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileStore } from '../files/index.ts';
import { pdfKey, uploadTempKey } from '../files/keys.ts';
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

/** A file stored in the uploads store. */
export interface StoredUpload {
  /** The client's name, cleaned by {@link displayName}: a label, never a path. */
  fileName: string;
  sha256: string;
  /** Its key in the uploads store: `<sha256>.pdf`. */
  key: string;
  sizeBytes: number;
  /** True when this upload made the file; false when the same content was there already (it was touched). */
  created: boolean;
  /** The file's mtime as this upload made it: {@link discardUploads} removes it only if no one touched it since. */
  mtimeMs: number;
}

export interface StoreUploadOptions {
  /** The uploads store (UPLOAD_DIR, or the bucket's `uploads/`). */
  uploads: FileStore;
  /** Limit in MB, for the 413 message. */
  maxUploadMb: number;
  /** Aborted when the client hangs up: the part's stream then ends with an error instead of waiting for ever. */
  signal?: AbortSignal;
  /** Keys the same request made already: a second copy of one is not touched, so the request may still discard it. */
  madeByRequest?: ReadonlySet<string>;
}

/** A readable file part; @fastify/multipart sets `truncated` when the size limit cut it. */
type FileStream = NodeJS.ReadableStream & { truncated?: boolean };

/**
 * Streams `file` to a temporary key of the uploads store while hashing it, checks it, and puts it at
 * `<sha256>.pdf` (unless that content is there already: then it is touched). Only the part being written is in
 * memory, whatever the file's size.
 * @throws ApiError 400 `empty_file`, 415 `not_pdf`, 413 `too_large`; the store's errors (full, unreachable)
 */
export async function storeUpload(
  file: FileStream,
  fileName: string,
  opts: StoreUploadOptions,
): Promise<StoredUpload> {
  const { uploads } = opts;
  const inspector = new UploadInspector(fileName);
  const tmp = uploadTempKey();
  // The part's errors (a hang-up, a cut body, not a PDF) reach the store's write through the inspector, which
  // then rejects with them: the write's error is the one to answer with.
  const feeding = pipeline(file, inspector, opts.signal ? { signal: opts.signal } : {}).catch(() => {});
  try {
    try {
      await uploads.write(tmp, inspector, opts.signal);
    } finally {
      inspector.destroy();
      await feeding;
    }
    if (file.truncated)
      throw new ApiError(
        413,
        'too_large',
        `${fileName}: over the ${opts.maxUploadMb} MB upload limit (MAX_UPLOAD_MB)`,
      );
    if (inspector.bytes === 0) throw new ApiError(400, 'empty_file', `${fileName}: empty file`);
    if (!looksLikePdf(inspector.head)) throw notPdf(fileName);
    const sha256 = inspector.digest();
    const key = pdfKey(sha256);
    const placed = opts.madeByRequest?.has(key)
      ? { created: false, mtimeMs: 0 }
      : await uploads.adopt(uploads, tmp, key, { touchExisting: true });
    return { fileName, sha256, key, sizeBytes: inspector.bytes, ...placed };
  } finally {
    await uploads.remove(tmp).catch(() => {});
  }
}

/**
 * Removes the files a request stored and then failed: those it made, unless another upload of the same content
 * touched them since (that one may have queued a job on the file).
 */
export async function discardUploads(uploads: FileStore, files: readonly StoredUpload[]): Promise<void> {
  for (const file of files.filter((f) => f.created)) {
    const now = await uploads.stat(file.key);
    // A window remains between this stat and the removal, in which another upload could touch the file:
    // milliseconds, and its job would then fail `upload not found`, to be retried by uploading again.
    if (now?.mtimeMs === file.mtimeMs) await uploads.remove(file.key);
  }
}

const notPdf = (fileName: string) => new ApiError(415, 'not_pdf', `${fileName}: not a PDF`);

/**
 * Passes bytes through while hashing them and keeping the first KB; fails as soon as that KB is
 * known not to be a PDF, so a large non-PDF is not written to disk in full.
 */
class UploadInspector extends Transform {
  /** Bytes so far (not `size`: the S3 uploader reads a body's `size` as its total length). */
  bytes = 0;
  head: Buffer = Buffer.alloc(0);
  private readonly hash = createHash('sha256');
  private checked = false;

  constructor(private readonly fileName: string) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
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
