/**
 * The HTTP API (`profai api`): {@link buildApi} wires routes onto already-open services (tests use it
 * with real ones); {@link startApi} opens those services from the configuration and listens.
 */

import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Config, settingsNotices } from '../config.ts';
import { openStorage } from '../files/index.ts';
import { failFastRedis, memoryInfo, readyWithin } from '../fleet/redis.ts';
import { openPostgresInBackground, openVectorStoreOnUse } from '../store/background.ts';
import { countActiveUsers } from '../store/index.ts';
import { openProfaiClient } from '../tasks/client.ts';
import { installAudit } from './audit.ts';
import { auditSweep } from './audit-sweep.ts';
import { Authenticator, installAuth } from './auth.ts';
import { authFailureLimit } from './auth-limit.ts';
import { installAuthorization, isPublicRequest } from './authorize.ts';
import { Capacity } from './capacity.ts';
import type { ApiContext, ApiDeps } from './deps.ts';
import {
  DatabaseUrlRequiredError,
  installErrorHandlers,
  MAX_PARAM_LENGTH,
  replyWithError,
} from './errors.ts';
import { installFiniteCheck } from './finite.ts';
import { FallbackCounters, installRateLimits } from './rate-limit.ts';
import { accessRoutes } from './routes/access.ts';
import { appRoutes } from './routes/app.ts';
import { auditRoutes } from './routes/audit.ts';
import { courseDeleteRoutes } from './routes/course-delete.ts';
import { courseRoutes } from './routes/courses.ts';
import { dashboardRoutes } from './routes/dashboard.ts';
import { documentRoutes } from './routes/documents.ts';
import { exportRoutes } from './routes/exports.ts';
import { healthRoutes } from './routes/health.ts';
import { jobRoutes } from './routes/jobs.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { pdfRoutes } from './routes/pdfs.ts';
import { queueRoutes } from './routes/queues.ts';
import { quizRoutes } from './routes/quizzes.ts';
import { reviewRoutes } from './routes/review.ts';
import { checkSecureDefault } from './secure-default.ts';
import { trustConnectionPeer } from './trusted-proxy.ts';
import { MULTIPART_LIMITS } from './upload.ts';
import { uploadSweep } from './upload-sweep.ts';

export type { ApiDeps } from './deps.ts';

/** How long `startApi` waits for the database before it listens anyway (answering 503 until it is there). */
const READY_WAIT_MS = 5000;

/**
 * Builds the Fastify app on open services; does not listen. The caller closes `deps` (the file stores too, when
 * it gave them; those opened here close with the app).
 */
export async function buildApi(given: ApiDeps): Promise<FastifyInstance> {
  const { config } = given;
  const storage = given.storage ?? (await openStorage(config));
  const redisInfo = given.redisInfo ?? (() => memoryInfo(given.fleet.redis));
  const deps: ApiContext = { ...given, storage, capacity: new Capacity(storage, redisInfo) };

  const app = Fastify({
    logger: { level: config.logLevel, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    // Unknown body keys are a 400, not silently dropped (Fastify's default removes them).
    ajv: { customOptions: { removeAdditional: false } },
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    // request.ip from X-Forwarded-For only when the connection comes from a proxy named in TRUST_PROXY, and only
    // the entry that proxy appended (trusted-proxy.ts).
    ...(config.trustProxy.length > 0 ? { trustProxy: trustConnectionPeer(config.trustProxy) } : {}),
    // The router's own refusals (a badly encoded URL, an overlong id) answer like every other error.
    frameworkErrors: replyWithError,
  });
  if (!given.storage) app.addHook('onClose', () => storage.close());
  installErrorHandlers(app);
  // One Redis connection for every limit: the wrong keys' (in authentication) and the requests' (after it).
  const limited =
    config.requestsPerMinute > 0 || config.uploadsPerMinute > 0 || config.authFailuresPerMinute > 0;
  const limitsRedis = limited ? (given.rateLimitRedis ?? failFastRedis(config)) : null;
  if (limitsRedis && !given.rateLimitRedis)
    app.addHook('onClose', () => limitsRedis.quit().catch(() => limitsRedis.disconnect()));
  const counters = limitsRedis && new FallbackCounters(limitsRedis, (m) => app.log.warn(m));
  installAuth(
    app,
    new Authenticator(config, deps.db),
    isPublicRequest,
    counters && authFailureLimit(config, counters),
  );
  installAuthorization(app, deps.db);
  installFiniteCheck(app);
  installAudit(app, deps.db);

  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: {
      ...MULTIPART_LIMITS,
      fileSize: Math.floor(config.maxUploadMb * 1024 * 1024),
      files: config.maxFilesPerUpload,
      parts: config.maxFilesPerUpload + MULTIPART_LIMITS.fields,
    },
  });
  await registerOpenApi(app);
  if (counters) await installRateLimits(app, config, counters);

  await app.register(healthRoutes, { deps });
  await app.register(accessRoutes, { deps });
  await app.register(pdfRoutes, { deps });
  await app.register(jobRoutes, { deps });
  await app.register(courseRoutes, { deps });
  await app.register(courseDeleteRoutes, { deps });
  await app.register(quizRoutes, { deps });
  await app.register(metricsRoutes, { deps });
  await app.register(queueRoutes, { deps });
  await app.register(dashboardRoutes, { deps });
  await app.register(exportRoutes, { deps });
  await app.register(documentRoutes, { deps });
  await app.register(reviewRoutes, { deps });
  await app.register(auditRoutes, { deps });
  await app.register(appRoutes, { deps });
  await app.register(uploadSweep, { deps });
  await app.register(auditSweep, { deps });
  return app;
}

