/**
 * The sweep of the uploads store (UPLOAD_DIR, or the bucket's `uploads/`): the upload of a failed PDF job stays for KEEP_FAILED_UPLOADS_H so that it can be
 * retried (retry.ts); once its job ended longer ago than that, or has no job any more, it is removed. An upload
 * whose job is waiting, delayed or running is never removed. Run by the API (src/api/upload-sweep.ts), which
 * is the one process that writes uploads.
 */
import type { FileStore } from '../files/index.ts';
import { isTemporaryKey, shaOfKey } from '../files/keys.ts';
import type { FleetClient } from '../fleet/queues.ts';
import { queueOf } from '../fleet/registry.ts';
import { UNFINISHED_STATES } from './in-progress.ts';
import { ocrAssemblyJobIdOf, PDF_TASK, pdfJobIdOf } from './names.ts';

/** Options of {@link sweepUploads}. */
export interface SweepOptions {
  /** The uploads store. */
  uploads: FileStore;
  /** How long the upload of a finished job is kept after the job ended (KEEP_FAILED_UPLOADS_H), ms. */
  keepMs: number;
  /**
   * No file modified more recently than this is removed, whatever `keepMs`: the API stores an upload a moment
   * before it queues its job, and a retry touches its upload just before it requeues the job.
   * @defaultValue 10 minutes
   */
  minAgeMs?: number;
  /** @defaultValue Date.now() */
  now?: number;
}

/** What a sweep did. */
export interface SweepResult {
  /** Names of the files removed. */
  removed: string[];
  /** Uploads left in place. */
  kept: number;
}

/** Removes the uploads no job can need any more (see the module's comment). Redis and storage errors reject. */
export async function sweepUploads(client: FleetClient, opts: SweepOptions): Promise<SweepResult> {
  const now = opts.now ?? Date.now();
  const minAge = opts.minAgeMs ?? 10 * 60_000;
  const queue = client.queue(queueOf(PDF_TASK));
  const result: SweepResult = { removed: [], kept: 0 };
  // Its time as a stat tells it (a listing may not show a touch: S3 keeps it in the object's metadata).
  const ageOf = async (key: string) => {
    const s = await opts.uploads.stat(key);
    return s ? now - s.mtimeMs : null;
  };
  const keys: string[] = [];
  for await (const file of opts.uploads.list()) keys.push(file.key);
  for (const key of keys) {
    const sha = shaOfKey(key);
    if (!sha && !isTemporaryKey(key)) continue;
    const age = await ageOf(key);
    if (age === null) continue;
    let removable = age >= Math.max(minAge, opts.keepMs);
    if (sha && age >= minAge) {
      // The PDF job, and the assembly of its OCR page ranges when it split them (they read the upload too).
      for (const id of [pdfJobIdOf(sha), ocrAssemblyJobIdOf(sha)]) {
        const job = await queue.getJob(id);
        const state = job ? await job.getState() : 'unknown';
        if (UNFINISHED_STATES.has(state)) removable = false;
        else if (state !== 'unknown') removable = now - (job?.finishedOn ?? now) >= opts.keepMs;
        if (!removable) break;
      }
    }
    // Touched meanwhile (a retry): keep it.
    const still = removable ? await ageOf(key) : null;
    if (still !== null && still >= minAge) {
      await opts.uploads.remove(key);
      result.removed.push(key);
    } else if (sha) result.kept++;
  }
  return result;
}
