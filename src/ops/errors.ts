/** The operations tools' errors (codes in src/domain/errors.ts). */
import { ProfaiError } from '../domain/errors.ts';
import { describeRedis, type RedisWhere } from '../lib/urls.ts';

/** A size the planner cannot read. */
export class BadSizeError extends ProfaiError {
  constructor(text: string) {
    super('bad_size', `cannot read size "${text}": write e.g. 8GB, 1.3g, 1200MB or 900m`);
  }
}

/** `--cpus`/`--memory` missing without `--production`. */
export class PlanUsageError extends ProfaiError {
  constructor(message = 'give the host size: --cpus N --memory SIZE (or --production)') {
    super('plan_usage', message);
  }
}

/** The kustomize base the overlay of `profai plan --kubernetes` builds on is not where it should be. */
export class KubernetesBaseMissingError extends ProfaiError {
  constructor(path: string) {
    super(
      'kubernetes_base_missing',
      `no kustomize base at ${path}: run profai plan from a checkout of ProfAI, or name the base with --base`,
    );
  }
}

/** `profai plan`'s calibration run on the example PDF failed. */
export class CalibrationError extends ProfaiError {
  constructor(reason: string) {
    super('calibration_failed', `calibration failed: ${reason}`);
  }
}

/** A job source with no usable figures: the planner needs at least one job to size anything. */
export class NoJobDataError extends ProfaiError {
  constructor() {
    super('no_job_data', 'no job figures to plan from (no finished jobs and no calibration)');
  }
}

/** Redis did not answer: `cannot reach Redis at redis://host:port (ECONNREFUSED)`. */
export class RedisUnreachableError extends ProfaiError {
  constructor(where: RedisWhere | string, reason: string, cause?: unknown) {
    const target = describeRedis(where, { short: true });
    const at = target.startsWith('Redis ') ? target : `Redis at ${target}`;
    super('redis_unreachable', `cannot reach ${at} (${reason})`, { cause });
  }
}
