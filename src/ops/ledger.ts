/**
 * Jobs that finished since the last look, read from each queue's BullMQ event stream
 * (`<prefix>:<queue>:events`, entries `completed`/`failed`; `failed` there means failed for good, a retried
 * attempt is not in it). Reading the stream from where the previous read stopped sees each job once, without
 * a blocking connection, and picks up where it was after Redis comes back.
 *
 * Limits: only jobs that finish after the ledger is created count (a restarted API starts afresh, as
 * Prometheus counters do); if more than BullMQ's stream length (~10,000 events per queue) pass between two
 * reads, the oldest are missed.
 */
import type { FleetClient } from '../fleet/queues.ts';
import { readRunInfos } from '../fleet/runinfo.ts';
import { attemptsRun } from '../fleet/stalls.ts';

/** A job that finished (completed, or failed after its last attempt). */
export interface FinishedJob {
  queue: string;
  id: string;
  task: string;
  outcome: 'completed' | 'failed';
  /** Seconds of the last attempt, when known. */
  seconds: number | null;
  /** Attempts that ran (1 when it finished on its first try; BullMQ's unrun fail at a last stall is not one). */
  attempts: number;
  /** Times its worker stopped while running it (put back, or failed at the last): BullMQ's stall count. */
  stalls: number;
  failedReason: string | null;
  /** Peak RSS of the child during the last attempt, MB, when recorded. */
  peakRssMb: number | null;
}

/** Most events read per queue per call. */
const BATCH = 500;

type StreamEntry = [id: string, fields: string[]];

function field(fields: string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

export class JobLedger {
  /** Stream id read up to, per queue. */
  readonly #after = new Map<string, string>();
  readonly #startId: string;

  /** @param since - only jobs finishing after this time (ms) count. @defaultValue now */
  constructor(since = Date.now()) {
    this.#startId = `${since}-0`;
  }

  /**
   * Jobs of `queues` that finished since the previous call. A queue whose read fails is read again from
   * the same place next time.
   */
  async read(client: FleetClient, queues: readonly string[]): Promise<FinishedJob[]> {
    const perQueue = await Promise.allSettled(queues.map((q) => this.#readQueue(client, q)));
    return perQueue.flatMap((r) => (r.status === 'fulfilled' ? r.value : []));
  }

  async #readQueue(client: FleetClient, queueName: string): Promise<FinishedJob[]> {
    const queue = client.queue(queueName);
    const after = this.#after.get(queueName) ?? this.#startId;
    const entries = (await client.redis.xrange(
      queue.toKey('events'),
      `(${after}`,
      '+',
      'COUNT',
      BATCH,
    )) as StreamEntry[];
    if (entries.length === 0) return [];
    const finished = entries.flatMap(([, fields]) => {
      const event = field(fields, 'event');
      const id = field(fields, 'jobId');
      return id && (event === 'completed' || event === 'failed') ? [{ id, event }] : [];
    });
    const [jobs, runs] = await Promise.all([
      Promise.all(finished.map((f) => queue.getJob(f.id))),
      readRunInfos(
        client.redis,
        client.settings.queuePrefix,
        finished.map((f) => f.id),
      ),
    ]);
    this.#after.set(queueName, entries[entries.length - 1]![0]);
    return finished.map(({ id, event }, i): FinishedJob => {
      const job = jobs[i];
      const run = runs[i];
      const start = job?.processedOn ?? run?.startedAt;
      const end = job?.finishedOn ?? run?.finishedAt;
      return {
        queue: queueName,
        id,
        task: job?.name ?? `${queueName}.unknown`,
        outcome: event as FinishedJob['outcome'],
        seconds: start && end && end >= start ? (end - start) / 1000 : null,
        attempts: Math.max(1, job ? attemptsRun(job.attemptsMade, job.failedReason) : (run?.attempt ?? 1)),
        stalls: job?.stalledCounter ?? 0,
        failedReason: event === 'failed' ? job?.failedReason || null : null,
        peakRssMb: run?.peakRssMb || null,
      };
    });
  }
}

/** Most distinct failure reasons kept as label values; further ones count as `other`. */
export const MAX_REASONS = 30;

/**
 * A short, bounded label for a failure message: the words before the first `:` or `(`, lower-cased,
 * numbers dropped, at most four words. `corrupt PDF: xref broken` → `corrupt pdf`;
 * `exceeded memory limit (612 MB > 500 MB)` → `exceeded memory limit`.
 */
export function failureReason(message: string | null | undefined): string {
  const head = (message ?? '').split(/[:(\n]/)[0] ?? '';
  const words = head
    .toLowerCase()
    .replace(/[^a-z_\s-]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 4);
  return words.length > 0 ? words.join(' ') : 'unknown';
}
