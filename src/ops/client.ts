/**
 * Fleet clients for readers: the producers' client (fleet/queues.ts) on a fail-fast connection (see connect.ts).
 */
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import { type FleetClient, fleetClientOn } from '../fleet/queues.ts';
import { failFast, recordConnectionErrors } from './connect.ts';

/**
 * For a long-running reader (the API's /metrics and /dashboard): connects in the background, reconnects
 * every second or so, and never queues commands, so reads fail at once while Redis is down.
 */
export function openOpsClient(config: Config): FleetClient {
  const redis = new Redis(config.redisUrl, {
    ...failFast,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 1000),
  });
  // Surfaced as `redis.up: false` with the reason of the latest failure.
  recordConnectionErrors(redis);
  redis.connect().catch(() => {});
  return fleetClientOn(config, redis);
}
