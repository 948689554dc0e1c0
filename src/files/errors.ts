/**
 * The file stores' errors, translated in one place from what each backend throws (an errno, an S3 error code),
 * each keeping the original as `cause`. A store that is full or refuses writes and one that cannot be reached
 * are both outages of the `storage` dependency: jobs wait them out, the API answers 507 or 503 with Retry-After.
 */
import { DependencyUnavailableError, networkErrorCode, ProfaiError } from '../domain/errors.ts';

/** A store is full, or refuses writes for want of room (a quota, a free-space threshold). */
export class StorageFullError extends ProfaiError {
  constructor(
    readonly where: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super('storage_full', `storage is full: ${where} refuses writes (${reason})`, {
      dependency: 'storage',
      cause,
    });
  }
}

/** A file that should be in a store is not. */
export class FileMissingError extends ProfaiError {
  constructor(where: string, key: string) {
    super('file_missing', `${key} is not in ${where}`);
  }
}

/** errno codes of a volume that has no room left. */
const FOLDER_FULL = new Set(['ENOSPC', 'EDQUOT']);
/** errno codes of a folder whose volume went away (a network file system, a failing disk). */
const FOLDER_GONE = new Set(['EIO', 'ESTALE', 'ENOTCONN', 'EHOSTDOWN', 'ETIMEDOUT']);

/** What a folder's error means for ProfAI; an error that is none of these is returned as it is. */
export function translateFolderError(err: unknown, where: string): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code && FOLDER_FULL.has(code))
    return new StorageFullError(where, `${code}: no space left on its volume`, err);
  if (code && FOLDER_GONE.has(code))
    return new DependencyUnavailableError('storage', `${where}: ${code}`, err);
  return err;
}

/**
 * S3 error codes (and HTTP 507) that mean "no room": MinIO's free-space threshold and bucket quota, Ceph's and
 * others' quotas.
 */
const S3_FULL = new Set([
  'XMinioStorageFull',
  'XMinioAdminBucketQuotaExceeded',
  'QuotaExceeded',
  'InsufficientStorage',
  'StorageFull',
]);

interface S3Failure {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/** The S3 error's code and HTTP status, for messages: `SlowDown (HTTP 503)`. */
export function describeS3Error(err: unknown): string {
  const e = err as S3Failure;
  const code = e.Code ?? e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  const message = e.message && e.message !== code && e.message !== 'UnknownError' ? `: ${e.message}` : '';
  return `${code}${status ? ` (HTTP ${status})` : ''}${message}`.split('\n')[0]!;
}

/** True for "no such key" (404 on GetObject and HeadObject). */
export function isS3Missing(err: unknown): boolean {
  const e = err as S3Failure;
  return (
    e.name === 'NoSuchKey' ||
    e.name === 'NotFound' ||
    (e.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket')
  );
}

/**
 * What an S3 error means for ProfAI. Only a missing object is the caller's business; everything else the
 * service says (a 5xx, throttling, no bucket, refused credentials) or not says (a network failure, a timeout)
 * is an outage an operator can end, so work waits for it rather than failing.
 */
export function translateS3Error(err: unknown, where: string): unknown {
  if (err instanceof ProfaiError) return err;
  const e = err as S3Failure;
  const code = e.Code ?? e.name ?? '';
  if (S3_FULL.has(code) || e.$metadata?.httpStatusCode === 507)
    return new StorageFullError(where, describeS3Error(err), err);
  const network = networkErrorCode(err);
  if (network) return new DependencyUnavailableError('storage', `${where}: ${network}`, err);
  if (e.name === 'TimeoutError')
    return new DependencyUnavailableError('storage', `${where}: no answer in time`, err);
  return new DependencyUnavailableError('storage', `${where}: ${describeS3Error(err)}`, err);
}
