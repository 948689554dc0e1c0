/**
 * The CLI's one-shot connection for looking at the fleet (this file loads ioredis only, so a command can say
 * "cannot reach Redis" before it pays for loading BullMQ); see src/fleet/redis.ts for the kinds of connection.
 */

import { Cluster } from 'ioredis';
import type { RedisSettings } from '../config.ts';
import {
  connectionReason,
  createRedis,
  FAIL_FAST,
  type RedisClient,
  recordConnectionErrors,
} from '../fleet/redis.ts';
import { withTimeout } from '../lib/time.ts';
import { RedisUnreachableError } from './errors.ts';

/**
 * Connects once, for a CLI command (fleet/queues.ts's `fleetClientOn` then adds the queues): rejects with
 * {@link RedisUnreachableError} within about `connectTimeoutMs` when Redis does not answer; no retries. With `reconnect`, a connection that later
 * drops is retried every second or so (for `--watch`).
 * @param opts.connectTimeoutMs - @defaultValue 2000
 * @param opts.reconnect - @defaultValue false
 */
export async function connectOps(
  config: RedisSettings,
  opts: { connectTimeoutMs?: number; reconnect?: boolean } = {},
): Promise<RedisClient> {
  const timeoutMs = opts.connectTimeoutMs ?? 2000;
  const redis = createRedis(config, {
    ...FAIL_FAST,
    connectTimeout: timeoutMs,
    // A server that accepted the connection but never answers would keep the half-closed socket (and
    // this process) alive for ioredis's default 2 s after disconnect().
    disconnectTimeout: 100,
    retryStrategy: () => null,
  });
  // The socket's error (ECONNREFUSED) comes as an event; connect() then only says "Connection is closed".
  let socketError: unknown;
  redis.on('error', (err) => {
    socketError ??= err;
  });
  try {
    await withTimeout(
      redis.connect().then(() => redis.ping()),
      timeoutMs + 500,
      () => Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' }),
    );
  } catch (err) {
    redis.disconnect();
    throw new RedisUnreachableError(config, connectionReason(socketError ?? err), socketError ?? err);
  }
  if (opts.reconnect) {
    const retry = (times: number) => Math.min(times * 250, 1000);
    if (redis instanceof Cluster) redis.options.clusterRetryStrategy = retry;
    else redis.options.retryStrategy = retry;
    recordConnectionErrors(redis);
  }
  return redis;
}