/** OpenAPI document at `/openapi.json`, docs page at `/docs` (both public: they describe, never show data). */
async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ProfAI API',
        version: '0.1.0',
        description: [
          'Upload PDFs, follow their jobs, read the courses and quizzes made from them.',
          'Every 4xx/5xx body is `{ error, message }`.',
          '`POST /api/pdfs` answers 202 when it queued at least one job, 200 when every file already had a course.',
          'Every route but `/health`, `/docs`, `/openapi.json` and the pages needs a key, `Authorization: Bearer KEY`',
          "or `X-API-Key: KEY`: a user's (`profai users add NAME --role teacher|operator|admin`) or API_KEY (an admin).",
          'Each operation says which roles may call it (`x-roles`) and, for one course, what access it needs;',
          'a course the caller cannot see answers 404. Only with no credential configured at all, on loopback,',
          'is no key needed (see docs/access.md).',
        ].join(' '),
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
        },
      },
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/** A listening API and how to stop it. */
export interface RunningApi {
  url: string;
  close(): Promise<void>;
}

/**
 * Listens on HOST:PORT at once, while the database and vector store connect in the background (an API started
 * during a database outage answers 503 until it is over), with the queues and a Redis connection for health.
 * Everything opened is closed again if a later step fails, and by `close()`. Settings that are likely not what
 * the deployment means (`settingsNotices` of `env`, the environment `config` was read from) are logged once.
 * @throws DatabaseUrlRequiredError without DATABASE_URL.
 */
export async function startApi(
  config: Config,
  env: Record<string, string | undefined> = process.env,
): Promise<RunningApi> {
  if (!config.databaseUrl) throw new DatabaseUrlRequiredError();
  const closers: (() => Promise<unknown>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
    closers.length = 0;
  };
  try {
    let waitedFor = '';
    const db = openPostgresInBackground(config.databaseUrl, {
      maxDelayMs: config.dependencyRetryMaxS * 1000,
      // One line per reason, not one per try.
      onRetry: (reason) => {
        if (reason !== waitedFor) process.stderr.write(`profai api: waiting for the database (${reason})\n`);
        waitedFor = reason;
      },
    });
    closers.push(() => db.close());
    // A database that answers is ready before the first request; one that does not is waited for behind 503s.
    await Promise.race([db.ready, new Promise((r) => setTimeout(r, READY_WAIT_MS).unref())]);
    // Listening beyond loopback needs a credential: API_KEY, or a user in the database (asked only then).
    await checkSecureDefault(config, () => countActiveUsers(db));
    const vectors = openVectorStoreOnUse(config, db);
    closers.push(() => vectors.close());
    const fleet = openProfaiClient(config);
    closers.push(() => fleet.close());
    const redis = failFastRedis(config);
    closers.push(() => redis.quit());
    const redisPing = async () => {
      // Just started: the connection is on its way, and a fail-fast one queues nothing meanwhile. Wait for it
      // briefly rather than call Redis down in the first second (a probe right after "listening" saw 503).
      await readyWithin(redis, 1000);
      await redis.ping();
    };
    const redisInfo = () => memoryInfo(redis);
    const storage = await openStorage(config);
    closers.push(() => storage.close());
    const app = await buildApi({ config, db, vectors, fleet, redisPing, redisInfo, storage });
    closers.push(() => app.close());
    for (const notice of settingsNotices(env)) app.log.warn(notice);
    const url = await app.listen({ port: config.port, host: config.host });
    return { url, close: closeAll };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
