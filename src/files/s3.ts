/**
 * A {@link FileStore} under a prefix of an S3 bucket (STORAGE_URL=s3://bucket/prefix), through the AWS SDK v3:
 * AWS itself or any S3-compatible service (MinIO, Ceph, R2, SeaweedFS). Endpoint, region and credentials come
 * from the SDK's usual sources (AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, profiles,
 * instance roles); path-style addressing from STORAGE_S3_PATH_STYLE.
 *
 * A stream is written in parts through one reused buffer (s3-parts.ts), so an upload of any size holds one part
 * in memory; an aborted or failed one is aborted on the server too. Touching a file rewrites its metadata in place
 * (a server-side copy), since S3 has no utimes: its time is kept in `x-amz-meta-touched` as well, because some
 * servers keep LastModified on a copy onto itself.
 */

import type { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { DependencyUnavailableError } from '../domain/errors.ts';
import { FileMissingError, isS3Missing, translateS3Error } from './errors.ts';
import type { AdoptOptions, ByteRange, FileInfo, FileStore } from './interfaces.ts';
import { checkKey } from './keys.ts';
import { putStream } from './s3-parts.ts';

/** Settings of the S3 client: where requests go is the SDK's business (its environment and files). */
export interface S3Options {
  /** STORAGE_S3_PATH_STYLE: `endpoint/bucket/key` instead of `bucket.endpoint/key` (MinIO, most local servers). */
  pathStyle: boolean;
}

/**
 * An S3 client for ProfAI's files. Checksums only where S3 requires them: S3-compatible servers differ in the
 * ones they accept. Requests fail in seconds when the service does
 * not answer, so that a job turns an outage into a wait rather than hanging.
 */
export async function s3Client(opts: S3Options): Promise<S3Client> {
  // The SDK warns on Node 20 about its releases of 2027; the version locked here runs on Node 20 (and 22, 24).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const probe = new S3Client({});
  // A region is required by the SDK even where the service ignores it (MinIO, s3rver): us-east-1 when unset.
  const region = await probe.config.region().catch(() => 'us-east-1');
  probe.destroy();
  return new S3Client({
    region,
    forcePathStyle: opts.pathStyle,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 5000, requestTimeout: 30_000 },
  });
}

const TOUCHED = 'touched';

export class S3Store implements FileStore {
  readonly kind = 's3';
  readonly where: string;

  /** `prefix` ends with `/` (or is empty). */
  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    readonly prefix: string,
  ) {
    this.where = `s3://${bucket}/${prefix}`;
  }

  objectKey(key: string): string {
    return this.prefix + checkKey(key);
  }

  async #io<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw translateS3Error(err, this.where);
    }
  }

  /** The object's head, or null when it does not exist. */
  #head(key: string): Promise<HeadObjectCommandOutput | null> {
    return this.client
      .send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }))
      .catch((err: unknown) => {
        if (isS3Missing(err)) return null;
        throw err;
      });
  }

  async write(key: string, body: Readable | Uint8Array, signal?: AbortSignal): Promise<FileInfo> {
    const params = { Bucket: this.bucket, Key: this.objectKey(key), ContentType: 'application/pdf' };
    try {
      if (body instanceof Uint8Array) await this.client.send(new PutObjectCommand({ ...params, Body: body }));
      else await putStream(this.client, params, body, signal);
    } catch (err) {
      // Our hang-up, or the source's own error (not a PDF, a cut body): not the service's failure, whatever the
      // clean-up of the upload then met. (A failed upload destroys its source with an AbortError of its own.)
      if (signal?.aborted) throw signal.reason;
      const own = body instanceof Uint8Array ? null : body.errored;
      if (own && own.name !== 'AbortError') throw own;
      throw translateS3Error(err, this.where);
    }
    return (await this.stat(key))!;
  }

  read(key: string): Promise<Uint8Array | null> {
    return this.#io(async () => {
      const body = await this.#get(key);
      return body ? await body.transformToByteArray() : null;
    });
  }

  stream(key: string, range?: ByteRange): Promise<Readable | null> {
    return this.#io(async () => (await this.#get(key, range)) as Readable | null);
  }

  async #get(key: string, range?: ByteRange) {
    try {
      const out = await this.client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}),
        }),
      );
      return out.Body ?? null;
    } catch (err) {
      if (isS3Missing(err)) return null;
      throw err;
    }
  }

  stat(key: string): Promise<FileInfo | null> {
    return this.#io(async () => {
      const head = await this.#head(key);
      if (!head) return null;
      const touched = Number(head.Metadata?.[TOUCHED] ?? 0);
      return {
        key,
        sizeBytes: head.ContentLength ?? 0,
        mtimeMs: Math.max(head.LastModified?.getTime() ?? 0, touched),
      };
    });
  }

  touch(key: string): Promise<boolean> {
    return this.#io(async () => {
      try {
        await this.#copy(this, key, key, { [TOUCHED]: String(Date.now()) });
        return true;
      } catch (err) {
        if (isS3Missing(err)) return false;
        throw err;
      }
    });
  }

  /** A server-side copy; with `metadata`, the target's metadata is replaced by it (a copy onto itself needs that). */
  #copy(source: S3Store, from: string, key: string, metadata?: Record<string, string>) {
    const copySource = `${source.bucket}/${source.objectKey(from).split('/').map(encodeURIComponent).join('/')}`;
    return this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: this.objectKey(key),
        CopySource: copySource,
        ...(metadata
          ? { MetadataDirective: 'REPLACE', Metadata: metadata, ContentType: 'application/pdf' }
          : {}),
      }),
    );
  }

  remove(key: string): Promise<void> {
    return this.#io(async () => {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    });
  }

  async *list(): AsyncIterable<FileInfo> {
    let token: string | undefined;
    do {
      const page = await this.#io(() =>
        this.client.send(
          new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix, ContinuationToken: token }),
        ),
      );
      for (const o of page.Contents ?? []) {
        const key = o.Key?.slice(this.prefix.length) ?? '';
        if (key && !key.includes('/'))
          yield { key, sizeBytes: o.Size ?? 0, mtimeMs: o.LastModified?.getTime() ?? 0 };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  adopt(source: FileStore, from: string, key: string, opts: AdoptOptions = {}) {
    return this.#io(async () => {
      if (!(source instanceof S3Store))
        throw new Error(`cannot adopt a file of ${source.where} into ${this.where}`);
      let created = false;
      if (await this.#head(key)) {
        if (opts.touchExisting) await this.touch(key);
      } else {
        try {
          await this.#copy(source, from, key);
          created = true;
        } catch (err) {
          if (!isS3Missing(err)) throw err;
          // Adopted by another job of the same content meanwhile, or never there.
          if (!(await this.#head(key))) throw new FileMissingError(source.where, from);
        }
      }
      if (!opts.keepSource && source.objectKey(from) !== this.objectKey(key)) await source.remove(from);
      return { created, mtimeMs: (await this.stat(key))?.mtimeMs ?? Date.now() };
    });
  }

  ping(): Promise<void> {
    return this.#io(async () => {
      try {
        await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
      } catch (err) {
        if (!isS3Missing(err)) throw err;
        throw new DependencyUnavailableError(
          'storage',
          `bucket ${this.bucket} does not exist (create it)`,
          err,
        );
      }
    });
  }

  freeBytes(): Promise<number | null> {
    return Promise.resolve(null);
  }
}
