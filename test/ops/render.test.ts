import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { WorkerHeartbeat } from '../../src/fleet/views.ts';
import { inspectLines, inspectReply } from '../../src/ops/inspect.ts';
import { failureReason } from '../../src/ops/ledger.ts';
import { formatDuration, renderMonitor } from '../../src/ops/render.ts';
import { toWorkerStatus } from '../../src/ops/snapshot.ts';
import type { FleetSnapshot } from '../../src/ops/types.ts';

const AT = Date.parse('2026-01-01T12:00:00Z');

function heartbeat(n: number, extra: Partial<WorkerHeartbeat> = {}): WorkerHeartbeat {
  return {
    name: `worker${n}@host`,
    pid: 100 + n,
    host: 'host',
    pool: 'prefork',
    version: '0.1.0',
    queues: ['pdf_processing'],
    concurrency: 1,
    registered: ['pdf_processing.process_pdf_and_generate_course'],
    startedAt: AT - 600_000,
    at: AT,
    rssMb: 80,
    totalRssMb: 212.4,
    cpuPercent: 48.2,
    limits: { softMb: 1000, hardMb: 1200 },
    children: [{ pid: 200 + n, busy: true, jobId: 'pdf-1', tasks: 3, rssMb: 132.4, cpuPercent: 47 }],
    active: [],
    processed: 37,
    failed: 2,
    recycles: { tasks: 1, memory: 0, crash: 0 },
    state: 'running',
    ...extra,
  };
}

const snapshot = (workers: WorkerHeartbeat[], waiting: number): FleetSnapshot => ({
  at: new Date(AT).toISOString(),
  redis: { url: 'redis://127.0.0.1:6379/0', up: true },
  workers: workers.map(toWorkerStatus),
  queues: [{ name: 'pdf_processing', waiting, active: 1, delayed: 0, failed: 1, completed: 9 }],
});

describe('monitor and inspect text', () => {
  test('the monitor layout of the old fleet, with the active task under its worker', () => {
    const busy = heartbeat(1, {
      active: [
        {
          id: 'pdf-3f2a',
          name: 'pdf_processing.process_pdf_and_generate_course',
          label: 'report.pdf',
          stage: 'extract',
          percent: 40,
          startedAt: AT - 12_000,
          childPid: 201,
          attempt: 1,
        },
      ],
    });
    assert.deepEqual(renderMonitor(snapshot([busy, heartbeat(2)], 0)), [
      'WORKER STATUS',
      'Found 2 active workers',
      'Worker: worker1@host   Pool: prefork   Max Concurrency: 1   Active Tasks: 1   RSS: 212 MB   CPU: 48%   Done: 37   Recycled: 1',
      '  ↳ pdf-3f2a report.pdf   extract 40%   12s',
      'Worker: worker2@host   Pool: prefork   Max Concurrency: 1   Active Tasks: 0   RSS: 212 MB   CPU: 48%   Done: 37   Recycled: 1',
      '',
      'QUEUE STATUS',
      'pdf_processing: 0 waiting, 1 active, 0 delayed, 1 failed',
      'No tasks in queue (all workers available)',
    ]);
    const waiting = renderMonitor(snapshot([heartbeat(1)], 3));
    assert.equal(waiting.at(-1), 'pdf_processing: 3 waiting, 1 active, 0 delayed, 1 failed');
  });

  test('a worker waiting for a dependency says for which and since when, in the monitor and inspect stats', () => {
    const since = Date.parse('2026-01-01T12:01:33Z');
    const waiting = heartbeat(1, { waiting: [{ dependency: 'postgres', since }] });
    const screen = renderMonitor(snapshot([waiting], 0)).join('\n');
    assert.match(screen, /Worker: worker1@host .*Waiting for postgres since 12:01:33/);
    const stats = inspectLines('stats', [toWorkerStatus(waiting)]).join('\n');
    assert.match(stats, /state: running {3}waiting for postgres since 12:01:33/);
    assert.deepEqual(toWorkerStatus(waiting).waiting, [
      { dependency: 'postgres', since: '2026-01-01T12:01:33.000Z' },
    ]);
    assert.doesNotMatch(renderMonitor(snapshot([heartbeat(2)], 0)).join('\n'), /Waiting/);
  });

  test('Redis down: says so instead of an empty fleet', () => {
    const lines = renderMonitor({
      ...snapshot([], 0),
      redis: { url: 'redis://h:6379/0', up: false, error: 'ECONNREFUSED' },
    });
    assert.equal(lines[1], 'Redis at redis://h:6379/0 is not answering (ECONNREFUSED); retrying');
  });

  test('heartbeats of older workers (no optional fields) still read', () => {
    const old = heartbeat(3);
    for (const k of ['pool', 'version', 'registered', 'cpuPercent', 'limits', 'active'] as const)
      delete old[k];
    const w = toWorkerStatus(old);
    assert.deepEqual(
      [w.pool, w.version, w.registered, w.cpuPercent, w.active],
      ['prefork', 'unknown', [], 0, []],
    );
    assert.equal(w.uptimeS, 600);
  });

  test('inspect: JSON keyed by hostname, text like Celery', () => {
    const workers = snapshot([heartbeat(1)], 0).workers;
    assert.deepEqual(inspectReply('ping', workers), { 'worker1@host': { ok: 'pong' } });
    assert.deepEqual(inspectReply('registered', workers), {
      'worker1@host': ['pdf_processing.process_pdf_and_generate_course'],
    });
    assert.deepEqual(inspectLines('active', workers), ['worker1@host: 0 active', '  - empty -']);
    assert.deepEqual(inspectLines('registered', workers), [
      'worker1@host:',
      '  * pdf_processing.process_pdf_and_generate_course',
    ]);
    assert.match(inspectLines('stats', workers).join('\n'), /child limits: soft 1000 MB, hard 1200 MB/);
  });

  test('durations', () => {
    assert.deepEqual([5, 75, 3700, 90_000].map(formatDuration), ['5s', '1m 15s', '1h 1m', '1d 1h']);
  });
});

describe('failure reasons for metric labels', () => {
  test('the words before the detail, lower-cased, without numbers, at most four', () => {
    const cases: [string | null, string][] = [
      ['corrupt PDF: xref table broken at 1234', 'corrupt pdf'],
      ['exceeded memory limit (612 MB > 500 MB)', 'exceeded memory limit'],
      ['worker child crashed (signal SIGKILL)', 'worker child crashed'],
      ['flaky failure on attempt 3', 'flaky failure on attempt'],
      ['needs OCR: none of the 4 page(s) has a text layer', 'needs ocr'],
      ['', 'unknown'],
      [null, 'unknown'],
      ['12345', 'unknown'],
    ];
    for (const [message, reason] of cases) assert.equal(failureReason(message), reason, String(message));
  });
});
