/** What the API is built from: opened by `startApi`, or by a test against real services. */

import type { Config } from '../config.ts';
import type { Storage } from '../files/index.ts';
import type { FleetClient } from '../fleet/queues.ts';
import type { RedisClient as Redis } from '../redis-keys.ts';
import type { Database, VectorStore } from '../store/types.ts';
import type { Capacity } from './capacity.ts';

export interface ApiDeps {
  config: Config;
  db: Database;
  vectors: VectorStore;
  fleet: FleetClient;
  /** Uploads and kept PDFs. @defaultValue opened from `config` by `buildApi`, and closed with the app */
  storage?: Storage;
  /** Resolves when Redis answers PING; rejects otherwise (health check). */
  redisPing(): Promise<void>;
  /** Redis's `INFO` section (whether it refuses writes for want of memory). @defaultValue asked on the fleet's connection */
  redisInfo?(section: 'memory'): Promise<string>;
  /**
   * Where the rate limits count (src/api/rate-limit.ts).
   * @defaultValue a fail-fast connection to REDIS_URL (src/fleet/redis.ts), opened by `buildApi` and closed with the app
   */
  rateLimitRedis?: Redis;
  /** Longest a queue call may take while answering a request (then 503). @defaultValue 5000 */
  queueTimeoutMs?: number;
  /** Where the request log (pino JSON lines, LOG_LEVEL) goes. @defaultValue standard output */
  logStream?: { write(line: string): unknown };
}

/** {@link ApiDeps} as the routes see them: with the file stores open, and what says whether they are full. */
export type ApiContext = ApiDeps & { storage: Storage; capacity: Capacity };
