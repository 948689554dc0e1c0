/**
 * `GET /health`: Redis, database, vector store and file storage, each probed in parallel with a time limit, so
 * the answer comes within about {@link PROBE_TIMEOUT_MS} even when a service hangs. 200 when all answer and Redis
 * and the storage take writes (capacity.ts), 503 naming what failed otherwise. `GET /health/live`: 200 whenever the
 * API answers at all, whatever its dependencies do (a liveness probe: an outage must not restart the API). Both
 * public even when API_KEY is set.
 */
import type { FastifyInstance } from 'fastify';
import { describeError, ProfaiError } from '../../domain/errors.ts';
import { redisFullMessage, storageFullMessage } from '../capacity.ts';
import type { ApiContext } from '../deps.ts';

/** Longest a single probe may take before it counts as failed. */
export const PROBE_TIMEOUT_MS = 2000;

export interface ProbeResult {
  ok: boolean;
  kind?: string;
  error?: string;
  ms: number;
}

/** Runs `probe`, failing it after `timeoutMs`; never rejects. */
export async function runProbe(
  probe: () => Promise<unknown>,
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ProbeResult> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([probe(), timeout]);
    return { ok: true, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return { ok: false, error: describeError(err), ms: Math.round(performance.now() - start) };
  } finally {
    clearTimeout(timer);
  }
}

const partSchema = {
  type: 'object',
  required: ['ok'],
  properties: {
    ok: { type: 'boolean' },
    kind: {
      type: 'string',
      description:
        'database: postgres or pglite; vectors: postgres (VECTOR_STORE=postgres, in the database) or chroma; storage: folder or s3.',
    },
    error: { type: 'string', description: 'Why the probe failed.' },
    ms: { type: 'integer', description: 'Probe time in milliseconds.' },
    freeMb: { type: 'integer', description: "storage in a folder: free space on the uploads' volume, MB." },
  },
} as const;

const healthSchema = {
  type: 'object',
  required: ['status', 'redis', 'database', 'vectors'],
  properties: {
    status: { type: 'string', enum: ['ok', 'unavailable'] },
    message: { type: 'string', description: 'What failed, in one line (503 only).' },
    redis: partSchema,
    database: partSchema,
    vectors: partSchema,
    storage: partSchema,
  },
} as const;

export async function healthRoutes(app: FastifyInstance, opts: { deps: ApiContext }): Promise<void> {
  app.get(
    '/health/live',
    {
      schema: {
        summary: 'The API process answers (liveness); says nothing of Redis, the database or the storage',
        tags: ['health'],
        response: {
          200: {
            type: 'object',
            required: ['status'],
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
        },
      },
    },
    async (_request, reply) => reply.header('cache-control', 'no-store').send({ status: 'ok' }),
  );
  const { db, vectors, redisPing, storage, capacity } = opts.deps;
  // Answering is not enough: Redis at maxmemory and a full store answer, and refuse every upload.
  const redisTakesWrites = async () => {
    await redisPing();
    const refusal = await capacity.redisRefusal();
    if (refusal) throw new ProfaiError('redis_full', redisFullMessage(refusal));
  };
  const storageTakesWrites = async () => {
    await storage.uploads.ping();
    const refusal = await capacity.storageRefusal();
    if (refusal) throw new ProfaiError('storage_full', storageFullMessage(refusal));
  };
  app.get(
    '/health',
    {
      schema: {
        summary: 'Health of Redis, the database, the vector store and the file storage',
        tags: ['health'],
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      const [redis, database, vectorStore, files, free] = await Promise.all([
        runProbe(redisTakesWrites),
        runProbe(() => db.query('select 1')),
        runProbe(() => vectors.ping()),
        runProbe(storageTakesWrites),
        storage.uploads.freeBytes().catch(() => null),
      ]);
      const parts = {
        redis,
        database: { ...database, kind: db.kind },
        vectors: { ...vectorStore, kind: vectors.kind },
        storage: {
          ...files,
          kind: storage.kind,
          ...(free === null ? {} : { freeMb: Math.floor(free / 2 ** 20) }),
        },
      };
      const failed = Object.entries(parts).filter(([, p]) => !p.ok);
      if (failed.length === 0) return { status: 'ok', ...parts };
      const message = failed.map(([name, p]) => `${name}: ${p.error}`).join('; ');
      return reply.code(503).send({ status: 'unavailable', message, ...parts });
    },
  );
}
