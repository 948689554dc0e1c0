/**
 * The production compose file, generated from a {@link Plan} so the limits in it and the settings derived
 * from them never drift apart. `profai plan --production --compose FILE` writes the committed
 * docker-compose-production.yml; a test regenerates it and compares byte for byte.
 */
import { SUPERVISOR_NODE_FLAGS } from '../../fleet/pool/child-handle.ts';
import type { Plan } from './plan.ts';
import { formatCpus, formatDockerSize, formatSize } from './units.ts';

/** Variables the compose file uses that are not ProfAI settings (they configure the service images). */
export const COMPOSE_SERVICE_VARS = ['POSTGRES_PASSWORD', 'POSTGRES_USER', 'POSTGRES_DB'] as const;

/**
 * Images of the services ProfAI talks to. PostgreSQL 15 with pgvector (the official image plus the extension),
 * so the chunk vectors get a `vector` column (VECTOR_STORE=postgres, the default). Chroma 1.3 matches the
 * chromadb 3.5 client (binding ^1.3.4); it runs only under the `chroma` profile.
 */
export const SERVICE_IMAGES = {
  redis: 'redis:7',
  postgres: 'pgvector/pgvector:pg15',
  chroma: 'chromadb/chroma:1.3.5',
} as const;

/** Where uploads live inside the containers (a volume shared by the API and every worker). */
export const UPLOAD_MOUNT = '/data/uploads';
/** Where the original PDFs of the courses are kept (a volume shared the same way: workers write, the API reads). */
export const DOCUMENTS_MOUNT = '/data/documents';

const q = (value: string | number) => JSON.stringify(String(value));
/** Compose interpolation from .env; `:?` stops `docker compose` with this message when it is unset. */
const PASSWORD = `\${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD in .env}`;
/** The API's credential: compose stops with this message when it is unset, before the API would refuse to start. */
const API_KEY = `\${API_KEY:?set API_KEY in .env - make one with openssl rand -hex 32 - see docs/access.md}`;

function header(plan: Plan, command: string): string[] {
  const { host } = plan.inputs;
  return [
    `# ProfAI production fleet: API, Redis, PostgreSQL (with pgvector: the chunk vectors live there) and`,
    `# ${plan.workers} workers, sized for a host of ${formatCpus(host.cpus)} CPU / ${formatSize(host.memoryMb)}. See docs/deployment.md; Chroma runs only`,
    '# under the `chroma` profile (docs/vectors.md).',
    '#',
    '# GENERATED: do not edit by hand. Change the inputs (src/ops/plan/production.ts, or the flags of',
    '# `profai plan`) and regenerate with',
    `#   ${command}`,
    '# (a test checks that the committed file is what the generator writes).',
    '#',
    `# Each worker: ${plan.concurrency} child, ${formatCpus(plan.worker.cpus)} CPU / ${formatDockerSize(plan.worker.memoryMb)}; its memory settings come from that limit:`,
    `#   MAX_MEMORY_PER_CHILD_MB=${plan.limits.maxMemoryPerChildMb} (p95 job peak × 1.25: a child above it after a task is replaced)`,
    `#   HARD_MEMORY_LIMIT_MB=${plan.limits.hardMemoryLimitMb} (limit − supervisor − margin: a child above it mid-task is killed)`,
    `#   CHILD_HEAP_MB=${plan.limits.childHeapMb} (V8 heap cap, 75% of the hard limit)`,
    `# Expected throughput: about ${plan.pdfsPerHour} PDFs/hour (${plan.inputs.jobsSource}).`,
    '#',
    '# Redis keeps an append-only file (fsync every second) on a volume: queued jobs survive a Redis or host',
    '# restart (without it, every waiting upload would be lost); `noeviction` because BullMQ must never lose keys.',
    '#',
    '# The API listens on every address of its container, so it needs a credential (it refuses to start without):',
    '# API_KEY, one admin key; add a key per person later with `docker compose exec api profai users add NAME',
    '# --role teacher` (docs/access.md).',
    '#',
    '# Usage: cp .env.example .env (set POSTGRES_PASSWORD, and API_KEY=<the output of `openssl rand -hex 32`>), then',
    '#   docker compose -f docker-compose-production.yml up -d --build',
  ];
}

