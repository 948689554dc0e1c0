/**
 * Full is an outage, not a bug. An upload volume that is full, a Redis at maxmemory under noeviction and object
 * storage that refuses writes each answer uploads 507 or 503 with Retry-After and a reason an operator can act
 * on, never a 500; /health is 503 and /metrics says which while it lasts; the request keeps none of its files;
 * and once there is room again, uploads are taken.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { after, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { makePdf, multipart } from '../support/api.ts';
import { REDIS_URL } from '../support/api-fixture.ts';
import { parseMetrics, squeezeRedis, startRedisServer, startTestApi } from '../support/ops.ts';
import { startS3 } from '../support/s3.ts';
import { startS3Gate } from '../support/s3-gate.ts';
import { mountSmallVolume } from '../support/small-volume.ts';

const prefix = () => `profai_full_${randomBytes(4).toString('hex')}`;

/** Every status an upload got, to check there was never a 500. */
const statuses: number[] = [];
after(() => assert.ok(!statuses.some((s) => s >= 500 && s !== 503 && s !== 507), `statuses: ${statuses}`));

async function upload(app: FastifyInstance, marker: string) {
  const { payload, headers } = multipart([
    { field: 'file', filename: `${marker}.pdf`, content: await makePdf(marker) },
  ]);
  const res = await app.inject({ method: 'POST', url: '/api/pdfs', payload, headers });
  statuses.push(res.statusCode);
  return res;
}

async function health(app: FastifyInstance) {
  const res = await app.inject('/health');
  return { status: res.statusCode, body: res.json() as Record<string, { ok: boolean; error?: string }> };
}

async function fullGauge(app: FastifyInstance, dependency: string) {
  const text = (await app.inject('/metrics')).body;
  return parseMetrics(text).get(`profai_dependency_full{dependency="${dependency}"}`);
}

describe('full is an outage', () => {
  test('a full upload volume: 507 storage_full, /health 503, no file left; room again: 202', async (t) => {
    const volume = mountSmallVolume(8);
    if (typeof volume === 'string') return t.skip(volume);
    const api = await startTestApi(loadConfig({ REDIS_URL, QUEUE_PREFIX: prefix() }), {
      uploadDir: volume.dir,
    });
    try {
      assert.equal((await health(api.app)).status, 200);
      await volume.fill();
      const refused = await upload(api.app, 'no room');
      assert.equal(refused.statusCode, 507);
      assert.equal(refused.headers['retry-after'], '60');
      assert.equal(refused.json().error, 'storage_full');
      assert.match(
        refused.json().message,
        /^upload storage is full \(ENOSPC: no space left on its volume\): free space/,
      );
      assert.deepEqual(await readdir(volume.dir), ['filler'], 'no upload, no temporary file');

      const during = await health(api.app);
      assert.equal(during.status, 503);
      assert.equal(during.body.storage?.ok, false);
      assert.match(during.body.storage?.error ?? '', /upload storage is full/);
      assert.equal(await fullGauge(api.app, 'storage'), 1);

      await volume.empty();
      assert.equal((await health(api.app)).status, 200, 'the probe write finds room again');
      assert.equal((await upload(api.app, 'room again')).statusCode, 202);
      assert.equal(await fullGauge(api.app, 'storage'), 0);
    } finally {
      await api.close();
      volume.unmount();
    }
  });

  test('Redis at maxmemory (noeviction): 503 redis_full, /health 503, no file left; raised: 202', async () => {
    const redis = await startRedisServer();
    const admin = new Redis(redis.url);
    const api = await startTestApi(loadConfig({ REDIS_URL: redis.url, QUEUE_PREFIX: prefix() }));
    try {
      assert.equal((await health(api.app)).status, 200);
      assert.equal(await fullGauge(api.app, 'redis'), 0);
      await squeezeRedis(admin);

      const refused = await upload(api.app, 'redis full');
      assert.equal(refused.statusCode, 503);
      assert.equal(refused.headers['retry-after'], '60');
      assert.equal(refused.json().error, 'redis_full');
      assert.match(refused.json().message, /^Redis refuses writes: maxmemory reached .*raise its maxmemory/);
      assert.deepEqual(await readdir(api.deps.config.uploadDir), [], 'the refused upload keeps no file');

      const during = await health(api.app);
      assert.equal(during.status, 503);
      assert.match(
        during.body.redis?.error ?? '',
        /Redis refuses writes: maxmemory reached \(.* MB used of .* MB, noeviction\)/,
      );
      assert.equal(await fullGauge(api.app, 'redis'), 1);

      await admin.config('SET', 'maxmemory', '0');
      assert.equal((await health(api.app)).status, 200);
      assert.equal((await upload(api.app, 'redis room')).statusCode, 202);
    } finally {
      await api.close();
      admin.disconnect();
      await redis.stop();
    }
  });

  test('object storage that refuses writes (MinIO: 507 XMinioStorageFull): 507, /health 503; again: 202', async () => {
    const s3 = await startS3();
    const gate = await startS3Gate(s3.endpoint);
    Object.assign(process.env, s3.awsEnv, { AWS_ENDPOINT_URL_S3: gate.endpoint });
    const config = loadConfig({
      REDIS_URL,
      QUEUE_PREFIX: prefix(),
      ...s3.env('full'),
      AWS_ENDPOINT_URL_S3: gate.endpoint,
    });
    const api = await startTestApi(config);
    try {
      assert.equal((await health(api.app)).status, 200);
      gate.refuseWrites = true;
      const refused = await upload(api.app, 's3 full');
      assert.equal(refused.statusCode, 507);
      assert.equal(refused.headers['retry-after'], '60');
      assert.match(
        refused.json().message,
        /^object storage refuses writes \(XMinioStorageFull \(HTTP 507\).*\): free space or raise the bucket's quota/,
      );
      const during = await health(api.app);
      assert.equal(during.status, 503);
      assert.match(during.body.storage?.error ?? '', /object storage refuses writes/);
      assert.equal(await fullGauge(api.app, 'storage'), 1);
      gate.refuseWrites = false;
      assert.equal((await health(api.app)).status, 200);
      assert.equal((await upload(api.app, 's3 room')).statusCode, 202);
    } finally {
      await api.close();
      await gate.close();
      await s3.remove();
    }
  });
});
