import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NoJobDataError } from '../../src/ops/errors.ts';
import { type PlanInputs, planFleet, SOFT_HEADROOM } from '../../src/ops/plan/plan.ts';
import { quantile, summarizeJobs } from '../../src/ops/plan/stats.ts';
import { formatDockerSize, parseSize } from '../../src/ops/plan/units.ts';
import { OLD_FLEET_JOBS, RECORDED_JOBS } from '../support/job-figures.ts';

/** A 2 CPU / 8 GB host with the default API and reserve, as `profai plan --cpus 2 --memory 8GB`. */
function inputs(overrides: Partial<PlanInputs> = {}): PlanInputs {
  return {
    host: { cpus: 2, memoryMb: parseSize('8GB') },
    api: { cpus: 0.4, memoryMb: parseSize('1.2GB') },
    reserve: { cpus: 0.1, memoryMb: 512 },
    supervisorIdleMb: 100,
    jobs: RECORDED_JOBS,
    jobsSource: 'job records',
    ...overrides,
  };
}

describe('units', () => {
  test('sizes are binary, as Docker reads them', () => {
    assert.equal(parseSize('8GB'), 8192);
    assert.equal(parseSize('1.3g'), 1331.2);
    assert.equal(parseSize('900m'), 900);
    assert.equal(parseSize('512'), 512);
    assert.throws(() => parseSize('8XB'), /cannot read size "8XB"/);
    assert.throws(() => parseSize('0GB'), /cannot read size/);
    assert.equal(formatDockerSize(parseSize('1.3GB')), '1.3g');
    assert.equal(formatDockerSize(1250), '1250m');
  });
});

describe('job statistics', () => {
  test('p95 is an observed value (nearest rank), mean CPU over usable samples', () => {
    assert.equal(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.95), 10);
    assert.equal(quantile([5, 1, 3], 0.5), 3);
    const s = summarizeJobs([...RECORDED_JOBS, { peakRssMb: 0, cpuSeconds: 3 }]);
    assert.equal(s.count, 20);
    assert.equal(s.p95PeakMb, 347);
    assert.equal(s.maxPeakMb, 350);
    assert.ok(Math.abs(s.meanCpuSeconds - 4.58) < 1e-9);
  });
});

describe('planFleet on recorded jobs', () => {
  const plan = planFleet(inputs());

  test('recommends 5 workers × 1 child at 0.3 CPU each on 2 CPU / 8 GB', () => {
    assert.equal(plan.workers, 5);
    assert.equal(plan.concurrency, 1);
    assert.equal(plan.worker.cpus, 0.3);
    // (8192 − 1228.8 − 512) / 5 = 1290.2, rounded down to 50 MB.
    assert.equal(plan.worker.memoryMb, 1250);
  });

  test('soft = p95 × 1.25, hard = limit − idle − margin, heap = 75% of hard', () => {
    assert.equal(plan.limits.maxMemoryPerChildMb, Math.ceil(347 * SOFT_HEADROOM));
    assert.equal(plan.limits.hardMemoryLimitMb, 1250 - 100 - 64);
    assert.equal(plan.limits.childHeapMb, Math.floor((1250 - 100 - 64) * 0.75));
  });

  test('PDFs/hour = worker CPUs × 3600 / mean CPU seconds', () => {
    assert.equal(plan.pdfsPerHour, Math.floor((5 * 0.3 * 3600) / 4.58));
  });

  test('the reasoning is one row per rule, each with its figure and result', () => {
    assert.ok(plan.steps.length >= 7);
    for (const s of plan.steps) assert.ok(s.figure && s.rule && s.result, JSON.stringify(s));
    assert.ok(
      plan.steps.some((s) => s.result === `MAX_MEMORY_PER_CHILD_MB=${plan.limits.maxMemoryPerChildMb}`),
    );
    assert.ok(plan.steps.some((s) => s.figure.includes('p95 347 MB')));
  });

  test('no risks: limits fit the host and the largest job is under the hard limit', () => {
    assert.deepEqual(plan.risks, []);
  });

  test('a smaller host gets fewer workers, bounded by memory', () => {
    const small = planFleet(inputs({ host: { cpus: 2, memoryMb: parseSize('3GB') } }));
    // 3072 − 1228.8 − 512 = 1331 MB for workers; one needs 100 + 434 (soft) + 64 = 598 MB → 2 workers.
    assert.equal(small.workers, 2);
    assert.equal(small.risks.filter((r) => r.level === 'oom').length, 0);
  });

  test('without job figures there is nothing to plan from', () => {
    assert.throws(() => planFleet(inputs({ jobs: [] })), NoJobDataError);
  });
});

describe("the old fleet's cases (700 MB peaks, 8 GB)", () => {
  test('3 workers × 3 children: flags the OOM risk', () => {
    const plan = planFleet(inputs({ jobs: OLD_FLEET_JOBS, layout: { workers: 3, concurrency: 3 } }));
    const oom = plan.risks.filter((r) => r.level === 'oom');
    assert.equal(oom.length, 1, JSON.stringify(plan.risks));
    assert.match(oom[0]!.message, /3 × 875 MB/);
    assert.ok(plan.fittingChildren < 3);
  });

  test('5 workers × 1 child: fits, nothing is killed', () => {
    const plan = planFleet(inputs({ jobs: OLD_FLEET_JOBS, layout: { workers: 5, concurrency: 1 } }));
    assert.deepEqual(
      plan.risks.filter((r) => r.level !== 'warn'),
      [],
    );
    assert.ok(plan.limits.hardMemoryLimitMb > 700);
    assert.equal(plan.limits.maxMemoryPerChildMb, 875);
  });

  test('the recommendation for those jobs is 5 × 1 too', () => {
    const plan = planFleet(inputs({ jobs: OLD_FLEET_JOBS }));
    assert.equal(plan.workers, 5);
    assert.equal(plan.concurrency, 1);
  });

  test('limits larger than the host are an OOM risk', () => {
    const plan = planFleet(
      inputs({
        jobs: OLD_FLEET_JOBS,
        layout: { workers: 5, concurrency: 1, workerMemoryMb: parseSize('1.5GB') },
      }),
    );
    assert.ok(plan.risks.some((r) => r.level === 'oom' && /more than the host/.test(r.message)));
  });

  test('a worker too small for the largest job: those jobs will fail', () => {
    const jobs = [...RECORDED_JOBS, { peakRssMb: 900, cpuSeconds: 9 }];
    const plan = planFleet(inputs({ jobs, layout: { workerMemoryMb: 900 } }));
    assert.ok(plan.risks.some((r) => r.level === 'fail' && /900 MB/.test(r.message)));
  });
});
