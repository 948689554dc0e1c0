/**
 * deploy/kubernetes/base and the committed example overlay pass every check of kubernetes-checks.ts; the base's
 * workers are the production compose file's, and the example overlay is what `profai plan` writes for its flags.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { commandLine } from '../../src/ops/plan/command.ts';
import { KUBERNETES_EXAMPLE, renderKubernetesOverlay } from '../../src/ops/plan/kubernetes.ts';
import { planFleet } from '../../src/ops/plan/plan.ts';
import { PRODUCTION_INPUTS } from '../../src/ops/plan/production.ts';
import { find, kustomize } from '../support/kubernetes.ts';
import { BASE, containerOf, type EnvVar, EXAMPLE, fleetChecks } from './kubernetes-checks.ts';

fleetChecks('deploy/kubernetes/base', () => kustomize(BASE));
fleetChecks('deploy/kubernetes/overlays/example', () => kustomize(EXAMPLE));

describe('the base and the example', () => {
  test("the base's workers are the production compose file's: same image, limits and memory settings", async () => {
    const plan = planFleet(PRODUCTION_INPUTS);
    const worker = containerOf(await kustomize(BASE), 'profai-worker');
    const compose = parse(await readFile(join(BASE, '../../../docker-compose-production.yml'), 'utf8'), {
      merge: true,
    }) as { services: Record<string, { image?: string }> };
    assert.equal(`${worker.image}:latest`, compose.services['worker-1']?.image, 'the image compose builds');
    assert.equal(worker.resources.limits.memory, `${Math.floor(plan.worker.memoryMb)}Mi`);
    assert.equal(worker.resources.requests.cpu, `${plan.worker.cpus * 1000}m`);
    const env = Object.fromEntries((worker.env as EnvVar[]).map((e) => [e.name, e.value]));
    assert.deepEqual(
      [env.WORKER_CONCURRENCY, env.MAX_MEMORY_PER_CHILD_MB, env.HARD_MEMORY_LIMIT_MB, env.CHILD_HEAP_MB],
      [
        plan.concurrency,
        plan.limits.maxMemoryPerChildMb,
        plan.limits.hardMemoryLimitMb,
        plan.limits.childHeapMb,
      ].map(String),
    );
  });

  test('the example overlay is what `profai plan` writes for its flags, byte for byte', async () => {
    const flags = KUBERNETES_EXAMPLE.flags;
    const files = renderKubernetesOverlay(planFleet(PRODUCTION_INPUTS), {
      base: '../../base',
      namespace: 'profai',
      image: flags.image,
      nodes: flags.nodes,
      minWorkers: 1,
      command: commandLine(flags, 'kubernetes'),
    });
    for (const [name, text] of Object.entries(files))
      assert.equal(await readFile(join(EXAMPLE, name), 'utf8'), text, `${name} is up to date`);
    const objects = await kustomize(EXAMPLE);
    assert.equal(containerOf(objects, 'profai-worker').image, flags.image);
    assert.equal(find(objects, 'ScaledObject', 'profai-worker').spec.maxReplicaCount, 5 * flags.nodes);
  });
});
