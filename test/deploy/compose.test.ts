import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { SETTINGS } from '../../src/config.ts';
import { SUPERVISOR_NODE_FLAGS } from '../../src/fleet/pool/child-handle.ts';
import {
  COMPOSE_SERVICE_VARS,
  DOCUMENTS_MOUNT,
  renderCompose,
  UPLOAD_MOUNT,
} from '../../src/ops/plan/compose.ts';
import { planFleet } from '../../src/ops/plan/plan.ts';
import { PRODUCTION_COMMAND, PRODUCTION_INPUTS } from '../../src/ops/plan/production.ts';

const FILE = new URL('../../docker-compose-production.yml', import.meta.url);
const text = await readFile(FILE, 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  container_name?: string;
  command?: string[];
  entrypoint?: string[];
  cpus?: number;
  mem_limit?: string;
  environment?: Record<string, string>;
  env_file?: string;
  volumes?: string[];
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
}
// `merge: true` resolves the `<<: *anchor` keys as Docker Compose does.
const compose = parse(text, { merge: true }) as {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
};
const services = compose.services;
const workers = Object.entries(services).filter(([name]) => name.startsWith('worker-'));
/** The services running the ProfAI image: the API and the workers. */
const profai = Object.entries(services).filter(([, s]) => s.image === 'profai:latest');

const KNOWN_VARS = new Set<string>([...Object.values(SETTINGS).map((s) => s.env), ...COMPOSE_SERVICE_VARS]);

