/**
 * What `profai plan` does once its flags are parsed: gather figures, plan, print, write the compose file or the
 * Kubernetes overlay.
 */

import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../config.ts';
import { KubernetesBaseMissingError, PlanUsageError } from '../errors.ts';
import { renderCompose } from './compose.ts';
import { gatherInputs } from './gather.ts';
import {
  type KubernetesOptions,
  renderKubernetesOverlay,
  SETTINGS_FILE,
  settingsTemplate,
} from './kubernetes.ts';
import { type Plan, planFleet } from './plan.ts';
import { PRODUCTION_INPUTS } from './production.ts';
import { planJson, renderPlan } from './report.ts';
import { parseSize } from './units.ts';

/** deploy/kubernetes/base of this checkout or package (src/ops/plan and dist/ops/plan are both 3 levels down). */
export const KUBERNETES_BASE = fileURLToPath(new URL('../../../deploy/kubernetes/base', import.meta.url));

const sizeOf = (v: unknown) => (typeof v === 'string' ? parseSize(v) : undefined);
const numberOf = (v: unknown) => (typeof v === 'number' ? v : undefined);

const HOST_FLAGS = [
  'cpus',
  'memory',
  'apiMemory',
  'apiCpus',
  'reserveMemory',
  'workers',
  'concurrency',
  'workerMemory',
  'workerCpus',
];
const KUBERNETES_FLAGS = ['nodes', 'minWorkers', 'namespace', 'image', 'base'];
const flag = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The command line that regenerates a file written with these flags (quoted in the file's header). */
export function commandLine(opts: Record<string, unknown>, output: 'compose' | 'kubernetes'): string {
  const given = (keys: string[]) =>
    keys.filter((k) => opts[k] !== undefined).map((k) => `${flag(k)} ${String(opts[k])}`);
  const sizing = opts.production ? ['--production'] : given(HOST_FLAGS);
  const extra = output === 'kubernetes' ? given(KUBERNETES_FLAGS) : [];
  return ['profai plan', ...sizing, `--${output}`, String(opts[output]), ...extra].join(' ');
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
  // Flags that disagree with the plan stop before anything is printed or written.
  const overlay = typeof opts.kubernetes === 'string' ? overlayOptions(plan, opts) : undefined;
  if (opts.json) process.stdout.write(`${JSON.stringify(planJson(plan), null, 2)}\n`);
  else process.stdout.write(`${renderPlan(plan)}\n`);
  if (typeof opts.compose === 'string') {
    await writeFile(opts.compose, renderCompose(plan, commandLine(opts, 'compose')));
    status(`Wrote ${opts.compose}`);
  }
  if (overlay) await writeOverlay(plan, String(opts.kubernetes), overlay, status);
  return 0;
}

/** The overlay's options from the flags, checked against the plan. */
function overlayOptions(plan: Plan, opts: Record<string, unknown>): KubernetesOptions {
  const dir = String(opts.kubernetes);
  const nodes = numberOf(opts.nodes) ?? 1;
  const minWorkers = numberOf(opts.minWorkers) ?? 1;
  if (minWorkers > plan.workers * nodes)
    throw new PlanUsageError(
      `--min-workers ${minWorkers} is more than the ${plan.workers * nodes} workers ${nodes} node(s) hold`,
    );
  // --base is taken as given (a path from DIR, or a remote base kustomize fetches); the default must exist.
  const givenBase = typeof opts.base === 'string' ? opts.base : undefined;
  if (!givenBase && !existsSync(join(KUBERNETES_BASE, 'kustomization.yaml')))
    throw new KubernetesBaseMissingError(KUBERNETES_BASE);
  return {
    base: givenBase ?? relative(resolve(dir), KUBERNETES_BASE).split('\\').join('/'),
    namespace: typeof opts.namespace === 'string' ? opts.namespace : 'profai',
    image: typeof opts.image === 'string' ? opts.image : 'profai:latest',
    nodes,
    minWorkers,
    command: commandLine(opts, 'kubernetes'),
  };
}

/** Writes the overlay's generated files into `dir`, and its settings file when it has none. */
async function writeOverlay(
  plan: Plan,
  dir: string,
  options: KubernetesOptions,
  status: (line: string) => void,
): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files = renderKubernetesOverlay(plan, options);
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  const settings = join(dir, SETTINGS_FILE);
  const fresh = !existsSync(settings);
  if (fresh) await writeFile(settings, `${settingsTemplate(options.namespace)}\n`);
  status(
    `Wrote ${[...Object.keys(files), ...(fresh ? [SETTINGS_FILE] : [])].map((f) => join(dir, f)).join(', ')}${fresh ? '' : ` (kept ${settings})`}`,
  );
}
