/** What `profai plan` does once its flags are parsed: gather figures, plan, print, write the compose file. */

import { writeFile } from 'node:fs/promises';
import type { Config } from '../../config.ts';
import { PlanUsageError } from '../errors.ts';
import { renderCompose } from './compose.ts';
import { gatherInputs } from './gather.ts';
import { planFleet } from './plan.ts';
import { PRODUCTION_COMMAND, PRODUCTION_INPUTS } from './production.ts';
import { planJson, renderPlan } from './report.ts';
import { parseSize } from './units.ts';

const sizeOf = (v: unknown) => (typeof v === 'string' ? parseSize(v) : undefined);
const numberOf = (v: unknown) => (typeof v === 'number' ? v : undefined);

/** The command line that regenerates a compose file with these flags (quoted in the file's header). */
function commandLine(opts: Record<string, unknown>): string {
  if (opts.production) return PRODUCTION_COMMAND;
  const flags = [
    'cpus',
    'memory',
    'apiMemory',
    'apiCpus',
    'reserveMemory',
    'workers',
    'concurrency',
    'workerMemory',
    'workerCpus',
  ]
    .filter((k) => opts[k] !== undefined)
    .map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${String(opts[k])}`);
  return ['profai plan', ...flags, '--compose', String(opts.compose)].join(' ');
}

export async function planCommand(config: Config, opts: Record<string, unknown>): Promise<number> {
  const status = (line: string) => process.stderr.write(`${line}\n`);
  let inputs = PRODUCTION_INPUTS;
  if (!opts.production) {
    const cpus = numberOf(opts.cpus);
    const memoryMb = sizeOf(opts.memory);
    if (cpus === undefined || memoryMb === undefined) throw new PlanUsageError();
    inputs = await gatherInputs(config, {
      host: { cpus, memoryMb },
      api: { cpus: numberOf(opts.apiCpus), memoryMb: sizeOf(opts.apiMemory) },
      reserve: { memoryMb: sizeOf(opts.reserveMemory) },
      layout: {
        workers: numberOf(opts.workers),
        concurrency: numberOf(opts.concurrency),
        workerCpus: numberOf(opts.workerCpus),
        workerMemoryMb: sizeOf(opts.workerMemory),
      },
      jobs: numberOf(opts.jobs),
      calibrate: opts.calibrate === true,
      runs: numberOf(opts.runs),
      onStatus: status,
    });
  }
  const plan = planFleet(inputs);
  if (opts.json) process.stdout.write(`${JSON.stringify(planJson(plan), null, 2)}\n`);
  else process.stdout.write(`${renderPlan(plan)}\n`);
  if (typeof opts.compose === 'string') {
    await writeFile(opts.compose, renderCompose(plan, commandLine(opts)));
    status(`Wrote ${opts.compose}`);
  }
  return 0;
}
