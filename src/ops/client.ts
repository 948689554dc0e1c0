/** Fleet clients for long-running readers (the API's /metrics and /dashboard): on a fail-fast connection. */

import type { Config } from '../config.ts';
import type { FleetClient } from '../fleet/queues.ts';
import { failFastRedis } from '../fleet/redis.ts';
import { profaiClientOn } from '../tasks/client.ts';

/** Reads fail at once while Redis is down (surfaced as `redis.up: false` with the latest reason). */
export function openOpsClient(config: Config): FleetClient {
  return profaiClientOn(config, failFastRedis(config.redisUrl));
}
