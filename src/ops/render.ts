/**
 * `profai monitor`'s text: the layout the old fleet's monitor script printed, plus the active tasks it lacked.
 *
 * ```
 * WORKER STATUS
 * Found 2 active workers
 * Worker: worker1@host   Pool: prefork   Max Concurrency: 1   Active Tasks: 1   RSS: 212 MB   CPU: 48%   Done: 37   Recycled: 1
 *   ↳ pdf-3f2a… report.pdf   extract 40%   12s
 * QUEUE STATUS
 * pdf_processing: 3 waiting, 1 active, 0 delayed, 1 failed
 * ```
 */
import type { JobUsage } from '../llm/usage.ts';
import type { FleetSnapshot, QueueStatus, WorkerStatus } from './types.ts';

/** `75 s` → `1m 15s`; `3700 s` → `1h 1m`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
}

export function workerLine(w: WorkerStatus): string {
  return [
    `Worker: ${w.hostname}`,
    `Pool: ${w.pool}`,
    `Max Concurrency: ${w.concurrency}`,
    `Active Tasks: ${w.active.length}`,
    `RSS: ${Math.round(w.totalRssMb)} MB`,
    `CPU: ${Math.round(w.cpuPercent)}%`,
    `Done: ${w.done}`,
    `Recycled: ${w.recycled.total}`,
    ...(w.state === 'running' ? [] : [`State: ${w.state}`]),
    ...w.waiting.map((d) => waitingText(d)),
  ].join('   ');
}

/** `Waiting for postgres since 12:01:33` (the time in UTC, as every time the tools print). */
export function waitingText(d: { dependency: string; since: string }): string {
  return `Waiting for ${d.dependency} since ${d.since.slice(11, 19)}`;
}

/** One line per active task of `w`, relative to `now`. */
export function activeTaskLines(w: WorkerStatus, now: number): string[] {
  return w.active.map((t) => {
    const what = t.document ? `${t.id} ${t.document}` : `${t.id} ${t.name}`;
    const stage = t.stage ? `${t.stage} ${t.percent}%` : 'starting';
    const age = formatDuration((now - Date.parse(t.startedAt)) / 1000);
    const attempt = runText(t);
    return `  ↳ ${what}   ${stage}   ${age}${attempt}${t.usage ? `   ${usageText(t.usage)}` : ''}`;
  });
}

/**
 * `   attempt 2`, or with stalls `   run 3 (attempt 2, 1 stall)`: a job put back after its worker stopped starts
 * again at the same attempt, and must not look like a first run. Empty for a first run.
 */
export function runText(t: { attempt: number; stalls?: number }): string {
  const stalls = t.stalls ?? 0;
  if (stalls === 0) return t.attempt > 1 ? `   attempt ${t.attempt}` : '';
  return `   run ${t.attempt + stalls} (attempt ${t.attempt}, ${stalls} stall${stalls === 1 ? '' : 's'})`;
}

/** `LLM 12 calls, 18.4k tokens, $0.0123` */
export function usageText(u: JobUsage): string {
  const tokens = u.inputTokens + u.outputTokens;
  const k = tokens >= 1000 ? `${(tokens / 1000).toFixed(1)}k` : String(tokens);
  return `LLM ${u.calls} calls, ${k} tokens${u.costUsd > 0 ? `, $${u.costUsd.toFixed(4)}` : ''}`;
}

export function queueLine(q: QueueStatus): string {
  return `${q.name}: ${q.waiting} waiting, ${q.active} active, ${q.delayed} delayed, ${q.failed} failed`;
}

/** The whole screen for one snapshot (no trailing newline). */
export function renderMonitor(s: FleetSnapshot): string[] {
  if (!s.redis.up) {
    return [
      'WORKER STATUS',
      `Redis at ${s.redis.url} is not answering (${s.redis.error ?? 'down'}); retrying`,
      '',
      `Updated ${s.at}`,
    ];
  }
  const now = Date.parse(s.at);
  const n = s.workers.length;
  const lines = ['WORKER STATUS', `Found ${n} active worker${n === 1 ? '' : 's'}`];
  for (const w of s.workers) lines.push(workerLine(w), ...activeTaskLines(w, now));
  lines.push('', 'QUEUE STATUS');
  for (const q of s.queues) lines.push(queueLine(q));
  if (s.queues.every((q) => q.waiting === 0)) lines.push('No tasks in queue (all workers available)');
  return lines;
}
