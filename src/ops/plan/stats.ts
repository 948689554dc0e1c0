/** What the planner needs to know about jobs: how much memory and CPU one takes, summarised. */

/** One finished job: the peak RSS of the child that ran it and the CPU seconds it used. */
export interface JobSample {
  peakRssMb: number;
  cpuSeconds: number;
}

export interface JobStats {
  count: number;
  p95PeakMb: number;
  maxPeakMb: number;
  meanCpuSeconds: number;
  p95CpuSeconds: number;
}

/** The `q` quantile (0..1) by the nearest-rank method: always a value that was observed. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1]!;
}

/** Summary of usable samples (positive peak and CPU). Zeros everywhere when there are none. */
export function summarizeJobs(samples: readonly JobSample[]): JobStats {
  const ok = samples.filter((s) => s.peakRssMb > 0 && s.cpuSeconds > 0);
  const peaks = ok.map((s) => s.peakRssMb);
  const cpus = ok.map((s) => s.cpuSeconds);
  return {
    count: ok.length,
    p95PeakMb: quantile(peaks, 0.95),
    maxPeakMb: peaks.length ? Math.max(...peaks) : 0,
    meanCpuSeconds: cpus.length ? cpus.reduce((a, b) => a + b, 0) / cpus.length : 0,
    p95CpuSeconds: quantile(cpus, 0.95),
  };
}
