/**
 * Full is an outage, not a bug: the API's view of whether what it writes to takes writes. Redis refuses them once
 * its memory reaches `maxmemory` (under `noeviction`, which BullMQ needs); the uploads store once its volume is full
 * or the object storage says so (a quota, a free-space threshold). Uploads then answer 503 or 507 with
 * Retry-After and the reason, and `/health` and `/metrics` show it while it lasts.
 *
 * Redis is asked (`INFO memory`) at each check. A store is believed full from the first write it refuses until a
 * write succeeds: an upload, or the small probe write each check makes meanwhile (its free space alone would
 * not say: a volume with 50 MB left takes a 5 MB upload).
 */
import { randomUUID } from 'node:crypto';
import { StorageFullError } from '../files/errors.ts';
import type { Storage } from '../files/index.ts';
import { memoryRefusal, parseRedisMemory } from '../fleet/redis.ts';

/** Seconds a client is told to wait before it tries again when something is full: freeing room takes a person. */
export const RETRY_AFTER_FULL_S = 60;

/** Bytes of the probe write that tells whether a full store takes writes again. */
const PROBE_BYTES = 64 * 1024;

export class Capacity {
  #storageRefusal: StorageFullError | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly redisInfo: (section: 'memory') => Promise<string>,
  ) {}

  /** Why Redis refuses writes, or null while it takes them. Rejects when Redis does not answer. */
  async redisRefusal(): Promise<string | null> {
    return memoryRefusal(parseRedisMemory(await this.redisInfo('memory')));
  }

  /** What an upload's store said: a refusal is remembered, a success forgets it. */
  noteUpload(err?: unknown): void {
    if (err === undefined) this.#storageRefusal = null;
    else if (err instanceof StorageFullError) this.#storageRefusal = err;
  }

  /** Why the uploads store refuses writes (its last refusal, and a probe write fails too), or null. */
  async storageRefusal(): Promise<StorageFullError | null> {
    const refusal = this.#storageRefusal;
    if (!refusal) return null;
    const { uploads } = this.storage;
    const key = `.incoming-${randomUUID()}.part`;
    try {
      await uploads.write(key, new Uint8Array(PROBE_BYTES));
      this.#storageRefusal = null;
      return null;
    } catch (err) {
      if (err instanceof StorageFullError) this.#storageRefusal = err;
      return this.#storageRefusal;
    } finally {
      await uploads.remove(key).catch(() => {});
    }
  }
}

/**
 * The one line an operator reads when the uploads store refuses writes: what is full and what to do (where it is
 * goes to the log, not to clients).
 */
export function storageFullMessage(err: StorageFullError): string {
  return err.where.startsWith('s3://')
    ? `object storage refuses writes (${err.reason}): free space or raise the bucket's quota`
    : `upload storage is full (${err.reason}): free space on the volume of UPLOAD_DIR, or move it to a larger one`;
}

/** The same for Redis. */
export function redisFullMessage(reason: string): string {
  return `Redis refuses writes: ${reason}; raise its maxmemory, or keep fewer finished jobs (KEEP_COMPLETED_JOBS, KEEP_FAILED_JOBS)`;
}
