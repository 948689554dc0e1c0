/**
 * `profai plan --kubernetes DIR`: an overlay sized from the job records in a real Redis, which passes every check
 * of kubernetes-checks.ts; regenerating keeps the operator's settings.env; `--base`; flags that disagree.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { recordRunEnd, recordRunStart } from '../../src/fleet/runinfo.ts';
import { SETTINGS_FILE } from '../../src/ops/plan/kubernetes.ts';
import type { Plan } from '../../src/ops/plan/plan.ts';
import { RECORDED_JOBS } from '../support/job-figures.ts';
import { find, type K8sObject, kustomize } from '../support/kubernetes.ts';
import { runCli } from '../support/ops.ts';
import { openTestClient, randomPrefix } from '../support/workers.ts';
import { BASE, containerOf, type EnvVar, EXAMPLE, fleetChecks, LOCAL_REDIS } from './kubernetes-checks.ts';

describe('profai plan --kubernetes, from the job records in Redis', { timeout: 120_000 }, () => {
  const prefix = randomPrefix();
  const { client, cleanup } = openTestClient(prefix);
  let dir: string;
  let plan: Plan;
  const flags = [
    '--nodes',
    '3',
    '--min-workers',
    '0',
    '--namespace',
    'teach',
    '--image',
    'reg.example:5000/profai:2',
  ];
  const plan16 = () =>
    runCli(['plan', '--cpus', '4', '--memory', '16GB', '--json', '--kubernetes', dir, ...flags], {
      QUEUE_PREFIX: prefix,
      REDIS_URL: LOCAL_REDIS,
    });

  before(async () => {
    for (const [i, job] of RECORDED_JOBS.entries()) {
      const id = `pdf-${String(i).padStart(16, '0')}`;
      await recordRunStart(client.redis, prefix, id, {
        worker: 'w1@t',
        childPid: 1,
        startedAt: 1000 + i,
        attempt: 1,
      });
      await recordRunEnd(client.redis, prefix, id, {
        finishedAt: 2000 + i,
        peakRssMb: job.peakRssMb,
        cpuSeconds: job.cpuSeconds,
      });
    }
    dir = join(await mkdtemp(join(tmpdir(), 'profai-k8s-')), `overlay-${randomBytes(3).toString('hex')}`);
    const res = await plan16();
    assert.equal(res.code, 0, res.stderr);
    plan = JSON.parse(res.stdout) as Plan;
  });
  after(async () => {
    await cleanup();
    if (dir) await rm(join(dir, '..'), { recursive: true, force: true });
  });

  fleetChecks('the overlay it wrote', () => kustomize(dir));

  test('is sized by the plan of those jobs: limits, memory settings, KEDA 0 … workers per node × 3', async () => {
    assert.match(plan.inputs.jobsSource, /^job records in test-fleet-/);
    assert.equal(plan.jobs.count, RECORDED_JOBS.length);
    const objects = await kustomize(dir);
    const worker = containerOf(objects, 'profai-worker');
    assert.equal(worker.resources.limits.memory, `${Math.floor(plan.worker.memoryMb)}Mi`);
    const env = Object.fromEntries((worker.env as EnvVar[]).map((e) => [e.name, e.value]));
    assert.equal(env.HARD_MEMORY_LIMIT_MB, String(plan.limits.hardMemoryLimitMb));
    assert.equal(env.MAX_MEMORY_PER_CHILD_MB, String(plan.limits.maxMemoryPerChildMb));
    const api = containerOf(objects, 'profai-api');
    assert.equal(api.resources.limits.memory, `${Math.floor(plan.api.memoryMb)}Mi`);
    const scaled = find(objects, 'ScaledObject', 'profai-worker');
    assert.deepEqual([scaled.spec.minReplicaCount, scaled.spec.maxReplicaCount], [0, plan.workers * 3]);
    assert.equal(scaled.metadata.namespace, 'teach');
    assert.equal(
      new URL(scaled.spec.triggers[0].metadata.url).hostname,
      'profai-api.teach.svc.cluster.local',
    );
    assert.equal(worker.image, 'reg.example:5000/profai:2');
  });

  test('writing again keeps the operator’s settings.env, and the overlay still renders with them', async () => {
    await writeFile(join(dir, SETTINGS_FILE), 'STORAGE_URL=s3://school-bucket/courses\nLOG_LEVEL=debug\n');
    const res = await plan16();
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stderr, /kept .*settings\.env/);
    const data = (await kustomize(dir)).find((o) => o.kind === 'ConfigMap')?.data;
    assert.equal(data?.STORAGE_URL, 's3://school-bucket/courses');
    assert.equal(data?.LOG_LEVEL, 'debug');
    assert.equal(data?.QUEUE_PREFIX, 'profai', 'the base’s settings stay');
  });

  test('--base names another base: a copy of it, next to the overlay, renders the same objects', async () => {
    const copy = join(dir, '..', 'base-copy');
    await cp(BASE, copy, { recursive: true });
    const other = join(dir, '..', 'on-copy');
    const res = await runCli(['plan', '--production', '--kubernetes', other, '--base', '../base-copy']);
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      await readFile(join(other, 'kustomization.yaml'), 'utf8'),
      /^resources:\n {2}- \.\.\/base-copy$/m,
    );
    const kinds = (objects: K8sObject[]) =>
      objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '-#')}`).sort();
    assert.deepEqual(kinds(await kustomize(other)), kinds(await kustomize(EXAMPLE)));
  });

  test('flags that disagree are one line, exit 1, and write nothing', async () => {
    const other = join(dir, '..', 'never');
    const res = await runCli(['plan', '--production', '--kubernetes', other, '--min-workers', '99']);
    assert.equal(res.code, 1);
    assert.equal(res.stdout, '', 'nothing printed before the refusal');
    assert.match(
      res.stderr.trim(),
      /^[^\n]*--min-workers 99 is more than the 5 workers 1 node\(s\) hold[^\n]*$/,
    );
    await assert.rejects(readFile(join(other, 'kustomization.yaml')), { code: 'ENOENT' });
    const bad = await runCli(['plan', '--production', '--kubernetes', other, '--namespace', 'Not_A_Name']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /expected a Kubernetes namespace/);
  });
});
