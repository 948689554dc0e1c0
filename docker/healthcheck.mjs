#!/usr/bin/env node
// Container health check without curl (node:24-slim has none): `node docker/healthcheck.mjs [api|worker]`.
//   api:    GET http://127.0.0.1:$PORT/health answers 200 (Redis, database and vectors all answer).
//   worker: this container's worker (worker{WORKER_NUM}@{hostname}) has a live heartbeat in Redis.
// Without a role it passes when either holds, so the image's default HEALTHCHECK fits both commands.
// Exit 0 = healthy, 1 = not (the reason on stderr, which `docker inspect` shows).
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';

// The image has only dist/. From a checkout, run it with `node --import tsx` to use src/ (dist/ may be stale).
const underTsx = process.execArgv.some((a) => a.includes('tsx'));
const compiled = !underTsx && existsSync(new URL('../dist/config.js', import.meta.url));
const load = (path) =>
  import(new URL(`../${compiled ? 'dist' : 'src'}/${path}.${compiled ? 'js' : 'ts'}`, import.meta.url).href);
const { loadConfig } = await load('config');
const config = loadConfig();
const TIMEOUT_MS = 5000;

async function apiHealthy() {
  const res = await fetch(`http://127.0.0.1:${config.port}/health`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (res.status !== 200) throw new Error(`GET /health answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
}

async function workerHealthy() {
  const [{ Redis }, { readHeartbeats }] = await Promise.all([import('ioredis'), load('fleet/heartbeat')]);
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: TIMEOUT_MS });
  redis.on('error', () => {});
  try {
    await redis.connect();
    const name = `worker${config.workerNum}@${hostname()}`;
    const beats = await readHeartbeats(redis, config.queuePrefix, config.heartbeatS);
    if (!beats.some((hb) => hb.name === name)) throw new Error(`no live heartbeat from ${name}`);
  } finally {
    redis.disconnect();
  }
}

const role = process.argv[2];
const checks = role === 'api' ? [apiHealthy] : role === 'worker' ? [workerHealthy] : [apiHealthy, workerHealthy];
const reasons = [];
for (const check of checks) {
  try {
    await check();
    process.exit(0);
  } catch (err) {
    reasons.push(err instanceof Error ? err.message : String(err));
  }
}
process.stderr.write(`unhealthy: ${reasons.join('; ')}\n`);
process.exit(1);
