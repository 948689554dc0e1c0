/**
 * `profai plan`: recommends workers, concurrency, memory limits and PDFs/hour for a host, from the peak RSS
 * and CPU seconds of recent jobs (or a calibration run); `--compose FILE` writes the matching compose file,
 * `--kubernetes DIR` the matching kustomize overlay of deploy/kubernetes/base.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { none, nonNegativeInt, positiveInt, run } from '../command-kit.ts';

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number > 0');
  return n;
}

function size(value: string): string {
  if (!/^\s*\d+(\.\d+)?\s*[a-z]*\s*$/i.test(value))
    throw new InvalidArgumentError('expected a size like 8GB or 900MB');
  return value;
}

function dnsLabel(value: string): string {
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(value))
    throw new InvalidArgumentError('expected a Kubernetes namespace: lower-case letters, digits and -');
  return value;
}

function kustomizeRef(value: string): string {
  if (!/^[\x21-\x7e]+$/.test(value) || value.length > 500)
    throw new InvalidArgumentError('expected a path or URL without spaces, like ../../base');
  return value;
}

function imageRef(value: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._/:@-]*$/.test(value) || value.length > 255)
    throw new InvalidArgumentError('expected an image like registry.example.com/profai:0.1.0');
  return value;
}

export function register(program: Command): void {
  program
    .command('plan')
    .description("size the fleet for a host from recent jobs' peak memory and CPU (or a calibration run)")
    .option('--cpus <n>', 'CPUs of the host', positiveNumber)
    .option('--memory <size>', 'memory of the host (8GB, 8192MB; 1 GB = 1024 MB, as Docker counts)', size)
    .option('--api-memory <size>', 'memory limit of the API container', size, '1.2GB')
    .option('--api-cpus <n>', 'CPU limit of the API container', positiveNumber, 0.4)
    .option('--reserve-memory <size>', 'left to Redis, PostgreSQL, Chroma and the OS', size, '512MB')
    .option('--workers <n>', 'evaluate this many workers instead of recommending', positiveInt)
    .option('--concurrency <n>', 'children per worker (default: 1)', positiveInt)
    .option('--worker-memory <size>', 'memory limit of each worker container', size)
    .option('--worker-cpus <n>', 'CPU limit of each worker container', positiveNumber)
    .option('--jobs <n>', 'recent PDF jobs to read', positiveInt, 200)
    .option('--calibrate', 'measure the example PDF even when job records exist')
    .option('--runs <n>', 'calibration runs', positiveInt, 3)
    .option('--production', 'the committed production fleet (2 CPU / 8 GB, 5 workers), as a starting point')
    .option('--compose <file>', 'write the matching docker compose file')
    .option('--kubernetes <dir>', 'write the matching kustomize overlay of deploy/kubernetes/base into DIR')
    .option(
      '--nodes <n>',
      'with --kubernetes: nodes of this size the workers may use (KEDA maximum = workers × nodes)',
      positiveInt,
    )
    .option(
      '--min-workers <n>',
      'with --kubernetes: KEDA minimum (0: scale to zero when the queues are empty)',
      nonNegativeInt,
    )
    .option('--namespace <name>', 'with --kubernetes: the namespace (default: profai)', dnsLabel)
    .option(
      '--base <ref>',
      "with --kubernetes: the base as the overlay names it (default: this install's deploy/kubernetes/base, as a path from DIR)",
      kustomizeRef,
    )
    .option('--image <ref>', 'with --kubernetes: the ProfAI image (default: profai:latest)', imageRef)
    .option('--json', 'print the plan as JSON')
    .action(
      run(none, async (config, opts: Record<string, unknown>) => {
        const { planCommand } = await import('../../ops/plan/command.ts');
        return planCommand(config, opts);
      }),
    );
}
