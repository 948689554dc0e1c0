/**
 * deploy/kubernetes: every kustomization (the base, the committed example overlay, and overlays freshly written by
 * `profai plan --kubernetes`) is rendered by the real `kubectl kustomize`, each object validated against the
 * Kubernetes schemas and KEDA's, then held to what a cluster would only show at run time: limits on every
 * container, the required Secret, settings that the settings table accepts, memory settings that fit the container,
 * a grace period past SHUTDOWN_GRACE_S, probes and the KEDA metric on routes the API really serves, one queue
 * prefix for the API and the workers. No cluster is reachable here: nothing is applied.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { ApiContext } from '../../src/api/deps.ts';
import { errorBodySchema } from '../../src/api/errors.ts';
import { healthRoutes } from '../../src/api/routes/health.ts';
import { QUEUE_DEPTH_PATH, queueDepthSchema, queueRoutes } from '../../src/api/routes/queues.ts';
import { type Config, loadConfig, SETTINGS } from '../../src/config.ts';
import { SUPERVISOR_NODE_FLAGS } from '../../src/fleet/pool/child-handle.ts';
import { recordRunEnd, recordRunStart } from '../../src/fleet/runinfo.ts';
import { commandLine } from '../../src/ops/plan/command.ts';
import {
  AWS_SDK_VARS,
  KUBERNETES_EXAMPLE,
  renderKubernetesOverlay,
  SETTINGS_FILE,
} from '../../src/ops/plan/kubernetes.ts';
import { type Plan, planFleet, workerMargin } from '../../src/ops/plan/plan.ts';
import { PLAN_DEFAULTS, PRODUCTION_INPUTS } from '../../src/ops/plan/production.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { servedQueues } from '../../src/tasks/worker.ts';
import { RECORDED_JOBS } from '../support/job-figures.ts';
import { find, type K8sObject, kustomize, schemaProblems } from '../support/kubernetes.ts';
import { unknownFields } from '../support/kubernetes-strict.ts';
import { runCli } from '../support/ops.ts';
import { openTestClient, randomPrefix } from '../support/workers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BASE = join(ROOT, 'deploy/kubernetes/base');
const EXAMPLE = join(ROOT, KUBERNETES_EXAMPLE.dir);
const SECRET = 'profai-secrets';
const LOCAL_REDIS = 'redis://127.0.0.1:6379/0';

// biome-ignore lint/suspicious/noExplicitAny: container specs are read field by field.
type Container = any;
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}

const SETTING_BY_ENV = new Map(Object.values(SETTINGS).map((s) => [s.env, s as { secret?: boolean }]));
const isSecretVar = (name: string) =>
  SETTING_BY_ENV.get(name)?.secret === true || (AWS_SDK_VARS.secret as readonly string[]).includes(name);
/** Values a Secret would hold, for reading the configuration a container gets. */
const SECRET_VALUES: Record<string, string> = {
  API_KEY: 'a-key-from-the-secret',
  DATABASE_URL: 'postgres://profai@postgres:5432/profai',
  REDIS_URL: 'redis://:password@redis:6379/0',
};

/** Routes of the real API, registered on a bare app (their handlers never run here). */
const routes = Fastify();
routes.addSchema(errorBodySchema);
await routes.register(healthRoutes, { deps: {} as ApiContext });
await routes.register(queueRoutes, { deps: {} as ApiContext });
await routes.ready();

const containerOf = (objects: K8sObject[], deployment: string) =>
  find(objects, 'Deployment', deployment).spec.template.spec.containers[0] as Container;

/** The environment a container starts with: its ConfigMap, then its own `env` (which wins), secrets filled in. */
function environmentOf(objects: K8sObject[], container: Container): Record<string, string> {
  const env: Record<string, string> = {};
  for (const from of container.envFrom ?? []) {
    const map = find(objects, 'ConfigMap', from.configMapRef.name);
    Object.assign(env, map.data);
  }
  for (const v of (container.env ?? []) as EnvVar[]) {
    const ref = v.valueFrom?.secretKeyRef;
    if (ref) {
      if (ref.optional !== true) env[v.name] = SECRET_VALUES[ref.key] ?? 'from-the-secret';
    } else env[v.name] = v.value ?? '';
  }
  return env;
}

