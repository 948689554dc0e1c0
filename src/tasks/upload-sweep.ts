/**
 * The sweep of UPLOAD_DIR: the upload of a failed PDF job stays for KEEP_FAILED_UPLOADS_H so that it can be
 * retried (retry.ts); once its job ended longer ago than that, or has no job any more, it is removed. An upload
 * whose job is waiting, delayed or running is never removed. Run by the API (src/api/upload-sweep.ts), which
 * is the one process that writes uploads.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FleetClient } from '../fleet/queues.ts';
import { queueOf } from '../fleet/registry.ts';
import { UNFINISHED_STATES } from './in-progress.ts';
import { PDF_TASK, pdfJobIdOf } from './names.ts';

/** Options of {@link sweepUploads}. */
export interface SweepOptions {
  /** UPLOAD_DIR. */
  dir: string;
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

const UPLOAD = /^([0-9a-f]{64})\.pdf$/;
/** A file the API was streaming an upload into when it stopped (src/api/upload.ts). */
const PARTIAL = /^\.upload-[\w-]+\.part$/;

/** Removes the uploads no job can need any more (see the module's comment). Redis errors reject. */
export async function sweepUploads(client: FleetClient, opts: SweepOptions): Promise<SweepResult> {
  const now = opts.now ?? Date.now();
  const minAge = opts.minAgeMs ?? 10 * 60_000;
  const queue = client.queue(queueOf(PDF_TASK));
  const result: SweepResult = { removed: [], kept: 0 };
  const ageOf = async (name: string) => {
    const s = await stat(join(opts.dir, name)).catch(() => null);
    return s ? now - s.mtimeMs : null;
  };
  for (const name of await readdir(opts.dir)) {
    const upload = UPLOAD.exec(name);
    if (!upload && !PARTIAL.test(name)) continue;
    const age = await ageOf(name);
    if (age === null) continue;
    let removable = age >= Math.max(minAge, opts.keepMs);
    if (upload && age >= minAge) {
      const job = await queue.getJob(pdfJobIdOf(upload[1]!));
      const state = job ? await job.getState() : 'unknown';
      if (UNFINISHED_STATES.has(state)) removable = false;
      else if (state !== 'unknown') removable = now - (job?.finishedOn ?? now) >= opts.keepMs;
    }
    // Touched meanwhile (a retry): keep it.
    const still = removable ? await ageOf(name) : null;
    if (still !== null && still >= minAge) {
      await rm(join(opts.dir, name), { force: true });
      result.removed.push(name);
    } else if (upload) result.kept++;
  }
  return result;
}
