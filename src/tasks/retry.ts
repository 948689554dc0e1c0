/**
 * Replaying failed jobs (`profai jobs retry`, `POST /api/jobs/:id/retry`, the dashboard's retry button): the
 * failed job goes back to its queue with fresh attempts (BullMQ's `retry` with `resetAttemptsMade`), under
 * the same id, so the user's job view and links stay valid.
 *
 * A PDF job whose LLM stage failed is a completed PDF job with a failed LLM job (the view follows
 * `result.next`). What is retried is the stage that can succeed: the LLM stage while its staged document waits
 * in Redis (the parse, chunks and vectors are done; the upload is already gone), else the PDF job itself when
 * its upload is still there, else nothing: {@link UploadGoneError}. A document whose OCR was split into page ranges
 * and failed (a range, or its assembly) has its assembly job retried, which reads the pages no range stored itself.
 */
import type { Job } from 'bullmq';
import type { Config } from '../config.ts';
import { NotFoundError, ProfaiError } from '../domain/errors.ts';
import type { FileStore } from '../files/index.ts';
import { pdfKey } from '../files/keys.ts';
import { type FleetClient, getJobView, queueOfJobId } from '../fleet/queues.ts';
import { queueOf } from '../fleet/registry.ts';
import type { JobView } from '../fleet/views.ts';
import { redisKeys } from '../redis-keys.ts';
import { JobNotFailedError, PasswordNotApplicableError, UploadGoneError } from './errors.ts';
import {
  LLM_TASK,
  type LlmTaskData,
  OCR_RANGE_TASK,
  type OcrRangeTaskData,
  ocrAssemblyJobIdOf,
  PDF_TASK,
  type PdfTaskData,
} from './names.ts';

/** Options of {@link retryJob}. */
export interface RetryOptions {
  /** The password of an encrypted PDF (a finished job's record no longer has it). */
  password?: string;
  /** The uploads store, where a PDF job's upload must still be. @defaultValue none: a PDF job runs only with its course */
  uploads?: FileStore;
  /**
   * Whether the document of this content already has its course: then a PDF job runs again without its upload
   * (it completes with that course). @defaultValue never asked
   */
  hasCourse?: (sha256: string) => Promise<boolean>;
}

/** The settings a retry reads: the fleet client's, and how long uploads of failed jobs are kept (for messages). */
export type RetrySettings = Pick<Config, 'keepFailedUploadsH'>;

/** A job sent back to its queue. */
export interface RetriedJob {
  /** The job as users know it. */
  id: string;
  /** The job that was put back in its queue: `id`, or the LLM stage of a PDF job. */
  retried: string;
  /** The job's view right after. */
  view: JobView;
}

/** Fresh attempts: a retried job gets all of JOB_ATTEMPTS again. */
const FRESH = { resetAttemptsMade: true, resetAttemptsStarted: true } as const;

/**
 * BullMQ counts a job's stalls (its worker stopped while running it) in the job's hash, `stc`, and no retry resets
 * them: a job that failed for its stalls would fail again at its next one. Fresh attempts include fresh stalls.
 */
async function forgetStalls(client: FleetClient, job: Job): Promise<void> {
  if (job.id) await client.redis.hdel(client.queue(job.queueName).toKey(job.id), 'stc');
}

/** Touches the upload (so the sweep of old uploads leaves it for a while): false when it is gone. */
async function uploadStillThere(uploads: FileStore | undefined, sha256: unknown): Promise<boolean> {
  if (!uploads || typeof sha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(sha256)) return false;
  return uploads.touch(pdfKey(sha256));
}

/**
 * `job.retry` with fresh attempts and stalls, with "no longer failed" (another retry was quicker) as
 * {@link JobNotFailedError}. Every retry goes through here, after the checks that can refuse it: a refused retry
 * leaves the job failed with its stalls as they were.
 */
async function sendBack(
  client: FleetClient,
  job: Job,
  from: 'failed' | 'completed',
  id: string,
): Promise<void> {
  try {
    await forgetStalls(client, job);
    await job.retry(from, FRESH);
  } catch (err) {
    if (/is not in the \w+ state/.test((err as Error).message))
      throw new JobNotFailedError(id, 'no longer failed');
    throw err;
  }
}

/** A PDF job sent back from `state` once its upload is known to be there, with the password when given. */
async function retryPdf(
  client: FleetClient,
  job: Job,
  state: 'failed' | 'completed',
  opts: RetryOptions,
  settings: RetrySettings,
) {
  const data = job.data as Partial<PdfTaskData>;
  const runnable =
    (await uploadStillThere(opts.uploads, data.sha256)) ||
    (typeof data.sha256 === 'string' && (await opts.hasCourse?.(data.sha256)));
  if (!runnable) throw new UploadGoneError(data.fileName ?? job.id ?? '', settings.keepFailedUploadsH);
  if (opts.password) await job.updateData({ ...data, password: opts.password });
  await sendBack(client, job, state, job.id ?? '');
}

/**
 * Sends the failed job `id` back to its queue with fresh attempts.
 * @throws NotFoundError for an unknown job; JobNotFailedError for one that did not fail; UploadGoneError when
 * a PDF job can no longer run; PasswordNotApplicableError for a password given to a job that opens no PDF.
 */
