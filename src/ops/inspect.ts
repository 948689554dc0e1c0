/**
 * `profai inspect ping|stats|active|registered`, answered like `celery inspect` from the workers' heartbeats.
 *
 * `--json` prints one object keyed by worker hostname (`worker1@host`), as Celery does:
 * - ping: `{ "worker1@host": { "ok": "pong" } }`
 * - stats: `{ "worker1@host": WorkerStatus }` (see types.ts)
 * - active: `{ "worker1@host": ActiveTaskStatus[] }`
 * - registered: `{ "worker1@host": ["pdf_processing.process_pdf_and_generate_course", …] }`
 * A worker that stopped answering is absent; none at all is `{}` (and exit code 1).
 */
import { activeTaskLines, formatDuration, waitingText } from './render.ts';
import type { ActiveTaskStatus, WorkerStatus } from './types.ts';

export const INSPECT_ACTIONS = ['ping', 'stats', 'active', 'registered'] as const;
export type InspectAction = (typeof INSPECT_ACTIONS)[number];

/** `inspect ping --json`. */
export type PingReply = Record<string, { ok: 'pong' }>;
/** `inspect stats --json`. */
export type StatsReply = Record<string, WorkerStatus>;
/** `inspect active --json`. */
export type ActiveReply = Record<string, ActiveTaskStatus[]>;
/** `inspect registered --json`. */
export type RegisteredReply = Record<string, string[]>;

export type InspectReply = PingReply | StatsReply | ActiveReply | RegisteredReply;

/** The `--json` answer of `action` for these workers. */
export function inspectReply(action: InspectAction, workers: readonly WorkerStatus[]): InspectReply {
  const by = <T>(f: (w: WorkerStatus) => T) => Object.fromEntries(workers.map((w) => [w.hostname, f(w)]));
  switch (action) {
    case 'ping':
      return by(() => ({ ok: 'pong' as const }));
    case 'stats':
      return by((w) => w);
    case 'active':
      return by((w) => w.active);
    case 'registered':
      return by((w) => w.registered);
  }
}

const mb = (v: number) => `${Math.round(v)} MB`;

function statsLines(w: WorkerStatus): string[] {
  const r = w.recycled;
  const hard = w.limits.hardMb > 0 ? mb(w.limits.hardMb) : 'off';
  return [
    `${w.hostname}:`,
    `  pid: ${w.pid}   pool: ${w.pool}   concurrency: ${w.concurrency}   version: ${w.version}   uptime: ${formatDuration(w.uptimeS)}`,
    `  queues: ${w.queues.join(', ')}   state: ${w.state}${w.waiting.map((d) => `   ${waitingText(d).toLowerCase()}`).join('')}`,
    `  done: ${w.done}   failed: ${w.failed}   recycled: ${r.total} (tasks ${r.tasks}, memory ${r.memory}, crash ${r.crash})`,
    `  rss: ${mb(w.totalRssMb)} (supervisor ${mb(w.rssMb)})   cpu: ${Math.round(w.cpuPercent)}%   child limits: soft ${mb(w.limits.softMb)}, hard ${hard}`,
    ...w.children.map(
      (c) =>
        `  child ${c.pid}: ${c.busy ? `busy (${c.jobId})` : 'idle'}, ${c.tasks} tasks, ${mb(c.rssMb)}, cpu ${Math.round(c.cpuPercent)}%`,
    ),
  ];
}

/** The text answer of `action`, per worker, like Celery's. */
export function inspectLines(
  action: InspectAction,
  workers: readonly WorkerStatus[],
  now = Date.now(),
): string[] {
  switch (action) {
    case 'ping':
      return workers.map((w) => `${w.hostname}: pong`);
    case 'stats':
      return workers.flatMap(statsLines);
    case 'active':
      return workers.flatMap((w) => [
        `${w.hostname}: ${w.active.length} active`,
        ...(w.active.length === 0 ? ['  - empty -'] : activeTaskLines(w, now)),
      ]);
    case 'registered':
      return workers.flatMap((w) => [`${w.hostname}:`, ...w.registered.map((name) => `  * ${name}`)]);
  }
}
