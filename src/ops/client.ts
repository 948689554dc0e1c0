/**
 * Fleet clients for readers: BullMQ queues on a fail-fast connection (see connect.ts).
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config.ts';
import type { FleetClient } from '../fleet/queues.ts';
import { failFast, recordConnectionErrors } from './connect.ts';

/** Built-in queues, watched even before any job or worker used them. */
const BUILT_IN_QUEUES = ['pdf_processing', 'quiz_generation'];

/** A {@link FleetClient} on an already-made connection (queues opened on first use, closed with it). */
export function fleetClientOn(config: Config, redis: Redis): FleetClient {
  const queues = new Map<string, Queue>();
  return {
    config,
    redis,
    queue(name) {
      let q = queues.get(name);
      if (!q) {
        q = new Queue(name, { connection: redis, prefix: config.queuePrefix });
        q.on('error', () => {});
        queues.set(name, q);
      }
      return q;
    },
    queueNames: () => [...new Set([...BUILT_IN_QUEUES, ...config.queues, ...queues.keys()])].sort(),
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close().catch(() => {})));
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

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