const mebibytesOf = (quantity: string) => {
  const m = /^(\d+)Mi$/.exec(quantity);
  assert.ok(m, `memory ${quantity} is in Mi`);
  return Number(m[1]);
};

/** The checks every kustomization of ProfAI must pass; `render` gives its objects. */
function fleetChecks(label: string, render: () => Promise<K8sObject[]>) {
  describe(label, () => {
    let objects: K8sObject[];
    let api: Container;
    let worker: Container;
    let apiConfig: Config;
    let workerConfig: Config;
    before(async () => {
      objects = await render();
      api = containerOf(objects, 'profai-api');
      worker = containerOf(objects, 'profai-worker');
      apiConfig = loadConfig(environmentOf(objects, api));
      workerConfig = loadConfig(environmentOf(objects, worker));
    });

    test('renders the API, the workers, their PDBs, the ConfigMap and KEDA objects, each valid for its schema and without unknown fields', () => {
      assert.deepEqual(
        objects.map((o) => `${o.kind}/${o.metadata.name.replace(/-[a-z0-9]{10}$/, '-#')}`).sort(),
        [
          'ConfigMap/profai-config-#',
          'Deployment/profai-api',
          'Deployment/profai-worker',
          'PodDisruptionBudget/profai-api',
          'PodDisruptionBudget/profai-worker',
          'ScaledObject/profai-worker',
          'Service/profai-api',
          'TriggerAuthentication/profai-api-key',
        ],
      );
      assert.deepEqual(objects.flatMap(schemaProblems), []);
      assert.deepEqual(unknownFields(objects, ROOT), [], 'no field the API would drop silently');
      const namespaces = new Set(objects.map((o) => o.metadata.namespace));
      assert.equal(namespaces.size, 1, 'every object in one namespace');
    });

    test('every container has CPU and memory limits; memory requests equal the limits', () => {
      for (const c of [api, worker]) {
        const { requests, limits } = c.resources ?? {};
        assert.ok(limits?.cpu && limits?.memory, `${c.name} has CPU and memory limits`);
        assert.ok(requests?.cpu, `${c.name} requests CPU`);
        assert.equal(requests.memory, limits.memory, `${c.name}: memory request = limit`);
      }
    });

    test('API_KEY, DATABASE_URL and REDIS_URL come from the Secret, required; secrets never from the ConfigMap', () => {
      const required = (c: Container, names: string[]) => {
        for (const name of names) {
          const v = (c.env as EnvVar[]).find((e) => e.name === name);
          assert.deepEqual(
            v?.valueFrom?.secretKeyRef,
            { name: SECRET, key: name, optional: false },
            `${c.name}: ${name} from the Secret, not optional`,
          );
        }
      };
      required(api, ['API_KEY', 'DATABASE_URL', 'REDIS_URL']);
      required(worker, ['DATABASE_URL', 'REDIS_URL']);
      for (const c of [api, worker]) {
        for (const v of c.env as EnvVar[]) {
          if (isSecretVar(v.name))
            assert.ok(v.valueFrom?.secretKeyRef, `${c.name}: ${v.name} only from a Secret`);
          if (v.valueFrom?.secretKeyRef) assert.equal(v.valueFrom.secretKeyRef.name, SECRET);
        }
      }
      const config = objects.filter((o) => o.kind === 'ConfigMap').flatMap((o) => Object.keys(o.data ?? {}));
      assert.deepEqual(config.filter(isSecretVar), [], 'no secret in the ConfigMap');
    });

    test('every variable is a setting of the table (or the AWS SDK’s), with a value the table accepts', () => {
      const known = new Set([...SETTING_BY_ENV.keys(), ...AWS_SDK_VARS.plain, ...AWS_SDK_VARS.secret]);
      for (const c of [api, worker]) {
        const names = Object.keys(environmentOf(objects, c)).concat((c.env as EnvVar[]).map((e) => e.name));
        assert.deepEqual(
          names.filter((n) => !known.has(n)),
          [],
          `${c.name}: unknown variables`,
        );
      }
      // loadConfig above threw on any bad value; and the pods share no volume: files go to the bucket.
      assert.match(apiConfig.storageUrl ?? '', /^s3:\/\//);
      assert.equal(workerConfig.storageUrl, apiConfig.storageUrl);
      for (const name of ['profai-api', 'profai-worker'])
        assert.deepEqual(find(objects, 'Deployment', name).spec.template.spec.volumes ?? [], []);
    });

    test('one image for both; the API listens on 0.0.0.0 with a key; the worker runs with the supervisor flags', () => {
      assert.equal(api.image, worker.image);
      assert.deepEqual(api.args, ['api']);
      assert.equal(apiConfig.host, '0.0.0.0');
      assert.ok(apiConfig.apiKey, 'a key, since the API listens beyond the pod');
      assert.deepEqual(api.ports, [{ name: 'http', containerPort: apiConfig.port }]);
      assert.deepEqual(worker.command, ['node', ...SUPERVISOR_NODE_FLAGS, 'bin/profai.js']);
      assert.deepEqual(worker.args, ['worker']);
    });

    test("the worker's memory settings fit its container's limit, as the planner derives them", () => {
      const limitMb = mebibytesOf(worker.resources.limits.memory);
      const { concurrency, hardMemoryLimitMb, maxMemoryPerChildMb, childHeapMb } = workerConfig;
      const children = concurrency * hardMemoryLimitMb;
      const room = limitMb - PLAN_DEFAULTS.supervisorIdleMb - workerMargin(limitMb);
      assert.ok(hardMemoryLimitMb > 0, 'HARD_MEMORY_LIMIT_MB is on');
      assert.ok(children <= room, `${concurrency} × ${hardMemoryLimitMb} MB fit in ${room} MB`);
      assert.ok(room - children < concurrency + 2, 'and use what the container has (within rounding)');
      assert.ok(maxMemoryPerChildMb <= hardMemoryLimitMb);
      assert.equal(childHeapMb, Math.floor(hardMemoryLimitMb * 0.75));
      assert.equal(mebibytesOf(worker.resources.requests.memory), limitMb);
    });

    test('a worker pod gets longer than SHUTDOWN_GRACE_S to stop, so running jobs finish or go back', () => {
      const grace = find(objects, 'Deployment', 'profai-worker').spec.template.spec
        .terminationGracePeriodSeconds;
      assert.ok(
        grace >= workerConfig.shutdownGraceS + 10,
        `${grace} s ≥ SHUTDOWN_GRACE_S (${workerConfig.shutdownGraceS}) + 10 s to hand jobs back`,
      );
    });

    test('probes and the Service point at the API’s real routes and port', () => {
      const port = api.ports[0];
      for (const [probe, path] of [
        ['readinessProbe', '/health'],
        ['livenessProbe', '/health/live'],
      ] as const) {
        const get = api[probe]?.httpGet;
        assert.equal(get?.path, path, `${probe} on ${path}`);
        assert.ok(routes.hasRoute({ method: 'GET', url: get.path }), `GET ${get.path} is served`);
        assert.ok([port.name, port.containerPort].includes(get.port), `${probe} on the API's port`);
      }
      const service = find(objects, 'Service', 'profai-api');
      const podLabels = find(objects, 'Deployment', 'profai-api').spec.template.metadata.labels;
      for (const [k, v] of Object.entries(service.spec.selector)) assert.equal(podLabels[k], v);
      assert.equal(service.spec.ports[0].targetPort, port.name);
      for (const name of ['profai-api', 'profai-worker']) {
        const pdb = find(objects, 'PodDisruptionBudget', name);
        const labels = find(objects, 'Deployment', name).spec.template.metadata.labels;
        for (const [k, v] of Object.entries(pdb.spec.selector.matchLabels)) assert.equal(labels[k], v);
      }
    });

    test('KEDA scales the worker Deployment on the API’s backlog of the queues the workers serve', async () => {
      const scaled = find(objects, 'ScaledObject', 'profai-worker');
      const ns = scaled.metadata.namespace;
      assert.equal(scaled.spec.scaleTargetRef.name, 'profai-worker');
      // A replica count in the Deployment would undo the autoscaler's at every `kubectl apply`.
      assert.equal(find(objects, 'Deployment', 'profai-worker').spec.replicas, undefined);
      assert.ok(scaled.spec.minReplicaCount <= scaled.spec.maxReplicaCount);
      // A fixed fallback count would scale a busy fleet in while the API cannot answer; without one the count stays.
      assert.equal(scaled.spec.fallback, undefined);
      const [trigger, ...others] = scaled.spec.triggers;
      assert.equal(others.length, 0);
      assert.equal(trigger.type, 'metrics-api');
      assert.equal(trigger.metricType, 'AverageValue');
      // The metrics-api scaler's parameters (KEDA 2.13+): a misspelt one would be ignored silently.
      const allowed = [
        'url',
        'valueLocation',
        'targetValue',
        'activationTargetValue',
        'authMode',
        'unsafeSsl',
      ];
      assert.deepEqual(
        Object.keys(trigger.metadata).filter((k) => !allowed.includes(k)),
        [],
      );
      const url = new URL(trigger.metadata.url);
      const service = find(objects, 'Service', 'profai-api');
      assert.equal(
        url.hostname,
        `${service.metadata.name}.${ns}.svc.cluster.local`,
        'the Service, by its full name',
      );
      assert.equal(Number(url.port), service.spec.ports[0].port);
      assert.equal(url.pathname, QUEUE_DEPTH_PATH);
      assert.ok(routes.hasRoute({ method: 'GET', url: url.pathname }));
      const location = trigger.metadata.valueLocation;
      assert.ok((queueDepthSchema.required as readonly string[]).includes(location));
      assert.equal(
        (queueDepthSchema.properties as Record<string, { type: string }>)[location]?.type,
        'integer',
      );
      assert.equal(
        Number(trigger.metadata.targetValue),
        workerConfig.concurrency,
        'one pod per WORKER_CONCURRENCY jobs',
      );

      // The API counts (without ?queues=) every queue the workers take jobs from, under the workers' prefix:
      // asked of the real route, with the API's settings (Redis here instead of the cluster's).
      assert.equal(url.search, '');
      assert.equal(apiConfig.queuePrefix, workerConfig.queuePrefix);
      const fleet = openProfaiClient({ ...apiConfig, redisUrl: LOCAL_REDIS });
      const app = Fastify();
      app.addSchema(errorBodySchema);
      try {
        await app.register(queueRoutes, { deps: { fleet } as ApiContext });
        const res = await app.inject(`${url.pathname}${url.search}`);
        assert.equal(res.statusCode, 200, res.body);
        const counted = new Set(Object.keys(res.json().queues));
        // With a model, workers serving pdf_processing take the LLM stage's jobs too.
        const withModel = { ...workerConfig, llmBaseUrl: 'http://llm.example/v1' };
        for (const config of [workerConfig, withModel])
          assert.deepEqual(
            servedQueues(config).filter((q) => !counted.has(q)),
            [],
          );
      } finally {
        await app.close();
        await fleet.close();
      }

      // The bearer token is the API's own key.
      assert.equal(trigger.metadata.authMode, 'bearer');
      const auth = find(objects, 'TriggerAuthentication', trigger.authenticationRef.name);
      const apiKey = (api.env as EnvVar[]).find((e) => e.name === 'API_KEY')?.valueFrom?.secretKeyRef;
      assert.deepEqual(auth.spec.secretTargetRef, [
        { parameter: 'token', name: apiKey?.name, key: apiKey?.key },
      ]);
    });
  });
}

fleetChecks('deploy/kubernetes/base', () => kustomize(BASE));
fleetChecks('deploy/kubernetes/overlays/example', () => kustomize(EXAMPLE));

describe('the base and the example', () => {
  test("the base's workers are the production compose file's: same limits, same memory settings", async () => {
    const plan = planFleet(PRODUCTION_INPUTS);
    const worker = containerOf(await kustomize(BASE), 'profai-worker');
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
