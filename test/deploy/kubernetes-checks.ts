/**
 * The checks every kustomization of ProfAI must pass, as one `describe` of tests (used by kubernetes.test.ts and
 * kubernetes-plan.test.ts): rendered by the real `kubectl kustomize`, each object valid for the Kubernetes and
 * KEDA schemas and without unknown fields, then held to what a cluster would only show at run time: limits on
 * every container, the required Secret, settings the settings table accepts, memory settings that fit the
 * container, a grace period past SHUTDOWN_GRACE_S, probes and the KEDA metric on routes the API really serves,
 * one queue prefix for the API and the workers. No cluster is reachable here: nothing is applied.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { ApiContext } from '../../src/api/deps.ts';
import { errorBodySchema } from '../../src/api/errors.ts';
import { healthRoutes } from '../../src/api/routes/health.ts';
import { QUEUE_DEPTH_PATH, queueDepthSchema, queueRoutes } from '../../src/api/routes/queues.ts';
import { type Config, loadConfig, SETTINGS } from '../../src/config.ts';
import { SUPERVISOR_NODE_FLAGS } from '../../src/fleet/pool/child-handle.ts';
import { AWS_SDK_VARS, KUBERNETES_EXAMPLE } from '../../src/ops/plan/kubernetes.ts';
import { workerMargin } from '../../src/ops/plan/plan.ts';
import { PLAN_DEFAULTS } from '../../src/ops/plan/production.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { servedQueues } from '../../src/tasks/worker.ts';
import { find, type K8sObject, schemaProblems } from '../support/kubernetes.ts';
import { unknownFields } from '../support/kubernetes-strict.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BASE = join(ROOT, 'deploy/kubernetes/base');
export const EXAMPLE = join(ROOT, KUBERNETES_EXAMPLE.dir);
const SECRET = 'profai-secrets';
export const LOCAL_REDIS = 'redis://127.0.0.1:6379/0';

// biome-ignore lint/suspicious/noExplicitAny: container specs are read field by field.
type Container = any;
export interface EnvVar {
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

export const containerOf = (objects: K8sObject[], deployment: string) =>
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
export function fleetChecks(label: string, render: () => Promise<K8sObject[]>) {
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

    test('the API believes the ingress in front of it: TRUST_PROXY names the pod network', () => {
      assert.ok(apiConfig.trustProxy.length > 0, 'without it every client has the ingress’s address');
      assert.ok(
        apiConfig.trustProxy.some((range) => /^(uniquelocal|10\.|172\.|192\.168\.)/.test(range)),
        `${apiConfig.trustProxy.join(',')} holds a private range`,
      );
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