export async function retryJob(
  client: FleetClient,
  id: string,
  settings: RetrySettings,
  opts: RetryOptions = {},
): Promise<RetriedJob> {
  const view = await getJobView(client, id);
  const job = view ? await client.queue(queueOfJobId(client, id)).getJob(id) : undefined;
  if (!view || !job) throw new NotFoundError('job', id);
  if (view.state !== 'failed') throw new JobNotFailedError(id, view.state);
  const own = await job.getState();
  let retried = id;
  const assembly = job.name === OCR_RANGE_TASK ? await assemblyOf(client, job) : undefined;
  if (assembly) {
    // A failed page range failed its document's assembly: that is what runs again (reading the range itself).
    await retryPdf(client, assembly, 'failed', opts, settings);
    retried = assembly.id ?? '';
  } else if (own === 'failed' && job.name === PDF_TASK) {
    await retryPdf(client, job, 'failed', opts, settings);
  } else if (own === 'failed') {
    if (opts.password) throw new PasswordNotApplicableError(id);
    await sendBack(client, job, 'failed', id);
  } else {
    // Completed, and the view failed: its LLM stage did.
    retried = await retryLlmStage(client, job, opts, settings);
  }
  return { id, retried, view: (await getJobView(client, id)) ?? view };
}

/** The failed assembly job of the page range `range`, if it is failed. */
async function assemblyOf(client: FleetClient, range: Job): Promise<Job | undefined> {
  const { sha256 } = range.data as Partial<OcrRangeTaskData>;
  if (typeof sha256 !== 'string') return undefined;
  const assembly = await client.queue(queueOf(PDF_TASK)).getJob(ocrAssemblyJobIdOf(sha256));
  return assembly && (await assembly.getState()) === 'failed' ? assembly : undefined;
}

/** Retries the failed LLM stage of the completed PDF job `pdf`, or `pdf` itself (see the module's comment). */
async function retryLlmStage(
  client: FleetClient,
  pdf: Job,
  opts: RetryOptions,
  settings: RetrySettings,
): Promise<string> {
  const nextId = (pdf.returnvalue as { next?: unknown } | null)?.next;
  // A document whose OCR was split into page ranges: its assembly failed (itself, or a range). Retried, it reads
  // the pages no range stored itself.
  const assembly =
    typeof nextId === 'string' ? await client.queue(queueOf(PDF_TASK)).getJob(nextId) : undefined;
  if (assembly && (await assembly.getState()) === 'failed') {
    await retryPdf(client, assembly, 'failed', opts, settings);
    return assembly.id ?? '';
  }
  const llm = typeof nextId === 'string' ? await client.queue(queueOf(LLM_TASK)).getJob(nextId) : undefined;
  if (!llm) throw new JobNotFailedError(pdf.id ?? '', 'completed');
  const { documentId } = llm.data as LlmTaskData;
  const staged = await client.redis.exists(redisKeys.llmStage(client.settings.queuePrefix, documentId));
  if (staged > 0) {
    await sendBack(client, llm, 'failed', pdf.id ?? '');
    return llm.id ?? '';
  }
  await retryPdf(client, pdf, 'completed', opts, settings);
  return pdf.id ?? '';
}

/** The user-visible job a job is a step of: an LLM stage's, an OCR assembly's or a page range's PDF job. */
function parentJobIdOf(job: Job): string | undefined {
  const data = job.data as Partial<LlmTaskData & OcrRangeTaskData & PdfTaskData> | null;
  if (job.name === LLM_TASK || job.name === OCR_RANGE_TASK) return data?.parentJobId;
  return data?.ocrAssembly?.parentJobId;
}

/** One job of {@link retryFailedJobs}: retried, or why not. */
export type RetryAttempt =
  | ({ ok: true } & RetriedJob)
  | { ok: false; id: string; error: string; message: string };

/** Failed jobs read from a queue per request. */
const LIST_PAGE = 500;

/**
 * The user-visible ids of every failed job, newest failure first, or of those that failed at or after
 * `sinceMs`: a failed LLM stage counts as its PDF job.
 */
export async function failedJobIds(client: FleetClient, sinceMs?: number): Promise<string[]> {
  const queues = [...new Set([...client.queueNames(), queueOf(LLM_TASK)])];
  const found: { id: string; at: number }[] = [];
  for (const name of queues) {
    const queue = client.queue(name);
    for (let start = 0; ; start += LIST_PAGE) {
      const jobs = await queue.getJobs(['failed'], start, start + LIST_PAGE - 1);
      for (const job of jobs) {
        const at = job?.finishedOn ?? 0;
        if (!job?.id || (sinceMs !== undefined && at < sinceMs)) continue;
        const parent = parentJobIdOf(job);
        const parentKnown = parent
          ? await client.queue(queueOfJobId(client, parent)).getJob(parent)
          : undefined;
        found.push({ id: parentKnown ? parent! : job.id, at });
      }
      if (jobs.length < LIST_PAGE) break;
    }
  }
  found.sort((a, b) => b.at - a.at);
  return [...new Set(found.map((f) => f.id))];
}

/** Retries each of `ids`, one after the other; a job that cannot be retried is reported, not thrown. */
export async function retryJobs(
  client: FleetClient,
  ids: readonly string[],
  settings: RetrySettings,
  opts: Pick<RetryOptions, 'uploads' | 'hasCourse'> = {},
): Promise<RetryAttempt[]> {
  const attempts: RetryAttempt[] = [];
  for (const id of ids) {
    try {
      attempts.push({ ok: true, ...(await retryJob(client, id, settings, opts)) });
    } catch (err) {
      if (!(err instanceof ProfaiError)) throw err;
      attempts.push({ ok: false, id, error: err.code, message: err.message });
    }
  }
  return attempts;
}