function anchors(plan: Plan): string[] {
  const { limits } = plan;
  return [
    'x-profai-env: &profai-env',
    `  DATABASE_URL: postgres://profai:${PASSWORD}@postgres:5432/profai`,
    '  REDIS_URL: redis://redis:6379/0',
    '  CHROMA_URL: http://chroma:8000',
    `  UPLOAD_DIR: ${UPLOAD_MOUNT}`,
    `  DOCUMENTS_DIR: ${DOCUMENTS_MOUNT}`,
    '',
    'x-worker-env: &worker-env',
    '  <<: *profai-env',
    `  WORKER_CONCURRENCY: ${q(plan.concurrency)}`,
    `  MAX_MEMORY_PER_CHILD_MB: ${q(limits.maxMemoryPerChildMb)}`,
    `  HARD_MEMORY_LIMIT_MB: ${q(limits.hardMemoryLimitMb)}`,
    `  CHILD_HEAP_MB: ${q(limits.childHeapMb)}`,
    '',
    '# What the API and the workers share: one image, .env, the upload and document volumes, healthy services first.',
    'x-profai: &profai',
    '  image: profai:latest',
    '  build: .',
    '  init: true',
    '  env_file: .env',
    '  restart: unless-stopped',
    '  volumes:',
    `    - uploads:${UPLOAD_MOUNT}`,
    `    - documents:${DOCUMENTS_MOUNT}`,
    '  depends_on:',
    ...['redis', 'postgres'].flatMap((s) => [`    ${s}:`, '      condition: service_healthy']),
    '',
    'x-worker: &worker',
    '  <<: *profai',
    "  # The supervisor's Node flags (see SUPERVISOR_NODE_FLAGS in src/fleet/pool/child-handle.ts); children drop them.",
    `  entrypoint: ${JSON.stringify(['node', ...SUPERVISOR_NODE_FLAGS, 'bin/profai.js']).replaceAll(',', ', ')}`,
    '  command: ["worker"]',
    `  cpus: ${formatCpus(plan.worker.cpus)}`,
    `  mem_limit: ${formatDockerSize(plan.worker.memoryMb)}`,
    `  memswap_limit: ${formatDockerSize(plan.worker.memoryMb)}`,
    '  # SHUTDOWN_GRACE_S (30 s) for running tasks to finish, plus time to hand the rest back to the queue.',
    '  stop_grace_period: 45s',
    ...healthcheck('["CMD", "node", "docker/healthcheck.mjs", "worker"]', '60s'),
  ];
}

function healthcheck(test: string, startPeriod: string, indent = '  '): string[] {
  return [
    `${indent}healthcheck:`,
    `${indent}  test: ${test}`,
    `${indent}  interval: 30s`,
    `${indent}  timeout: 10s`,
    `${indent}  retries: 3`,
    `${indent}  start_period: ${startPeriod}`,
  ];
}

function services(plan: Plan): string[] {
  const s = '    ';
  const chromaProbe =
    'exec 3<>/dev/tcp/127.0.0.1/8000 && printf \'GET /api/v2/heartbeat HTTP/1.0\\r\\n\\r\\n\' >&3 && head -n 1 <&3 | grep -q " 200"';
  const workers = Array.from({ length: plan.workers }, (_, i) => i + 1).flatMap((n) => [
    '',
    `  worker-${n}:`,
    `${s}<<: *worker`,
    `${s}container_name: profai-worker-${n}`,
    `${s}environment:`,
    `${s}  <<: *worker-env`,
    `${s}  WORKER_NUM: ${q(n)}`,
  ]);
  return [
    'services:',
    '  redis:',
    `${s}image: ${SERVICE_IMAGES.redis}`,
    `${s}command: ["redis-server", "--appendonly", "yes", "--appendfsync", "everysec", "--save", "", "--maxmemory-policy", "noeviction"]`,
    `${s}restart: unless-stopped`,
    `${s}volumes:`,
    `${s}  - redis-data:/data`,
    ...healthcheck('["CMD-SHELL", "redis-cli ping | grep -q PONG"]', '10s', s),
    '',
    '  postgres:',
    `${s}image: ${SERVICE_IMAGES.postgres}`,
    `${s}restart: unless-stopped`,
    `${s}environment:`,
    `${s}  POSTGRES_USER: profai`,
    `${s}  POSTGRES_DB: profai`,
    `${s}  POSTGRES_PASSWORD: ${PASSWORD}`,
    `${s}volumes:`,
    `${s}  - postgres-data:/var/lib/postgresql/data`,
    ...healthcheck('["CMD-SHELL", "pg_isready -U profai -d profai"]', '30s', s),
    '',
    '  # Only for VECTOR_STORE=chroma, or to move its vectors: `docker compose --profile chroma up -d chroma`,',
    '  # then `profai vectors import-chroma` (docs/vectors.md).',
    '  chroma:',
    `${s}image: ${SERVICE_IMAGES.chroma}`,
    `${s}profiles: ["chroma"]`,
    `${s}restart: unless-stopped`,
    `${s}volumes:`,
    `${s}  - chroma-data:/data`,
    `${s}# The Chroma image has bash but no curl: ask /api/v2/heartbeat over bash's /dev/tcp.`,
    ...healthcheck(`["CMD", "bash", "-c", ${JSON.stringify(chromaProbe)}]`, '30s', s),
    '',
    '  api:',
    `${s}<<: *profai`,
    `${s}container_name: profai-api`,
    `${s}command: ["api"]`,
    `${s}ports:`,
    `${s}  - "5001:5001"`,
    `${s}environment:`,
    `${s}  <<: *profai-env`,
    `${s}  PORT: "5001"`,
    `${s}  HOST: "0.0.0.0"`,
    `${s}  API_KEY: ${API_KEY}`,
    `${s}cpus: ${formatCpus(plan.api.cpus)}`,
    `${s}mem_limit: ${formatDockerSize(plan.api.memoryMb)}`,
    `${s}memswap_limit: ${formatDockerSize(plan.api.memoryMb)}`,
    ...healthcheck('["CMD", "node", "docker/healthcheck.mjs", "api"]', '30s', s),
    ...workers,
  ];
}

/**
 * The compose file of `plan`, as text. `command` is the command line quoted in its header as the way to
 * regenerate it.
 */
export function renderCompose(plan: Plan, command: string): string {
  const lines = [
    ...header(plan, command),
    '',
    'name: profai',
    '',
    ...anchors(plan),
    '',
    ...services(plan),
    '',
    'volumes:',
    '  uploads:',
    '  documents:',
    '  redis-data:',
    '  postgres-data:',
    '  chroma-data:',
  ];
  return `${lines.join('\n')}\n`;
}