describe('docker-compose-production.yml', () => {
  test('is what the planner writes for the production inputs, byte for byte', () => {
    assert.equal(text, renderCompose(planFleet(PRODUCTION_INPUTS), PRODUCTION_COMMAND));
  });

  test('has redis, postgres, chroma, api and worker-1 … worker-5', () => {
    assert.deepEqual(Object.keys(services).sort(), [
      'api',
      'chroma',
      'postgres',
      'redis',
      'worker-1',
      'worker-2',
      'worker-3',
      'worker-4',
      'worker-5',
    ]);
  });

  test('the API: container profai-api, port 5001, 0.4 CPU / 1.2 GB', () => {
    const api = services.api!;
    assert.equal(api.container_name, 'profai-api');
    assert.deepEqual(api.command, ['api']);
    assert.deepEqual((api as { ports?: string[] }).ports, ['5001:5001']);
    assert.equal(api.environment?.PORT, '5001');
    assert.equal(api.cpus, 0.4);
    assert.equal(api.mem_limit, '1.2g');
  });

  test('workers: profai-worker-N with a unique WORKER_NUM=N, 0.3 CPU / 1.3 GB, `worker` command with the supervisor flags', () => {
    assert.equal(workers.length, 5);
    const nums = workers.map(([, w]) => w.environment?.WORKER_NUM);
    assert.equal(new Set(nums).size, workers.length);
    const names = workers.map(([, w]) => w.container_name);
    assert.equal(new Set(names).size, workers.length);
    for (const [name, w] of workers) {
      const n = name.slice('worker-'.length);
      assert.equal(w.container_name, `profai-worker-${n}`);
      assert.equal(w.environment?.WORKER_NUM, n);
      assert.deepEqual(w.command, ['worker']);
      assert.deepEqual(w.entrypoint, ['node', ...SUPERVISOR_NODE_FLAGS, 'bin/profai.js']);
      assert.equal(w.cpus, 0.3);
      assert.equal(w.mem_limit, '1.3g');
    }
  });

  test("workers' memory settings are derived from their 1.3 GB limit by the planner", () => {
    const plan = planFleet(PRODUCTION_INPUTS);
    const limitMb = 1.3 * 1024;
    for (const [, w] of workers) {
      const env = w.environment!;
      assert.equal(Number(env.HARD_MEMORY_LIMIT_MB), plan.limits.hardMemoryLimitMb);
      assert.equal(Number(env.MAX_MEMORY_PER_CHILD_MB), plan.limits.maxMemoryPerChildMb);
      assert.equal(Number(env.CHILD_HEAP_MB), plan.limits.childHeapMb);
      assert.equal(env.WORKER_CONCURRENCY, '1');
      // Below the container limit with room for the supervisor; soft below hard; heap below hard.
      assert.ok(Number(env.HARD_MEMORY_LIMIT_MB) + PRODUCTION_INPUTS.supervisorIdleMb < limitMb);
      assert.ok(Number(env.MAX_MEMORY_PER_CHILD_MB) < Number(env.HARD_MEMORY_LIMIT_MB));
      assert.ok(Number(env.CHILD_HEAP_MB) < Number(env.HARD_MEMORY_LIMIT_MB));
    }
  });

  test('API and workers share one upload volume, mounted at UPLOAD_DIR', () => {
    assert.ok('uploads' in compose.volumes);
    for (const [name, s] of profai) {
      assert.ok(s.volumes?.includes(`uploads:${UPLOAD_MOUNT}`), `${name} mounts the uploads volume`);
      assert.equal(s.environment?.UPLOAD_DIR, UPLOAD_MOUNT, name);
    }
    assert.equal(profai.length, 6);
  });

  test('API and workers share one documents volume (the kept PDFs), mounted at DOCUMENTS_DIR', () => {
    assert.ok('documents' in compose.volumes);
    for (const [name, s] of profai) {
      assert.ok(s.volumes?.includes(`documents:${DOCUMENTS_MOUNT}`), `${name} mounts the documents volume`);
      assert.equal(s.environment?.DOCUMENTS_DIR, DOCUMENTS_MOUNT, name);
    }
  });

  test('API and workers reach the services by name and wait for them to be healthy', () => {
    for (const [name, s] of profai) {
      assert.match(s.environment?.DATABASE_URL ?? '', /@postgres:5432\//, name);
      assert.equal(s.environment?.REDIS_URL, 'redis://redis:6379/0', name);
      assert.equal(s.environment?.CHROMA_URL, 'http://chroma:8000', name);
      assert.equal(s.env_file, '.env', name);
      for (const dep of ['redis', 'postgres']) {
        assert.equal(s.depends_on?.[dep]?.condition, 'service_healthy', `${name} → ${dep}`);
      }
      // Chroma runs only under its profile: nothing may wait for it.
      assert.equal(s.depends_on?.chroma, undefined, name);
    }
  });

  test('PostgreSQL ships pgvector (the default vector store); Chroma runs only under the chroma profile', () => {
    assert.equal(services.postgres!.image, 'pgvector/pgvector:pg15');
    assert.deepEqual(services.chroma!.profiles, ['chroma']);
    for (const [name, s] of Object.entries(services))
      if (name !== 'chroma') assert.equal(s.profiles, undefined, name);
    for (const [name, s] of profai)
      assert.equal(s.environment?.VECTOR_STORE, undefined, `${name}: the default`);
  });

  test('every service has a health check and a restart policy', () => {
    for (const [name, s] of Object.entries(services)) {
      assert.ok(Array.isArray(s.healthcheck?.test) && s.healthcheck.test.length > 1, `${name} healthcheck`);
      assert.ok(['unless-stopped', 'on-failure', 'always'].includes(s.restart ?? ''), `${name} restart`);
    }
    assert.deepEqual(services.api!.healthcheck!.test, ['CMD', 'node', 'docker/healthcheck.mjs', 'api']);
    assert.deepEqual(services['worker-3']!.healthcheck!.test, [
      'CMD',
      'node',
      'docker/healthcheck.mjs',
      'worker',
    ]);
  });

  test('stateful services keep their data on volumes', () => {
    assert.ok(services.postgres!.volumes?.includes('postgres-data:/var/lib/postgresql/data'));
    assert.ok(services.chroma!.volumes?.includes('chroma-data:/data'));
    assert.ok(services.redis!.volumes?.includes('redis-data:/data'));
    assert.ok(services.redis!.command?.includes('noeviction'));
  });

  test('every variable it sets or interpolates is a ProfAI setting or a known service variable', () => {
    const used = new Set<string>();
    for (const s of Object.values(services))
      for (const key of Object.keys(s.environment ?? {})) used.add(key);
    for (const m of text.matchAll(/\$\{([A-Z0-9_]+)/g)) used.add(m[1]!);
    assert.ok(used.has('WORKER_NUM') && used.has('POSTGRES_PASSWORD'));
    const unknown = [...used].filter((v) => !KNOWN_VARS.has(v));
    assert.deepEqual(unknown, []);
  });
});
